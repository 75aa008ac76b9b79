/**
 * The reporting period [D0, D1) (reports.md "A reporting period").
 * Default: D1 = the first day of the month after the latest start or end date in the
 * subscriptions table; D0 = D1 − 12 months. Given only one end, the other is 12 months away.
 */
import { InputError } from '../errors';
import { addMonthsToDay, dayFromIso, firstOfMonth, isoFromDay } from '../dates';
import type { Period } from './model';

export interface ResolvedPeriod {
  period: Period;
  /** Day numbers of from (inclusive) and to (exclusive). */
  d0: number;
  d1: number;
}

function parseBound(text: string, name: 'from' | 'to'): number {
  const day = dayFromIso(text);
  if (day === null) throw new InputError(`--${name} '${text}' is not a date; expected YYYY-MM-DD`);
  return day;
}

/** D1 of the default period for the latest date seen: the first day of the following month. */
export function defaultPeriodEnd(latestDay: number): number {
  return addMonthsToDay(firstOfMonth(latestDay), 1);
}

/** Whole months from d0 to d1, plus the fraction of the next month when not month-aligned. */
export function periodMonths(d0: number, d1: number): number {
  if (d1 <= d0) return 0;
  let n = 0;
  while (addMonthsToDay(d0, n + 1) <= d1) n++;
  const a = addMonthsToDay(d0, n);
  if (a === d1) return n;
  const b = addMonthsToDay(d0, n + 1);
  return n + (d1 - a) / (b - a);
}

export function makePeriod(d0: number, d1: number): Period {
  return { from: isoFromDay(d0), to: isoFromDay(d1), asOf: isoFromDay(d1 - 1), months: periodMonths(d0, d1) };
}

/**
 * The period for the given bounds; `latestDay` (latest subscription start/end, else latest
 * event date) supplies the default. InputError when a bound is not a date, when from is
 * not before to, or when there is nothing to derive a default from (naming `sources`, the files read).
 */
export function resolvePeriod(bounds: { from?: string; to?: string }, latestDay: number | null, sources: readonly string[] = []): ResolvedPeriod {
  const from = bounds.from ? parseBound(bounds.from, 'from') : null;
  const to = bounds.to ? parseBound(bounds.to, 'to') : null;
  let d0: number, d1: number;
  if (from !== null && to !== null) {
    d0 = from;
    d1 = to;
  } else if (from !== null) {
    d0 = from;
    d1 = addMonthsToDay(from, 12);
  } else if (to !== null) {
    d1 = to;
    d0 = addMonthsToDay(to, -12);
  } else {
    if (latestDay === null) {
      const where = sources.length === 0 ? 'the input' : sources.join(', ');
      throw new InputError(`no dates in ${where} to derive a period from (no row has a subscription or event date); give --from and --to (YYYY-MM-DD)`);
    }
    d1 = defaultPeriodEnd(latestDay);
    d0 = addMonthsToDay(d1, -12);
  }
  if (d0 >= d1) throw new InputError(`the period is empty: from ${isoFromDay(d0)} is not before to ${isoFromDay(d1)} (to is exclusive)`);
  return { period: makePeriod(d0, d1), d0, d1 };
}
