/**
 * Success Plan – account on a small hand-made data set read through the real loader
 * (figures worked out by hand from the CSV text below).
 */
import { InputError } from '../../core/src/errors';
import { buildAllTabs, buildSuccessPlan } from '../../core/src/reports';
import { legalTabName } from '../../core/src/reports/tab-names';
import type { Cell, TabDescription } from '../../core/src/reports/tab-model';
import { evaluate, formulaCells, rowOf, sameValue } from './helpers';
import { F20_NAME, handModel, INJECTION, LONG_NAME } from './account-fixtures';

/** Excel serials: 2024-12-31 = 45657 (2025-01-01 = 45658). */
const SERIAL = { '2024-12-01': 45627, '2024-12-31': 45657, '2025-01-30': 45687, '2025-02-15': 45703 } as const;

// The data set (tests/reports/account-fixtures.ts), for A-1: 100,000 ARR on 10 seats, then from 2024-07-01
// 150,000 on 15 seats; tickets in 2024 scored 5, 4, 2 (the 2 escalated) → mean 11/3;
// health over 2024-10-03..2024-12-31: adoption 100, support 0, satisfaction 0, stability 95 → 48.75.

const value = (c: Cell | null | undefined) => (c?.formula !== undefined ? c.expected : c?.value ?? null);

