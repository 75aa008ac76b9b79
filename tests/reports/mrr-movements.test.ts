/**
 * Tab 6, MRR Movements, on a hand-made subscriptions table whose month-end MRR was worked out
 * by hand (period January to June 2024):
 *            Dec23  Jan  Feb  Mar  Apr  May  Jun
 *   A          100  100  100  150  150  100  100
 *   B            –  200  200    0    0   80   80
 *   C            –    –  300  300  120  120  120
 *   D            –    –    –    –    –    –   40
 *   E            –   70    0    –    –    –    –
 *   ending     100  370  600  450  270  300  340
 * Period: starting 100, new 610, expansion 50, contraction 230, churn 270, reactivation 80, ending 340.
 */
import type { RawTable, ReportModel } from '../../core/src/data/model';
import { buildReportModel } from '../../core/src/data/report-model';
import { TAB_BUILDERS } from '../../core/src/reports';
import { MRR_MOVEMENTS_KEY, buildMrrMovements } from '../../core/src/reports/mrr-movements';
import { FORMATS } from '../../core/src/reports/tab-model';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { fieldCaseF12, sevenAccounts } from './fixtures';
import { cellAt, evaluate, formulaCells, rowOf, sameValue } from './helpers';
import { monthlyCaseSubscriptions } from '../data/fixtures';

// The hand-made month-by-month case (month-end table in tests/data/fixtures.ts).
const SUBSCRIPTIONS: RawTable = monthlyCaseSubscriptions();

// Month, starting, new, expansion, contraction, churn, reactivation, ending: by hand.
const BY_HAND: [string, number, number, number, number, number, number, number][] = [
  ['2024-01', 100, 270, 0, 0, 0, 0, 370],
  ['2024-02', 370, 300, 0, 0, 70, 0, 600],
  ['2024-03', 600, 0, 50, 0, 200, 0, 450],
  ['2024-04', 450, 0, 0, 180, 0, 0, 270],
  ['2024-05', 270, 0, 0, 50, 0, 80, 300],
  ['2024-06', 300, 40, 0, 0, 0, 0, 340],
];

/** The hand-made table through core's data layer; amounts are reported in dollars. */
const model = (): ReportModel => ({
  ...buildReportModel({ subscriptions: SUBSCRIPTIONS }, { from: '2024-01-01', to: '2024-07-01' }),
  currency: '$',
});

/** Computed value of every formula cell of one tab (HyperFormula), with where it is. */
function recalc(tab: TabDescription, arrayArithmetic = true) {
  const value = evaluate([tab], { arrayArithmetic });
  return formulaCells([tab]).map(({ row, col, cell }) => ({ row, col, formula: cell.formula, expected: cell.expected, got: value(tab, row, col) }));
}

