import { CellError } from '../../core/src/errors';
import {
  CallContext,
  checkSameShape,
  normaliseCell,
  readCountedList,
  readDate,
  readPerRow,
  readPositionalList,
  readWord,
  toGrid,
} from '../../core/src/normalise';
import { dayFromIso } from '../../core/src/dates';
import { expectError } from './host-shapes';

describe('normaliseCell', () => {
  it.each([undefined, null, '', '   ', '\u00a0'])('reads %p as blank', (raw) => {
    expect(normaliseCell(raw)).toEqual({ kind: 'blank' });
  });
  it('keeps 0 as the number 0', () => {
    expect(normaliseCell(0)).toEqual({ kind: 'number', value: 0, currency: null });
  });
  it('reads number text with its currency', () => {
    expect(normaliseCell(' €1.200,00 ')).toEqual({ kind: 'number', value: 1200, currency: '€' });
  });
  it('reads a Date as its calendar day', () => {
    expect(normaliseCell(new Date(2024, 0, 15))).toEqual({ kind: 'date', day: dayFromIso('2024-01-15') });
  });
  it('reads booleans and other text', () => {
    expect(normaliseCell(true)).toEqual({ kind: 'boolean', value: true });
    expect(normaliseCell(' N/A ')).toEqual({ kind: 'text', text: 'N/A' });
  });
  it('gives #NUM! for NaN and Infinity', () => {
    for (const raw of [NaN, Infinity, -Infinity]) {
      const cell = normaliseCell(raw);
      expect(cell.kind).toBe('error');
    }
  });

  describe('error values from each host', () => {
    it('keeps a core CellError as is', () => {
      const e = new CellError('#NUM!', 'x');
      expect(normaliseCell(e)).toEqual({ kind: 'error', error: e });
    });
    it.each([
      // CustomFunctions.Error as passed with allowErrorForDataTypeAny: code is the ErrorCode string value.
      [{ code: '#DIV/0!' }, '#DIV/0!'],
      [{ code: '#N/A', message: 'missing' }, '#N/A'],
      // Excel rich error value.
      [{ type: 'Error', basicType: 'Error', basicValue: '#NUM!', errorType: 'Num' }, '#NUM!'],
      [{ type: 'Error', errorType: 'Div0' }, '#DIV/0!'],
      [{ type: 'Error', errorType: 'NotAvailable' }, '#N/A'],
      // Error literals as text (what a Sheets range can hold).
      ['#DIV/0!', '#DIV/0!'],
      ['#N/A', '#N/A'],
      ['#VALUE!', '#VALUE!'],
      // Errors a function cannot return become #VALUE! naming them.
      [{ code: '#REF!' }, '#VALUE!'],
      ['#NAME?', '#VALUE!'],
      [{ type: 'Error', errorType: 'Spill' }, '#VALUE!'],
    ])('reads %p as %s', (raw, code) => {
      const cell = normaliseCell(raw);
      expect(cell.kind).toBe('error');
      if (cell.kind === 'error') expect(cell.error.code).toBe(code);
    });
    it('names an error that cannot be returned', () => {
      const cell = normaliseCell({ code: '#REF!' });
      expect(cell.kind === 'error' && cell.error.message).toBe('input holds #REF!');
    });
    it('reads Excel rich values by their basic value', () => {
      expect(normaliseCell({ type: 'FormattedNumber', basicValue: 5, numberFormat: '0' })).toEqual({ kind: 'number', value: 5, currency: null });
    });
  });

  it('does not throw on hostile objects', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    const weird = Object.create(null);
    expect(() => normaliseCell(hostile)).not.toThrow();
    expect(() => normaliseCell(weird)).not.toThrow();
    expect(normaliseCell(Symbol('s')).kind).toBe('text');
  });
});

