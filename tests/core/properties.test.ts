/** Invariants, each checked on at least 10,000 generated inputs. */
import fc from 'fast-check';
import { CellError } from '../../core/src/errors';
import { csTier, grrCohortFn, mrrMovements, nps, nrrCohortFn } from '../../core/src/functions';
import { CallContext, normaliseCell, readCountedList, readDate, readPerRow, readPositionalList, readWord, toGrid } from '../../core/src/normalise';
import { REGISTRY } from '../../core/src/registry';

const RUNS = { numRuns: 10000 };

/** Revenue per account: money-like amounts, some zero (new logo / churned), some blank. */
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(null, '') },
  { weight: 1, arbitrary: fc.double({ min: 0.01, max: 1e6, noNaN: true }) },
);
const pairs = fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 40 });
const column = (xs: unknown[]) => xs.map((x) => [x]);
const num = (x: unknown) => (typeof x === 'number' ? x : 0);

describe('retention invariants', () => {
  it('GRR_COHORT ≤ 1 and GRR_COHORT ≤ NRR_COHORT (or both #DIV/0! for an empty cohort)', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const start = column(ps.map((p) => p[0]));
        const end = column(ps.map((p) => p[1]));
        const g = grrCohortFn(start, end);
        const n = nrrCohortFn(start, end);
        const cohortEmpty = ps.every((p) => !(num(p[0]) > 0));
        if (cohortEmpty) {
          expect(g).toBeInstanceOf(CellError);
          expect(n).toBeInstanceOf(CellError);
          return;
        }
        expect(typeof g).toBe('number');
        expect(g as number).toBeLessThanOrEqual(1 + 1e-12);
        expect(g as number).toBeGreaterThanOrEqual(0);
        expect(g as number).toBeLessThanOrEqual((n as number) * (1 + 1e-12));
      }),
      RUNS,
    );
  });

  it('MRR_MOVEMENTS: Starting + Expansion − Contraction − Churn = Σ end over the cohort; New = Σ end of new logos', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const table = mrrMovements(column(ps.map((p) => p[0])), column(ps.map((p) => p[1])));
        expect(Array.isArray(table)).toBe(true);
        const [starting, expansion, contraction, churn, added] = (table as [string, number][]).map((r) => r[1]);
        const cohortEnd = ps.filter((p) => num(p[0]) > 0).reduce((s, p) => s + num(p[1]), 0);
        const newEnd = ps.filter((p) => !(num(p[0]) > 0)).reduce((s, p) => s + num(p[1]), 0);
        const scale = Math.max(1, starting, cohortEnd);
        expect(Math.abs(starting + expansion - contraction - churn - cohortEnd)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(added - newEnd)).toBeLessThanOrEqual(1e-9 * Math.max(1, newEnd));
        for (const v of [expansion, contraction, churn]) expect(v).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe('NPS', () => {
  it('stays within [−100, 100] over any valid answers mixed with blanks and text', () => {
    const cell = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }) },
      { weight: 1, arbitrary: fc.constantFrom('', null, 'N/A', 'abc', true, undefined) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) },
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const result = nps(column(cells));
        const answered = cells.filter((c) => typeof c === 'number' || (typeof c === 'string' && /^\d+$/.test(c)));
        if (answered.length === 0) {
          expect(result).toBeInstanceOf(CellError);
          return;
        }
        expect(result as number).toBeGreaterThanOrEqual(-100);
        expect(result as number).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });
});

describe('CS_TIER', () => {
  const order = { 'Tech Touch': 0, 'Low Touch': 1, 'High Touch': 2 } as Record<string, number>;
  const word = fc.constantFrom(undefined, null, '', 'High', 'Medium', 'Low');
  const strategic = fc.constantFrom(undefined, null, '', 'High', 'High potential', 'Standard', 'Transactional');
  it('is monotonic in ARR for fixed complexity and strategic value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), word, strategic, (a, b, c, s) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [[tLo], [tHi]] = csTier([[lo], [hi]], c, s) as string[][];
        expect(order[tLo]).toBeLessThanOrEqual(order[tHi]);
      }),
      RUNS,
    );
  });
});

describe('the normaliser never throws', () => {
  const hostCell = fc.oneof(
    fc.anything(),
    fc.constantFrom('', null, undefined, 0, true, false, NaN, Infinity, '#DIV/0!', '#N/A', '(500)', '$1,200', '€1.200,00', '1 200,00', '12%'),
    fc.string(),
    fc.double(),
    fc.date(),
    fc.record({ type: fc.constant('Error'), errorType: fc.string(), basicValue: fc.string() }),
    fc.record({ code: fc.string(), message: fc.anything() }),
  );
  const hostArg = fc.oneof(hostCell, fc.array(fc.array(hostCell, { maxLength: 4 }), { maxLength: 4 }), fc.array(hostCell, { maxLength: 4 }));

  it('normaliseCell and every reader accept arbitrary values', () => {
    fc.assert(
      fc.property(hostArg, hostArg, (a, b) => {
        const ctx = new CallContext({ timeZone: 'Europe/Paris' });
        expect(() => {
          normaliseCell(a);
          readCountedList(a, ctx);
          readPositionalList(a, 'x', ctx, { nonNegative: true });
          readWord(a, 'w', ctx);
          readDate(a, 'd', ctx);
          readPerRow(b, 'p', toGrid([[0], [0], [0]]));
        }).not.toThrow();
      }),
      RUNS,
    );
  });

  it('every registry function returns a value (never throws, never NaN/Infinity)', () => {
    const finiteOrNot = (v: unknown) => typeof v !== 'number' || Number.isFinite(v);
    fc.assert(
      fc.property(fc.constantFrom(...REGISTRY), fc.array(hostArg, { maxLength: 5 }), (spec, args) => {
        const result = spec.impl(...args);
        const cells = Array.isArray(result) ? result.flat() : [result];
        for (const c of cells) {
          expect(c instanceof CellError || typeof c === 'string' || typeof c === 'number').toBe(true);
          expect(finiteOrNot(c)).toBe(true);
          if (typeof c === 'string') expect(c).not.toMatch(/^#(DIV\/0|NUM|VALUE|N\/A)!?$/);
        }
        // The catch-all in the registry must not be what saved us.
        if (result instanceof CellError) expect(result.message).not.toMatch(/^internal error/);
      }),
      RUNS,
    );
  });
});
