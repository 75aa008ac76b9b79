/**
 * Month by month MRR (reports.md "Month by month"), computed once per account over all
 * months from the first month of data to the period's last month:
 * - month-end MRR of month M = Σ MRR of subscriptions active on M's last day;
 * - per account, month-end M−1 → M: new (first time > 0), reactivation (> 0 again),
 *   expansion / contraction (both > 0), churn (> 0 → 0);
 * - an account's cohort is its first month with positive month-end MRR.
 * Cost: O(subscriptions + accounts × months), using a per-account difference array.
 */
import { dayFromParts } from '../dates';
import { OPEN_END, type CohortRow, type MonthMovement, type SubscriptionColumns } from './model';

/** Subscriptions grouped by account (CSR): subs of account a are order[offsets[a] .. offsets[a+1]). */
export interface SubscriptionIndex {
  offsets: Int32Array;
  order: Int32Array;
}

export function indexSubscriptionsByAccount(subs: SubscriptionColumns, accountCount: number): SubscriptionIndex {
  const offsets = new Int32Array(accountCount + 1);
  for (let k = 0; k < subs.count; k++) offsets[subs.account[k] + 1]++;
  for (let a = 0; a < accountCount; a++) offsets[a + 1] += offsets[a];
  const cursor = offsets.slice(0, accountCount);
  const order = new Int32Array(subs.count);
  for (let k = 0; k < subs.count; k++) order[cursor[subs.account[k]]++] = k;
  return { offsets, order };
}

/** Month number (year × 12 + month − 1) of a day: partsFromDay's arithmetic, without its object. */
export function monthIndexOfDay(day: number): number {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 12 + month - 1;
}

export interface SubscriptionMonths {
  /** monthIndexOfDay(start) per subscription. */
  start: Int32Array;
  /** monthIndexOfDay(end) per subscription; unused (0) for an open end. */
  end: Int32Array;
}

/** The start and end month of every subscription (computed once per model, shared by its users). */
export function subscriptionMonths(subs: SubscriptionColumns): SubscriptionMonths {
  const n = subs.count;
  const start = new Int32Array(n), end = new Int32Array(n);
  // Days span a few thousand values: a day → month table beats the calendar arithmetic per row.
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const s = subs.start[k], e = subs.end[k];
    if (s < lo) lo = s;
    if (s > hi) hi = s;
    if (e !== OPEN_END) {
      if (e < lo) lo = e;
      if (e > hi) hi = e;
    }
  }
  if (n > 0 && hi - lo <= MAX_TABLE_DAYS) {
    const table = new Int32Array(hi - lo + 1);
    let m = monthIndexOfDay(lo);
    let next = firstDayOfMonthIndex(m + 1);
    for (let d = lo; d <= hi; d++) {
      if (d >= next) next = firstDayOfMonthIndex(++m + 1);
      table[d - lo] = m;
    }
    for (let k = 0; k < n; k++) {
      start[k] = table[subs.start[k] - lo];
      const e = subs.end[k];
      end[k] = e === OPEN_END ? 0 : table[e - lo];
    }
  } else {
    for (let k = 0; k < n; k++) {
      start[k] = monthIndexOfDay(subs.start[k]);
      const e = subs.end[k];
      end[k] = e === OPEN_END ? 0 : monthIndexOfDay(e);
    }
  }
  return { start, end };
}

/** Up to this many days (about 550 years) between the earliest and latest date, months come from a table. */
const MAX_TABLE_DAYS = 200_000;

