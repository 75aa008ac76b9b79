/**
 * Readers per parameter kind. Each takes what a host passed for one argument (`unknown`)
 * and returns clean values or a CellError. None of them throws.
 */
import { CellError, numError, valueError } from '../errors';
import { dayFromExcelSerial, dayFromIso, excelSerialFromDay } from '../dates';
import { BLANK, displayValue, normaliseCell, type Cell, type NormaliseOptions } from './cells';
import { lastScan, scanSimpleNumberText } from './number-text';

/** An argument as a row-major grid of raw host values. A scalar is 1×1. */
export interface Grid {
  rows: number;
  cols: number;
  cells: unknown[];
}

/** Sheets passes one cell as a scalar and a range as a 2-D array; Excel matrices are 2-D arrays. */
export function toGrid(arg: unknown): Grid {
  if (!Array.isArray(arg)) return { rows: 1, cols: 1, cells: [arg] };
  const v = new ArgView(arg);
  const cells: unknown[] = [];
  for (let r = 0; r < v.rows; r++) for (let c = 0; c < v.cols; c++) cells.push(v.at(r, c));
  return { rows: v.rows, cols: v.cols, cells };
}

/**
 * An argument seen as a rows×cols grid without copying its cells (the shape toGrid gives:
 * a scalar is 1×1, a 1-D array one row, a 2-D array padded with undefined to its widest row).
 * The readers index the host's own arrays through it, so a million-row range costs no copy.
 */
export class ArgView {
  readonly rows: number;
  readonly cols: number;
  /** 0: a scalar, 1: an array of row arrays, 2: a 1-D array (one row). */
  private readonly mode: 0 | 1 | 2;
  private readonly src: unknown;

  constructor(arg: unknown) {
    this.src = arg;
    if (!Array.isArray(arg)) {
      this.mode = 0;
      this.rows = 1;
      this.cols = 1;
      return;
    }
    // One pass: are all rows arrays, and the widest row (a loop: a spread of a 130,000-row range overflows the stack).
    let cols = 0, allRows = true;
    for (let r = 0; r < arg.length; r++) {
      const row: unknown = arg[r];
      if (!Array.isArray(row)) {
        allRows = false;
        break;
      }
      if (row.length > cols) cols = row.length;
    }
    if (arg.length === 0) {
      this.mode = 1;
      this.rows = 0;
      this.cols = 0;
    } else if (allRows) {
      this.mode = 1;
      this.cols = cols;
      this.rows = cols === 0 ? 0 : arg.length;
    } else {
      this.mode = 2;
      this.rows = 1;
      this.cols = arg.length;
    }
  }

  get size(): number {
    return this.rows * this.cols;
  }

  /** The raw value at (r, c); undefined where a short row is padded. */
  at(r: number, c: number): unknown {
    if (this.mode === 1) {
      const row = (this.src as unknown[][])[r];
      return c < row.length ? row[c] : undefined;
    }
    if (this.mode === 2) return (this.src as unknown[])[c];
    return this.src;
  }

  /** The raw value of the i-th cell in row-major order. */
  cell(i: number): unknown {
    if (this.cols === 1) return this.at(i, 0);
    return this.at(Math.floor(i / this.cols), i % this.cols);
  }
}

/** The size of a grid or view. */
interface Shape {
  rows: number;
  cols: number;
}

export function shapeText(g: Shape): string {
  return `${g.rows}×${g.cols}`;
}

/** #VALUE! "ranges must be the same size: 3×1 and 1×3", or null when they match. */
export function checkSameShape(a: Grid, b: Grid): CellError | null {
  return sameShape(a, b);
}

function sameShape(a: Shape, b: Shape): CellError | null {
  return a.rows === b.rows && a.cols === b.cols ? null : valueError(`ranges must be the same size: ${shapeText(a)} and ${shapeText(b)}`);
}

/** "row 4 of start_values" (a column or one cell), "column 2 of scores" (a row), else "row 4, column 2 of X". */
export function positionOf(g: Grid, index: number, name: string): string {
  return positionText(g, index, name);
}

