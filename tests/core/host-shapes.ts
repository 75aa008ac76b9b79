/**
 * How each host passes the same user input (spec/functions.md "How input arrives").
 * `BLANK` marks a blank cell and `OMITTED` a missing optional argument in the test tables.
 */
import { CellError, type ErrorCode } from '../../core/src/errors';
import { excelSerialFromDay, dayFromIso } from '../../core/src/dates';

export const BLANK = Symbol('blank');
export const OMITTED = Symbol('omitted');
export type Input = unknown;

export interface Host {
  name: string;
  /** A blank cell inside a range. */
  blank: unknown;
  /** A missing optional argument. */
  omitted: unknown;
  /** A calendar date cell. */
  date(iso: string): unknown;
  /** A range of cells, given row by row. */
  range(rows: Input[][]): unknown;
  /** One cell passed as an argument. */
  cell(v: Input): unknown;
}

function mapCell(host: Host, v: Input): unknown {
  if (v === BLANK) return host.blank;
  if (v === OMITTED) return host.omitted;
  return v;
}

/** Sheets: "" for blanks, undefined when omitted, Date objects (midnight local), scalar for one cell. */
export const sheets: Host = {
  name: 'Sheets',
  blank: '',
  omitted: undefined,
  date: (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(y, m - 1, d);
  },
  range(rows) {
    if (rows.length === 1 && rows[0].length === 1) return this.cell(rows[0][0]);
    return rows.map((r) => r.map((v) => mapCell(this, v)));
  },
  cell(v) {
    return mapCell(this, v);
  },
};

/** Excel on the web: matrices always, null for blanks and omitted args, serial dates. */
export const excelWeb: Host = {
  name: 'Excel web',
  blank: null,
  omitted: null,
  date: (iso) => excelSerialFromDay(dayFromIso(iso)!),
  range(rows) {
    return rows.map((r) => r.map((v) => mapCell(this, v)));
  },
  cell(v) {
    return mapCell(this, v);
  },
};

/** Excel desktop: like the web, but a blank cell in a matrix arrives as 0. */
export const excelDesktop: Host = { ...excelWeb, name: 'Excel desktop', blank: 0 };

export const HOSTS = [sheets, excelWeb, excelDesktop];
/** Hosts where a blank cell can be told apart from 0. */
export const BLANK_AWARE_HOSTS = [sheets, excelWeb];

export const col = (...values: Input[]): Input[][] => values.map((v) => [v]);
export const row = (...values: Input[]): Input[][] => [values];

export function expectError(result: unknown, code: ErrorCode, message?: string | RegExp): void {
  expect(result).toBeInstanceOf(CellError);
  const e = result as CellError;
  expect(e.code).toBe(code);
  if (typeof message === 'string') expect(e.message).toBe(message);
  else if (message) expect(e.message).toMatch(message);
}
