/**
 * Entry of the Apps Script core bundle (sheets-addon/dist/00_cs_core.js, an esbuild IIFE with
 * globalName CSCore). Apps Script has no modules: the generated wrappers in 10_functions.js call
 * `CSCore.callFromSheets(id, arguments)`; scripts/build-sheets-functions.mjs reads REGISTRY from this
 * bundle to generate them.
 */
export { REGISTRY, FUNCTION_IDS, findFunction } from '../../core/src/registry';
export { CellError } from '../../core/src/errors';
export { callFromSheets, spreadsheetTimeZone, expectedResultCells, type SheetsCallOptions, type SheetsResult } from './functions/adapter';
export { MAX_INPUT_CELLS, MAX_RESULT_CELLS } from './functions/limits';
