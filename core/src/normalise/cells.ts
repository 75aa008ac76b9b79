/**
 * One host cell value → one clean Cell. Both hosts' encodings meet here:
 * blanks ("" from Sheets, null from Excel web, undefined for omitted args), Dates (Sheets)
 * vs serials (Excel), booleans, error values (our CellError, CustomFunctions.Error,
 * Excel's ErrorCellValue, error literals as text) and numbers typed as text.
 */
import { CellError, type ErrorCode } from '../errors';
import { dayFromDate } from '../dates';
import { parseNumberText } from './number-text';

export type Cell =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; currency: string | null }
  | { kind: 'date'; day: number }
  | { kind: 'boolean'; value: boolean }
  /** Text that is not a number; `text` is trimmed. */
  | { kind: 'text'; text: string }
  | { kind: 'error'; error: CellError };

export interface NormaliseOptions {
  /** IANA zone in which a host Date is read (Sheets: the spreadsheet's zone). Default: runtime local. */
  timeZone?: string;
}

export const BLANK: Cell = Object.freeze({ kind: 'blank' }) as Cell;

const CORE_CODES: readonly ErrorCode[] = ['#VALUE!', '#DIV/0!', '#NUM!', '#N/A'];

/** Every spreadsheet error literal we recognise, by Excel error-type name and CustomFunctions.ErrorCode key. */
const ERROR_NAMES: Record<string, string> = {
  value: '#VALUE!', invalidvalue: '#VALUE!',
  div0: '#DIV/0!', divisionbyzero: '#DIV/0!',
  num: '#NUM!', invalidnumber: '#NUM!',
  notavailable: '#N/A', na: '#N/A',
  ref: '#REF!', invalidreference: '#REF!',
  name: '#NAME?', invalidname: '#NAME?',
  null: '#NULL!', nullreference: '#NULL!',
  spill: '#SPILL!', calc: '#CALC!', busy: '#BUSY!', gettingdata: '#GETTING_DATA',
  connect: '#CONNECT!', blocked: '#BLOCKED!', field: '#FIELD!', unknown: '#UNKNOWN!',
};
const ERROR_LITERALS = new Set([...Object.values(ERROR_NAMES), '#ERROR!']);

/**
 * A host error literal ("#DIV/0!", "Div0", "divisionByZero") → our CellError. The four codes we
 * can return keep their kind; others (#REF!, #NAME?, …) become #VALUE! naming the original.
 */
export function cellErrorFromCode(code: string, message?: string): CellError | null {
  const trimmed = code.trim();
  const literal = ERROR_LITERALS.has(trimmed.toUpperCase())
    ? trimmed.toUpperCase()
    : ERROR_NAMES[trimmed.toLowerCase().replace(/[^a-z0-9]/g, '')];
  if (!literal) return null;
  const text = typeof message === 'string' ? message : '';
  if ((CORE_CODES as readonly string[]).includes(literal)) return new CellError(literal as ErrorCode, text);
  return new CellError('#VALUE!', text ? `${literal}: ${text}` : `input holds ${literal}`);
}

function safeGet(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * Error values as hosts pass them to an `any` parameter:
 * - our CellError;
 * - Excel custom functions with `allowErrorForDataTypeAny`: a `CustomFunctions.Error`
 *   (`{ code: "#DIV/0!", message? }`, code being the ErrorCode string value);
 * - Excel rich values: `{ type: "Error", errorType: "Div0", basicValue: "#DIV/0!" }`.
 */
export function errorFromHostObject(x: object): CellError | null {
  if (x instanceof CellError) return x;
  const code = safeGet(x, 'code');
  const message = safeGet(x, 'message');
  if (typeof code === 'string' && code.startsWith('#')) return cellErrorFromCode(code, typeof message === 'string' ? message : undefined);
  const type = safeGet(x, 'type');
  const basicType = safeGet(x, 'basicType');
  if (type === 'Error' || basicType === 'Error') {
    const basicValue = safeGet(x, 'basicValue');
    const errorType = safeGet(x, 'errorType');
    return (
      (typeof basicValue === 'string' ? cellErrorFromCode(basicValue) : null) ??
      (typeof errorType === 'string' ? cellErrorFromCode(errorType) : null) ??
      new CellError('#VALUE!', 'input holds an error')
    );
  }
  return null;
}

/** Short text for messages, never throwing on odd objects. */
export function displayValue(raw: unknown): string {
  try {
    if (typeof raw === 'string') return raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
    if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
    if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
    return String(raw).slice(0, 40);
  } catch {
    return '[unreadable value]';
  }
}

/** Normalise one cell. Never throws. */
export function normaliseCell(raw: unknown, options: NormaliseOptions = {}): Cell {
  try {
    return normaliseCellUnsafe(raw, options);
  } catch {
    return { kind: 'error', error: new CellError('#VALUE!', `unreadable value: ${displayValue(raw)}`) };
  }
}

function normaliseCellUnsafe(raw: unknown, options: NormaliseOptions): Cell {
  switch (typeof raw) {
    case 'undefined':
      return BLANK;
    case 'number':
      if (Number.isFinite(raw)) return { kind: 'number', value: raw === 0 ? 0 : raw, currency: null };
      return { kind: 'error', error: new CellError('#NUM!', `${displayValue(raw)} is not a finite number`) };
    case 'bigint':
      return normaliseCellUnsafe(Number(raw), options);
    case 'boolean':
      return { kind: 'boolean', value: raw };
    case 'string': {
      const text = raw.replace(/^[\s\u00a0\u2007\u202f\u2009]+|[\s\u00a0\u2007\u202f\u2009]+$/g, '');
      if (text === '') return BLANK;
      const parsed = parseNumberText(text);
      if (parsed) return { kind: 'number', value: parsed.value, currency: parsed.currency };
      if (text.startsWith('#')) {
        const error = cellErrorFromCode(text);
        if (error && ERROR_LITERALS.has(text.toUpperCase())) return { kind: 'error', error };
      }
      return { kind: 'text', text };
    }
    case 'object': {
      if (raw === null) return BLANK;
      if (raw instanceof Date) {
        if (Number.isNaN(raw.getTime())) return { kind: 'error', error: new CellError('#VALUE!', 'invalid date') };
        try {
          return { kind: 'date', day: dayFromDate(raw, options.timeZone) };
        } catch {
          return { kind: 'error', error: new CellError('#VALUE!', `unknown time zone: ${displayValue(options.timeZone)}`) };
        }
      }
      const error = errorFromHostObject(raw);
      if (error) return { kind: 'error', error };
      if (Array.isArray(raw)) {
        // A nested array where a cell was expected: read its single value, else it is not a cell.
        if (raw.length === 1) return normaliseCellUnsafe(Array.isArray(raw[0]) && raw[0].length === 1 ? raw[0][0] : raw[0], options);
        return { kind: 'error', error: new CellError('#VALUE!', 'a range was given where one value is expected') };
      }
      // Excel rich values (FormattedNumber, Double, String, Boolean…) carry a plain basicValue.
      const basicValue = safeGet(raw, 'basicValue');
      if (basicValue !== undefined && basicValue !== raw && typeof basicValue !== 'object') return normaliseCellUnsafe(basicValue, options);
      return { kind: 'text', text: displayValue(raw) };
    }
    default:
      return { kind: 'text', text: displayValue(raw) };
  }
}
