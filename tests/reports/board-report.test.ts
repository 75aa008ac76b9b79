import { buildAllTabs, buildBoardReport } from '../../core/src/reports';
import { FORMATS } from '../../core/src/reports/tab-model';
import { fieldCaseF12, sevenAccounts } from './fixtures';
import { cellAt, evaluate, rowOf } from './helpers';

const D = (col: string) => `{{sheet:data}}!$${col}$6:$${col}$12`; // seven accounts: Data rows 6–12
const START = D('G');
const END = D('H');
const SEG = D('C');

describe('Board Report (seven accounts, calendar 2024)', () => {
  const model = sevenAccounts();
  const tab = buildBoardReport(model);

  it('freezes the retention header row and lists Overall then the three segments', () => {
    expect(tab.key).toBe('board-report');
    expect(tab.frozenRows).toBe(6);
    expect(cellAt(tab, 'E6')).toEqual({ value: 'NRR', style: 'header' });
    expect(['A7', 'A8', 'A9', 'A10'].map((a) => cellAt(tab, a)?.value)).toEqual(['Overall', 'Enterprise', 'Mid-market', 'SMB']);
  });

  it('writes NRR as Σ end / Σ start over the cohort, guarded for an empty cohort', () => {
    const startSum = `SUMIFS(${START},${START},">0")`;
    expect(cellAt(tab, 'E7')).toEqual({
      formula: `IF(${startSum}=0,"",SUMIFS(${END},${START},">0")/${startSum})`,
      expected: 396_000 / 415_000,
      format: FORMATS.percent,
    });
    const entStart = `SUMIFS(${START},${START},">0",${SEG},"Enterprise")`;
    expect(cellAt(tab, 'E8')?.formula).toBe(
      `IF(${entStart}=0,"",SUMIFS(${END},${START},">0",${SEG},"Enterprise")/${entStart})`,
    );
    expect(cellAt(tab, 'E8')?.expected).toBeCloseTo(330 / 320, 12);
    expect(cellAt(tab, 'E9')?.expected).toBeCloseTo(0.625, 12);
    expect(cellAt(tab, 'E10')?.expected).toBeCloseTo(16 / 15, 12);
  });

  it('writes GRR with the per-account min(end, start) through SUMPRODUCT', () => {
    const grr = cellAt(tab, 'K7');
    expect(grr?.formula).toBe(
      `IF(SUMIFS(${START},${START},">0")=0,"",SUMPRODUCT((${START}>0)*((${END}<${START})*${END}+(${END}>=${START})*${START}))/SUMIFS(${START},${START},">0"))`,
    );
    expect(grr?.expected).toBeCloseTo(354 / 415, 12);
    expect(cellAt(tab, 'K8')?.formula).toContain(`*(${SEG}="Enterprise")*`);
    expect(cellAt(tab, 'K8')?.expected).toBeCloseTo(290 / 320, 12);
  });

  it('writes logo retention as cohort accounts kept / cohort accounts', () => {
    expect(cellAt(tab, 'M7')?.formula).toBe(
      `IF(COUNTIFS(${START},">0")=0,"",COUNTIFS(${START},">0",${END},">0")/COUNTIFS(${START},">0"))`,
    );
    expect(cellAt(tab, 'M7')?.expected).toBeCloseTo(5 / 6, 12);
    expect(cellAt(tab, 'M9')?.expected).toBe(0.5);
  });

  it('places each NRR next to its target band; overall uses the bands blended by start ARR', () => {
    expect(cellAt(tab, 'G8')).toEqual({ value: 1.15, format: FORMATS.percent });
    expect(cellAt(tab, 'H10')).toEqual({ value: 1.05, format: FORMATS.percent });
    expect(cellAt(tab, 'F7')?.value).toMatch(/^Weighted by start ARR$/);
    expect(tab.rows[rowOf(tab, 'SMB') + 1][0]?.value).toMatch(/^Overall target band: the segment bands weighted by each segment’s start ARR\./);
    expect(cellAt(tab, 'G7')?.formula).toBe('IF(C7=0,"",SUMPRODUCT(G8:G10,C8:C10)/C7)');
    // (1.15 × 320,000 + 1.05 × 80,000 + 0.95 × 15,000) / 415,000
    expect(cellAt(tab, 'G7')?.expected).toBeCloseTo(466_250 / 415_000, 12);
    expect(cellAt(tab, 'H7')?.expected).toBeCloseTo(523_750 / 415_000, 12);
    expect(['I7', 'I8', 'I9', 'I10'].map((a) => cellAt(tab, a)?.expected)).toEqual([
      'Below band',
      'Below band',
      'Below band',
      'Above band',
    ]);
  });

  it('rates NRR, GRR and logo retention Great / Good / Below with IF formulas and colour bands', () => {
    expect(cellAt(tab, 'J7')?.formula).toBe('IF(E7="","",IF(E7>=1.2,"Great",IF(E7>=1.05,"Good","Below")))');
    expect(['J10', 'L8', 'N8', 'L9'].map((a) => cellAt(tab, a)?.expected)).toEqual(['Good', 'Good', 'Great', 'Below']);
    for (const range of ['J7:J10', 'L7:L10', 'N7:N10']) {
      const texts = tab.conditionalFormats.filter((f) => f.kind === 'textEquals' && f.range === range).map((f) => f.kind === 'textEquals' && f.text);
      expect(texts.sort()).toEqual(['Below', 'Good', 'Great']);
    }
    expect(tab.conditionalFormats.filter((f) => f.range === 'I7:I10')).toHaveLength(3);
  });

  it('shows the ARR movements as formulas, with a check and a column chart of them', () => {
    const r = rowOf(tab, 'Starting ARR') + 1; // spreadsheet row number
    // Rows 11–12 are the notes under the retention table (two lines), 13 blank, 14 section, 15 header.
    expect(r).toBe(16);
    const at = (i: number) => cellAt(tab, `B${r + i}`);
    expect(at(0)).toEqual({ formula: `SUMIFS(${START},${START},">0")`, expected: 415_000, format: FORMATS.currency });
    expect(at(1)?.formula).toBe(`SUMPRODUCT((${START}>0)*(${END}>${START})*(${END}-${START}))`);
    expect(at(1)?.expected).toBe(42_000);
    expect(at(2)?.expected).toBe(31_000);
    expect(at(3)).toMatchObject({ formula: `SUMIFS(${START},${START},">0",${END},"<=0")`, expected: 30_000 });
    expect(at(4)).toMatchObject({ formula: `SUMIFS(${END},${START},"<=0")`, expected: 20_000 });
    expect(at(5)).toMatchObject({ formula: 'B16+B17-B18-B19+B20', expected: 416_000, style: 'total' });
    expect(cellAt(tab, `A${r + 6}`)?.value).toBe('Check (must be 0)');
    expect(at(6)).toMatchObject({ formula: `B21-SUM(${END})`, expected: 0 });
    expect(tab.charts).toEqual([
      expect.objectContaining({ kind: 'column', categories: 'A16:A21', series: [{ name: 'ARR', values: 'B16:B21' }] }),
    ]);
    // The chart sits right of the movements' notes (columns H–N), clear of every filled cell.
    expect(tab.charts[0].anchor).toMatchObject({ col: 7, widthCols: 7 });
  });

  it('carries the definition box: basis, period and length, cohort rule, new and reactivated, currency', () => {
    const box = (l: string) => tab.rows[rowOf(tab, l)][1]?.value as string;
    expect(box('Basis')).toMatch(/^ARR/);
    expect(box('Period')).toMatch(/2024-01-01 up to but not including 2025-01-01 \(12 months\)/);
    expect(box('Cohort rule')).toMatch(/start ARR above 0/);
    expect(box('New and reactivated accounts')).toMatch(/outside the cohort/);
    expect(box('Currency')).toBe('$');
  });

  it('lists the Data Quality checks once each with counts, treatment and example ids, and says they never change the figures', () => {
    const dq = rowOf(tab, 'Data quality');
    expect(tab.rows[dq + 1][0]?.value).toMatch(/never change the figures/);
    const head = rowOf(tab, 'Check');
    expect(tab.rows[head].map((c) => c?.value)).toEqual(['Check', 'Rows', 'Treatment', 'Example ids or rows']);
    const lines = tab.rows.slice(head + 1).map((r) => [0, 1, 2, 3].map((c) => r[c]?.value ?? null));
    expect(lines).toEqual([
      ['Subscriptions: trial subscription', 3, 'Skipped', 'S-9, S-10, S-11'],
      // Zero-length subscriptions are skipped rows: one line, not a skip line and a check line.
      ['Subscriptions: zero-length (end ≤ start)', 2, 'Skipped', 'S-20, S-21'],
      ['Revenue still active after a churn event', 1, 'Flagged only', 'A3'],
      ['Overlapping subscriptions, same plan', 0, 'Flagged only', null],
      ['Subscriptions within one calendar month', 0, 'Flagged only', null],
    ]);
  });
});

