/**
 * Tab 9, Data: one row per account with the per-account values that the other tabs'
 * formulas read. Everything here is a value computed by core, never a formula, so the
 * workbook stays fast to open at 100,000 accounts.
 */
import type { AccountFigures, ReportModel } from '../data/model';
import { FORMATS, sheetRef } from './tab-model';
import type { Cell, TabDescription } from './tab-model';
import { absColRange, header, makeTab, moneyFormat, note, num, RepeatedCells, text, titleRows } from './layout';
import type { Row } from './layout';

export const DATA_KEY = 'data';
export const DATA_TITLE = 'Data';

/** The Data tab's columns, in order. Other tabs address them through `dataRanges`. */
export const DATA_COLUMNS = [
  { key: 'id', header: 'Account id', width: 16 },
  { key: 'name', header: 'Account name', width: 28 },
  { key: 'segment', header: 'Segment (at start)', width: 14 },
  { key: 'owner', header: 'CSM / owner', width: 18 },
  { key: 'tierStart', header: 'Tier at start', width: 13 },
  { key: 'tierEnd', header: 'Tier at end', width: 13 },
  { key: 'startArr', header: 'ARR at start', width: 14 },
  { key: 'endArr', header: 'ARR at end', width: 14 },
  { key: 'inCohort', header: 'In cohort (1/0)', width: 11 },
  { key: 'activeAtEnd', header: 'Active at end (1/0)', width: 11 },
  { key: 'complexity', header: 'Complexity', width: 12 },
  { key: 'strategicValue', header: 'Strategic value', width: 14 },
  { key: 'seats', header: 'Seats', width: 9 },
  { key: 'renewalDate', header: 'Renewal date', width: 12 },
] as const;

export type DataColumnKey = (typeof DATA_COLUMNS)[number]['key'];

/** 0-based row of the Data tab's header row, and of its first account row. */
export const DATA_HEADER_ROW = 4;
export const DATA_FIRST_ROW = DATA_HEADER_ROW + 1;

export function dataColumnIndex(key: DataColumnKey): number {
  return DATA_COLUMNS.findIndex((c) => c.key === key);
}

/** 0-based last account row; an empty model still gets one (empty) row so ranges stay valid. */
export function dataLastRow(accountCount: number): number {
  return DATA_FIRST_ROW + Math.max(accountCount, 1) - 1;
}

/**
 * Absolute, bounded references to the Data tab's account rows, e.g.
 * `{{sheet:data}}!$H$6:$H$105`, for use inside other tabs' formulas.
 */
export function dataRanges(model: ReportModel): Record<DataColumnKey, string> {
  const last = dataLastRow(model.accounts.length);
  const out = {} as Record<DataColumnKey, string>;
  DATA_COLUMNS.forEach((c, i) => {
    out[c.key] = `${sheetRef(DATA_KEY)}!${absColRange(DATA_FIRST_ROW, last, i)}`;
  });
  return out;
}

/** A value from user data: text stays a text value (even "=…" or "@…"), absent stays empty. */
function userText(v: string | undefined, cells: RepeatedCells): Cell | null {
  return v === undefined || v === '' ? null : cells.get(v);
}

function accountRow(a: AccountFigures, money: string, cells: RepeatedCells): Row {
  return [
    { value: a.id },
    { value: a.name },
    cells.get(a.segment),
    userText(a.owner, cells),
    cells.get(a.tierStart),
    cells.get(a.tierEnd),
    num(a.startArr, money),
    num(a.endArr, money),
    cells.get(a.startArr > 0 ? 1 : 0, FORMATS.integer),
    cells.get(a.endArr > 0 ? 1 : 0, FORMATS.integer),
    userText(a.complexity, cells),
    userText(a.strategicValue, cells),
    a.seats === undefined ? null : num(a.seats, FORMATS.integer),
    a.renewalDate === undefined ? null : cells.get(a.renewalDate),
  ];
}

export function buildDataTab(model: ReportModel): TabDescription {
  const money = moneyFormat(model.currency);
  const rows: Row[] = titleRows(DATA_TITLE, model.period);
  // One line: the header row must stay on row 5, where the other tabs' ranges start.
  rows.push([
    note(
      'Per-account values computed by CS Sheets (not formulas). The other generated tabs read these columns; ' +
        'tiers use ARR at the date, raised one step by complexity or strategic value where given.',
    ),
  ]);
  rows.push(DATA_COLUMNS.map((c) => header(c.header)));
  const cells = new RepeatedCells();
  for (const a of model.accounts) rows.push(accountRow(a, money, cells));
  if (model.accounts.length === 0) rows.push([text('No accounts in the data.', 'note')]);
  return makeTab({
    key: DATA_KEY,
    name: DATA_TITLE,
    rows,
    columnWidths: DATA_COLUMNS.map((c) => c.width),
    frozenRows: DATA_HEADER_ROW + 1,
    frozenColumns: 2,
  });
}
