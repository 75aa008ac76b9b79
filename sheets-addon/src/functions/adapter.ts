/**
 * Google Sheets → core adapter for the custom functions. Every generated top-level wrapper
 * (sheets-addon/dist/10_functions.js) calls `callFromSheets(id, arguments)`.
 *
 * What Sheets passes (spec/functions.md "How input arrives"): a scalar for one cell, a 2-D array for
 * a range, "" for a blank cell, Date objects (midnight in the SPREADSHEET's time zone), undefined for an
 * omitted argument. Core reads all of these itself; the adapter adds what only the host knows:
 * - the spreadsheet's time zone, read only when an argument holds a Date;
 * - errors: a CellError result is thrown as `Error("#CODE: message")` (Sheets shows #ERROR! and the
 *   message; ISERROR() is TRUE); inside a returned array an error cell becomes its text, because Sheets
 *   cannot hold an error value in an array; a vectorised function whose result is one error cell throws;
 * - the size limits of limits.ts, checked before computing.
 * Never returns undefined or null: a blank result cell is "".
 */
import { CellError } from '../../../core/src/errors';
import { findFunction, type FunctionSpec } from '../../../core/src/registry';
import type { CellValue, FunctionResult } from '../../../core/src/functions';
import { MAX_INPUT_CELLS, MAX_RESULT_CELLS, tooManyInputCells, tooManyResultCells } from './limits';

export interface SheetsCallOptions {
  /** IANA zone for Date arguments. Default: the active spreadsheet's zone (then the script's). */
  timeZone?: string;
}

/** What a custom function hands back to Sheets. */
export type SheetsValue = number | string;
export type SheetsResult = SheetsValue | SheetsValue[][];

/** The error Sheets shows: message "#CODE: message", so ISERROR() is TRUE and the kind is readable. */
export function sheetsError(error: CellError): Error {
  return new Error(error.toString());
}

/**
 * The spreadsheet's time zone. Custom functions may read the active spreadsheet (read-only services
 * need no authorisation). Guarded: outside Apps Script, or if the call is refused, fall back to the
 * script's zone (appsscript.json), then to undefined (core then reads the runtime's local day).
 */
export function spreadsheetTimeZone(): string | undefined {
  try {
    if (typeof SpreadsheetApp !== 'undefined') {
      const zone = SpreadsheetApp.getActive()?.getSpreadsheetTimeZone();
      if (zone) return zone;
    }
  } catch {
    // fall through
  }
  try {
    if (typeof Session !== 'undefined') {
      const zone = Session.getScriptTimeZone();
      if (zone) return zone;
    }
  } catch {
    // fall through
  }
  return undefined;
}

interface ArgStats {
  cells: number;
  hasDate: boolean;
}

function scan(arg: unknown, stats: ArgStats): void {
  if (Array.isArray(arg)) {
    for (const row of arg) {
      if (Array.isArray(row)) {
        stats.cells += row.length;
        if (!stats.hasDate) for (const v of row) if (v instanceof Date) { stats.hasDate = true; break; }
      } else {
        stats.cells += 1;
        if (row instanceof Date) stats.hasDate = true;
      }
    }
  } else {
    stats.cells += 1;
    if (arg instanceof Date) stats.hasDate = true;
  }
}

/** Rows of an argument as core reads it: a scalar is one row; a 2-D array has one row per entry. */
function rowsOf(arg: unknown): number {
  if (!Array.isArray(arg)) return 1;
  return arg.every((r) => Array.isArray(r)) ? arg.length : 1;
}

/** The number of result cells the call will produce, from the registry's spill description. */
export function expectedResultCells(spec: FunctionSpec, args: readonly unknown[]): number {
  const spill = spec.spill;
  if (!spill) return 1;
  if ('fixed' in spill) return spill.fixed[0] * spill.fixed[1];
  let rows = 1;
  for (const i of spill.rowsFrom) rows = Math.max(rows, rowsOf(args[i]));
  return rows;
}

function toSheetsCell(v: CellValue): SheetsValue {
  if (v instanceof CellError) return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : `#NUM!: ${v} is not a finite number`;
  return v ?? '';
}

/** Core's result → what Sheets accepts, throwing for errors that can be real errors. */
export function toSheetsResult(spec: FunctionSpec, result: FunctionResult): SheetsResult {
  if (result instanceof CellError) throw sheetsError(result);
  if (!Array.isArray(result)) {
    const cell = toSheetsCell(result);
    return cell;
  }
  if (result.length > 0 && result.length * (result[0]?.length ?? 0) > MAX_RESULT_CELLS) {
    throw sheetsError(new CellError('#VALUE!', tooManyResultCells(spec.id, result.length * result[0].length)));
  }
  // One result cell that is an error (a vectorised call on a single cell): a real error.
  if (result.length === 1 && result[0].length === 1 && result[0][0] instanceof CellError) throw sheetsError(result[0][0]);
  const out: SheetsValue[][] = new Array(result.length);
  for (let r = 0; r < result.length; r++) {
    const row = result[r];
    const outRow: SheetsValue[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) outRow[c] = toSheetsCell(row[c]);
    out[r] = outRow;
  }
  return out;
}

/**
 * Call catalogue function `id` with the arguments exactly as Sheets passed them (an `arguments`
 * object or an array). Returns a number, a string or a 2-D array; throws Error("#CODE: message").
 */
export function callFromSheets(id: string, args: ArrayLike<unknown>, options: SheetsCallOptions = {}): SheetsResult {
  const spec = findFunction(id);
  if (!spec) throw new Error(`#N/A: ${id} is not a CS Sheets function`);
  const list = Array.prototype.slice.call(args) as unknown[];
  // Sheets passes omitted trailing arguments as nothing at all: they are undefined, as core expects.
  if (list.length > spec.params.length) {
    throw sheetsError(new CellError('#VALUE!', `${spec.id} takes at most ${spec.params.length} arguments; got ${list.length}`));
  }
  const stats: ArgStats = { cells: 0, hasDate: false };
  for (const a of list) scan(a, stats);
  if (stats.cells > MAX_INPUT_CELLS) throw sheetsError(new CellError('#VALUE!', tooManyInputCells(spec.id, stats.cells)));
  const resultCells = expectedResultCells(spec, list);
  if (resultCells > MAX_RESULT_CELLS) throw sheetsError(new CellError('#VALUE!', tooManyResultCells(spec.id, resultCells)));
  const timeZone = options.timeZone ?? (stats.hasDate ? spreadsheetTimeZone() : undefined);
  return toSheetsResult(spec, spec.invoke(list, timeZone ? { timeZone } : {}));
}
