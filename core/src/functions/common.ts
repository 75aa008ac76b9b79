/** Shared result types and helpers for the spreadsheet functions. */
import { CellError, div0Error } from '../errors';
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

/** N×1 column from per-row results (an empty input gives one blank cell). */
export function column(rows: number, compute: (row: number) => CellValue): CellValue[][] {
  if (rows === 0) return [['']];
  const out: CellValue[][] = [];
  for (let r = 0; r < rows; r++) out.push([compute(r)]);
  return out;
}