describe('grids and shapes', () => {
  it('treats a scalar as 1×1, pads ragged rows, reads a 1-D array as a row', () => {
    expect(toGrid(5)).toEqual({ rows: 1, cols: 1, cells: [5] });
    expect(toGrid([[1], [2, 3]])).toEqual({ rows: 2, cols: 2, cells: [1, undefined, 2, 3] });
    expect(toGrid([1, 2])).toEqual({ rows: 1, cols: 2, cells: [1, 2] });
    expect(toGrid([])).toEqual({ rows: 0, cols: 0, cells: [] });
  });
  it('names both shapes when they differ', () => {
    expectError(checkSameShape(toGrid([[1], [2], [3]]), toGrid([[1, 2, 3]])), '#VALUE!', 'ranges must be the same size: 3×1 and 1×3');
    expect(checkSameShape(toGrid(1), toGrid([[2]]))).toBeNull();
  });
});

describe('readers', () => {
  it('counted list: skips blank, text and booleans; keeps 0 and number text', () => {
    expect(readCountedList([[1, '', null, 'x', true, 0, '7', undefined]], new CallContext())).toEqual([1, 0, 7]);
  });
  it('positional list: blanks become NaN by position', () => {
    const list = readPositionalList([[1], [''], ['$3']], 'start_values', new CallContext());
    expect(list).not.toBeInstanceOf(CellError);
    if (!(list instanceof CellError)) expect(list.values).toEqual([1, NaN, 3]);
  });
  it('positional list: names the cell of a 2-D range', () => {
    expectError(readPositionalList([[1, 2], [3, 'x']], 'weights', new CallContext()), '#VALUE!', "row 2, column 2 of weights: 'x' is not a number");
  });
  it('one currency per call, across arguments', () => {
    const ctx = new CallContext();
    expect(readCountedList([['$1']], ctx)).toEqual([1]);
    expectError(readCountedList([['£2']], ctx), '#VALUE!', 'mixed currencies: $ and £');
  });
  it('word: trimmed, case-folded; blank and 0 are blank', () => {
    const ctx = new CallContext();
    expect(readWord('  High  Potential ', 'x', ctx)).toBe('high potential');
    expect(readWord(0, 'x', ctx)).toBeNull();
    expect(readWord([[null]], 'x', ctx)).toBeNull();
    expect(readWord(undefined, 'x', ctx)).toBeNull();
    expectError(readWord([['a', 'b']], 'tier', ctx), '#VALUE!', 'tier must be a single value, not a 1×2 range');
  });
  it('date: 0 and blank are blank; serials, Dates and ISO text are days', () => {
    const ctx = new CallContext();
    expect(readDate(0, 'd', ctx)).toBeNull();
    expect(readDate('', 'd', ctx)).toBeNull();
    expect(readDate(45306.5, 'd', ctx)).toBe(dayFromIso('2024-01-15'));
    expect(readDate('2024-01-15', 'd', ctx)).toBe(dayFromIso('2024-01-15'));
    expect(readDate(new Date(2024, 0, 15, 0, 0), 'd', ctx)).toBe(dayFromIso('2024-01-15'));
    expectError(readDate(-3, 'd', ctx), '#NUM!');
    expectError(readDate(true, 'd', ctx), '#VALUE!');
  });
  it('per-row arguments: one value for all rows or one per row', () => {
    const main = toGrid([[0], [0], [0]]);
    const one = readPerRow('x', 'a', main);
    expect(typeof one === 'function' && [one(0), one(2)]).toEqual(['x', 'x']);
    const each = readPerRow([[1], [2], [3]], 'a', main);
    expect(typeof each === 'function' && each(2)).toBe(3);
    expectError(readPerRow([[1], [2]], 'a', main), '#VALUE!', 'ranges must be the same size: 3×1 and 2×1 (a must be one value or one per row)');
    // A row-shaped range is named by its real shape, not compared as if it were a column.
    expectError(readPerRow([[1, 2, 3]], 'a', main), '#VALUE!', 'a must be one value or one column; got 1×3');
  });
  it('toGrid reads ranges far taller than the call-stack limit', () => {
    const tall = Array.from({ length: 300_000 }, (_, i) => (i === 123_456 ? [1, 2] : [i]));
    const g = toGrid(tall);
    expect([g.rows, g.cols, g.cells.length]).toEqual([300_000, 2, 600_000]);
    expect([g.cells[2 * 123_456 + 1], g.cells[1], g.cells[2 * 299_999]]).toEqual([2, undefined, 299_999]);
  });
});
