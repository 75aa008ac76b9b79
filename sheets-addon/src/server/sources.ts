/**
 * The user's tables in the spreadsheet: what the sidebar can pick as a source (a whole sheet, or the
 * current region around the selection) and reading one into a RawTable.
 *
 * Everything returned crosses google.script.run, which fails the WHOLE request on a Date
 * (platform-facts §3.2): Date cells are turned into ISO text here, on the server, in the
 * spreadsheet's time zone (a date cell is midnight in that zone): "2024-01-15", or
 * "2024-01-15T09:30:00" when it carries a time of day.
 */
import { tableFromGrid, detectMapping } from '../../../core/src/app';
import type { RawTable, TableKind } from '../../../core/src/data/model';
import { generatedKeyOf } from '../renderer/render';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** A source as the sidebar names it: a whole sheet, or a fixed range (the current region when picked). */
export type SourceRef = { type: 'sheet'; sheet: string } | { type: 'range'; sheet: string; a1: string };

export interface SheetInfo {
  name: string;
  /** Rows and columns holding data (the data range). */
  rows: number;
  columns: number;
  /** The first row's cells as text (the headers when the table starts in A1). */
  headers: string[];
}

export interface RegionInfo {
  sheet: string;
  a1: string;
  rows: number;
  columns: number;
  headers: string[];
}

export interface SourceList {
  sheets: SheetInfo[];
  /** The block of data around the selection (like Ctrl+A), when it has a header row and a data row. */
  region: RegionInfo | null;
  /** The sheet that looks like each table kind, by its headers (then its name). */
  suggested: Partial<Record<TableKind, string>>;
  timeZone: string;
}

/** A cell as it may cross to the sidebar: Dates become ISO text in the spreadsheet's zone. */
export function plainCell(value: unknown, timeZone: string): string | number | boolean {
  // Not `instanceof`: a Date from another realm (a test's VM, a library) must be caught too.
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    if (Number.isNaN(date.getTime())) return '';
    const time = Utilities.formatDate(date, timeZone, 'HH:mm:ss');
    return Utilities.formatDate(date, timeZone, time === '00:00:00' ? 'yyyy-MM-dd' : "yyyy-MM-dd'T'HH:mm:ss");
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(value);
}

export function plainGrid(grid: unknown[][], timeZone: string): (string | number | boolean)[][] {
  return grid.map((row) => row.map((v) => plainCell(v, timeZone)));
}

function headerTexts(range: Range, timeZone: string): string[] {
  const first = range.offset(0, 0, 1, range.getNumColumns()).getValues()[0] ?? [];
  return first.map((v) => String(plainCell(v, timeZone)).trim());
}

const NAME_HINTS: Record<TableKind, RegExp> = {
  accounts: /account|customer|client|compan/i,
  subscriptions: /subscri|billing|contract|mrr|arr|revenue/i,
  tickets: /ticket|survey|support|csat|nps|response/i,
  usage: /usage|feature|event|activity/i,
  churnEvents: /churn|cancel/i,
};

/** The sheet that looks most like each table kind: by the fields its headers map, then a telling sheet name. */
export function suggestSources(sheets: readonly { name: string; headers: string[] }[]): Partial<Record<TableKind, string>> {
  const out: Partial<Record<TableKind, string>> = {};
  const kinds: TableKind[] = ['subscriptions', 'accounts', 'tickets', 'usage', 'churnEvents'];
  const used = new Set<string>();
  for (const kind of kinds) {
    let best: { name: string; score: number } | null = null;
    for (const s of sheets) {
      if (used.has(s.name) || s.headers.every((h) => h === '')) continue;
      const view = detectMapping({ [kind]: { source: s.name, headers: s.headers, rows: [] } }).tables[0];
      if (!view) continue;
      const mapped = view.fields.filter((f) => f.index !== null).length;
      const named = NAME_HINTS[kind].test(s.name);
      // Complete by its headers, or telling by its name (the user then fixes the columns).
      if (!((view.missing.length === 0 && mapped >= 2) || (named && mapped >= 1))) continue;
      const score = mapped * 2 + (named ? 3 : 0) - view.missing.length * 4;
      if (!best || score > best.score) best = { name: s.name, score };
    }
    if (best) {
      out[kind] = best.name;
      used.add(best.name);
    }
  }
  return out;
}

/** The user's sheets (never our generated tabs) and the region around the selection. */
export function listSources(ss: Spreadsheet): SourceList {
  const timeZone = ss.getSpreadsheetTimeZone();
  const sheets: SheetInfo[] = [];
  for (const sheet of ss.getSheets()) {
    if (generatedKeyOf(sheet) !== undefined) continue;
    const data = sheet.getDataRange();
    const empty = sheet.getLastRow() === 0;
    sheets.push({
      name: sheet.getName(),
      rows: empty ? 0 : data.getNumRows(),
      columns: empty ? 0 : data.getNumColumns(),
      headers: empty ? [] : headerTexts(data, timeZone),
    });
  }
  let region: RegionInfo | null = null;
  const active = ss.getActiveRange();
  if (active) {
    const sheet = active.getSheet();
    if (generatedKeyOf(sheet) === undefined) {
      const r = active.getNumRows() > 1 || active.getNumColumns() > 1 ? active : active.getDataRegion();
      if (r.getNumRows() >= 2) {
        region = { sheet: sheet.getName(), a1: r.getA1Notation(), rows: r.getNumRows(), columns: r.getNumColumns(), headers: headerTexts(r, timeZone) };
      }
    }
  }
  return { sheets, region, suggested: suggestSources(sheets), timeZone };
}

function findSheet(ss: Spreadsheet, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ss.getSheets().find((s) => s.getName() === name);
  if (!sheet) throw new Error(`There is no sheet "${name}" any more; pick the source again`);
  return sheet;
}

/** Read a source into a RawTable: the first row is the header row; Dates become ISO text. */
export function readSource(ss: Spreadsheet, ref: SourceRef): RawTable {
  const timeZone = ss.getSpreadsheetTimeZone();
  const sheet = findSheet(ss, ref.sheet);
  const range = ref.type === 'sheet' ? sheet.getDataRange() : sheet.getRange(ref.a1);
  const source = ref.type === 'sheet' ? ref.sheet : `${ref.sheet}!${range.getA1Notation()}`;
  if (ref.type === 'sheet' && sheet.getLastRow() === 0) return { source, headers: [], rows: [] };
  return tableFromGrid(source, plainGrid(range.getValues(), timeZone), range.getRow());
}
