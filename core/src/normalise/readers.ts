/**
 * Readers per parameter kind. Each takes what a host passed for one argument (`unknown`)
 * and returns clean values or a CellError. None of them throws.
 */
import { CellError, numError, valueError } from '../errors';
import { dayFromExcelSerial, dayFromIso, excelSerialFromDay } from '../dates';
import { BLANK, displayValue, normaliseCell, type Cell, type NormaliseOptions } from './cells';

/** An argument as a row-major grid of raw host values. A scalar is 1×1. */
export interface Grid {
  rows: number;
  cols: number;
  cells: unknown[];
}

/** Sheets passes one cell as a scalar and a range as a 2-D array; Excel matrices are 2-D arrays. */
export function toGrid(arg: unknown): Grid {
  if (!Array.isArray(arg)) return { rows: 1, cols: 1, cells: [arg] };
  if (arg.length === 0) return { rows: 0, cols: 0, cells: [] };
  const rowsIn: unknown[][] = arg.every((r) => Array.isArray(r)) ? (arg as unknown[][]) : [arg];
  // A loop, not Math.max(...spread): a spread of a 130,000-row range overflows the call stack.
  let cols = 0;
  for (const r of rowsIn) if (r.length > cols) cols = r.length;
  const cells: unknown[] = [];
  for (const r of rowsIn) for (let c = 0; c < cols; c++) cells.push(c < r.length ? r[c] : undefined);
  return { rows: cols === 0 ? 0 : rowsIn.length, cols, cells: cols === 0 ? [] : cells };
}

export function shapeText(g: Grid): string {
  return `${g.rows}×${g.cols}`;
}

/** #VALUE! "ranges must be the same size: 3×1 and 1×3", or null when they match. */
export function checkSameShape(a: Grid, b: Grid): CellError | null {
  return a.rows === b.rows && a.cols === b.cols ? null : valueError(`ranges must be the same size: ${shapeText(a)} and ${shapeText(b)}`);
}

/** "row 4 of start_values" (a column or one cell), "column 2 of scores" (a row), else "row 4, column 2 of X". */
export function positionOf(g: Grid, index: number, name: string): string {
  const row = Math.floor(index / Math.max(1, g.cols)) + 1;
  const col = (index % Math.max(1, g.cols)) + 1;
  if (g.cols === 1) return `row ${row} of ${name}`;
  if (g.rows === 1) return `column ${col} of ${name}`;
  return `row ${row}, column ${col} of ${name}`;
}

/**
 * State shared by all arguments of one call: the time zone for Dates and the
 * one-currency-per-call rule ("mixed currencies: $ and €").
 */
export class CallContext {
  private currency: string | null = null;
  constructor(readonly options: NormaliseOptions = {}) {}

  /** Normalise a cell and apply the currency rule. Never throws. */
  read(raw: unknown): Cell {
    const cell = normaliseCell(raw, this.options);
    if (cell.kind === 'number' && cell.currency !== null) {
      if (this.currency === null) this.currency = cell.currency;
      else if (this.currency !== cell.currency) {
        return { kind: 'error', error: valueError(`mixed currencies: ${this.currency} and ${cell.currency}`) };
      }
    }
    return cell;
  }
}

/** The numeric value of a cell in a number parameter: numbers, and dates as their Excel serial. */
function numberOf(cell: Cell): number | null {
  if (cell.kind === 'number') return cell.value;
  if (cell.kind === 'date') return excelSerialFromDay(cell.day);
  return null;
}

/**
 * Counted list (survey scores): blanks, non-numeric text and booleans are skipped, like AVERAGE.
 * The first error value in reading order is returned as the result.
 */
export function readCountedList(arg: unknown, ctx: CallContext): number[] | CellError {
  const g = toGrid(arg);
  const values: number[] = [];
  for (const raw of g.cells) {
    const cell = ctx.read(raw);
    if (cell.kind === 'error') return cell.error;
    const n = numberOf(cell);
    if (n !== null) values.push(n);
  }
  return values;
}

export interface PositionalList {
  grid: Grid;
  /** One value per cell, row-major; NaN for a blank cell. */
  values: number[];
}

export interface NumberRules {
  /** Give #NUM! "… cannot be negative" for a negative value. */
  nonNegative?: boolean;
}

/**
 * Positional list (start/end pairs, weights): every cell counts by its position, blank → NaN.
 * Unparsable text or a boolean → #VALUE! "row 4 of start_values: 'abc' is not a number".
 */
export function readPositionalList(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = {}): PositionalList | CellError {
  const grid = toGrid(arg);
  const values: number[] = [];
  for (let i = 0; i < grid.cells.length; i++) {
    const cell = ctx.read(grid.cells[i]);
    const v = cellAsNumber(cell, () => positionOf(grid, i, name));
    if (v instanceof CellError) return v;
    if (rules.nonNegative && v < 0) return numError(`${positionOf(grid, i, name)}: ${v} cannot be negative`);
    values.push(v);
  }
  return { grid, values };
}

/** One raw cell of a positional number parameter: number, NaN for blank, or an error naming `where`. */
export function readNumberCell(raw: unknown, where: string, ctx: CallContext): number | CellError {
  return cellAsNumber(ctx.read(raw), () => where);
}

function cellAsNumber(cell: Cell, where: () => string): number | CellError {
  switch (cell.kind) {
    case 'blank':
      return NaN;
    case 'number':
      return cell.value;
    case 'date':
      return excelSerialFromDay(cell.day);
    case 'error':
      return cell.error;
    case 'boolean':
      return valueError(`${where()}: ${cell.value ? 'TRUE' : 'FALSE'} is not a number`);
    case 'text':
      return valueError(`${where()}: '${cell.text}' is not a number`);
  }
}

