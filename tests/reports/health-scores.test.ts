/**
 * Health Scores tab on a hand-made model: the seven accounts of fixtures.ts plus two, with the
 * components given in the accounts table (AccountFigures.health), so every figure below is
 * worked out by hand. Equal weights (0.25 each) unless a test says otherwise.
 *
 *   id  tier at end  ARR at end  components (adoption, support, satisfaction, stability)   score  band    driver (weight × (100 − c))
 *   A1  High         240,000     40, 20, –, –      (40 + 20) / 2 = 30                         30     Red     Support (15 vs 20)
 *   A2  Low           90,000     40, 30, 50, 20    140 / 4 = 35                               35     Red     Stability (15, 17.5, 12.5, 20)
 *   A3  Low           50,000     75, 75, 75, 75                                               75     Green   Adoption (all 6.25: the first)
 *   A4  Tech               0     50, 50, 50, 50                                               50     Yellow  Adoption
 *   A5  Tech          12,000     45, –, –, –                                                  45     Red     Adoption
 *   A6  Low           20,000     all blank                                                    ""     ""      ""
 *   A7  Tech          12,000     20, 40, –, 30     90 / 3 = 30                                30     Red     Adoption (20, 15, 17.5)
 *   A8  Tech               0     10, 10, 10, 10                                               10     Red     Adoption (no action: ARR 0)
 *   A9  Tech           3,000     100, 100, –, –                                               100    Green   "" (nothing pulls it down)
 *
 * Action list (Red, ARR > 0; ARR descending, then score ascending): A1, A2, A7 (12,000, 30), A5 (12,000, 45).
 * By band (ARR > 0): Red 4 accounts 354,000; Yellow 0; Green 2 (A3, A9) 53,000; no score 1 (A6) 20,000;
 * total 7 accounts, 427,000.
 */
import type { AccountFigures, HealthFromTable, ReportModel } from '../../core/src/data/model';
import { buildDataTab } from '../../core/src/reports/data-tab';
import {
  HEALTH_MOTIONS,
  buildHealthScores,
  healthDriver,
  healthFigures,
} from '../../core/src/reports/health-scores';
import type { HealthOptions } from '../../core/src/reports/health-scores';
import { healthOfRow } from '../../core/src/metrics/health';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { sevenAccounts } from './fixtures';
import { evaluate, formulaCells, rowOf, sameValue } from './helpers';
import { PORTABLE_FUNCTIONS } from './helpers';

const H = (adoption?: number, support?: number, satisfaction?: number, stability?: number): HealthFromTable => {
  const h: HealthFromTable = {};
  if (adoption !== undefined) h.adoption = adoption;
  if (support !== undefined) h.support = support;
  if (satisfaction !== undefined) h.satisfaction = satisfaction;
  if (stability !== undefined) h.stability = stability;
  return h;
};
const _ = undefined;

function healthModel(): ReportModel {
  const model = sevenAccounts();
  const extra = (id: string, endArr: number): AccountFigures => ({
    id,
    name: `Extra ${id}`,
    segment: 'SMB',
    tierStart: 'Tech Touch',
    tierEnd: 'Tech Touch',
    startArr: endArr,
    endArr,
  });
  model.accounts.push(extra('A8', 0), extra('A9', 3_000));
  const a = (id: string) => model.accounts.find((x) => x.id === id) as AccountFigures;
  a('A7').endArr = 12_000;
  a('A1').health = H(40, 20);
  a('A2').health = H(40, 30, 50, 20);
  a('A3').health = H(75, 75, 75, 75);
  a('A4').health = H(50, 50, 50, 50);
  a('A5').health = H(45);
  a('A7').health = H(20, 40, _, 30);
  a('A8').health = H(10, 10, 10, 10);
  a('A9').health = H(100, 100);
  return model;
}

/** The account table's row of an id (the row with formulas; the action list repeats ids as values). */
function accountRow(tab: TabDescription, id: string) {
  const r = tab.rows.findIndex((row) => row[0]?.value === id && row[8]?.formula !== undefined);
  if (r < 0) throw new Error(`no account row for ${id}`);
  return tab.rows[r];
}

