/**
 * Faithful, in-memory fakes of the Apps Script services the Sheets add-on uses:
 * SpreadsheetApp (Spreadsheet, Sheet, Range, RangeList, rule/validation/chart builders,
 * developer metadata), HtmlService, Ui (add-on menu, sidebar), Session, ScriptApp, Utilities
 * and Charts.
 *
 * They HOLD cell contents, RECORD every call (`env.calls`) and REJECT what the real service
 * rejects, with the real messages where known:
 * - setValues / setFormulas / setNumberFormats whose data does not have the range's exact dimensions;
 * - a range outside the sheet's grid (new sheets are 1000 × 26; grow with insertRowsAfter …);
 * - more than 10,000,000 cells in the spreadsheet;
 * - sheet names that are empty, longer than 100 characters or already used (case-insensitive);
 * - deleting the last sheet; values that are not primitives or Dates.
 * setValues / setValue parse strings as typed input, like the real service: "=…" becomes a
 * formula, "'…" stays text without the apostrophe, "-500" or "1,200" become numbers, a leading
 * "+"/"-" before non-numeric text starts a formula. setFormulas with "" clears the cell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MAX_CELLS = 10_000_000;
export const MAX_SHEET_NAME = 100;
const OUTSIDE = 'Exception: The coordinates of the range are outside the dimensions of the sheet.';

export interface Call {
  /** 'Range', 'RangeList', 'Sheet', 'Spreadsheet', 'Ui', 'Menu', 'HtmlService', 'SpreadsheetApp', … */
  target: string;
  method: string;
  /** Sheet name at the time of the call, when the target belongs to a sheet. */
  sheet?: string;
  a1?: string;
  args?: unknown[];
}

export type Stored = string | number | boolean | Date;

export interface FakeCell {
  value?: Stored;
  formula?: string;
  numberFormat?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontColor?: string;
  background?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  validation?: FakeDataValidation;
}

/* ------------------------------------------------------------------------------------------ */
/* A1                                                                                           */

