/**
 * Tab 7, Cohorts, on a hand-made subscriptions table (period January to June 2024).
 * Month-end MRR per account, worked out by hand (start ≤ last day < end, trials skipped):
 *            Nov23 Dec23  Jan  Feb  Mar  Apr  May  Jun
 *   A          100   100  100  100  150  150  100  100   cohort 2023-11 (before the period: not shown)
 *   B            –     –  200  200    0    0   80   80   cohort 2024-01
 *   E            –     –   70    0    –    –    –    –   cohort 2024-01
 *   C            –     –    –  300  300  120  120  120   cohort 2024-02
 *   D            –     –    –    –    –    –    –   40   cohort 2024-06 (its March subscription never reaches a month-end)
 * Cohort 2024-01 (B+E): MRR 270, 200, 0, 0, 80, 80 → shares 1, 20/27, 0, 0, 8/27, 8/27; logos 2, 1, 0, 0, 1, 1 → 1, ½, 0, 0, ½, ½.
 * Cohort 2024-02 (C): 300, 300, 120, 120, 120 → 1, 1, 0.4, 0.4, 0.4; logos all 1.
 * Cohort 2024-06 (D): 40 → 1.
 */
import type { RawTable, ReportModel } from '../../core/src/data/model';
import { buildReportModel } from '../../core/src/data/report-model';
import { TAB_BUILDERS } from '../../core/src/reports';
import { COHORTS_KEY, HEATMAP, buildCohorts } from '../../core/src/reports/cohorts';
import { FORMATS } from '../../core/src/reports/tab-model';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { fieldCaseF12, sevenAccounts } from './fixtures';
import { cellAt, evaluate, formulaCells, rowOf, sameValue } from './helpers';
import { monthlyCaseSubscriptions } from '../data/fixtures';

// The hand-made month-by-month case (month-end table in tests/data/fixtures.ts).
const SUBSCRIPTIONS: RawTable = monthlyCaseSubscriptions();

const model = (): ReportModel => ({
  ...buildReportModel({ subscriptions: SUBSCRIPTIONS }, { from: '2024-01-01', to: '2024-07-01' }),
  currency: '$',
});

/** The values a block shows in its cohort rows: expected for formulas, the value otherwise ('' when empty). */
function block(tab: TabDescription, firstRow: number, count: number): (string | number | null | boolean)[][] {
  return tab.rows.slice(firstRow, firstRow + count).map((r) =>
    Array.from({ length: 8 }, (_, c) => {
      const cell = r[c];
      if (!cell) return '';
      return (cell.formula !== undefined ? cell.expected : cell.value) ?? '';
    }),
  );
}

/** 0-based rows of the column header rows ("Cohort" in column A). */
const headerRows = (tab: TabDescription) => tab.rows.flatMap((r, i) => (r[0]?.value === 'Cohort' && r[0]?.style === 'header' ? [i] : []));

/** 0-based first cohort row of the block under a section heading. */
function firstCohortRow(tab: TabDescription, section: string): number {
  const s = rowOf(tab, section);
  expect(tab.rows[s][0]?.style).toBe('section');
  let r = s + 1;
  while (!/^\d{4}-\d{2}$/.test(String(tab.rows[r][0]?.value ?? ''))) {
    expect(tab.rows[r][0]?.style).toBe('note');
    r++;
  }
  return r;
}

