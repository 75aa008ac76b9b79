/** Shared result types and helpers for the spreadsheet functions. */
import { CellError, div0Error, numError } from '../errors';
import type { NormaliseOptions } from '../normalise';

/** One result cell: a number, a string ("" for a blank result) or an error value. */
export type CellValue = number | string | CellError;
/** What a function returns: one cell, or a 2-D array that spills. */
export type FunctionResult = CellValue | CellValue[][];
/** Per-call host settings (Sheets: the spreadsheet's time zone, for Date arguments). */
export type CallOptions = NormaliseOptions;

/** A finite number, or the given error for NaN/Infinity (never leak them into a cell). */
export function finiteOr(x: number, error: () => CellError): number | CellError {
  return Number.isFinite(x) ? x : error();
}

export const noCohort = () => div0Error('no account has a start value above 0');
/**
 * #NUM! for a sum or ratio that overflows (1e308 + 1e308). Never #DIV/0!: that is only
 * for an empty or zero base, which callers check before dividing.
 */
export const tooLarge = () => numError('values too large');

/** N×1 column from per-row results (an empty input gives one blank cell). */
export function column(rows: number, compute: (row: number) => CellValue): CellValue[][] {
  if (rows === 0) return [['']];
  const out: CellValue[][] = new Array(rows);
  for (let r = 0; r < rows; r++) out[r] = [compute(r)];
  return out;
}