export function colLetters(col1: number): string {
  let n = col1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function parseA1Cell(text: string): { row?: number; col?: number } {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw new Error(`Exception: Range not found`);
  let col: number | undefined;
  if (m[1] !== '') {
    col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  }
  return { row: m[2] === '' ? undefined : Number(m[2]), col };
}

/** 1-based box of an A1 text (no sheet name). Whole columns/rows extend to the grid. */
function parseA1(a1: string, maxRows: number, maxCols: number): { r: number; c: number; nr: number; nc: number } {
  const [a, b] = a1.split(':');
  const p = parseA1Cell(a);
  const q = b === undefined ? p : parseA1Cell(b);
  const r1 = p.row ?? 1, r2 = q.row ?? maxRows;
  const c1 = p.col ?? 1, c2 = q.col ?? maxCols;
  const r = Math.min(r1, r2), c = Math.min(c1, c2);
  return { r, c, nr: Math.abs(r2 - r1) + 1, nc: Math.abs(c2 - c1) + 1 };
}

/* ------------------------------------------------------------------------------------------ */
/* The environment                                                                              */

export class FakeEnv {
  readonly calls: Call[] = [];
  spreadsheet: FakeSpreadsheet;
  readonly ui: FakeUi;
  /** Set by a test to emulate AuthMode.NONE: document, properties and sheets throw. */
  authNone = false;
  scriptTimeZone = 'Etc/UTC';
  /** Where HtmlService.createHtmlOutputFromFile looks for "<name>.html". */
  htmlDir = path.join(__dirname, '..', '..', 'sheets-addon', 'dist');

  constructor(opts: { timeZone?: string; sheetNames?: string[] } = {}) {
    this.spreadsheet = new FakeSpreadsheet(this, opts.timeZone ?? 'Etc/UTC', opts.sheetNames ?? ['Sheet1']);
    this.ui = new FakeUi(this);
  }

  record(call: Call): void {
    this.calls.push(call);
  }

  /** Calls of one method (optionally on one sheet). */
  count(method: string, sheet?: string): number {
    return this.calls.filter((c) => c.method === method && (sheet === undefined || c.sheet === sheet)).length;
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  guard(what: string): void {
    if (this.authNone) throw new Error(`Exception: You do not have permission to call ${what} (AuthMode.NONE)`);
  }

  /** Installs the services as globals (what Apps Script provides) and returns an uninstaller. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const names = ['SpreadsheetApp', 'HtmlService', 'Session', 'ScriptApp', 'Utilities', 'Charts', 'PropertiesService'];
    const saved = names.map((n) => [n, g[n]] as const);
    g.SpreadsheetApp = makeSpreadsheetApp(this);
    g.HtmlService = makeHtmlService(this);
    g.Session = makeSession(this);
    g.ScriptApp = { AuthMode: AUTH_MODE };
    g.Utilities = makeUtilities(this);
    g.Charts = { ChartType: CHART_TYPE };
    g.PropertiesService = makePropertiesService(this);
    return () => {
      for (const [n, v] of saved) {
        if (v === undefined) delete g[n];
        else g[n] = v;
      }
    };
  }
}

export const AUTH_MODE = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const CHART_TYPE = { AREA: 'AREA', BAR: 'BAR', COLUMN: 'COLUMN', LINE: 'LINE', PIE: 'PIE', SCATTER: 'SCATTER', TABLE: 'TABLE' } as const;
const INTERPOLATION = { NUMBER: 'NUMBER', PERCENT: 'PERCENT', PERCENTILE: 'PERCENTILE', MIN: 'MIN', MAX: 'MAX' } as const;
const VISIBILITY = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;

/* ------------------------------------------------------------------------------------------ */
/* Values as the real service stores them                                                       */

const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?$/;

/** What a cell holds after a typed-in string, like setValues does with text. */
export function parseTyped(text: string): { value?: Stored; formula?: string } {
  if (text === '') return {};
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  const t = text.trim();
  if (t !== '' && /\d/.test(t) && NUMBER_TEXT.test(t)) {
    const pct = t.endsWith('%');
    const n = Number(t.replace(/,/g, '').replace(/%$/, ''));
    if (Number.isFinite(n)) return { value: pct ? n / 100 : n };
  }
  if (/^[+-]./.test(text)) return { formula: `=${text}` };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  return { value: text };
}

function checkValue(v: unknown, where: string): void {
  if (v === null || v === undefined) return;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean' || v instanceof Date) {
    if (t === 'string' && (v as string).length > 50000) {
      throw new Error('Exception: Your input contains more than the maximum of 50000 characters in a single cell.');
    }
    return;
  }
  throw new Error(`Exception: The parameters (${where}) don't match the method signature.`);
}

/* ------------------------------------------------------------------------------------------ */
/* Spreadsheet                                                                                  */

export class FakeDeveloperMetadata {
  constructor(
    private readonly owner: FakeSheet,
    private readonly key: string,
    private readonly value: string | null,
    private readonly visibility: string,
  ) {}
  getKey(): string {
    return this.key;
  }
  getValue(): string | null {
    return this.value;
  }
  getVisibility(): string {
    return this.visibility;
  }
  getLocation(): { getSheet: () => FakeSheet; getLocationType: () => string } {
    return { getSheet: () => this.owner, getLocationType: () => 'SHEET' };
  }
  remove(): void {
    this.owner.metadata = this.owner.metadata.filter((m) => m !== this);
  }
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  private nextId = 0;
  activeSheet: FakeSheet;
  activeRange: FakeRange | null = null;
  toasts: string[] = [];

  constructor(readonly env: FakeEnv, private timeZone: string, names: string[]) {
    for (const n of names) this.sheets.push(new FakeSheet(this, n, this.nextId++));
    this.activeSheet = this.sheets[0];
  }

  private rec(method: string, args?: unknown[]): void {
    this.env.guard(`Spreadsheet.${method}`);
    this.env.record({ target: 'Spreadsheet', method, args });
  }

  getId(): string {
    this.rec('getId');
    return 'fake-spreadsheet-id';
  }
  getName(): string {
    this.rec('getName');
    return 'Fake spreadsheet';
  }
  getSpreadsheetTimeZone(): string {
    this.rec('getSpreadsheetTimeZone');
    return this.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.rec('setSpreadsheetTimeZone', [tz]);
    this.timeZone = tz;
  }
  getSheets(): FakeSheet[] {
    this.rec('getSheets');
    return [...this.sheets];
  }
  getNumSheets(): number {
    this.rec('getNumSheets');
    return this.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    this.rec('getSheetByName', [name]);
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  getSheetById(id: number): FakeSheet | null {
    this.rec('getSheetById', [id]);
    return this.sheets.find((s) => s.id === id) ?? null;
  }
  getActiveSheet(): FakeSheet {
    this.rec('getActiveSheet');
    return this.activeSheet;
  }
  getActiveRange(): FakeRange | null {
    this.rec('getActiveRange');
    return this.activeRange;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.rec('setActiveSheet', [sheet.name]);
    this.activeSheet = sheet;
    return sheet;
  }
  /** Test helper (no call recorded): put the cursor on a range. */
  select(sheetName: string, a1: string): void {
    const sheet = this.sheets.find((s) => s.name === sheetName)!;
    this.activeSheet = sheet;
    this.activeRange = sheet.rangeA1(a1);
  }
  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }
  checkCellLimit(extra: number): void {
    if (this.totalCells() + extra > MAX_CELLS) {
      throw new Error(`Exception: This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }
  checkNewName(name: string, except?: FakeSheet): void {
    if (typeof name !== 'string' || name.trim() === '') throw new Error('Exception: Sheet names cannot be empty.');
    if (name.length > MAX_SHEET_NAME) throw new Error(`Exception: Sheet names must be at most ${MAX_SHEET_NAME} characters.`);
    const lower = name.toLowerCase();
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === lower)) {
      throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    this.rec('insertSheet', [nameOrIndex, index]);
    let name: string;
    if (typeof nameOrIndex === 'string') name = nameOrIndex;
    else {
      let n = this.sheets.length + 1;
      while (this.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      name = `Sheet${n}`;
      if (typeof nameOrIndex === 'number') index = nameOrIndex;
    }
    this.checkNewName(name);
    this.checkCellLimit(1000 * 26);
    const sheet = new FakeSheet(this, name, this.nextId++);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    this.activeSheet = sheet; // insertSheet activates the new sheet, like the real one
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    this.rec('deleteSheet', [sheet.name]);
    if (!this.sheets.includes(sheet)) throw new Error('Exception: Sheet not found.');
    if (this.sheets.length === 1) throw new Error("Exception: You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    sheet.deleted = true;
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
  }
  getRangeByName(): null {
    this.rec('getRangeByName');
    return null;
  }
  toast(msg: string): void {
    this.rec('toast', [msg]);
    this.toasts.push(msg);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Sheet                                                                                        */

export class FakeSheet {
  maxRows = 1000;
  maxCols = 26;
  cells = new Map<number, FakeCell>();
  metadata: FakeDeveloperMetadata[] = [];
  rules: FakeConditionalFormatRule[] = [];
  charts: FakeChart[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  columnWidths = new Map<number, number>();
  deleted = false;
  hiddenGridlines = false;

  constructor(readonly spreadsheet: FakeSpreadsheet, public name: string, readonly id: number) {}

  get env(): FakeEnv {
    return this.spreadsheet.env;
  }

  rec(method: string, args?: unknown[]): void {
    this.env.guard(`Sheet.${method}`);
    if (this.deleted) throw new Error('Exception: The sheet has been deleted.');
    this.env.record({ target: 'Sheet', method, sheet: this.name, args });
  }

  key(row: number, col: number): number {
    return row * 100_000 + col;
  }
  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(this.key(row, col));
  }
  cellFor(row: number, col: number): FakeCell {
    const k = this.key(row, col);
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = {}));
    return c;
  }

  /** Test helper: a range without recording a call. */
  rangeA1(a1: string): FakeRange {
    const b = parseA1(a1, this.maxRows, this.maxCols);
    return new FakeRange(this, b.r, b.c, b.nr, b.nc);
  }
  /** Test helper: the last row / column holding content (0 when empty). */
  contentBounds(): { lastRow: number; lastCol: number } {
    let lastRow = 0, lastCol = 0;
    for (const [k, c] of this.cells) {
      if (c.value === undefined && c.formula === undefined) continue;
      const row = Math.floor(k / 100_000), col = k % 100_000;
      if (row > lastRow) lastRow = row;
      if (col > lastCol) lastCol = col;
    }
    return { lastRow, lastCol };
  }
  /** Test helper: what a cell shows in the formula bar ("=…" for a formula). */
  content(a1: string): Stored | undefined {
    const b = parseA1(a1, this.maxRows, this.maxCols);
    const c = this.cell(b.r, b.c);
    return c?.formula ?? c?.value;
  }

  getName(): string {
    this.rec('getName');
    return this.name;
  }
  setName(name: string): FakeSheet {
    this.rec('setName', [name]);
    this.spreadsheet.checkNewName(name, this);
    this.name = name;
    return this;
  }
  getSheetId(): number {
    this.rec('getSheetId');
    return this.id;
  }
  getIndex(): number {
    this.rec('getIndex');
    return this.spreadsheet.sheets.indexOf(this) + 1;
  }
  getParent(): FakeSpreadsheet {
    this.rec('getParent');
    return this.spreadsheet;
  }
  activate(): FakeSheet {
    this.rec('activate');
    this.spreadsheet.activeSheet = this;
    return this;
  }
  getMaxRows(): number {
    this.rec('getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.rec('getMaxColumns');
    return this.maxCols;
  }
  getLastRow(): number {
    this.rec('getLastRow');
    return this.contentBounds().lastRow;
  }
  getLastColumn(): number {
    this.rec('getLastColumn');
    return this.contentBounds().lastCol;
  }
  insertRowsAfter(after: number, howMany: number): FakeSheet {
    this.rec('insertRowsAfter', [after, howMany]);
    if (!(howMany >= 1) || after < 1 || after > this.maxRows) throw new Error(OUTSIDE);
    this.spreadsheet.checkCellLimit(howMany * this.maxCols);
    this.shiftRows(after + 1, howMany);
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(after: number, howMany: number): FakeSheet {
    this.rec('insertColumnsAfter', [after, howMany]);
    if (!(howMany >= 1) || after < 1 || after > this.maxCols) throw new Error(OUTSIDE);
    this.spreadsheet.checkCellLimit(howMany * this.maxRows);
    const moved = new Map<number, FakeCell>();
    for (const [k, c] of this.cells) {
      const row = Math.floor(k / 100_000), col = k % 100_000;
      moved.set(this.key(row, col > after ? col + howMany : col), c);
    }
    this.cells = moved;
    this.maxCols += howMany;
    return this;
  }
  deleteRows(position: number, howMany: number): void {
    this.rec('deleteRows', [position, howMany]);
    if (position < 1 || position + howMany - 1 > this.maxRows) throw new Error(OUTSIDE);
    if (howMany >= this.maxRows) throw new Error("Exception: You can't delete all the rows on the sheet.");
    const kept = new Map<number, FakeCell>();
    for (const [k, c] of this.cells) {
      const row = Math.floor(k / 100_000), col = k % 100_000;
      if (row >= position && row < position + howMany) continue;
      kept.set(this.key(row >= position + howMany ? row - howMany : row, col), c);
    }
    this.cells = kept;
    this.maxRows -= howMany;
  }
  deleteColumns(position: number, howMany: number): void {
    this.rec('deleteColumns', [position, howMany]);
    if (position < 1 || position + howMany - 1 > this.maxCols) throw new Error(OUTSIDE);
    if (howMany >= this.maxCols) throw new Error("Exception: You can't delete all the columns on the sheet.");
    const kept = new Map<number, FakeCell>();
    for (const [k, c] of this.cells) {
      const row = Math.floor(k / 100_000), col = k % 100_000;
      if (col >= position && col < position + howMany) continue;
      kept.set(this.key(row, col >= position + howMany ? col - howMany : col), c);
    }
    this.cells = kept;
    this.maxCols -= howMany;
  }
  private shiftRows(from: number, by: number): void {
    const moved = new Map<number, FakeCell>();
    for (const [k, c] of this.cells) {
      const row = Math.floor(k / 100_000), col = k % 100_000;
      moved.set(this.key(row >= from ? row + by : row, col), c);
    }
    this.cells = moved;
  }

  getRange(a: string | number, col?: number, numRows = 1, numCols = 1): FakeRange {
    if (typeof a === 'string') {
      this.rec('getRange', [a]);
      const b = parseA1(a.includes('!') ? a.slice(a.lastIndexOf('!') + 1) : a, this.maxRows, this.maxCols);
      return this.checked(b.r, b.c, b.nr, b.nc);
    }
    this.rec('getRange', [a, col, numRows, numCols]);
    return this.checked(a, col ?? 1, numRows, numCols);
  }
  private checked(r: number, c: number, nr: number, nc: number): FakeRange {
    if (![r, c, nr, nc].every((n) => Number.isInteger(n))) throw new Error('Exception: The parameters don\'t match the method signature.');
    if (nr < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (nc < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    if (r < 1 || c < 1 || r + nr - 1 > this.maxRows || c + nc - 1 > this.maxCols) throw new Error(OUTSIDE);
    return new FakeRange(this, r, c, nr, nc);
  }
  getDataRange(): FakeRange {
    this.rec('getDataRange');
    const { lastRow, lastCol } = this.contentBounds();
    return new FakeRange(this, 1, 1, Math.max(lastRow, 1), Math.max(lastCol, 1));
  }
  getRangeList(a1s: string[]): FakeRangeList {
    this.rec('getRangeList', [a1s.length]);
    return new FakeRangeList(
      this,
      a1s.map((a1) => {
        const b = parseA1(a1, this.maxRows, this.maxCols);
        return this.checkedQuiet(b.r, b.c, b.nr, b.nc);
      }),
    );
  }
  private checkedQuiet(r: number, c: number, nr: number, nc: number): FakeRange {
    if (r < 1 || c < 1 || r + nr - 1 > this.maxRows || c + nc - 1 > this.maxCols) throw new Error(OUTSIDE);
    return new FakeRange(this, r, c, nr, nc);
  }
  clear(): FakeSheet {
    this.rec('clear');
    for (const c of this.cells.values()) {
      const v = c.validation;
      for (const k of Object.keys(c)) delete (c as Record<string, unknown>)[k];
      if (v) c.validation = v; // Sheet.clear() keeps data validation, like the real one
    }
    return this;
  }
  clearContents(): FakeSheet {
    this.rec('clearContents');
    for (const c of this.cells.values()) {
      delete c.value;
      delete c.formula;
    }
    return this;
  }
  clearFormats(): FakeSheet {
    this.rec('clearFormats');
    for (const c of this.cells.values()) {
      for (const k of ['numberFormat', 'fontWeight', 'fontStyle', 'fontSize', 'fontColor', 'background', 'wrap', 'horizontalAlignment']) {
        delete (c as Record<string, unknown>)[k];
      }
    }
    return this;
  }
  clearConditionalFormatRules(): void {
    this.rec('clearConditionalFormatRules');
    this.rules = [];
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.rec('getConditionalFormatRules');
    return [...this.rules];
  }
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this.rec('setConditionalFormatRules', [rules.length]);
    for (const r of rules) {
      if (!(r instanceof FakeConditionalFormatRule)) throw new Error("Exception: The parameters (number[]) don't match the method signature.");
      for (const range of r.ranges) if (range.sheet !== this) throw new Error('Exception: The conditional format rule cannot reference a different sheet.');
    }
    this.rules = [...rules];
  }
  setFrozenRows(n: number): void {
    this.rec('setFrozenRows', [n]);
    if (n < 0 || n >= this.maxRows) throw new Error('Exception: Sorry, it is not possible to freeze all rows.');
    this.frozenRows = n;
  }
  setFrozenColumns(n: number): void {
    this.rec('setFrozenColumns', [n]);
    if (n < 0 || n >= this.maxCols) throw new Error('Exception: Sorry, it is not possible to freeze all columns.');
    this.frozenColumns = n;
  }
  getFrozenRows(): number {
    this.rec('getFrozenRows');
    return this.frozenRows;
  }
  getFrozenColumns(): number {
    this.rec('getFrozenColumns');
    return this.frozenColumns;
  }
  setColumnWidth(col: number, px: number): FakeSheet {
    this.rec('setColumnWidth', [col, px]);
    if (col < 1 || col > this.maxCols) throw new Error(OUTSIDE);
    this.columnWidths.set(col, px);
    return this;
  }
  setColumnWidths(start: number, num: number, px: number): FakeSheet {
    this.rec('setColumnWidths', [start, num, px]);
    if (start < 1 || num < 1 || start + num - 1 > this.maxCols) throw new Error(OUTSIDE);
    for (let c = start; c < start + num; c++) this.columnWidths.set(c, px);
    return this;
  }
  getColumnWidth(col: number): number {
    this.rec('getColumnWidth', [col]);
    return this.columnWidths.get(col) ?? 100;
  }
  setHiddenGridlines(hide: boolean): FakeSheet {
    this.rec('setHiddenGridlines', [hide]);
    this.hiddenGridlines = hide;
    return this;
  }
  addDeveloperMetadata(key: string, valueOrVisibility?: string, visibility?: string): FakeSheet {
    this.rec('addDeveloperMetadata', [key, valueOrVisibility, visibility]);
    if (typeof key !== 'string' || key === '') throw new Error('Exception: Developer metadata keys cannot be empty.');
    const isVis = valueOrVisibility === 'DOCUMENT' || valueOrVisibility === 'PROJECT';
    this.metadata.push(new FakeDeveloperMetadata(this, key, isVis ? null : valueOrVisibility ?? null, isVis ? valueOrVisibility! : visibility ?? 'DOCUMENT'));
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.rec('getDeveloperMetadata');
    return [...this.metadata];
  }
  newChart(): FakeChartBuilder {
    this.rec('newChart');
    return new FakeChartBuilder(this);
  }
  insertChart(chart: FakeChart): void {
    this.rec('insertChart');
    if (!(chart instanceof FakeChart)) throw new Error("Exception: The parameters don't match the method signature.");
    this.charts.push(chart);
  }
  getCharts(): FakeChart[] {
    this.rec('getCharts');
    return [...this.charts];
  }
  removeChart(chart: FakeChart): void {
    this.rec('removeChart');
    this.charts = this.charts.filter((c) => c !== chart);
  }
  /** Print setup is not in the Apps Script API; nothing to fake. */
}

/* ------------------------------------------------------------------------------------------ */
/* Range and RangeList                                                                          */

type Matrix<T> = T[][];

export class FakeRange {
  constructor(readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly numRows: number, readonly numCols: number) {}

  private rec(method: string, args?: unknown[]): void {
    this.sheet.env.guard(`Range.${method}`);
    if (this.sheet.deleted) throw new Error('Exception: The sheet has been deleted.');
    this.sheet.env.record({ target: 'Range', method, sheet: this.sheet.name, a1: this.a1(), args });
  }
  a1(): string {
    const a = `${colLetters(this.col)}${this.row}`;
    const b = `${colLetters(this.col + this.numCols - 1)}${this.row + this.numRows - 1}`;
    return a === b ? a : `${a}:${b}`;
  }
  private each(fn: (cellRow: number, cellCol: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) for (let j = 0; j < this.numCols; j++) fn(this.row + i, this.col + j, i, j);
  }
  private checkDims(data: unknown, what: string): asserts data is unknown[][] {
    if (!Array.isArray(data)) throw new Error(`Exception: The parameters (${what}) don't match the method signature for SpreadsheetApp.Range.set.`);
    if (data.length !== this.numRows) {
      throw new Error(`Exception: The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`);
    }
    for (const row of data) {
      if (!Array.isArray(row)) throw new Error(`Exception: The parameters (${what}) don't match the method signature.`);
      if (row.length !== this.numCols) {
        throw new Error(`Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numCols}.`);
      }
    }
  }

  getA1Notation(): string {
    this.rec('getA1Notation');
    return this.a1();
  }
  getSheet(): FakeSheet {
    this.rec('getSheet');
    return this.sheet;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.col + this.numCols - 1;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    this.rec('offset', [rowOffset, columnOffset, numRows, numColumns]);
    const r = this.row + rowOffset, c = this.col + columnOffset;
    const nr = numRows ?? this.numRows, nc = numColumns ?? this.numCols;
    if (r < 1 || c < 1 || nr < 1 || nc < 1 || r + nr - 1 > this.sheet.maxRows || c + nc - 1 > this.sheet.maxCols) throw new Error(OUTSIDE);
    return new FakeRange(this.sheet, r, c, nr, nc);
  }
  activate(): FakeRange {
    this.rec('activate');
    this.sheet.spreadsheet.activeSheet = this.sheet;
    this.sheet.spreadsheet.activeRange = this;
    return this;
  }

  getValues(): Matrix<Stored> {
    this.rec('getValues');
    const out: Stored[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const row: Stored[] = [];
      for (let j = 0; j < this.numCols; j++) {
        const c = this.sheet.cell(this.row + i, this.col + j);
        const v = c?.value;
        row.push(v instanceof Date ? new Date(v.getTime()) : v ?? '');
      }
      out.push(row);
    }
    return out;
  }
  getValue(): Stored {
    this.rec('getValue');
    return this.sheet.cell(this.row, this.col)?.value ?? '';
  }
  getFormulas(): Matrix<string> {
    this.rec('getFormulas');
    const out: string[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const row: string[] = [];
      for (let j = 0; j < this.numCols; j++) row.push(this.sheet.cell(this.row + i, this.col + j)?.formula ?? '');
      out.push(row);
    }
    return out;
  }
  getNumberFormats(): Matrix<string> {
    this.rec('getNumberFormats');
    const out: string[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const row: string[] = [];
      for (let j = 0; j < this.numCols; j++) row.push(this.sheet.cell(this.row + i, this.col + j)?.numberFormat ?? 'General');
      out.push(row);
    }
    return out;
  }
  private put(r: number, c: number, v: unknown): void {
    const cell = this.sheet.cellFor(r, c);
    delete cell.value;
    delete cell.formula;
    if (v === null || v === undefined || v === '') return;
    if (typeof v === 'string') Object.assign(cell, parseTyped(v));
    else if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('Exception: Invalid argument: NaN or Infinity cannot be written to a cell.');
    else cell.value = v instanceof Date ? new Date(v.getTime()) : (v as Stored);
  }
  setValues(values: unknown[][]): FakeRange {
    this.rec('setValues');
    this.checkDims(values, 'Object[][]');
    for (const row of values) row.forEach((v) => checkValue(v, 'Object[][]'));
    this.each((r, c, i, j) => this.put(r, c, values[i][j]));
    return this;
  }
  setValue(value: unknown): FakeRange {
    this.rec('setValue', [value]);
    checkValue(value, 'Object');
    this.each((r, c) => this.put(r, c, value));
    return this;
  }
  setFormulas(formulas: string[][]): FakeRange {
    this.rec('setFormulas');
    this.checkDims(formulas, 'String[][]');
    for (const row of formulas) for (const f of row) if (typeof f !== 'string') throw new Error("Exception: The parameters (Object[][]) don't match the method signature for SpreadsheetApp.Range.setFormulas.");
    this.each((r, c, i, j) => this.put(r, c, formulas[i][j]));
    return this;
  }
  setFormula(formula: string): FakeRange {
    this.rec('setFormula', [formula]);
    this.each((r, c) => this.put(r, c, formula));
    return this;
  }
  setNumberFormats(formats: string[][]): FakeRange {
    this.rec('setNumberFormats');
    this.checkDims(formats, 'String[][]');
    for (const row of formats) for (const f of row) if (typeof f !== 'string') throw new Error("Exception: The parameters (Object[][]) don't match the method signature for SpreadsheetApp.Range.setNumberFormats.");
    this.each((r, c, i, j) => {
      this.sheet.cellFor(r, c).numberFormat = formats[i][j];
    });
    return this;
  }
  setNumberFormat(format: string): FakeRange {
    this.rec('setNumberFormat', [format]);
    this.each((r, c) => {
      this.sheet.cellFor(r, c).numberFormat = format;
    });
    return this;
  }
  private style<K extends keyof FakeCell>(key: K, value: FakeCell[K]): FakeRange {
    this.each((r, c) => {
      const cell = this.sheet.cellFor(r, c);
      if (value === null || value === undefined) delete cell[key];
      else cell[key] = value;
    });
    return this;
  }
  setFontWeight(w: string | null): FakeRange {
    this.rec('setFontWeight', [w]);
    return this.style('fontWeight', w ?? undefined);
  }
  setFontStyle(s: string | null): FakeRange {
    this.rec('setFontStyle', [s]);
    return this.style('fontStyle', s ?? undefined);
  }
  setFontSize(n: number): FakeRange {
    this.rec('setFontSize', [n]);
    return this.style('fontSize', n);
  }
  setFontColor(c: string | null): FakeRange {
    this.rec('setFontColor', [c]);
    return this.style('fontColor', c ?? undefined);
  }
  setBackground(c: string | null): FakeRange {
    this.rec('setBackground', [c]);
    return this.style('background', c ?? undefined);
  }
  setWrap(w: boolean): FakeRange {
    this.rec('setWrap', [w]);
    return this.style('wrap', w);
  }
  setHorizontalAlignment(a: string | null): FakeRange {
    this.rec('setHorizontalAlignment', [a]);
    return this.style('horizontalAlignment', a ?? undefined);
  }
  setVerticalAlignment(a: string | null): FakeRange {
    this.rec('setVerticalAlignment', [a]);
    return this;
  }
  setBorder(...args: unknown[]): FakeRange {
    this.rec('setBorder', args);
    return this;
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    this.rec('setDataValidation');
    if (rule !== null && !(rule instanceof FakeDataValidation)) throw new Error("Exception: The parameters don't match the method signature.");
    return this.style('validation', rule ?? undefined);
  }
  clearDataValidations(): FakeRange {
    this.rec('clearDataValidations');
    return this.style('validation', undefined);
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    this.rec('getDataValidations');
    const out: (FakeDataValidation | null)[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const row: (FakeDataValidation | null)[] = [];
      for (let j = 0; j < this.numCols; j++) row.push(this.sheet.cell(this.row + i, this.col + j)?.validation ?? null);
      out.push(row);
    }
    return out;
  }
  clear(): FakeRange {
    this.rec('clear');
    this.each((r, c) => this.sheet.cells.delete(this.sheet.key(r, c)));
    return this;
  }
  clearContent(): FakeRange {
    this.rec('clearContent');
    this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (cell) {
        delete cell.value;
        delete cell.formula;
      }
    });
    return this;
  }
  /** The block of non-empty cells around this range, bounded by empty rows and columns (like Ctrl+A). */
  getDataRegion(): FakeRange {
    this.rec('getDataRegion');
    const s = this.sheet;
    const filled = (r: number, c: number) => {
      const cell = s.cell(r, c);
      return !!cell && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== ''));
    };
    let top = this.row, left = this.col, bottom = this.row + this.numRows - 1, right = this.col + this.numCols - 1;
    for (let changed = true; changed; ) {
      changed = false;
      const rowHas = (r: number) => {
        for (let c = Math.max(1, left - 1); c <= Math.min(s.maxCols, right + 1); c++) if (filled(r, c)) return true;
        return false;
      };
      const colHas = (c: number) => {
        for (let r = Math.max(1, top - 1); r <= Math.min(s.maxRows, bottom + 1); r++) if (filled(r, c)) return true;
        return false;
      };
      if (top > 1 && rowHas(top - 1)) (top--, (changed = true));
      if (bottom < s.maxRows && rowHas(bottom + 1)) (bottom++, (changed = true));
      if (left > 1 && colHas(left - 1)) (left--, (changed = true));
      if (right < s.maxCols && colHas(right + 1)) (right++, (changed = true));
    }
    return new FakeRange(s, top, left, bottom - top + 1, right - left + 1);
  }
}

