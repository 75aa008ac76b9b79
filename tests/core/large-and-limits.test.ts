/**
 * Field bugs: functions on columns taller than the call-stack limit, overflow vs empty base,
 * threshold order, and shapes of row-shaped ranges given to vectorised functions.
 */
import { CellError } from '../../core/src/errors';
import * as fns from '../../core/src/functions';
import { REGISTRY } from '../../core/src/registry';
import { col, expectError, row } from './host-shapes';

const N = 300_000;

/** N×1 column built without spreads. */
function tall<T>(n: number, f: (i: number) => T): T[][] {
  const out: T[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [f(i)];
  return out;
}

describe('functions on 300,000-row inputs (no call-stack overflow)', () => {
  it('NPS counts every score', () => {
    const scores = tall(N, (i) => i % 11); // 0..10 repeating
    let promoters = 0, detractors = 0;
    for (let i = 0; i < N; i++) {
      const s = i % 11;
      if (s >= 9) promoters++;
      else if (s <= 6) detractors++;
    }
    const got = fns.nps(scores);
    expect(got).not.toBeInstanceOf(CellError);
    expect(got).toBeCloseTo((100 * (promoters - detractors)) / N, 10);
    expect(got).toBeCloseTo((100 * (2 - 7)) / 11, 2); // sanity: the mix is 2 promoters, 7 detractors per 11
  });

  it('NRR_COHORT sums every row, leaving new logos out', () => {
    const start = tall(N, (i) => (i % 10 === 0 ? '' : 100 + (i % 7)));
    const end = tall(N, (i) => (i % 5 === 0 ? 0 : 110 + (i % 3)));
    let s = 0, e = 0;
    for (let i = 0; i < N; i++) {
      if (i % 10 === 0) continue;
      s += 100 + (i % 7);
      if (i % 5 !== 0) e += 110 + (i % 3);
    }
    expect(fns.nrrCohortFn(start, end)).toBeCloseTo(e / s, 12);
  });

  it('CS_TIER gives one tier per row', () => {
    const arr = tall(N, (i) => (i % 3) * 60_000); // 0, 60k, 120k
    const out = fns.csTier(arr) as unknown[][];
    expect(out).toHaveLength(N);
    const expected = ['Tech Touch', 'Low Touch', 'High Touch'];
    for (const i of [0, 1, 2, 149_999, 150_000, N - 1]) expect(out[i][0]).toBe(expected[i % 3]);
    let high = 0;
    for (const r of out) if (r[0] === 'High Touch') high++;
    expect(high).toBe(N / 3);
  });

  it('CS_HEALTH gives one weighted score per row', () => {
    const comps: unknown[][] = new Array(N);
    for (let i = 0; i < N; i++) comps[i] = [i % 101, (i * 7) % 101];
    const out = fns.csHealth(comps, [[3, 1]]) as unknown[][];
    expect(out).toHaveLength(N);
    for (const i of [0, 1, 12_345, 200_000, N - 1]) {
      expect(out[i][0]).toBeCloseTo((3 * (i % 101) + ((i * 7) % 101)) / 4, 10);
    }
  });

  it('every range-taking function accepts a 300,000-row column without a stack error', () => {
    const big = tall(N, () => 1);
    for (const spec of REGISTRY) {
      const args = spec.params.map((p, i) => (i === 0 || p.name.endsWith('values') || p.name === 'scores' ? big : undefined));
      const result = spec.invoke(args, undefined);
      if (result instanceof CellError) expect(result.message).not.toMatch(/call stack|internal error/i);
    }
  });
});

describe('overflow is #NUM!, an empty base is #DIV/0!', () => {
  it('cohort ratios', () => {
    expectError(fns.nrrCohortFn(col(1e308, 1e308), col(1, 1)), '#NUM!', 'values too large');
    expectError(fns.grrCohortFn(col(1e308, 1e308), col(1, 1)), '#NUM!', 'values too large');
    expectError(fns.nrrCohortFn(col(1, 1), col(1e308, 1e308)), '#NUM!', 'values too large');
    expectError(fns.mrrMovements(col(1e308, 1e308), col(1, 1)), '#NUM!', 'values too large');
    expectError(fns.nrrCohortFn(col(0, ''), col(5, 5)), '#DIV/0!', 'no account has a start value above 0');
    expect(fns.nrrCohortFn(col(1e308, 0), col(5e307, 0))).toBeCloseTo(0.5, 12);
  });
  it('NRR, GRR, QUICK_RATIO and coverage sums', () => {
    expectError(fns.nrr(col(1e308, 1e308), 0, 0, 0), '#NUM!', 'values too large: the sum of starting overflows');
    expectError(fns.grr(1e308, col(1e308, 1e308), 0), '#NUM!', /values too large/);
    expectError(fns.quickRatio(1, 1, 1e308, 1e308), '#NUM!', 'values too large');
    expectError(fns.quickRatio(1e308, 1e308, 1, 1), '#NUM!', 'values too large');
    expect(fns.nrr(1e308, 1e308, 0, 0)).toBe(2); // s + e overflows, the ratio does not
    expect(fns.nrr(1e308, 1e308, 1e308, 0)).toBe(1);
    expectError(fns.nrr(1e-300, 1e308, 0, 0), '#NUM!', 'values too large');
    expectError(fns.nrr(0, 5, 0, 0), '#DIV/0!', 'starting is 0');
    expectError(fns.costToServe(col(1e308, 1e308), 5), '#NUM!', /values too large/);
    expectError(fns.csmHeadcount(col(1e308, 1e308), 'High'), '#NUM!', /values too large/);
  });
  it('means and health', () => {
    expectError(fns.ces(col(1e308, 1e308), 1e308), '#NUM!', 'values too large');
    const h = fns.csHealth([[50, 50]], [[1e308, 1e308]]) as unknown[][];
    expect(h[0][0]).toBeInstanceOf(CellError);
    expect((h[0][0] as CellError).code).toBe('#NUM!');
    expect((h[0][0] as CellError).message).toBe('values too large');
    const z = fns.csHealth([[50, 50]], [[0, 0]]) as unknown[][];
    expect((z[0][0] as CellError).code).toBe('#DIV/0!');
  });
});

describe('threshold order', () => {
  it('CS_HEALTH_BAND: red_below above green_from is #NUM!', () => {
    const out = fns.csHealthBand(60, 80, 50) as unknown[][];
    expect(out[0][0]).toBeInstanceOf(CellError);
    expect((out[0][0] as CellError).code).toBe('#NUM!');
    expect((out[0][0] as CellError).message).toBe('red_below (80) must not exceed green_from (50)');
    expect(fns.csHealthBand(col(40, 60, 80), 60, 60)).toEqual([['Red'], ['Green'], ['Green']]);
  });
  it('CS_TIER: low_from above high_from is #NUM!', () => {
    const out = fns.csTier(50000, undefined, undefined, 10000, 20000) as unknown[][];
    expect((out[0][0] as CellError).code).toBe('#NUM!');
    expect((out[0][0] as CellError).message).toBe('low_from (20000) must not exceed high_from (10000)');
    expect(fns.csTier(col(5000, 20000, 60000), undefined, undefined, 50000, 10000)).toEqual([['Tech Touch'], ['Low Touch'], ['High Touch']]);
  });
  it('the registry help says so', () => {
    const band = REGISTRY.find((s) => s.id === 'CS_HEALTH_BAND')!;
    expect(band.params.find((p) => p.name === 'red_below')!.description).toMatch(/must not exceed green_from/i);
    const tier = REGISTRY.find((s) => s.id === 'CS_TIER')!;
    expect(tier.params.find((p) => p.name === 'low_from')!.description).toMatch(/must not exceed high_from/i);
  });
});

describe('shapes of row-shaped ranges in vectorised functions', () => {
  it('TIME_TO_VALUE names the real shape', () => {
    expectError(fns.timeToValue(row('2024-01-01', '2024-01-02'), row('2024-02-01', '2024-02-02')), '#VALUE!', 'start_date must be one column; got 1×2');
    expectError(fns.timeToValue(col('2024-01-01'), row('2024-02-01', '2024-02-02')), '#VALUE!', 'value_date must be one column; got 1×2');
    expectError(
      fns.timeToValue(col('2024-01-01', '2024-01-02', '2024-01-03'), col('2024-02-01', '2024-02-02')),
      '#VALUE!',
      'ranges must be the same size: 3×1 and 2×1 (value_date must be one value or one per row)',
    );
    expect(fns.timeToValue('2024-01-01', col('2024-01-11', '2024-01-21'))).toEqual([[10], [20]]);
  });
  it('per-row optional arguments given as a row', () => {
    expectError(fns.csTier(col(1, 2), row('High', 'Low')), '#VALUE!', 'complexity must be one value or one column; got 1×2');
    expectError(fns.csHealthBand(col(1, 2, 3), col(1, 2)), '#VALUE!', 'ranges must be the same size: 3×1 and 2×1 (red_below must be one value or one per row)');
    expectError(fns.csBenchmark(row('NRR', 'GRR'), col(1, 1)), '#VALUE!', 'metric must be one value or one column; got 1×2');
  });
});
