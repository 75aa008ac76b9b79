/**
 * Reading one raw cell of a user's table as an id, a day, an amount or a count.
 * Fast paths for the common shapes (plain ISO dates, plain decimal numbers) with
 * the shared normalisers (dates.ts, number-text.ts) behind them.
 */
import { dayFromDate, dayFromExcelSerial, dayFromIso, isoFromDay } from '../dates';
import { parseNumberText } from '../normalise/number-text';

/** Trimmed text of a cell ('' for blank). Numbers keep their plain form; Dates become ISO days. */
export function cellText(v: unknown, timeZone = 'UTC'): string {
  if (typeof v === 'string') return v.trim();
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoFromDay(dayFromDate(v, timeZone));
  return String(v).trim();
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
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, currency: null } : undefined;
  if (typeof v === 'string') {
    if (PLAIN_NUMBER.test(v)) return { value: Number(v), currency: null };
    if (v.trim() === '') return null;
    return parseNumberText(v) ?? undefined;
  }
  if (v === null || v === undefined) return null;
  return undefined;
}
