/**
 * QBR – account and the per-account wiring of buildAllTabs, on a small hand-made data set read
 * through the real loader. Every figure below is worked out by hand from the CSV text.
 */
import { InputError } from '../../core/src/errors';
import { buildAllTabs, buildQbr } from '../../core/src/reports';
import { legalTabName } from '../../core/src/reports/tab-names';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { formulaCells, rowOf } from './helpers';
import { F20_NAME, figure, handModel, INJECTION, LONG_NAME, nonPortable, wrongFormulas } from './account-fixtures';

describe('QBR – account (hand-made data, calendar 2024)', () => {
  const model = handModel();
  const tab = buildQbr(model, 'A-1');
  const data = buildAllTabs(model).find((t) => t.key === 'data')!;

  it('is named and keyed for the account, with the shared title block', () => {
    expect(tab.name).toBe('QBR - Acme Corp');
    expect(tab.key).toBe('qbr-a-1');
    expect(tab.rows[0][0]).toEqual({ value: 'QBR – Acme Corp', style: 'title' });
    expect(tab.rows[1][0]?.value).toBe('As of 2024-12-31 (period from 2024-01-01 to 2025-01-01, 12 months)');
    const headerRow = tab.rows[tab.frozenRows - 1].filter((c) => c);
    expect(headerRow.length).toBeGreaterThan(1);
    for (const c of headerRow) expect(c?.style).toBe('header');
    expect(tab.print).toEqual({ landscape: true });
  });

  it('leads with value delivered: the first section is the value metrics, ARR and success criteria', () => {
    const sections = tab.rows.filter((r) => r[0]?.style === 'section').map((r) => r[0]?.value);
    expect(sections[0]).toBe('1. Value delivered');
    expect(sections).toEqual([
      '1. Value delivered',
      '2. Health and its components',
      '3. Customer voice (ticket scores from 2024-01-01 to 2024-12-31)',
      '4. Adoption and support load by month',
      '5. Support load (period)',
      '6. Risks',
      '7. Expansion signals',
      '8. Next quarter plan (2025-01-01 to 2025-03-31): fill in',
    ]);
  });

  it('shows value metrics baseline → current against target with a status', () => {
    const r = (label: string) => tab.rows[rowOf(tab, label)].slice(1, 5).map((c) => (c?.formula !== undefined ? c.expected : c?.value ?? null));
    // ARR 100,000 → 150,000; target 100,000 × 1.15 (Enterprise NRR band low end) = 115,000 → Met.
    expect(r('ARR')).toEqual([100_000, 150_000, 115_000, 'Met']);
    expect(r('Seats')).toEqual([10, 15, null, 'Set a target']);
    // Uses: Jan 15 + Feb 4 + Mar 0 = 19 over 3 months; Oct 0 + Nov 20 + Dec 40 = 60 over 3.
    expect(r('Feature uses per month')[0]).toBeCloseTo(19 / 3, 12);
    expect(r('Feature uses per month')[1]).toBe(20);
    // Tickets: Jan 1 + Feb 1 = 2 over 3; Nov 1 + Dec 1 = 2 over 3.
    expect(r('Tickets per month')).toEqual([2 / 3, 2 / 3, null, 'Set a target']);
    // CSAT 5, 4, 2 → mean 11/3 < 4.0, no baseline → Behind.
    expect(r('CSAT mean (of 5)')).toEqual([null, 11 / 3, 4, 'Behind']);
    // Health (100 + 0 + 0 + 95) / 4 = 48.75 < 70 → Behind.
    expect(r('Health score')).toEqual([null, 48.75, 70, 'Behind']);
    // Targets are editable inputs.
    expect(tab.rows[rowOf(tab, 'ARR')][3]?.style).toBe('input');
  });

  it('takes ARR at D0 and D1 from the account’s Data tab row, with the change as formulas', () => {
    const row = tab.rows[rowOf(tab, 'ARR (from the Data tab)')];
    const dataRow = data.rows.findIndex((r) => r[0]?.value === 'A-1');
    expect(row[1]?.formula).toBe(`{{sheet:data}}!$G$${dataRow + 1}`);
    expect(row[2]?.formula).toBe(`{{sheet:data}}!$H$${dataRow + 1}`);
    expect(row.slice(1, 5).map((c) => c?.expected)).toEqual([100_000, 150_000, 50_000, 0.5]);
  });

  it('shows the health components derived over the last 90 days, and the composite', () => {
    // Window 2024-10-03..2024-12-31. Adoption: 3 features (reports, api, export), the most of any → 100.
    // Support: (3 for the escalated T-3 + 1 for T-4) / 15 seats, the highest → 0. Satisfaction: T-3 scored 2 → 0.
    // Stability: 1 − 3 errors / 60 uses → 95.
    expect(figure(tab, 'Adoption')).toBe(100);
    expect(figure(tab, 'Support')).toBe(0);
    expect(figure(tab, 'Satisfaction')).toBe(0);
    expect(figure(tab, 'Stability')).toBeCloseTo(95, 12);
    expect(figure(tab, 'Support', 3)).toBe('Red');
    expect(figure(tab, 'Health score (weighted)')).toBeCloseTo(48.75, 12);
    expect(figure(tab, 'Health score (weighted)', 3)).toBe('Red');
  });

  it('shows CSAT from the period’s tickets and says there are no NPS answers', () => {
    expect(tab.rows[rowOf(tab, 'Responses (count by score)')].slice(1, 7).map((c) => (c?.formula ? c.expected : c?.value))).toEqual([0, 1, 0, 1, 1, 3]);
    expect(figure(tab, 'CSAT (share answering 4 or 5)')).toBeCloseTo(2 / 3, 12);
    expect(figure(tab, 'Mean CSAT (of 5)')).toBeCloseTo(11 / 3, 12);
    expect(figure(tab, 'Mean CSAT (of 5)', 2)).toBe('Below');
    expect(figure(tab, 'NPS')).toBe('No NPS answers in the period');
  });

  it('tabulates adoption and support by month with a line chart of feature uses', () => {
    const jan = rowOf(tab, '2024-01');
    const months = tab.rows.slice(jan, jan + 12).map((r) => r.slice(0, 6).map((c) => c?.value));
    expect(months.map((m) => m[0])).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
    expect(months[0]).toEqual(['2024-01', 15, 2, 1, 1, 0]);
    expect(months[1]).toEqual(['2024-02', 4, 1, 0, 1, 1]);
    expect(months[10]).toEqual(['2024-11', 20, 1, 2, 1, 1]);
    expect(months[11]).toEqual(['2024-12', 40, 2, 1, 1, 0]);
    const period = tab.rows[rowOf(tab, 'Period')].slice(1, 6).map((c) => (c?.formula ? c.expected : c?.value));
    expect(period).toEqual([79, 3, 4, 4, 2]);
    expect(tab.charts).toHaveLength(1);
    expect(tab.charts[0].kind).toBe('line');
    expect(tab.charts[0].categories).toBe(`A${jan + 1}:A${jan + 12}`);
  });

  it('shows support load, risks and expansion signals', () => {
    expect(figure(tab, 'Tickets')).toBe(4);
    expect(figure(tab, 'Escalated tickets')).toBe(2);
    expect(figure(tab, 'Escalation rate')).toBe(0.5);
    expect(figure(tab, 'Tickets per month (period)')).toBeCloseTo(4 / 12, 12);
    expect(figure(tab, 'Tickets per seat')).toBeCloseTo(4 / 15, 12);
    const flag = (label: string) => [figure(tab, label), figure(tab, label, 2)];
    expect(flag('Health band')).toEqual(['Red', 'Risk']);
    expect(flag('Red health components')).toEqual([2, 'Risk']);
    expect(figure(tab, 'Red health components', 3)).toBe('Support, Satisfaction');
    expect(flag('Escalations, last 90 days')).toEqual([1, 'Risk']);
    expect(flag('ARR change in the period')).toEqual([50_000, 'OK']);
    expect(flag('Days to renewal (from as-of date)')).toEqual([46, 'Risk']); // 2024-12-31 → 2025-02-15
    expect(flag('Seats at 2024-01-01')[0]).toBe(10);
    expect(flag('Seats at 2025-01-01')[0]).toBe(15);
    expect(flag('Seat growth')).toEqual([0.5, 'Signal']);
    expect(flag('Plan upgrades in the period')).toEqual([1, 'Signal']);
    expect(flag('ARR expansion')).toEqual([50_000, 'Signal']);
    expect(figure(tab, 'Usage trend')).toBeCloseTo(60 / 19 - 1, 12);
  });

  it('ends with a next-quarter plan of editable rows with a status dropdown', () => {
    const header = rowOf(tab, 'Action');
    expect(tab.rows[header + 1].every((c) => c?.style === 'input')).toBe(true);
    expect(tab.dropdowns).toContainEqual({ range: `D${header + 2}:D${header + 6}`, options: ['Not started', 'On track', 'At risk', 'Done'] });
    const criteria = rowOf(tab, 'Success criterion (agreed with the customer)');
    expect(tab.rows[criteria + 1][0]?.style).toBe('input');
  });

  it('writes formulas a spreadsheet computes to core’s figures (HyperFormula), portable, array arithmetic only in SUMPRODUCT', () => {
    const tabs = [tab, data];
    expect(formulaCells([tab]).length).toBeGreaterThan(40);
    for (const { cell } of formulaCells([tab])) expect(cell.expected).not.toBeUndefined();
    expect(wrongFormulas(tabs, true)).toEqual([]);
    expect(wrongFormulas(tabs, false)).toEqual([]);
    expect(nonPortable(tabs)).toEqual([]);
  });

  it('shows "not available" health for an account with no events and no health columns', () => {
    const a4 = buildQbr(model, 'A-4');
    expect(figure(a4, 'Health score (weighted)')).toBe('');
    expect(figure(a4, 'Health score (weighted)', 3)).toBe('');
    expect(a4.rows.some((r) => String(r[0]?.value ?? '').startsWith('Health: not available'))).toBe(true);
    expect(wrongFormulas([a4, data])).toEqual([]);
  });
});

