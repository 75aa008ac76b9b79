/**
 * Calendar days as integers: days since 1970-01-01. All arithmetic is on day numbers,
 * so no result depends on the machine's time zone or on daylight-saving changes.
 */

/** Excel serial of 1970-01-01 (serials count days since 1899-12-30). */
export const EXCEL_SERIAL_OF_EPOCH = 25569;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function dayFromParts(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function partsFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = Math.floor(dayNumber) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:(?:[T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * "YYYY-MM-DD" (optionally followed by " H:MM", " HH:MM[:SS]" or "THH:MM…") → day number, taking
 * the date part as written (never through local time). Null for anything else or an
 * impossible date such as 2023-02-29.
 */
export function dayFromIso(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  return dayFromParts(year, month, day);
}

/** The day of exactly "YYYY-MM-DD" (a valid calendar date), else null: dayFromIso's fast path, read from the char codes. */
export function dayFromPlainIso(text: string): number | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  let year = 0, month = 0, day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (i < 4) year = year * 10 + d;
    else if (i < 7) month = month * 10 + d;
    else day = day * 10 + d;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayFromParts(year, month, day);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function isoFromDay(dayNumber: number): string {
  const { year, month, day } = partsFromDay(dayNumber);
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Excel serial (days since 1899-12-30, fraction = time of day) → day number of its integer part. */
export function dayFromExcelSerial(serial: number): number {
  return Math.floor(serial) - EXCEL_SERIAL_OF_EPOCH;
}

export function excelSerialFromDay(dayNumber: number): number {
  return dayNumber + EXCEL_SERIAL_OF_EPOCH;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', era: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day a Date shows in an IANA time zone (e.g. a Sheets Date, which is
 * midnight in the spreadsheet's zone). Without a zone: the runtime's local calendar fields.
 * Throws RangeError for an unknown zone or an invalid Date.
 */
export function dayFromDate(d: Date, timeZone?: string): number {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid Date');
  if (!timeZone) return dayFromParts(d.getFullYear(), d.getMonth() + 1, d.getDate());
  let year = 0, month = 0, day = 0, bc = false;
  for (const part of formatterFor(timeZone).formatToParts(d)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'era') bc = part.value.startsWith('B');
  }
  return dayFromParts(bc ? 1 - year : year, month, day);
}

/** Add n months, clamping to the last day of the target month (Jan 31 + 1 → Feb 28/29). */
export function addMonthsToDay(dayNumber: number, n: number): number {
  const { year, month, day } = partsFromDay(dayNumber);
  const index = year * 12 + (month - 1) + Math.trunc(n);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayFromParts(y, m, Math.min(day, daysInMonth(y, m)));
}

/** "YYYY-MM" of a day number. */
export function monthKey(dayNumber: number): string {
  return isoFromDay(dayNumber).slice(0, -3);
}

export function firstOfMonth(dayNumber: number): number {
  const { year, month } = partsFromDay(dayNumber);
  return dayFromParts(year, month, 1);
}

export function lastDayOfMonth(dayNumber: number): number {
  const { year, month } = partsFromDay(dayNumber);
  return dayFromParts(year, month, daysInMonth(year, month));
}