describe('Board Report for a 6-month period with empty cohorts (field case F12)', () => {
  const model = fieldCaseF12();
  const tab = buildBoardReport(model);

  it('says the period is not 12 months next to the figures and does not colour against annual targets', () => {
    expect(cellAt(tab, 'A6')).toMatchObject({ style: 'warning' });
    expect(cellAt(tab, 'A6')?.value).toMatch(/6 months, not 12/);
    expect(tab.frozenRows).toBe(7);
    // The header beside the figures says the targets and benchmarks are annual.
    expect(['F7', 'J7', 'L7', 'N7'].map((a) => cellAt(tab, a)?.value)).toEqual([
      'NRR target band (annual)',
      'NRR benchmark (annual)',
      'GRR benchmark (annual)',
      'Logo benchmark (annual)',
    ]);
    expect(tab.conditionalFormats).toEqual([]);
  });

  it('gives NRR = 1,100 / 1,500 (the new logo does not count) and blanks for cohorts without accounts', () => {
    expect(cellAt(tab, 'E8')?.expected).toBeCloseTo(1100 / 1500, 12); // Overall (row 8 after the warning row)
    expect(cellAt(tab, 'K8')?.expected).toBeCloseTo(1000 / 1500, 12);
    expect(cellAt(tab, 'M8')?.expected).toBe(0.5);
    for (const a of ['E10', 'K10', 'M10', 'J10', 'I10', 'E11', 'K11', 'M11']) expect(cellAt(tab, a)?.expected).toBe('');
    const value = evaluate(buildAllTabs(model), { arrayArithmetic: true });
    expect(value(tab, 7, 4)).toBeCloseTo(1100 / 1500, 12);
    expect(value(tab, 9, 4)).toBe(''); // Mid-market: no accounts at all
    expect(value(tab, 10, 4)).toBe(''); // SMB: only a new logo
    // Under the table (row 12): which cohorts are empty.
    expect(tab.rows[rowOf(tab, 'SMB') + 1][0]).toMatchObject({ style: 'note' });
    const notes = tab.rows.slice(11, 14).map((r) => String(r[0]?.value ?? '')).join(' ');
    expect(notes).toMatch(/No accounts in this cohort: Mid-market, SMB; their ratios are left blank\./);
  });

  it('says "as in source" when no currency symbol was seen, and shows money without a symbol', () => {
    expect(tab.rows[rowOf(tab, 'Currency')][1]?.value).toMatch(/^As in source/);
    expect(cellAt(tab, 'C8')?.format).toBe(FORMATS.integer);
    // No skipped rows at all: said once, and zero-length subscriptions still listed (0).
    const line = (l: string) => tab.rows[rowOf(tab, l)].slice(1, 3).map((c) => c?.value ?? null);
    expect(line('Rows skipped for other reasons')).toEqual([0, 'Skipped']);
    expect(line('Subscriptions: zero-length (end ≤ start)')).toEqual([0, 'Skipped']);
  });
});