describe('per-account tabs in buildAllTabs', () => {
  const model = handModel();

  it('adds a QBR and a Success Plan per id, after Cohorts and before Definitions; ids match case-insensitively', () => {
    const plain = buildAllTabs(model).map((t) => t.key);
    const keys = buildAllTabs(model, { qbrAccountIds: ['a-1', ' A-2 ', 'A-1'] }).map((t) => t.key);
    const at = plain.indexOf('definitions');
    expect(keys).toEqual([...plain.slice(0, at), 'qbr-a-1', 'success-plan-a-1', 'qbr-a-2', 'success-plan-a-2', ...plain.slice(at)]);
    if (plain.includes('cohorts')) expect(keys[keys.indexOf('qbr-a-1') - 1]).toBe('cohorts');
  });

  it('rejects an unknown id with a clear InputError, before building anything', () => {
    expect(() => buildAllTabs(model, { qbrAccountIds: ['A-1', 'A-xyz'] })).toThrow(InputError);
    expect(() => buildAllTabs(model, { qbrAccountIds: ['A-xyz'] })).toThrow('--qbr A-xyz: no account with that id');
  });

  it('names tabs from the account name by the tab-name rules (F20)', () => {
    const f20 = buildQbr(model, 'A-3');
    expect(f20.name).toBe('QBR - 101 - 7-30AM - Acme 1');
    const long = buildQbr(model, 'A-4');
    expect(long.name).toBe(legalTabName(`QBR - ${LONG_NAME}`));
    expect(long.name.length).toBeLessThanOrEqual(31);
    expect(long.name).toBe('QBR - Northwind Traders Interna');
    for (const t of buildAllTabs(model, { qbrAccountIds: ['A-3', 'A-4'] })) {
      expect(t.name.length).toBeLessThanOrEqual(31);
      expect(t.name).not.toMatch(/[\\/?*[\]:]|^'|'$/);
    }
  });

  it('keeps a formula-looking account name as text (F22)', () => {
    const tab = buildQbr(model, 'A-2');
    const cells = tab.rows.flat().filter((c) => c?.value === INJECTION);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c?.formula).toBeUndefined();
    expect(tab.rows[0][0]?.value).toBe(`QBR – ${INJECTION}`);
    expect(tab.name).toBe(legalTabName(`QBR - ${INJECTION}`));
  });
});