describe('Success Plan – account (hand-made data, calendar 2024)', () => {
  const model = handModel();
  const tab = buildSuccessPlan(model, 'A-1');
  const data = buildAllTabs(model).find((t) => t.key === 'data')!;

  it('is named and keyed for the account, with the shared title block and a frozen header row', () => {
    expect(tab.name).toBe('Success Plan - Acme Corp');
    expect(tab.key).toBe('success-plan-a-1');
    expect(tab.rows[0][0]).toEqual({ value: 'Success Plan – Acme Corp', style: 'title' });
    expect(tab.rows[1][0]?.value).toBe('As of 2024-12-31 (period from 2024-01-01 to 2025-01-01, 12 months)');
    for (const c of tab.rows[tab.frozenRows - 1].filter((x) => x)) expect(c?.style).toBe('header');
  });

  it('is pre-filled from the data: ARR (Data tab), tier, health, renewal date', () => {
    const strip = tab.rows[tab.frozenRows].map(value);
    expect(strip).toEqual(['Acme Corp', 'A-1', 'Enterprise', 'High Touch', 'Alice', 150_000, 48.75, SERIAL['2025-02-15']]);
    const dataRow = data.rows.findIndex((r) => r[0]?.value === 'A-1');
    expect(tab.rows[tab.frozenRows][5]?.formula).toBe(`{{sheet:data}}!$H$${dataRow + 1}`);
    expect(tab.rows[tab.frozenRows][7]?.format).toBe('yyyy-mm-dd');
    expect(value(tab.rows[rowOf(tab, 'As-of date')][1])).toBe(SERIAL['2024-12-31']);
  });

  it('has the four sections with objective, owner, due date and status rows', () => {
    const sections = tab.rows.filter((r) => r[0]?.style === 'section').map((r) => r[0]?.value);
    expect(sections).toEqual([
      'Define: agree on success criteria',
      'Deliver: implementation and onboarding',
      'Demonstrate: prove value with metrics',
      'Develop: expand usage and outcomes',
      'Value metrics',
    ]);
    const renewal = tab.rows[rowOf(tab, 'Renewal plan ahead of 2025-02-15')];
    // Due 90 days before the renewal, but at least 30 days after the as-of date: 2025-01-30.
    expect(renewal.slice(0, 5).map(value)).toEqual(['Renewal plan ahead of 2025-02-15', 'Alice', SERIAL['2025-01-30'], 'Not started', 'Renewal signed']);
    expect(rowOf(tab, 'Recovery plan for Red health: Support, Satisfaction')).toBeGreaterThan(0);
    expect(rowOf(tab, 'Roll out to all 15 licensed seats')).toBeGreaterThan(0);
    // A year ahead from the ARR at the as-of date: 150,000 × 1.15 (Enterprise band low end).
    expect(rowOf(tab, 'Grow ARR to 172,500 (segment NRR target)')).toBeGreaterThan(0);
  });

  it('makes every status a dropdown of Not started / On track / At risk / Done', () => {
    expect(tab.dropdowns).toHaveLength(4);
    for (const d of tab.dropdowns) {
      expect(d.options).toEqual(['Not started', 'On track', 'At risk', 'Done']);
      expect(d.range).toMatch(/^D\d+:D\d+$/);
    }
  });

  it('highlights overdue rows that are not Done, against the as-of date cell (portable, no TODAY)', () => {
    const overdue = tab.conditionalFormats.filter((c) => c.kind === 'formula');
    expect(overdue).toHaveLength(4);
    const asOf = rowOf(tab, 'As-of date') + 1;
    const f = overdue[0];
    if (f.kind !== 'formula') throw new Error('unreachable');
    const first = Number(/^A(\d+):E\d+$/.exec(f.range)![1]);
    expect(f.formula).toBe(`AND($C${first}<>"",$C${first}<$B$${asOf},$D${first}<>"Done")`);
    expect(f.formula).not.toMatch(/TODAY|NOW/);

    // Evaluate the rule on the range's first row: due 2024-12-01 (before the as-of date) and not Done.
    const probe = (due: number | null, status: string): unknown => {
      const rows = tab.rows.map((r) => [...r]);
      rows[first - 1][2] = { value: due };
      rows[first - 1][3] = { value: status };
      rows[first - 1][9] = { formula: f.formula, expected: null };
      const t: TabDescription = { ...tab, rows };
      return evaluate([t, data], { arrayArithmetic: false })(t, first - 1, 9);
    };
    expect(probe(SERIAL['2024-12-01'], 'On track')).toBe(true);
    expect(probe(SERIAL['2024-12-01'], 'Not started')).toBe(true);
    expect(probe(SERIAL['2024-12-01'], 'Done')).toBe(false);
    expect(probe(SERIAL['2024-12-31'], 'At risk')).toBe(false); // due on the as-of date: not yet overdue
    expect(probe(SERIAL['2025-01-30'], 'At risk')).toBe(false);
    expect(probe(null, 'At risk')).toBe(false);
    // As generated, every due date lies after the as-of date: nothing is highlighted.
    expect(probe(value(tab.rows[first - 1][2]) as number, 'Not started')).toBe(false);
  });

  it('shows value metrics with baseline / target / actual and a status', () => {
    const m = (label: string) => tab.rows[rowOf(tab, label)].slice(1, 5).map(value);
    expect(m('ARR (from the Data tab)')).toEqual([100_000, 115_000, 150_000, 'Met']);
    expect(m('Seats')).toEqual([10, null, 15, 'Set a target']);
    expect(m('Health score (0–100)')).toEqual([null, 70, 48.75, 'Behind']);
    expect(m('CSAT mean (of 5), tickets in the period')).toEqual([null, 4, 11 / 3, 'Behind']);
  });

  it('never aims below the baseline: an SMB account (NRR band from 95%) keeps its ARR', () => {
    const smb = buildSuccessPlan(model, 'A-2');
    const m = (label: string) => smb.rows[rowOf(smb, label)].slice(1, 5).map(value);
    // 20,000 at the start; 95% of it would be a plan to shrink.
    expect(m('ARR (from the Data tab)')).toEqual([20_000, 20_000, 20_000, 'Met']);
    expect(rowOf(smb, 'Keep ARR at 20,000 (no contraction or churn)')).toBeGreaterThan(0);
    expect(() => rowOf(smb, 'Grow ARR to 19,000 (segment NRR target)')).toThrow();
  });

  it('writes formulas a spreadsheet computes to core’s figures (HyperFormula)', () => {
    const ev = evaluate([tab, data], { arrayArithmetic: false });
    const cells = formulaCells([tab]);
    expect(cells.length).toBeGreaterThanOrEqual(6);
    const wrong = cells.map(({ row, col, cell }) => ({ row, col, formula: cell.formula, expected: cell.expected, got: ev(tab, row, col) })).filter((x) => !sameValue(x.got, x.expected));
    expect(wrong).toEqual([]);
  });

  it('rejects an unknown id', () => {
    expect(() => buildSuccessPlan(model, 'A-xyz')).toThrow(InputError);
    expect(() => buildSuccessPlan(model, 'A-xyz')).toThrow('--qbr A-xyz: no account with that id');
  });

  it('names the tab by the tab-name rules (F20) and keeps a formula-looking name as text (F22)', () => {
    const f20 = buildSuccessPlan(model, 'A-3');
    expect(f20.name).toBe(legalTabName(`Success Plan - ${F20_NAME}`));
    expect(f20.name).toBe('Success Plan - 101 - 7-30AM - A');
    const long = buildSuccessPlan(model, 'A-4');
    expect(long.name).toBe('Success Plan - Northwind Trader');
    const inj = buildSuccessPlan(model, 'A-2');
    const cells = inj.rows.flat().filter((c) => c?.value === INJECTION);
    expect(cells).toHaveLength(1);
    expect(cells[0]?.formula).toBeUndefined();
  });
});