function positionText(g: Shape, index: number, name: string): string {
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
      const mixed = this.noteCurrency(cell.currency);
      if (mixed) return { kind: 'error', error: mixed };
    }
    return cell;
  }

  /** The one-currency-per-call rule for a number written with `currency`: #VALUE! when another one was seen. */
  noteCurrency(currency: string): CellError | null {
    if (this.currency === null) this.currency = currency;
    else if (this.currency !== currency) return valueError(`mixed currencies: ${this.currency} and ${currency}`);
    return null;
  }

  /**
   * A raw cell of a number parameter, allocation-free for the common shapes: a finite number
   * (−0 read as 0), a blank (null, undefined, "") → NaN, and plain number text ("$6,060", "12.5").
   * Returns NOT_FAST for anything else, which the caller reads through read().
   */
  fastNumber(raw: unknown): number | typeof NOT_FAST | CellError {
    if (typeof raw === 'number') return raw - raw === 0 ? raw + 0 : NOT_FAST; // finite: x − x is 0, else NaN
    if (raw === null || raw === undefined) return NaN;
    if (typeof raw === 'string') {
      if (raw === '') return NaN;
      const v = scanSimpleNumberText(raw);
      if (v !== v) return NOT_FAST;
      const currency = lastScan.currency;
      if (currency !== null) {
        const mixed = this.noteCurrency(currency);
        if (mixed) return mixed;
      }
      return v;
    }
    return NOT_FAST;
  }
}

/** fastNumber's "read this cell the slow way". */
const NOT_FAST = null;
const NO_RULES: NumberRules = Object.freeze({});

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
  const values = readCountedValues(arg, ctx);
  return values instanceof CellError ? values : Array.from(values);
}

/** readCountedList into a Float64Array (the kernels take ArrayLike<number>). */
export function readCountedValues(arg: unknown, ctx: CallContext): Float64Array | CellError {
  const v = new ArgView(arg);
  const out = new Float64Array(v.size);
  let k = 0;
  for (let r = 0; r < v.rows; r++) {
    for (let c = 0; c < v.cols; c++) {
      const raw = v.at(r, c);
      const fast = ctx.fastNumber(raw);
      if (typeof fast === 'number') {
        if (fast === fast) out[k++] = fast;
        continue;
      }
      if (fast instanceof CellError) return fast;
      const cell = ctx.read(raw);
      if (cell.kind === 'error') return cell.error;
      const n = numberOf(cell);
      if (n !== null) out[k++] = n;
    }
  }
  return k === out.length ? out : out.subarray(0, k);
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
export function readPositionalList(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = NO_RULES): PositionalList | CellError {
  const list = readPositionalValues(arg, name, ctx, rules);
  if (list instanceof CellError) return list;
  return { grid: toGrid(arg), values: Array.from(list.values) };
}

/** readPositionalList without copying the grid: its shape, and the values in a Float64Array. */
export function readPositionalValues(
  arg: unknown,
  name: string,
  ctx: CallContext,
  rules: NumberRules = NO_RULES,
): { rows: number; cols: number; values: Float64Array } | CellError {
  const view = new ArgView(arg);
  const { rows, cols } = view;
  const values = new Float64Array(view.size);
  const nonNegative = rules.nonNegative === true;
  let i = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, i++) {
      const raw = view.at(r, c);
      let v = ctx.fastNumber(raw);
      if (v === NOT_FAST) v = cellAsNumber(ctx.read(raw), view, i, name);
      if (typeof v !== 'number') return v;
      if (nonNegative && v < 0) return numError(`${positionText(view, i, name)}: ${v} cannot be negative`);
      values[i] = v;
    }
  }
  return { rows, cols, values };
}

/** One raw cell of a positional number parameter: number, NaN for blank, or an error naming `where`. */
export function readNumberCell(raw: unknown, where: string, ctx: CallContext): number | CellError {
  return cellAsNumber(ctx.read(raw), null, 0, where);
}

/**
 * A cell as a number; errors name the cell: positionText(shape, index, name) when a shape is
 * given, else `name` itself. The text is built only for an error.
 */
function cellAsNumber(cell: Cell, shape: Shape | null, index: number, name: string): number | CellError {
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
      return valueError(`${shape ? positionText(shape, index, name) : name}: ${cell.value ? 'TRUE' : 'FALSE'} is not a number`);
    case 'text':
      return valueError(`${shape ? positionText(shape, index, name) : name}: '${cell.text}' is not a number`);
  }
}

/** A number or a range that is summed (NRR's starting, expansion…). Blanks add nothing. */
export function readSum(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = NO_RULES): number | CellError {
  if (new ArgView(arg).size === 1) {
    const v = readScalarNumber(arg, name, ctx, rules);
    return v === null ? 0 : v;
  }
  const list = readPositionalValues(arg, name, ctx, rules);
  if (list instanceof CellError) return list;
  let sum = 0;
  const values = list.values;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sum += values[i];
  // Finite cells can still overflow when added (1e308 + 1e308): #NUM!, never a silent Infinity.
  return Number.isFinite(sum) ? sum : numError(`values too large: the sum of ${name} overflows`);
}

/** The single raw value of an argument that must be one cell (a 1×1 range is unwrapped). */
export function singleValue(arg: unknown, name: string): { raw: unknown } | CellError {
  const error = takeSingle(arg, name);
  return error ?? { raw: taken };
}