export class FakeRangeList {
  constructor(readonly sheet: FakeSheet, readonly ranges: FakeRange[]) {}
  private apply(method: string, args: unknown[], fn: (r: FakeRange) => void): FakeRangeList {
    this.sheet.env.guard(`RangeList.${method}`);
    this.sheet.env.record({ target: 'RangeList', method, sheet: this.sheet.name, a1: this.ranges.map((r) => r.a1()).join(','), args });
    const saved = this.sheet.env.calls.length;
    this.ranges.forEach(fn);
    this.sheet.env.calls.length = saved; // one call on the list, not one per range
    return this;
  }
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  setFontWeight(w: string | null): FakeRangeList {
    return this.apply('setFontWeight', [w], (r) => r.setFontWeight(w));
  }
  setFontStyle(s: string | null): FakeRangeList {
    return this.apply('setFontStyle', [s], (r) => r.setFontStyle(s));
  }
  setFontSize(n: number): FakeRangeList {
    return this.apply('setFontSize', [n], (r) => r.setFontSize(n));
  }
  setFontColor(c: string | null): FakeRangeList {
    return this.apply('setFontColor', [c], (r) => r.setFontColor(c));
  }
  setBackground(c: string | null): FakeRangeList {
    return this.apply('setBackground', [c], (r) => r.setBackground(c));
  }
  setWrap(w: boolean): FakeRangeList {
    return this.apply('setWrap', [w], (r) => r.setWrap(w));
  }
  setHorizontalAlignment(a: string | null): FakeRangeList {
    return this.apply('setHorizontalAlignment', [a], (r) => r.setHorizontalAlignment(a));
  }
  setVerticalAlignment(a: string | null): FakeRangeList {
    return this.apply('setVerticalAlignment', [a], (r) => r.setVerticalAlignment(a));
  }
  setNumberFormat(f: string): FakeRangeList {
    return this.apply('setNumberFormat', [f], (r) => r.setNumberFormat(f));
  }
  setBorder(...args: unknown[]): FakeRangeList {
    return this.apply('setBorder', args, (r) => r.setBorder(...args));
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRangeList {
    return this.apply('setDataValidation', [], (r) => r.setDataValidation(rule));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Builders                                                                                     */

export class FakeConditionalFormatRule {
  constructor(
    readonly ranges: FakeRange[],
    readonly condition: { type: string; values: unknown[] } | null,
    readonly gradient: { min?: string; mid?: { color: string; type: string; value: string }; max?: string } | null,
    readonly background: string | null,
    readonly fontColor: string | null,
  ) {}
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
}

class FakeConditionalFormatRuleBuilder {
  private ranges: FakeRange[] = [];
  private condition: { type: string; values: unknown[] } | null = null;
  private gradient: { min?: string; mid?: { color: string; type: string; value: string }; max?: string } | null = null;
  private background: string | null = null;
  private fontColor: string | null = null;
  constructor(private readonly env: FakeEnv) {}
  private rec(method: string, args?: unknown[]): this {
    this.env.record({ target: 'ConditionalFormatRuleBuilder', method, args });
    return this;
  }
  whenTextEqualTo(text: string): this {
    this.condition = { type: 'TEXT_EQ', values: [text] };
    return this.rec('whenTextEqualTo', [text]);
  }
  whenFormulaSatisfied(formula: string): this {
    if (!formula.startsWith('=')) throw new Error('Exception: Invalid argument: formula (a custom formula must start with "=").');
    this.condition = { type: 'CUSTOM_FORMULA', values: [formula] };
    return this.rec('whenFormulaSatisfied', [formula]);
  }
  whenNumberGreaterThan(n: number): this {
    this.condition = { type: 'NUMBER_GREATER_THAN', values: [n] };
    return this.rec('whenNumberGreaterThan', [n]);
  }
  setBackground(c: string | null): this {
    this.background = c;
    return this.rec('setBackground', [c]);
  }
  setFontColor(c: string | null): this {
    this.fontColor = c;
    return this.rec('setFontColor', [c]);
  }
  setBold(): this {
    return this.rec('setBold');
  }
  setGradientMinpoint(color: string): this {
    this.gradient = { ...this.gradient, min: color };
    return this.rec('setGradientMinpoint', [color]);
  }
  setGradientMaxpoint(color: string): this {
    this.gradient = { ...this.gradient, max: color };
    return this.rec('setGradientMaxpoint', [color]);
  }
  setGradientMidpointWithValue(color: string, type: string, value: string): this {
    this.gradient = { ...this.gradient, mid: { color, type, value } };
    return this.rec('setGradientMidpointWithValue', [color, type, value]);
  }
  setRanges(ranges: FakeRange[]): this {
    if (!Array.isArray(ranges) || ranges.some((r) => !(r instanceof FakeRange))) throw new Error("Exception: The parameters don't match the method signature.");
    this.ranges = [...ranges];
    return this.rec('setRanges', [ranges.map((r) => r.a1())]);
  }
  build(): FakeConditionalFormatRule {
    this.rec('build');
    if (this.ranges.length === 0) throw new Error('Exception: A conditional format rule must have at least one range.');
    if (this.gradient) {
      if (!this.gradient.min || !this.gradient.max) throw new Error('Exception: A gradient rule needs a min point and a max point.');
    } else if (!this.condition) throw new Error('Exception: A conditional format rule must have a condition.');
    if (!this.gradient && this.background === null && this.fontColor === null) throw new Error('Exception: A conditional format rule must set a format.');
    return new FakeConditionalFormatRule(this.ranges, this.condition, this.gradient, this.background, this.fontColor);
  }
}

export class FakeDataValidation {
  constructor(readonly criteria: string, readonly values: unknown[], readonly allowInvalid: boolean) {}
  getCriteriaType(): string {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.values];
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
}

class FakeDataValidationBuilder {
  private criteria: string | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  constructor(private readonly env: FakeEnv) {}
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
      throw new Error('Exception: The data validation list must contain at least one item, all text.');
    }
    if (values.length > 500) throw new Error('Exception: A data validation list can contain at most 500 items.');
    this.criteria = 'VALUE_IN_LIST';
    this.values = [values, showDropdown];
    this.env.record({ target: 'DataValidationBuilder', method: 'requireValueInList', args: [values, showDropdown] });
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow;
    this.env.record({ target: 'DataValidationBuilder', method: 'setAllowInvalid', args: [allow] });
    return this;
  }
  setHelpText(): this {
    return this;
  }
  build(): FakeDataValidation {
    if (!this.criteria) throw new Error('Exception: A data validation rule must have criteria.');
    this.env.record({ target: 'DataValidationBuilder', method: 'build' });
    return new FakeDataValidation(this.criteria, this.values, this.allowInvalid);
  }
}

export class FakeChart {
  constructor(
    readonly type: string,
    readonly ranges: FakeRange[],
    readonly position: { row: number; col: number; offsetX: number; offsetY: number },
    readonly options: Record<string, unknown>,
  ) {}
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  getOptions(): { get: (k: string) => unknown } {
    return { get: (k: string) => this.options[k] };
  }
}

export class FakeChartBuilder {
  private type: string | null = null;
  private ranges: FakeRange[] = [];
  private position = { row: 1, col: 1, offsetX: 0, offsetY: 0 };
  private options: Record<string, unknown> = {};
  constructor(private readonly sheet: FakeSheet) {}
  private rec(method: string, args?: unknown[]): this {
    this.sheet.env.record({ target: 'EmbeddedChartBuilder', method, sheet: this.sheet.name, args });
    return this;
  }
  setChartType(type: string): this {
    if (!Object.values(CHART_TYPE).includes(type as never)) throw new Error('Exception: Invalid argument: type');
    this.type = type;
    return this.rec('setChartType', [type]);
  }
  asColumnChart(): this {
    return this.setChartType('COLUMN');
  }
  asBarChart(): this {
    return this.setChartType('BAR');
  }
  asLineChart(): this {
    return this.setChartType('LINE');
  }
  addRange(range: FakeRange): this {
    if (!(range instanceof FakeRange)) throw new Error("Exception: The parameters don't match the method signature.");
    if (range.sheet.spreadsheet !== this.sheet.spreadsheet) throw new Error('Exception: A chart range must be in the same spreadsheet.');
    this.ranges.push(range);
    return this.rec('addRange', [range.a1()]);
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): this {
    if (row < 1 || col < 1) throw new Error('Exception: Invalid argument: anchorRowPos');
    this.position = { row, col, offsetX, offsetY };
    return this.rec('setPosition', [row, col, offsetX, offsetY]);
  }
  setOption(key: string, value: unknown): this {
    this.options[key] = value;
    return this.rec('setOption', [key, value]);
  }
  setNumHeaders(n: number): this {
    this.options.numHeaders = n;
    return this.rec('setNumHeaders', [n]);
  }
  setMergeStrategy(s: string): this {
    return this.rec('setMergeStrategy', [s]);
  }
  build(): FakeChart {
    this.rec('build');
    if (!this.type) throw new Error('Exception: The chart type must be set.');
    if (this.ranges.length === 0) throw new Error('Exception: A chart must have at least one range.');
    return new FakeChart(this.type, this.ranges, this.position, this.options);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Ui, HtmlService, Session, Utilities                                                          */

export interface MenuItem {
  caption: string;
  functionName: string;
}

export class FakeMenu {
  readonly items: (MenuItem | 'separator')[] = [];
  constructor(private readonly ui: FakeUi, readonly addon: boolean, readonly title: string) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.ui.env.record({ target: 'Menu', method: 'addItem', args: [caption, functionName] });
    if (typeof functionName !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(functionName)) throw new Error('Exception: Invalid function name');
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this.ui.env.record({ target: 'Menu', method: 'addSeparator' });
    this.items.push('separator');
    return this;
  }
  addToUi(): void {
    this.ui.env.record({ target: 'Menu', method: 'addToUi' });
    this.ui.menus.push(this);
  }
}

export class FakeUi {
  readonly menus: FakeMenu[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly alerts: string[] = [];
  constructor(readonly env: FakeEnv) {}
  createAddonMenu(): FakeMenu {
    this.env.record({ target: 'Ui', method: 'createAddonMenu' });
    return new FakeMenu(this, true, '');
  }
  createMenu(title: string): FakeMenu {
    this.env.record({ target: 'Ui', method: 'createMenu', args: [title] });
    return new FakeMenu(this, false, title);
  }
  showSidebar(html: FakeHtmlOutput): void {
    this.env.record({ target: 'Ui', method: 'showSidebar' });
    if (!(html instanceof FakeHtmlOutput)) throw new Error("Exception: The parameters don't match the method signature for Ui.showSidebar.");
    this.sidebars.push(html);
  }
  alert(msg: string): string {
    this.env.record({ target: 'Ui', method: 'alert', args: [msg] });
    this.alerts.push(msg);
    return 'OK';
  }
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
}

export class FakeHtmlOutput {
  title = '';
  constructor(readonly file: string, readonly content: string) {}
  setTitle(t: string): FakeHtmlOutput {
    this.title = t;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  getContent(): string {
    return this.content;
  }
  setWidth(): FakeHtmlOutput {
    return this;
  }
  setSandboxMode(): FakeHtmlOutput {
    return this;
  }
  setXFrameOptionsMode(): FakeHtmlOutput {
    return this;
  }
}

function makeHtmlService(env: FakeEnv) {
  return {
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    createHtmlOutputFromFile(name: string): FakeHtmlOutput {
      env.record({ target: 'HtmlService', method: 'createHtmlOutputFromFile', args: [name] });
      const file = path.join(env.htmlDir, name.endsWith('.html') ? name : `${name}.html`);
      // The real service fails when the project has no such file.
      if (!fs.existsSync(file)) throw new Error(`Exception: No HTML file named ${name} was found.`);
      return new FakeHtmlOutput(name, fs.readFileSync(file, 'utf8'));
    },
    createHtmlOutput(html = ''): FakeHtmlOutput {
      env.record({ target: 'HtmlService', method: 'createHtmlOutput' });
      return new FakeHtmlOutput('', html);
    },
  };
}

function makeSession(env: FakeEnv) {
  return {
    getScriptTimeZone: () => {
      env.record({ target: 'Session', method: 'getScriptTimeZone' });
      return env.scriptTimeZone;
    },
    getActiveUserLocale: () => {
      env.record({ target: 'Session', method: 'getActiveUserLocale' });
      return 'en';
    },
    getActiveUser: () => {
      env.guard('Session.getActiveUser');
      env.record({ target: 'Session', method: 'getActiveUser' });
      return { getEmail: () => '' };
    },
    getTemporaryActiveUserKey: () => 'fake-user-key',
  };
}

function makePropertiesService(env: FakeEnv) {
  const store = new Map<string, string>();
  const props = {
    getProperty: (k: string) => store.get(k) ?? null,
    setProperty: (k: string, v: string) => (store.set(k, v), props),
    deleteProperty: (k: string) => (store.delete(k), props),
  };
  const get = (which: string) => () => {
    env.guard(`PropertiesService.${which}`);
    env.record({ target: 'PropertiesService', method: which });
    return props;
  };
  return { getDocumentProperties: get('getDocumentProperties'), getUserProperties: get('getUserProperties'), getScriptProperties: get('getScriptProperties') };
}

/** Utilities.formatDate for the patterns the add-on uses (yyyy, MM, dd, HH, mm, ss, literal 'T'). */
export function formatDateLike(date: Date, timeZone: string, pattern: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss|SSS/g, (m, lit: string | undefined) => {
    if (lit !== undefined) return lit;
    switch (m) {
      case 'yyyy':
        return get('year');
      case 'MM':
        return get('month');
      case 'dd':
        return get('day');
      case 'HH':
        return get('hour');
      case 'mm':
        return get('minute');
      case 'ss':
        return get('second');
      default:
        return String(date.getUTCMilliseconds()).padStart(3, '0');
    }
  });
}

function makeUtilities(env: FakeEnv) {
  return {
    formatDate(date: Date, timeZone: string, pattern: string): string {
      env.record({ target: 'Utilities', method: 'formatDate', args: [timeZone, pattern] });
      if (!(date instanceof Date)) throw new Error("Exception: The parameters don't match the method signature for Utilities.formatDate.");
      return formatDateLike(date, timeZone, pattern);
    },
  };
}

function makeSpreadsheetApp(env: FakeEnv) {
  return {
    AuthMode: AUTH_MODE,
    InterpolationType: INTERPOLATION,
    DeveloperMetadataVisibility: VISIBILITY,
    BorderStyle: { SOLID: 'SOLID', SOLID_MEDIUM: 'SOLID_MEDIUM', DOUBLE: 'DOUBLE', DOTTED: 'DOTTED' },
    WrapStrategy: { WRAP: 'WRAP', CLIP: 'CLIP', OVERFLOW: 'OVERFLOW' },
    getUi: () => {
      env.record({ target: 'SpreadsheetApp', method: 'getUi' });
      return env.ui;
    },
    getActiveSpreadsheet: () => {
      env.guard('SpreadsheetApp.getActiveSpreadsheet');
      env.record({ target: 'SpreadsheetApp', method: 'getActiveSpreadsheet' });
      return env.spreadsheet;
    },
    getActive: () => {
      env.guard('SpreadsheetApp.getActive');
      env.record({ target: 'SpreadsheetApp', method: 'getActive' });
      return env.spreadsheet;
    },
    getActiveSheet: () => {
      env.guard('SpreadsheetApp.getActiveSheet');
      env.record({ target: 'SpreadsheetApp', method: 'getActiveSheet' });
      return env.spreadsheet.activeSheet;
    },
    getActiveRange: () => {
      env.guard('SpreadsheetApp.getActiveRange');
      env.record({ target: 'SpreadsheetApp', method: 'getActiveRange' });
      return env.spreadsheet.activeRange;
    },
    flush: () => env.record({ target: 'SpreadsheetApp', method: 'flush' }),
    newConditionalFormatRule: () => {
      env.record({ target: 'SpreadsheetApp', method: 'newConditionalFormatRule' });
      return new FakeConditionalFormatRuleBuilder(env);
    },
    newDataValidation: () => {
      env.record({ target: 'SpreadsheetApp', method: 'newDataValidation' });
      return new FakeDataValidationBuilder(env);
    },
  };
}

/* ------------------------------------------------------------------------------------------ */
/* google.script.run's legal types                                                              */

/**
 * Throws like google.script.run does for a value that cannot cross between server and sidebar:
 * a Date, a function, or an object that is not a plain object/array (platform-facts §3.2).
 */
export function assertScriptRunLegal(value: unknown, where = 'result'): void {
  if (value === null || value === undefined) return;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return;
  if (t === 'number') return;
  if (t === 'function') throw new Error(`google.script.run: a function at ${where} fails the request`);
  if (Object.prototype.toString.call(value) === '[object Date]') throw new Error(`google.script.run: a Date at ${where} fails the request`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertScriptRunLegal(v, `${where}[${i}]`));
    return;
  }
  if (t === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) throw new Error(`google.script.run: an instance of ${proto.constructor?.name} at ${where} fails the request`);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) assertScriptRunLegal(v, `${where}.${k}`);
    return;
  }
  throw new Error(`google.script.run: a ${t} at ${where} fails the request`);
}
