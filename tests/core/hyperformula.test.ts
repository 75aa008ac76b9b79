/**
 * Real formulas in a real engine (HyperFormula 3.5, catalogue registered from the registry)
 * over cells holding blanks, text, numbers as text, errors and ranges of different shapes.
 * Each formula must agree with calling core directly on the host-shaped values.
 */
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import { CellError } from '../../core/src/errors';
import * as core from '../../core/src/functions';
import { REGISTRY } from '../../core/src/registry';
import { buildEngine } from '../helpers/hyperformula';

/** What a formula cell shows: a number, a string, or { error, message }. */
type Shown = number | string | { error: string; message: string };

function shown(v: unknown): Shown {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message ?? '' };
  if (v instanceof CellError) return { error: v.code, message: v.message };
  if (v === null || v === undefined) return '';
  return v as number | string;
}

/** The top-left cell, or the whole spill for an array result. */
function read(hf: HyperFormula, row: number, col: number, rows = 1, cols = 1): Shown | Shown[][] {
  if (rows === 1 && cols === 1) return shown(hf.getCellValue({ sheet: 0, row, col }));
  const out: Shown[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: Shown[] = [];
    for (let c = 0; c < cols; c++) line.push(shown(hf.getCellValue({ sheet: 0, row: row + r, col: col + c })));
    out.push(line);
  }
  return out;
}

function coreShown(result: unknown): Shown | Shown[][] {
  if (Array.isArray(result)) {
    if (result.length === 1 && result[0].length === 1) return shown(result[0][0]);
    return result.map((r: unknown[]) => r.map(shown));
  }
  return shown(result);
}

const expectClose = (actual: Shown | Shown[][], expected: Shown | Shown[][]) => {
  const flat = (x: Shown | Shown[][]) => (Array.isArray(x) ? x.flat() : [x]);
  const a = flat(actual);
  const e = flat(expected);
  expect(a).toHaveLength(e.length);
  a.forEach((v, i) => {
    if (typeof e[i] === 'number') expect(v as number).toBeCloseTo(e[i] as number, 10);
    else expect(v).toEqual(e[i]);
  });
};