/** The value singleValue found, when takeSingle returned null (an out-parameter: no object per call). */
let taken: unknown;

function takeSingle(arg: unknown, name: string): CellError | null {
  if (!Array.isArray(arg)) {
    taken = arg;
    return null;
  }
  const v = new ArgView(arg);
  if (v.size > 1) return valueError(`${name} must be a single value, not a ${shapeText(v)} range`);
  taken = v.size === 0 ? undefined : v.at(0, 0);
  return null;
}

/** One number; null when blank or omitted. Text that is not a number or a boolean → #VALUE!. */
export function readScalarNumber(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = NO_RULES): number | null | CellError {
  let v: number | CellError | null;
  if (Array.isArray(arg)) {
    const error = takeSingle(arg, name);
    if (error) return error;
    v = ctx.fastNumber(taken);
    if (v === NOT_FAST) v = cellAsNumber(ctx.read(taken), null, 0, name);
  } else {
    v = ctx.fastNumber(arg);
    if (v === NOT_FAST) v = cellAsNumber(ctx.read(arg), null, 0, name);
  }
  if (typeof v !== 'number') return v;
  if (v !== v) return null;
  if (rules.nonNegative && v < 0) return numError(`${name} cannot be negative`);
  return v;
}

/** An optional number: omitted (undefined/null) or blank → the default. */
export function readOptionalNumber(arg: unknown, name: string, defaultValue: number, ctx: CallContext, rules: NumberRules = NO_RULES): number | CellError {
  const v = readScalarNumber(arg, name, ctx, rules);
  return v === null ? defaultValue : v;
}

/** A required number: blank → #VALUE! "<name> is required". */
export function readRequiredNumber(arg: unknown, name: string, ctx: CallContext, rules: NumberRules = NO_RULES): number | CellError {
  const v = readScalarNumber(arg, name, ctx, rules);
  return v === null ? valueError(`${name} is required`) : v;
}

/**
 * A word (tier, complexity, metric, segment): trimmed, inner spaces collapsed, lower-cased.
 * Blank, omitted and 0 (Excel desktop's blank) → null.
 */
export function readWord(arg: unknown, name: string, ctx: CallContext): string | null | CellError {
  if (arg === undefined || arg === null) return null; // omitted or blank: read as BLANK below
  const error = takeSingle(arg, name);
  if (error) return error;
  const raw = taken;
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
  const error = takeSingle(arg, name);
  if (error) return error;
  const raw = taken;
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
  const v = readColumnView(arg, name);
  return v instanceof CellError ? v : toGrid(arg);
}

/** readColumn without the copy: row r's raw value is view.at(r, 0). */
export function readColumnView(arg: unknown, name: string): ArgView | CellError {
  const v = new ArgView(arg);
  if (v.cols > 1) return valueError(`${name} must be one column; got ${shapeText(v)}`);
  return v;
}

/**
 * An argument of a vectorised function: one value for every row, or a range with the
 * same number of rows as the main input (read row by row). Returns a row accessor.
 * `main` is the main input's grid, so a mismatch reports the real shapes.
 */
export function readPerRow(arg: unknown, name: string, main: Grid): ((row: number) => unknown) | CellError {
  const p = readPerRowView(arg, name, main);
  if (p instanceof CellError) return p;
  if (p.view === null) {
    const raw = p.constant;
    return () => raw;
  }
  const view = p.view;
  return (row) => view.at(row, 0);
}

/**
 * readPerRow without a closure per argument: `view` is null when the argument is one value
 * for all rows (`constant`), else row r's raw value is view.at(r, 0).
 */
export function readPerRowView(arg: unknown, name: string, main: Shape): { view: ArgView | null; constant: unknown } | CellError {
  const g = new ArgView(arg);
  if (g.size <= 1) return { view: null, constant: g.size === 1 ? g.at(0, 0) : undefined };
  if (g.cols !== 1) return valueError(`${name} must be one value or one column; got ${shapeText(g)}`);
  if (g.rows !== main.rows) {
    return valueError(`ranges must be the same size: ${shapeText(main)} and ${shapeText(g)} (${name} must be one value or one per row)`);
  }
  return { view: g, constant: undefined };
}

/** True for a raw value that the normaliser reads as blank. */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined || raw === '') return true;
  if (typeof raw === 'number') return false;
  return normaliseCell(raw) === BLANK;
}

/** readPositionalValues' shape check between two lists: checkSameShape for shapes. */
export function checkSameSize(a: Shape, b: Shape): CellError | null {
  return sameShape(a, b);
}

export { displayValue };
