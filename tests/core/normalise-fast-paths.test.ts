/**
 * The allocation-free fast paths of the normaliser give exactly what the general path gives.
 * (Speed is measured by `npm run bench`, never asserted here.)
 */
import fc from 'fast-check';
import { CellError } from '../../core/src/errors';
import { csTier } from '../../core/src/functions';
import {
  ArgView,
  CallContext,
  lastScan,
  normaliseCell,
  parseNumberText,
  readCountedList,
  readCountedValues,
  readPositionalList,
  readPositionalValues,
  scanSimpleNumberText,
  toGrid,
} from '../../core/src/normalise';

const RUNS = { numRuns: 2000 };

describe('scanSimpleNumberText', () => {
  it('reads the common shapes of number text with their currency', () => {
    const cases: [string, number, string | null][] = [
      ['213', 213, null],
      ['$6,060', 6060, '$'],
      ['€1,234,567.25', 1234567.25, '€'],
      ['£0.5', 0.5, '£'],
      ['1234.5', 1234.5, null],
      ['007', 7, null],
      ['12345678901234567890', 12345678901234567890, null],
    ];
    for (const [text, value, currency] of cases) {
      expect(scanSimpleNumberText(text)).toBe(value);
      expect(lastScan.currency).toBe(currency);
    }
  });

  it('leaves every other shape to the general parser (NaN)', () => {
    for (const text of ['', ' 5', '5 ', '-5', '(5)', '5%', '1,23', '1,2345', '12,34.5', '1.', '.5', '$', 'USD 5', '5$', '1e5', '1.2.3', 'abc']) {
      expect(scanSimpleNumberText(text)).toBeNaN();
    }
  });

  it('reads exactly [symbol]digits with 3-digit groups and an optional fraction, as Number() of the digits', () => {
    const SHAPE = /^([$€£¥])?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
    const digits = fc.array(fc.constantFrom(...'0123456789,.'.split('')), { minLength: 1, maxLength: 16 }).map((a) => a.join(''));
    const text = fc.tuple(fc.constantFrom('', '$', '€', '£', '¥', 'R'), digits).map(([s, d]) => s + d);
    fc.assert(
      fc.property(text, (t) => {
        const v = scanSimpleNumberText(t);
        const m = SHAPE.exec(t);
        expect(!Number.isNaN(v)).toBe(m !== null);
        if (!m) return;
        expect(v).toBe(Number(t.slice(m[1] ? 1 : 0).replace(/,/g, '')));
        expect(lastScan.currency).toBe(m[1] ?? null);
        expect(parseNumberText(t)).toEqual({ value: v, currency: lastScan.currency });
      }),
      RUNS,
    );
  });
});

describe('readers without a grid copy', () => {
  const cell = fc.oneof(
    fc.constantFrom(null, undefined, '', 0, -0, 5, 2.5, -3, NaN, Infinity, '$1,200', '€3', 'x', true, '12%', '#N/A', new Date(Date.UTC(2024, 0, 15))),
    fc.double(),
    fc.string({ maxLength: 6 }),
  );
  const arg = fc.oneof(cell, fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 5 }), fc.array(cell, { maxLength: 4 }));

  it('ArgView sees the shape and cells toGrid copies', () => {
    fc.assert(
      fc.property(arg, (a) => {
        const g = toGrid(a);
        const v = new ArgView(a);
        expect([v.rows, v.cols]).toEqual([g.rows, g.cols]);
        for (let i = 0; i < g.cells.length; i++) expect(v.cell(i)).toBe(g.cells[i]);
      }),
      RUNS,
    );
  });

  it('the Float64Array readers give the list readers’ values and errors', () => {
    fc.assert(
      fc.property(arg, arg, (a, b) => {
        const [c1, c2] = [new CallContext(), new CallContext()];
        const lists = [readPositionalList(a, 'x', c1, { nonNegative: true }), readPositionalList(b, 'y', c1)];
        const values = [readPositionalValues(a, 'x', c2, { nonNegative: true }), readPositionalValues(b, 'y', c2)];
        for (let k = 0; k < 2; k++) {
          const l = lists[k], v = values[k];
          if (l instanceof CellError || v instanceof CellError) expect(v).toEqual(l);
          else expect(Array.from(v.values)).toEqual(l.values);
        }
        const [c3, c4] = [new CallContext(), new CallContext()];
        const counted = [readCountedList(a, c3), readCountedList(b, c3)];
        const typed = [readCountedValues(a, c4), readCountedValues(b, c4)];
        for (let k = 0; k < 2; k++) {
          const l = counted[k], v = typed[k];
          if (l instanceof CellError || v instanceof CellError) expect(v).toEqual(l);
          else expect(Array.from(v)).toEqual(l);
        }
      }),
      RUNS,
    );
  });

  it('reads a blank -0 as 0, like normaliseCell', () => {
    const list = readPositionalValues([[-0]], 'x', new CallContext());
    expect(list instanceof CellError ? null : Object.is(list.values[0], 0)).toBe(true);
    expect(normaliseCell(-0)).toEqual({ kind: 'number', value: 0, currency: null });
  });

  it('CS_TIER reads a constant argument once, with the per-row errors and currency rule unchanged', () => {
    expect(csTier([[1000], [200000]], 'High')).toEqual([['Low Touch'], ['High Touch']]);
    const bad = csTier([[1000], ['']], 'bogus') as unknown[][];
    expect(bad[0][0]).toBeInstanceOf(CellError);
    expect(bad[1][0]).toBe('');
    // A currency in ARR and another in high_from: the mixed-currency error comes from the constant, per row.
    const mixed = csTier([['$1,000']], undefined, undefined, '€5') as unknown[][];
    expect((mixed[0][0] as CellError).message).toBe('mixed currencies: $ and €');
  });
});