describe('the catalogue in HyperFormula', () => {
  it('evaluates every registry example to its stated result', () => {
    const sheet = REGISTRY.map((f) => [f.example.formula.replace(/, /g, ',')]);
    // Leave room for spills: one example per 6 rows in column A.
    const spaced: unknown[][] = [];
    sheet.forEach((row) => spaced.push(row, [], [], [], [], []));
    const hf = buildEngine(spaced);
    REGISTRY.forEach((f, i) => {
      const expected = f.example.result;
      const rows = Array.isArray(expected) ? expected.length : 1;
      const cols = Array.isArray(expected) ? expected[0].length : 1;
      const actual = read(hf, i * 6, 0, rows, cols);
      expectClose(actual, Array.isArray(expected) && rows * cols === 1 ? expected[0][0] : (expected as Shown | Shown[][]));
    });
    hf.destroy();
  });

  it('NPS over blanks, text, a typed 0 and an error cell', () => {
    const hf = buildEngine([
      [10, 'N/A', 10, 9],
      [9, "'abc", 9, '=1/0'],
      [null, null, 0, null],
      [3, null, 3, null],
      ['=NPS(A1:A4)', '=NPS(B1:B4)', '=NPS(C1:C4)', '=NPS(D1:D4)'],
      ['=NPS(A1)', '=NPS(A1:D1)'],
    ]);
    expectClose(read(hf, 4, 0), coreShown(core.nps([[10], [9], [null], [3]])));
    expect(read(hf, 4, 0) as number).toBeCloseTo(100 / 3, 10);
    expect(read(hf, 4, 1)).toEqual({ error: '#DIV/0!', message: 'no numeric scores' });
    expect(read(hf, 4, 2)).toBe(0);
    expect((read(hf, 4, 3) as { error: string }).error).toBe('#DIV/0!');
    expect(read(hf, 5, 0)).toBe(100);
    expect(read(hf, 5, 1)).toEqual(coreShown(core.nps([[10, 'N/A', 10, 9]])));
    hf.destroy();
  });

  it('cohort functions over numbers as text, blanks and mismatched shapes', () => {
    const hf = buildEngine([
      ["'$1,000", 1100, 1, 2, 3],
      [500, 0],
      [null, 400],
      ['=NRR_COHORT(A1:A3,B1:B3)', '=GRR_COHORT(A1:A3,B1:B3)', '=LOGO_RETENTION(A1:A3,B1:B3)', '=NRR_COHORT(A1:A3,C1:E1)', '=NRR_COHORT("$1,000,000.00","$1,100,000.00")'],
      ['=NRR_COHORT(F1:F3,B1:B3)'],
    ]);
    const start = [['$1,000'], [500], [null]];
    const end = [[1100], [0], [400]];
    expect(read(hf, 3, 0) as number).toBeCloseTo(1100 / 1500, 12);
    expectClose(read(hf, 3, 0), coreShown(core.nrrCohortFn(start, end)));
    expectClose(read(hf, 3, 1), coreShown(core.grrCohortFn(start, end)));
    expectClose(read(hf, 3, 2), coreShown(core.logoRetentionFn(start, end)));
    expect(read(hf, 3, 3)).toEqual({ error: '#VALUE!', message: 'ranges must be the same size: 3×1 and 1×3' });
    expect(read(hf, 3, 4) as number).toBeCloseTo(1.1, 12);
    expect(read(hf, 4, 0)).toEqual({ error: '#DIV/0!', message: 'no account has a start value above 0' });
    hf.destroy();
  });

  it('an error cell inside a positional range gives that error', () => {
    const hf = buildEngine([
      [100, 90],
      ['=NA()', 80],
      ['=NRR_COHORT(A1:A2,B1:B2)', '=GRR(1000,"abc",0)'],
    ]);
    expect((read(hf, 2, 0) as { error: string }).error).toBe('#N/A');
    expect(read(hf, 2, 1)).toEqual(coreShown(core.grr(1000, 'abc', 0)));
    expect(read(hf, 2, 1)).toEqual({ error: '#VALUE!', message: "contraction: 'abc' is not a number" });
    hf.destroy();
  });

  it('MRR_MOVEMENTS spills a 5×2 table', () => {
    const hf = buildEngine([
      [1000, 1100, '=MRR_MOVEMENTS(A1:A4,B1:B4)'],
      [500, 0],
      [800, 600],
      [null, 400],
      [],
    ]);
    expect(read(hf, 0, 2, 5, 2)).toEqual([['Starting', 2300], ['Expansion', 100], ['Contraction', 200], ['Churn', 500], ['New', 400]]);
    hf.destroy();
  });

  it('CS_TIER spills one tier per row with blanks and per-row errors in place', () => {
    const hf = buildEngine([
      [150000, 'High', '=CS_TIER(A1:A4)', '=CS_TIER(A1:A4,B1:B4)'],
      [-5, null],
      [null, 'Low'],
      [20000, 'Huge'],
      ['=CS_TIER(150000)', '=CS_TIER(5000,"High","High")', '=CS_TIER(150000,,,,)'],
    ]);
    const arr = [[150000], [-5], [null], [20000]];
    const words = [['High'], [null], ['Low'], ['Huge']];
    expect(read(hf, 0, 2, 4, 1)).toEqual(coreShown(core.csTier(arr)));
    expect(read(hf, 0, 2, 4, 1)).toEqual([['High Touch'], [{ error: '#NUM!', message: 'ARR cannot be negative' }], [''], ['Low Touch']]);
    expect(read(hf, 0, 3, 4, 1)).toEqual(coreShown(core.csTier(arr, words)));
    expect(read(hf, 4, 0)).toBe('High Touch');
    expect(read(hf, 4, 1)).toBe('Low Touch');
    expect(read(hf, 4, 2)).toBe('High Touch');
    hf.destroy();
  });

  it('CS_HEALTH over an N×K range with a blank component, text and an out-of-range score', () => {
    const hf = buildEngine([
      [80, 60, null, 0.5, 0.3, 0.2, null, '=CS_HEALTH(A1:C1,D1:E1)', '=CS_HEALTH(A1:C1,{0.5;0.3;0.2})'],
      [47, "'59", 21, null, null, null],
      [null, null, null],
      [120, 50, 50],
      ['=CS_HEALTH(A1:C4,D1:F1)'],
    ]);
    const scores = [[80, 60, null], [47, '59', 21], [null, null, null], [120, 50, 50]];
    const result = read(hf, 4, 0, 4, 1);
    expect(result).toEqual(coreShown(core.csHealth(scores, [[0.5, 0.3, 0.2]])));
    expect((result as Shown[][])[0][0] as number).toBeCloseTo(72.5, 12);
    expect((result as Shown[][])[2][0]).toBe('');
    expect((result as Shown[][])[3][0]).toEqual({ error: '#NUM!', message: 'row 4, column 1 of component_scores: 120 is outside 0–100' });
    expect(read(hf, 0, 7)).toEqual({ error: '#VALUE!', message: 'weights must be 3 cells in one row or column, one per component column (got 1×2)' });
    expect(read(hf, 0, 8) as number).toBeCloseTo(72.5, 12);
    hf.destroy();
  });

  it('CS_HEALTH_BAND, CS_BENCHMARK and TIME_TO_VALUE spill per row', () => {
    const hf = buildEngine([
      [40, 1.25, '=DATE(2024,1,15)', '=DATE(2024,2,4)'],
      [null, null, '=DATE(2024,3,9)', null],
      [80, 0.98, '=DATE(2024,3,9)', '=DATE(2024,3,11)'],
      ['=CS_HEALTH_BAND(A1:A3)', '=CS_BENCHMARK("NRR",B1:B3)', '=TIME_TO_VALUE(C1:C3,D1:D3)', '=CS_BENCHMARK("ARPU",1)'],
    ]);
    expect(read(hf, 3, 0, 3, 1)).toEqual([['Red'], [''], ['Green']]);
    expect(read(hf, 3, 1, 3, 1)).toEqual([['Great'], [''], ['Below']]);
    expect(read(hf, 3, 2, 3, 1)).toEqual([[20], [''], [2]]);
    expect((read(hf, 3, 3) as { error: string }).error).toBe('#N/A');
    hf.destroy();
  });

  it('scalar functions with omitted optional arguments and words', () => {
    const hf = buildEngine([
      ['=CSAT({5;5;5;5;5;5;3;3;1;1})', '=CSAT({5;4},,)', '=NRR_TARGET(" mid market ")', '=COST_TO_SERVE_CHECK("Tech Touch",0.03)', '=CSM_HEADCOUNT(150,"Low Touch")'],
      ['=NRR(1000000,150000,25000,25000)', '=GRR(1000,600,500)', '=QUICK_RATIO(20000,8000,0,0)', '=CES({8})', '=NPS({9.5})'],
    ]);
    expect(read(hf, 0, 0) as number).toBeCloseTo(0.6, 12);
    expect(read(hf, 0, 1)).toBe(1);
    expect(read(hf, 0, 2)).toBe(1.05);
    expect(read(hf, 0, 3)).toBe('Above');
    expect(read(hf, 0, 4)).toBe(2);
    expect(read(hf, 1, 0) as number).toBeCloseTo(1.1, 12);
    expect(read(hf, 1, 1)).toEqual({ error: '#NUM!', message: 'losses exceed the starting base' });
    expect((read(hf, 1, 2) as { error: string }).error).toBe('#DIV/0!');
    expect((read(hf, 1, 3) as { error: string }).error).toBe('#NUM!');
    expect((read(hf, 1, 4) as { error: string }).error).toBe('#NUM!');
    hf.destroy();
  });
});
