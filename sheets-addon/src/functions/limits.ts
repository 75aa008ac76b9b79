/**
 * Size limits for Sheets custom functions. A custom function must finish within 30 seconds
 * (platform-facts §3.1), every argument crosses from the sheet to Apps Script as one array, and a
 * spilled result has to fit beside the formula. Beyond these sizes a call fails fast with a message
 * that points to the sidebar, whose generated tabs use native formulas and have no such limit.
 *
 * - MAX_RESULT_CELLS: 50,000 cells in a returned array (e.g. CS_TIER over 50,000 rows).
 * - MAX_INPUT_CELLS: 400,000 cells over all arguments together (e.g. two 200,000-row columns).
 */
export const MAX_RESULT_CELLS = 50_000;
export const MAX_INPUT_CELLS = 400_000;

export const SIDEBAR_HINT =
  'use the sidebar (Extensions > CS Sheets > Open) to generate a tab for data this large';

const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function tooManyInputCells(id: string, cells: number): string {
  return `${id} was given ${fmt(cells)} cells; Sheets custom functions take at most ${fmt(MAX_INPUT_CELLS)} (30-second limit): ${SIDEBAR_HINT}`;
}

export function tooManyResultCells(id: string, cells: number): string {
  return `${id} would return ${fmt(cells)} cells; Sheets custom functions return at most ${fmt(MAX_RESULT_CELLS)}: ${SIDEBAR_HINT}`;
}
