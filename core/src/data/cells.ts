/**
 * Reading one raw cell of a user's table as an id, a day, an amount or a count.
 * Fast paths for the common shapes (plain ISO dates, plain decimal numbers) with
 * the shared normalisers (dates.ts, number-text.ts) behind them.
 */
import { dayFromDate, dayFromExcelSerial, dayFromIso, dayFromPlainIso, isoFromDay } from '../dates';
import { lastScan, parseNumberText, scanSimpleNumberText } from '../normalise/number-text';

/** Trimmed text of a cell ('' for blank). Numbers keep their plain form; Dates become ISO days. */
export function cellText(v: unknown, timeZone = 'UTC'): string {
  if (typeof v === 'string') return printableEnds(v) ? v : v.trim();
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoFromDay(dayFromDate(v, timeZone));
  return String(v).trim();
}

/** Both ends are printable ASCII (not a space), so trim() would return the text as is. */
function printableEnds(v: string): boolean {
  const a = v.charCodeAt(0), b = v.charCodeAt(v.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

export const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * A cell as a calendar day. null = blank, undefined = not a date.
 * Accepts ISO text ("2024-01-31", "2024-01-31 9:00", "2024-01-31T09:00:00Z": the date as written),
 * Dates (read in `timeZone`; exceljs gives UTC midnight) and Excel serial numbers.
 */
export function makeDayReader(timeZone = 'UTC'): (v: unknown) => number | null | undefined {
  const cache = new Map<string, number | undefined>();
  return (v) => {
    if (typeof v === 'string') {
      // Plain ISO dates (most exports) need no cache lookup; anything else is parsed once per text.
      if (v.length === 10) {
        const plain = dayFromPlainIso(v);
        if (plain !== null) return plain;
      } else if (v === '') return null;
      let day = cache.get(v);
      if (day !== undefined || cache.has(v)) return day;
      const t = v.trim();
      if (t === '') return null;
      const parsed = dayFromIso(t);
      day = parsed === null ? undefined : parsed;
      if (cache.size < 200_000) cache.set(v, day);
      return day;
    }
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : dayFromDate(v, timeZone);
    if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? dayFromExcelSerial(v) : v === 0 ? null : undefined;
    return undefined;
  };
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell as a number. null = blank, undefined = not a number. Text goes through parseNumberText. */
export function readNumber(v: unknown): { value: number; currency: string | null } | null | undefined {
  const value = readNumberValue(v);
  if (numberRead.kind === NUMBER) return { value, currency: numberRead.currency };
  return numberRead.kind === BLANK_CELL ? null : undefined;
}

export const NUMBER = 0;
export const BLANK_CELL = 1;
export const NOT_A_NUMBER = 2;

/** What the last readNumberValue found (an out-parameter, so reading a million cells allocates nothing). */
export const numberRead: { kind: typeof NUMBER | typeof BLANK_CELL | typeof NOT_A_NUMBER; currency: string | null } = {
  kind: NUMBER,
  currency: null,
};

/**
 * readNumber without an object per cell: the value, with numberRead.kind NUMBER and
 * numberRead.currency set; or NaN with numberRead.kind BLANK_CELL or NOT_A_NUMBER.
 */
export function readNumberValue(v: unknown): number {
  numberRead.currency = null;
  if (typeof v === 'number') {
    numberRead.kind = Number.isFinite(v) ? NUMBER : NOT_A_NUMBER;
    return v;
  }
  if (typeof v === 'string') {
    // "213", "$6,060", "1,234.5": the common shapes of number text, without a regex or the general parser
    // (for plain digits this is Number(v), as PLAIN_NUMBER below gives).
    const simple = scanSimpleNumberText(v);
    if (simple === simple) {
      numberRead.kind = NUMBER;
      numberRead.currency = lastScan.currency;
      return simple;
    }
    if (PLAIN_NUMBER.test(v)) {
      numberRead.kind = NUMBER;
      return Number(v);
    }
    if (v.trim() === '') {
      numberRead.kind = BLANK_CELL;
      return NaN;
    }
    const parsed = parseNumberText(v);
    if (parsed === null) {
      numberRead.kind = NOT_A_NUMBER;
      return NaN;
    }
    numberRead.kind = NUMBER;
    numberRead.currency = parsed.currency;
    return parsed.value;
  }
  numberRead.kind = v === null || v === undefined ? BLANK_CELL : NOT_A_NUMBER;
  return NaN;
}