/** "YYYY-MM" of a month number. */
export function monthKeyOfIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`;
}

/** First day of a month number. */
export function firstDayOfMonthIndex(index: number): number {
  const y = Math.floor(index / 12);
  return dayFromParts(y, index - y * 12 + 1, 1);
}

export interface MonthlyResult {
  /** One entry per month whose last day lies in [d0, d1). */
  monthly: MonthMovement[];
  /** Month-end MRR keyed "YYYY-MM", for the same months. */
  mrrByMonth: Record<string, number>;
  /** Cohorts whose first month is up to the period's last month. */
  cohorts: CohortRow[];
  /** Per account: cohort month number, or −1 when never positive at a month-end up to the period's end. */
  cohortOfAccount: Int32Array;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function monthlyMovements(
  subs: SubscriptionColumns,
  accountCount: number,
  d0: number,
  d1: number,
  index: SubscriptionIndex = indexSubscriptionsByAccount(subs, accountCount),
  months: SubscriptionMonths = subscriptionMonths(subs),
): MonthlyResult {
  const cohortOfAccount = new Int32Array(accountCount).fill(-1);
  // Months m with d0 ≤ lastDay(m) < d1 are exactly monthIndex(d0) ≤ m < monthIndex(d1).
  const pFirst = monthIndexOfDay(d0);
  const mEnd = monthIndexOfDay(d1);
  let m0 = pFirst;
  for (let k = 0; k < subs.count; k++) {
    const mi = months.start[k];
    if (mi < m0) m0 = mi;
  }
  const M = Math.max(0, mEnd - m0);
  const pStart = pFirst - m0; // first period month, relative to m0

  // Each subscription is active at month-ends [monthIndex(start), monthIndex(end)).
  const from = new Int32Array(subs.count);
  const to = new Int32Array(subs.count);
  for (let k = 0; k < subs.count; k++) {
    from[k] = months.start[k] - m0;
    to[k] = subs.end[k] === OPEN_END ? M : Math.min(M, months.end[k] - m0);
  }

  const ending = new Float64Array(M), starting = new Float64Array(M);
  const nNew = new Float64Array(M), nExp = new Float64Array(M), nCon = new Float64Array(M);
  const nChurn = new Float64Array(M), nReact = new Float64Array(M);
  const active = new Int32Array(M), newAcc = new Int32Array(M), churnAcc = new Int32Array(M), reactAcc = new Int32Array(M);
  const cohortMrr: (Float64Array | undefined)[] = new Array(M);
  const cohortLogos: (Int32Array | undefined)[] = new Array(M);
  const cohortSize = new Int32Array(M);

  const diff = new Float64Array(M + 1);
  const posDiff = new Int32Array(M + 1);
  const { offsets, order } = index;
  for (let a = 0; a < accountCount; a++) {
    const lo = offsets[a], hi = offsets[a + 1];
    if (lo === hi) continue;
    let any = false;
    for (let j = lo; j < hi; j++) {
      const k = order[j];
      const f = from[k], t = to[k];
      const v = subs.mrr[k];
      if (f >= t || !(v > 0)) continue;
      diff[f] += v;
      diff[t] -= v;
      posDiff[f]++;
      posDiff[t]--;
      any = true;
    }
    if (!any) continue;
    let running = 0, runningCount = 0, prev = 0, ever = false, cohort = -1;
    let cm: Float64Array | undefined, cl: Int32Array | undefined;
    for (let m = 0; m < M; m++) {
      running += diff[m];
      runningCount += posDiff[m];
      diff[m] = 0;
      posDiff[m] = 0;
      const cur = runningCount > 0 ? round6(running) : 0;
      if (prev === 0) {
        if (cur > 0) {
          if (ever) {
            nReact[m] += cur;
            reactAcc[m]++;
          } else {
            nNew[m] += cur;
            newAcc[m]++;
          }
        }
      } else if (cur === 0) {
        nChurn[m] += prev;
        churnAcc[m]++;
      } else if (cur > prev) nExp[m] += cur - prev;
      else if (cur < prev) nCon[m] += prev - cur;
      if (cur > 0) {
        ever = true;
        active[m]++;
        ending[m] += cur;
        if (cohort < 0) {
          cohort = m;
          cohortOfAccount[a] = m + m0;
          cohortSize[m]++;
          cm = cohortMrr[m] ??= new Float64Array(M - m);
          cl = cohortLogos[m] ??= new Int32Array(M - m);
        }
        cm![m - cohort] += cur;
        cl![m - cohort]++;
      }
      prev = cur;
    }
    diff[M] = 0;
    posDiff[M] = 0;
  }
  for (let m = 1; m < M; m++) starting[m] = ending[m - 1];

  const monthly: MonthMovement[] = [];
  const mrrByMonth: Record<string, number> = {};
  for (let m = Math.max(0, pStart); m < M; m++) {
    const month = monthKeyOfIndex(m + m0);
    mrrByMonth[month] = round6(ending[m]); // a sum of rounded amounts: no float noise in the JSON
    monthly.push({
      month,
      starting: starting[m],
      new: nNew[m],
      expansion: nExp[m],
      contraction: nCon[m],
      churn: nChurn[m],
      reactivation: nReact[m],
      ending: ending[m],
      activeAccounts: active[m],
      newAccounts: newAcc[m],
      churnedAccounts: churnAcc[m],
      reactivatedAccounts: reactAcc[m],
    });
  }
  const cohorts: CohortRow[] = [];
  for (let m = 0; m < M; m++) {
    const cm = cohortMrr[m];
    if (!cm) continue;
    cohorts.push({ month: monthKeyOfIndex(m + m0), accounts: cohortSize[m], mrr: Array.from(cm), logos: Array.from(cohortLogos[m]!) });
  }
  return { monthly, mrrByMonth, cohorts, cohortOfAccount };
}