describe('MRR Movements (hand-made subscriptions, January to June 2024)', () => {
  const m = model();
  const tab = buildMrrMovements(m);

  it('is listed in TAB_BUILDERS after the Board Report and before Definitions, followed by Cohorts', () => {
    const keys = TAB_BUILDERS.map((b) => b.key);
    expect(keys.indexOf(MRR_MOVEMENTS_KEY)).toBeGreaterThan(keys.indexOf('board-report'));
    expect(keys.indexOf('cohorts')).toBe(keys.indexOf(MRR_MOVEMENTS_KEY) + 1);
    expect(keys.indexOf('definitions')).toBeGreaterThan(keys.indexOf('cohorts'));
    expect(TAB_BUILDERS.find((b) => b.key === MRR_MOVEMENTS_KEY)?.title).toBe('MRR Movements');
  });

  it('freezes the header row: Month, the seven MRR columns and the check', () => {
    expect(tab.frozenRows).toBe(6);
    expect(tab.frozenColumns).toBe(1);
    expect(tab.rows[5].map((c) => c?.value)).toEqual([
      'Month', 'Starting MRR', 'New', 'Expansion', 'Contraction', 'Churn', 'Reactivation', 'Ending MRR', 'Check (must be 0)',
    ]);
    for (const c of tab.rows[5]) expect(c?.style).toBe('header');
  });

  it('writes one row per month with the hand-computed figures, in currency', () => {
    BY_HAND.forEach(([month, ...figures], i) => {
      const row = tab.rows[6 + i];
      expect(row[0]).toEqual({ value: month });
      const shown = row.slice(1, 8).map((c) => (c?.formula !== undefined ? c.expected : c?.value));
      expect(shown).toEqual(figures);
      for (const c of row.slice(1, 9)) expect(c?.format).toBe(FORMATS.currency);
    });
    expect(rowOf(tab, 'Period')).toBe(12);
  });

  it('starts each month where the previous one ended (a formula), and checks the identity in every row', () => {
    expect(cellAt(tab, 'B7')).toEqual({ value: 100, format: FORMATS.currency });
    expect(cellAt(tab, 'B8')).toEqual({ formula: 'H7', expected: 370, format: FORMATS.currency });
    expect(cellAt(tab, 'B12')).toEqual({ formula: 'H11', expected: 300, format: FORMATS.currency });
    for (let r = 7; r <= 12; r++) {
      expect(cellAt(tab, `I${r}`)).toEqual({ formula: `ROUND(B${r}+C${r}+D${r}-E${r}-F${r}+G${r}-H${r},2)`, expected: 0, format: FORMATS.currency });
    }
  });

  it('totals the period: first starting MRR, SUM of each movement, last ending MRR, and the identity', () => {
    const period = tab.rows[12];
    expect(period[0]).toEqual({ value: 'Period', style: 'total' });
    expect(period[1]).toMatchObject({ formula: 'B7', expected: 100, style: 'total' });
    const sums = ['C', 'D', 'E', 'F', 'G'].map((c, i) => [period[2 + i]?.formula, period[2 + i]?.expected]);
    expect(sums).toEqual([
      ['SUM(C7:C12)', 610],
      ['SUM(D7:D12)', 50],
      ['SUM(E7:E12)', 230],
      ['SUM(F7:F12)', 270],
      ['SUM(G7:G12)', 80],
    ]);
    expect(period[7]).toMatchObject({ formula: 'H12', expected: 340, style: 'total' });
    expect(period[8]).toMatchObject({ formula: 'ROUND(B13+C13+D13-E13-F13+G13-H13,2)', expected: 0 });
    // 100 + 610 + 50 − 230 − 270 + 80 = 340
    expect(100 + 610 + 50 - 230 - 270 + 80).toBe(340);
  });

  it('computes every formula to its expected figure (HyperFormula, with and without array arithmetic)', () => {
    for (const arrays of [true, false]) {
      const cells = recalc(tab, arrays);
      expect(cells).toHaveLength(5 + 6 + 8);
      expect(cells.filter((x) => !sameValue(x.got, x.expected))).toEqual([]);
    }
  });

  it('shows a broken identity in the check column', () => {
    const broken: TabDescription = { ...tab, rows: tab.rows.map((r) => [...r]) };
    broken.rows[9][4] = { value: 181, format: FORMATS.currency }; // April contraction 180 → 181
    const bad = recalc(broken).filter((x) => !sameValue(x.got, x.expected));
    expect(bad.map((x) => [x.formula, x.got])).toEqual([
      ['ROUND(B10+C10+D10-E10-F10+G10-H10,2)', -1],
      ['SUM(E7:E12)', 231],
      ['ROUND(B13+C13+D13-E13-F13+G13-H13,2)', -1],
    ]);
  });

  it('draws the month-end MRR as a line and the movements as columns, below the notes', () => {
    expect(tab.charts).toHaveLength(2);
    const [line, columns] = tab.charts;
    expect(line).toMatchObject({ kind: 'line', categories: 'A7:A12', series: [{ name: 'Ending MRR', values: 'H7:H12' }] });
    expect(columns.kind).toBe('column');
    expect(columns.series).toEqual([
      { name: 'New', values: 'C7:C12' },
      { name: 'Expansion', values: 'D7:D12' },
      { name: 'Contraction', values: 'E7:E12' },
      { name: 'Churn', values: 'F7:F12' },
      { name: 'Reactivation', values: 'G7:G12' },
    ]);
    for (const ch of tab.charts) expect(ch.anchor.row).toBeGreaterThanOrEqual(tab.rows.length - 1);
    expect(columns.anchor.col).toBe(line.anchor.col + line.anchor.widthCols);
    expect(columns.anchor.col + columns.anchor.widthCols).toBeLessThanOrEqual(tab.columnWidths.length);
  });

  it('explains the movements and says that they are MRR at month-ends, not the Board Report’s ARR', () => {
    const notes = tab.rows.slice(14).map((r) => r[0]?.value).join(' ');
    expect(notes).toMatch(/start ≤ last day < end/);
    expect(notes).toMatch(/Reactivation = from 0 to above 0 after an earlier month-end above 0/);
    expect(notes).toMatch(/New = from 0 to above 0 for the first time/);
    expect(notes).toMatch(/Board Report’s movements are ARR/);
  });
});

describe('MRR Movements without month-by-month data', () => {
  it.each([
    ['seven accounts (no monthly figures)', sevenAccounts()],
    ['F12', fieldCaseF12()],
  ])('%s: keeps the header row, writes no chart and says why', (_n, m) => {
    const tab = buildMrrMovements(m);
    expect(tab.rows[5][0]).toEqual({ value: 'Month', style: 'header' });
    expect(tab.rows.length).toBeLessThan(20);
    expect(tab.charts).toEqual([]);
    expect(formulaCells([tab])).toEqual([]);
    expect(tab.rows[7][0]?.value).toMatch(/^No month of this period ends inside it|^Month-by-month MRR needs a subscriptions table/);
  });

  it('says a subscriptions table is needed when none was given', () => {
    const m = { ...fieldCaseF12(), inputs: { ...fieldCaseF12().inputs, subscriptions: false } };
    expect(buildMrrMovements(m).rows[7][0]?.value).toMatch(/needs a subscriptions table/);
  });
});