const EXPECTED: [string, number | '', string, string, string][] = [
  ['A1', 30, 'Red', 'Support', HEALTH_MOTIONS['High Touch']],
  ['A2', 35, 'Red', 'Stability', HEALTH_MOTIONS['Low Touch']],
  ['A3', 75, 'Green', 'Adoption', ''],
  ['A4', 50, 'Yellow', 'Adoption', ''],
  ['A5', 45, 'Red', 'Adoption', HEALTH_MOTIONS['Tech Touch']],
  ['A6', '', '', '', ''],
  ['A7', 30, 'Red', 'Adoption', HEALTH_MOTIONS['Tech Touch']],
  ['A8', 10, 'Red', 'Adoption', ''],
  ['A9', 100, 'Green', '', ''],
];

function spreadsheet(model: ReportModel, options?: HealthOptions) {
  const tabs = [buildHealthScores(model, options), buildDataTab(model)];
  return { tabs, tab: tabs[0], value: evaluate(tabs, { arrayArithmetic: true }) };
}

describe('Health Scores on the hand-made model', () => {
  const model = healthModel();
  const { tabs, tab, value } = spreadsheet(model);

  it('has the title block, the weights as editable inputs (equal) and one frozen header row', () => {
    expect(tab.key).toBe('health-scores');
    expect(tab.name).toBe('Health Scores');
    expect(tab.rows[0][0]).toEqual({ value: 'Health Scores', style: 'title' });
    expect(tab.rows[1][0]?.value).toBe('As of 2024-12-31 (period from 2024-01-01 to 2025-01-01, 12 months)');
    const weights = tab.rows[3].slice(4, 8);
    expect(weights.map((c) => [c?.value, c?.style])).toEqual([
      [0.25, 'input'],
      [0.25, 'input'],
      [0.25, 'input'],
      [0.25, 'input'],
    ]);
    expect(tab.frozenRows).toBe(5);
    expect(tab.rows[4].map((c) => c?.value)).toEqual([
      'Account id', 'Account name', 'Tier at end', 'ARR at end',
      'Adoption', 'Support', 'Satisfaction', 'Stability',
      'Health score', 'Band', 'Driver', 'Motion (Red accounts with ARR)',
    ]);
    expect(tab.rows[4].every((c) => c?.style === 'header')).toBe(true);
    expect(tab.print.landscape).toBe(true);
    expect(tab.columnWidths.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(200);
  });

  it.each(EXPECTED)('%s: score %p, band %p, driver %p, motion as hand-computed', (id, score, band, driver, motion) => {
    const row = accountRow(tab, id);
    if (score === '') expect(row[8]?.expected).toBe('');
    else expect(row[8]?.expected as number).toBeCloseTo(score, 12);
    expect(row[9]?.expected).toBe(band);
    expect(row[10]?.value).toBe(driver); // a value from core, refreshed on regeneration
    expect(row[11]?.expected).toBe(motion);
  });

  it('keeps a blank component blank (an empty cell, not 0) and writes components as values', () => {
    const a1 = accountRow(tab, 'A1');
    expect(a1.slice(4, 8).map((c) => c?.value ?? null)).toEqual([40, 20, null, null]);
    expect(a1[6]).toBeNull();
    expect(a1.slice(4, 8).every((c) => c == null || c.formula === undefined)).toBe(true);
  });

  it('computes every formula to core’s figure in a spreadsheet (HyperFormula)', () => {
    const cells = formulaCells(tabs);
    expect(cells.length).toBeGreaterThan(9 * 6);
    const wrong = cells
      .map(({ tab: t, row, col, cell }) => ({ where: `${t.name}!${row + 1}:${col + 1}`, formula: cell.formula, expected: cell.expected, got: value(t, row, col) }))
      .filter((x) => !sameValue(x.got, x.expected));
    expect(wrong).toEqual([]);
  });

  it('needs array arithmetic only inside SUMPRODUCT', () => {
    const plain = evaluate(tabs, { arrayArithmetic: false, replaceWithExpected: (f) => f.includes('SUMPRODUCT') });
    const wrong = formulaCells(tabs)
      .filter(({ cell }) => !cell.formula.includes('SUMPRODUCT'))
      .filter(({ tab: t, row, col, cell }) => !sameValue(plain(t, row, col), cell.expected));
    expect(wrong.map((w) => w.cell.formula)).toEqual([]);
  });

  it('uses only the portable functions', () => {
    const used = new Set(
      formulaCells([tab]).flatMap(({ cell }) =>
        [...cell.formula.replace(/"(?:[^"]|"")*"/g, '""').matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1]),
      ),
    );
    expect([...used].filter((f) => !PORTABLE_FUNCTIONS.has(f))).toEqual([]);
    expect([...used].sort()).toEqual(['AND', 'COUNTIFS', 'IF', 'SUM', 'SUMIFS', 'SUMPRODUCT']);
  });

  it('reads tier and ARR from the account’s Data tab row', () => {
    const a2 = accountRow(tab, 'A2');
    expect(a2[2]?.formula).toBe('{{sheet:data}}!F7');
    expect(a2[3]?.formula).toBe('{{sheet:data}}!H7');
    expect(a2[3]?.expected).toBe(90_000);
  });

  it('lists the Red accounts with ARR above 0, ARR descending then score ascending, with driver and motion', () => {
    const start = tab.rows.findIndex((r) => typeof r[0]?.value === 'string' && (r[0].value as string).startsWith('Action list'));
    expect(start).toBe(5);
    const list = tab.rows.slice(start + 1, start + 5);
    expect(list.map((r) => r.map((c) => c?.value ?? null))).toEqual([
      ['A1', 'Acme Corp', 'High Touch', 240_000, 40, 20, null, null, 30, 'Red', 'Support', HEALTH_MOTIONS['High Touch']],
      ['A2', '=HYPERLINK("http://x.test","y")', 'Low Touch', 90_000, 40, 30, 50, 20, 35, 'Red', 'Stability', HEALTH_MOTIONS['Low Touch']],
      ['A7', 'Epsilon', 'Tech Touch', 12_000, 20, 40, null, 30, 30, 'Red', 'Adoption', HEALTH_MOTIONS['Tech Touch']],
      ['A5', 'Gamma', 'Tech Touch', 12_000, 45, null, null, null, 45, 'Red', 'Adoption', HEALTH_MOTIONS['Tech Touch']],
    ]);
    // Values, not formulas; then the note that it is recomputed on regeneration.
    expect(list.flat().every((c) => c === null || c?.formula === undefined)).toBe(true);
    expect(String(tab.rows[start + 5][0]?.value)).toMatch(/^4 accounts, computed when this tab was generated/);
    const noteText = tab.rows.slice(start + 5, start + 8).map((r) => r[0]?.value ?? '').join(' ');
    expect(noteText).toMatch(/after editing a weight, regenerate the tab to refresh this list/);
  });

  it('counts accounts and ARR by band over accounts with ARR above 0', () => {
    const at = (label: string) => tab.rows[rowOf(tab, label)].slice(1, 4).map((c) => c?.expected);
    expect(at('Red')).toEqual([4, 354_000, 354_000 / 427_000]);
    expect(at('Yellow')).toEqual([0, 0, 0]);
    expect(at('Green')).toEqual([2, 53_000, 53_000 / 427_000]);
    expect(at('No score')).toEqual([1, 20_000, 20_000 / 427_000]);
    expect(at('Total')).toEqual([7, 427_000, 1]);
  });

  it('colours the bands Red / Yellow / Green and charts ARR by band', () => {
    const bands = tab.conditionalFormats.filter((f) => f.kind === 'textEquals');
    expect(bands.map((f) => f.kind === 'textEquals' && f.text)).toEqual(['Red', 'Yellow', 'Green', 'Red', 'Yellow', 'Green']);
    const last = tab.rows.length; // the account table ends the tab
    expect(bands[3].range).toBe(`J7:J${last}`);
    expect(tab.charts).toHaveLength(1);
    expect(tab.charts[0].categories).toMatch(/^A\d+:A\d+$/);
  });

  it('updates scores and bands when a weight is edited in the sheet', () => {
    // The user types 0.5, 0.3, 0.2, 0 into the weights: every score must follow.
    const edited = { adoption: 0.5, support: 0.3, satisfaction: 0.2, stability: 0 };
    const typed: TabDescription = { ...tab, rows: tab.rows.map((r) => [...r]) };
    [0.5, 0.3, 0.2, 0].forEach((w, k) => (typed.rows[3][4 + k] = { value: w, style: 'input' }));
    const v = evaluate([typed, tabs[1]], { arrayArithmetic: true });
    const want = healthFigures(model, { weights: edited }).rows;
    for (const f of want) {
      const r = typed.rows.findIndex((row) => row[0]?.value === f.account.id && row[8]?.formula !== undefined);
      const got = v(typed, r, 8);
      if (Number.isNaN(f.score)) expect(got).toBe('');
      else expect(got as number).toBeCloseTo(f.score, 9);
      expect(v(typed, r, 9)).toBe(f.band);
    }
    // A1: 40, 20 with weights .5, .3 → (20 + 6) / .8 = 32.5; A2: (20 + 9 + 10 + 0) / 1 = 39.
    expect(want.find((f) => f.account.id === 'A1')?.score).toBeCloseTo(32.5, 12);
    expect(want.find((f) => f.account.id === 'A2')?.score).toBeCloseTo(39, 12);
  });
});

describe('CS_HEALTH semantics: F10 (80, 60, blank with weights .5, .3, .2 → 72.5)', () => {
  const model = sevenAccounts();
  model.accounts[0].health = { adoption: 80, support: 60 };
  // The same with a fourth component present at weight 0: it changes nothing.
  model.accounts[1].health = { adoption: 80, support: 60, stability: 30 };
  const weights = { adoption: 0.5, support: 0.3, satisfaction: 0.2, stability: 0 };
  const { tabs, tab, value } = spreadsheet(model, { weights });

  it('writes the weights given, and both rows score 72.5 in core and in the spreadsheet', () => {
    expect(tab.rows[3].slice(4, 8).map((c) => c?.value)).toEqual([0.5, 0.3, 0.2, 0]);
    for (const id of ['A1', 'A2']) {
      const r = tab.rows.findIndex((row) => row[0]?.value === id && row[8]?.formula !== undefined);
      expect(tab.rows[r][8]?.expected as number).toBeCloseTo(72.5, 12);
      expect(value(tab, r, 8) as number).toBeCloseTo(72.5, 12);
      expect(value(tab, r, 9)).toBe('Yellow');
      // Pulls: adoption .5 × 20 = 10, support .3 × 40 = 12 → Support.
      expect(value(tab, r, 10)).toBe('Support');
    }
    // Accounts without components: a blank score, band and driver.
    const blank = tab.rows.findIndex((row) => row[0]?.value === 'A3' && row[8]?.formula !== undefined);
    expect([value(tab, blank, 8), value(tab, blank, 9), value(tab, blank, 10)]).toEqual(['', '', '']);
    expect(formulaCells(tabs).every(({ tab: t, row, col, cell }) => sameValue(value(t, row, col), cell.expected))).toBe(true);
  });

  it('matches the kernel and the driver rule directly', () => {
    expect(healthOfRow([80, 60, NaN], [0.5, 0.3, 0.2]).score).toBeCloseTo(72.5, 12);
    expect(healthDriver([80, 60, NaN, NaN], [0.5, 0.3, 0.2, 0])).toBe('Support');
    expect(healthDriver([100, NaN, NaN, NaN], [0.25, 0.25, 0.25, 0.25])).toBe('');
    expect(healthDriver([10, 90, NaN, NaN], [0, 1, 0, 0])).toBe('Support');
  });
});

describe('an empty model', () => {
  it('still builds valid ranges, an empty action list and an all-zero band summary', () => {
    const model = sevenAccounts();
    model.accounts = [];
    const { tabs, tab, value } = spreadsheet(model);
    expect(tab.rows.some((r) => r[0]?.value === 'No account is Red with ARR above 0 at the period end.')).toBe(true);
    expect(tab.rows.some((r) => r[0]?.value === 'No accounts in the data.')).toBe(true);
    const wrong = formulaCells(tabs).filter(({ tab: t, row, col, cell }) => !sameValue(value(t, row, col), cell.expected));
    expect(wrong).toEqual([]);
    expect(tab.rows[rowOf(tab, 'Total')][1]?.expected).toBe(0);
  });
});