describe('Cohorts (hand-made subscriptions, January to June 2024)', () => {
  const m = model();
  const tab = buildCohorts(m);
  const mrrShare = firstCohortRow(tab, 'MRR retention by cohort');
  const logoShare = firstCohortRow(tab, 'Logo retention by cohort');
  const mrrValues = firstCohortRow(tab, 'Cohort month-end MRR');
  const logoValues = firstCohortRow(tab, 'Cohort accounts with MRR');

  it('is listed in TAB_BUILDERS right after MRR Movements', () => {
    const keys = TAB_BUILDERS.map((b) => b.key);
    expect(keys.indexOf(COHORTS_KEY)).toBe(keys.indexOf('mrr-movements') + 1);
  });

  it('has one frozen column header over four blocks, in the order heatmaps then values', () => {
    expect(headerRows(tab)).toEqual([4]);
    expect(tab.frozenRows).toBe(5);
    expect(tab.frozenColumns).toBe(1);
    expect(tab.rows[4].map((c) => c?.value)).toEqual(['Cohort', 'Accounts', 'Month 0', 'Month 1', 'Month 2', 'Month 3', 'Month 4', 'Month 5']);
    expect(tab.columnWidths).toHaveLength(8);
    expect(mrrShare).toBeLessThan(logoShare);
    expect(logoShare).toBeLessThan(mrrValues);
    expect(mrrValues).toBeLessThan(logoValues);
  });

  it('shows only the cohorts whose first month is in the period, and says so', () => {
    const cohorts = tab.rows.slice(mrrShare, mrrShare + 3).map((r) => [r[0]?.value, r[1]?.value]);
    expect(cohorts).toEqual([
      ['2024-01', 2],
      ['2024-02', 1],
      ['2024-06', 1],
    ]);
    expect(tab.rows[mrrShare + 3]).toEqual([]);
    const notes = tab.rows.slice(5, mrrShare).map((r) => r[0]?.value).join(' ');
    expect(notes).toMatch(/Shown: the 3 cohorts whose first month falls within the period \(2024-01 to 2024-06\)/);
    expect(notes).toMatch(/1 account of an earlier cohort is not shown\./);
  });

  it('holds the hand-computed cohort month-end MRR and active accounts as values', () => {
    expect(block(tab, mrrValues, 3)).toEqual([
      ['2024-01', 2, 270, 200, 0, 0, 80, 80],
      ['2024-02', 1, 300, 300, 120, 120, 120, ''],
      ['2024-06', 1, 40, '', '', '', '', ''],
    ]);
    expect(block(tab, logoValues, 3)).toEqual([
      ['2024-01', 2, 2, 1, 0, 0, 1, 1],
      ['2024-02', 1, 1, 1, 1, 1, 1, ''],
      ['2024-06', 1, 1, '', '', '', '', ''],
    ]);
    expect(cellAt(tab, `C${mrrValues + 1}`)?.format).toBe(FORMATS.currency);
    expect(cellAt(tab, `C${logoValues + 1}`)?.format).toBe(FORMATS.integer);
  });

  it('writes the MRR retention heatmap as shares of the first month, as formulas over the values block', () => {
    const v = mrrValues + 1; // 1-based row of the 2024-01 cohort's values
    expect(cellAt(tab, `D${mrrShare + 1}`)).toEqual({ formula: `IF($C${v}=0,"",D${v}/$C${v})`, expected: 200 / 270, format: FORMATS.percent });
    const shares = block(tab, mrrShare, 3).map((r) => r.slice(2));
    const close = (got: unknown[], want: unknown[]) => {
      expect(got).toHaveLength(want.length);
      got.forEach((g, i) => (typeof want[i] === 'number' ? expect(g).toBeCloseTo(want[i] as number, 12) : expect(g).toBe(want[i])));
    };
    close(shares[0], [1, 20 / 27, 0, 0, 8 / 27, 8 / 27]);
    close(shares[1], [1, 1, 0.4, 0.4, 0.4, '']);
    close(shares[2], [1, '', '', '', '', '']);
  });

  it('writes the logo-retention twin as active accounts / cohort accounts, as formulas', () => {
    const v = logoValues + 1;
    expect(cellAt(tab, `E${logoShare + 1}`)).toEqual({ formula: `IF($B${v}=0,"",E${v}/$B${v})`, expected: 0, format: FORMATS.percent });
    expect(block(tab, logoShare, 3).map((r) => r.slice(2))).toEqual([
      [1, 0.5, 0, 0, 0.5, 0.5],
      [1, 1, 1, 1, 1, ''],
      [1, '', '', '', '', ''],
    ]);
  });

  it('colours both heatmaps with a red-yellow-green scale over months 1 on (month 0 is always 100%)', () => {
    expect(tab.conditionalFormats).toEqual([
      { kind: 'colorScale', range: `D${mrrShare + 1}:H${mrrShare + 3}`, ...HEATMAP },
      { kind: 'colorScale', range: `D${logoShare + 1}:H${logoShare + 3}`, ...HEATMAP },
    ]);
  });

  it('computes every formula to its expected figure (HyperFormula, with and without array arithmetic)', () => {
    for (const arrayArithmetic of [true, false]) {
      const value = evaluate([tab], { arrayArithmetic });
      const cells = formulaCells([tab]);
      expect(cells).toHaveLength(2 * (6 + 5 + 1));
      const wrong = cells.filter(({ row, col, cell }) => !sameValue(value(tab, row, col), cell.expected));
      expect(wrong).toEqual([]);
    }
  });

  it('ends with the month-end definition', () => {
    const last = tab.rows.slice(rowOf(tab, '2024-06') + 1).map((r) => r[0]?.value).join(' ');
    expect(last).toMatch(/Σ MRR of the non-trial subscriptions active on its last day/);
  });
});

describe('Cohorts without month-by-month data', () => {
  it.each([
    ['seven accounts', sevenAccounts()],
    ['F12', fieldCaseF12()],
  ])('%s: a header row and a note, no formulas, no colour scale', (_n, m) => {
    const tab = buildCohorts(m);
    expect(headerRows(tab)).toHaveLength(1);
    expect(tab.frozenRows).toBe(headerRows(tab)[0] + 1);
    expect(formulaCells([tab])).toEqual([]);
    expect(tab.conditionalFormats).toEqual([]);
    expect(headerRows(tab)).toEqual([4]);
    expect(tab.rows[5][0]?.value).toMatch(/^No month of this period ends inside it/);
  });
});