/** A number or a range that is summed (NRR's starting, expansion…). Blanks add nothing. */
export function readSum(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = {}): number | CellError {
  const grid = toGrid(arg);
  if (grid.cells.length === 1) {
    const v = readScalarNumber(arg, name, ctx, rules);
    return v === null ? 0 : v;
  }
  const list = readPositionalList(arg, name, ctx, rules);
  if (list instanceof CellError) return list;
  let sum = 0;
  for (const v of list.values) if (!Number.isNaN(v)) sum += v;
  // Finite cells can still overflow when added (1e308 + 1e308): #NUM!, never a silent Infinity.
  return Number.isFinite(sum) ? sum : numError(`values too large: the sum of ${name} overflows`);
}

/** The single raw value of an argument that must be one cell (a 1×1 range is unwrapped). */
export function singleValue(arg: unknown, name: string): { raw: unknown } | CellError {
  const g = toGrid(arg);
  if (g.cells.length === 0) return { raw: undefined };
  if (g.cells.length > 1) return valueError(`${name} must be a single value, not a ${shapeText(g)} range`);
  return { raw: g.cells[0] };
}

/** One number; null when blank or omitted. Text that is not a number or a boolean → #VALUE!. */
export function readScalarNumber(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = {}): number | null | CellError {
  const single = singleValue(arg, name);
  if (single instanceof CellError) return single;
  const v = cellAsNumber(ctx.read(single.raw), () => name);
  if (v instanceof CellError) return v;
  if (Number.isNaN(v)) return null;
  if (rules.nonNegative && v < 0) return numError(`${name} cannot be negative`);
  return v;
}

/** An optional number: omitted (undefined/null) or blank → the default. */
export function readOptionalNumber(arg: unknown, name: string, defaultValue: number, ctx: CallContext, rules: NumberRules = {}): number | CellError {
  const v = readScalarNumber(arg, name, ctx, rules);
  return v === null ? defaultValue : v;
}

/** A required number: blank → #VALUE! "<name> is required". */
export function readRequiredNumber(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = {}): number | CellError {
  const v = readScalarNumber(arg, name, ctx, rules);
  return v === null ? valueError(`${name} is required`) : v;
}

/**
 * A word (tier, complexity, metric, segment): trimmed, inner spaces collapsed, lower-cased.
 * Blank, omitted and 0 (Excel desktop's blank) → null.
 */
export function readWord(arg: unknown, name: string, ctx: CallContext): string | null | CellError {
  const single = singleValue(arg, name);
  if (single instanceof CellError) return single;
  const raw = single.raw;
  if (typeof raw === 'string') {
    const word = raw.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
    return word === '' ? null : word;
  }
  const cell = ctx.read(raw);
  switch (cell.kind) {
    case 'blank':
      return null;
    case 'error':
      return cell.error;
    case 'number':
      return cell.value === 0 ? null : String(cell.value);
    case 'boolean':
      return cell.value ? 'true' : 'false';
    case 'date':
      return String(excelSerialFromDay(cell.day));
    case 'text':
      return cell.text.toLowerCase();
  }
}

/**
 * A date: a host Date (its calendar day in the options' zone), an Excel serial (integer part),
 * or ISO "YYYY-MM-DD" text. Blank and 0 → null. Returns a day number (days since 1970-01-01).
 */
export function readDate(arg: unknown, name: string, ctx: CallContext): number | null | CellError {
  const single = singleValue(arg, name);
  if (single instanceof CellError) return single;
  const raw = single.raw;
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed === '') return null;
    const day = dayFromIso(trimmed);
    if (day !== null) return day;
  }
  const cell = ctx.read(raw);
  switch (cell.kind) {
    case 'blank':
      return null;
    case 'error':
      return cell.error;
    case 'date':
      return cell.day;
    case 'number':
      if (cell.value === 0) return null;
      if (cell.value < 1 || cell.value > 2958465) return numError(`${name}: ${cell.value} is not a date serial`);
      return dayFromExcelSerial(cell.value);
    case 'boolean':
      return valueError(`${name}: ${cell.value ? 'TRUE' : 'FALSE'} is not a date`);
    case 'text':
      return valueError(`${name}: '${cell.text}' is not a date (use YYYY-MM-DD)`);
  }
}

/** The main input of a vectorised function: one raw value per row (a single column). */
export function readColumn(arg: unknown, name: string): Grid | CellError {
  const g = toGrid(arg);
  if (g.cols > 1) return valueError(`${name} must be one column; got ${shapeText(g)}`);
  return g;
}

/**
 * An argument of a vectorised function: one value for every row, or a range with the
 * same number of rows as the main input (read row by row). Returns a row accessor.
 * `main` is the main input's grid, so a mismatch reports the real shapes.
 */
export function readPerRow(arg: unknown, name: string, main: Grid): ((row: number) => unknown) | CellError {
  const g = toGrid(arg);
  if (g.cells.length <= 1) {
    const raw = g.cells.length === 1 ? g.cells[0] : undefined;
    return () => raw;
  }
  if (g.cols !== 1) return valueError(`${name} must be one value or one column; got ${shapeText(g)}`);
  if (g.rows !== main.rows) {
    return valueError(`ranges must be the same size: ${shapeText(main)} and ${shapeText(g)} (${name} must be one value or one per row)`);
  }
  return (row) => g.cells[row];
}

/** True for a raw value that the normaliser reads as blank. */
export function isBlank(raw: unknown): boolean {
  return normaliseCell(raw) === BLANK;
}

export { displayValue };
