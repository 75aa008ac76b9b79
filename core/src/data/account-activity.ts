/**
 * One account's activity in a period, read from the cleaned input (LoadedData): feature usage
 * by month, ticket load and escalations, CSAT/NPS answers, seats at the period bounds and plan
 * upgrades, churn events. Used by the per-account tabs (QBR, Success Plan).
 *
 * Rules (reports.md): events count when D0 ≤ date < D1; seats are the seats of the account's
 * subscriptions active on the day (start ≤ day < end). Pure: no host API.
 */
import { InputError } from '../errors';
import { addMonthsToDay, dayFromIso, firstOfMonth, monthKey } from '../dates';
import type { AccountFigures, ReportModel } from './model';

export interface MonthActivity {
  /** "YYYY-MM" */
  month: string;
  /** Σ usage count of the month's usage rows (a row without a count counts as 1 use). */
  uses: number;
  /** Distinct features used in the month. */
  features: number;
  /** Σ usage errors. */
  errors: number;
  /** Tickets submitted in the month (within the period). */
  tickets: number;
  /** Of which escalated. */
  escalations: number;
}

export interface AccountActivity {
  /** The account's row in model.accounts (its row on the Data tab). */
  accountRow: number;
  account: AccountFigures;
  /** Index in model.data.accounts, or −1 when the cleaned input does not hold the account. */
  dataIndex: number;
  /** Every month that overlaps the period, in order. */
  months: MonthActivity[];
  /** Distinct features used in the period; null without a usage table. */
  featuresInPeriod: number | null;
  /** Total features seen in the usage table (for context); 0 without a usage table. */
  featuresOffered: number;
  /** null when the input had no such table. */
  usage: { events: number; uses: number; errors: number } | null;
  tickets: { count: number; escalated: number; escalatedLast90Days: number } | null;
  /** Answered CSAT scores in the period: counts of 1, 2, 3, 4, 5. */
  csatCounts: [number, number, number, number, number];
  /** Answered NPS scores in the period: counts of 0 … 10. */
  npsCounts: number[];
  /** Seats of the subscriptions active at D0 and at D1; null when no subscription row has seats. */
  seatsStart: number | null;
  seatsEnd: number | null;
  /**
   * Plan upgrades: subscriptions starting in the period on another plan than the account's
   * previous subscription, at a higher MRR. null without a plan column.
   */
  upgrades: number | null;
  /** Churn events (not reactivations) in the period; null without a churn table. */
  churnEvents: number | null;
}

/** The account's row in model.accounts; an unknown id is an InputError naming the --qbr option. */
export function findAccountRow(model: ReportModel, accountId: string): number {
  const wanted = String(accountId ?? '').trim().toLowerCase();
  const i = wanted === '' ? -1 : model.accounts.findIndex((a) => a.id.trim().toLowerCase() === wanted);
  if (i < 0) throw new InputError(`--qbr ${accountId}: no account with that id`);
  return i;
}

/** Months overlapping [d0, d1), as the first day of each. */
export function periodMonths(d0: number, d1: number): number[] {
  const out: number[] = [];
  for (let m = firstOfMonth(d0); m < d1; m = addMonthsToDay(m, 1)) out.push(m);
  return out;
}

export function accountActivity(model: ReportModel, accountId: string): AccountActivity {
  const accountRow = findAccountRow(model, accountId);
  const account = model.accounts[accountRow];
  const data = model.data;
  const a = data.accountIndex.get(account.id.trim().toLowerCase()) ?? -1;
  const d0 = dayFromIso(model.period.from) ?? 0;
  const d1 = dayFromIso(model.period.to) ?? 0;
  const starts = periodMonths(d0, d1);
  const monthIndex = new Map<string, number>(starts.map((m, i) => [monthKey(m), i]));
  const months: MonthActivity[] = starts.map((m) => ({ month: monthKey(m), uses: 0, features: 0, errors: 0, tickets: 0, escalations: 0 }));
  const slot = (day: number) => (day >= d0 && day < d1 ? monthIndex.get(monthKey(day)) : undefined);

  // Usage
  let usage: AccountActivity['usage'] = null;
  let featuresInPeriod: number | null = null;
  const u = data.usage;
  if (u) {
    usage = { events: 0, uses: 0, errors: 0 };
    const inPeriod = new Set<number>();
    const byMonth = months.map(() => new Set<number>());
    for (let k = 0; k < u.count; k++) {
      if (u.account[k] !== a || a < 0) continue;
      const i = slot(u.day[k]);
      if (i === undefined) continue;
      const uses = Number.isNaN(u.uses[k]) ? 1 : u.uses[k];
      const errors = Number.isNaN(u.errors[k]) ? 0 : u.errors[k];
      usage.events++;
      usage.uses += uses;
      usage.errors += errors;
      months[i].uses += uses;
      months[i].errors += errors;
      if (u.feature[k] >= 0) {
        inPeriod.add(u.feature[k]);
        byMonth[i].add(u.feature[k]);
      }
    }
    byMonth.forEach((s, i) => (months[i].features = s.size));
    featuresInPeriod = inPeriod.size;
  }

  // Tickets, CSAT and NPS answers
  let tickets: AccountActivity['tickets'] = null;
  const csatCounts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const npsCounts = new Array<number>(11).fill(0);
  const t = data.tickets;
  if (t) {
    tickets = { count: 0, escalated: 0, escalatedLast90Days: 0 };
    const wantedText = account.id.trim().toLowerCase();
    for (let k = 0; k < t.count; k++) {
      const mine = a >= 0 ? t.account[k] === a : t.account[k] < 0 && t.accountText[k].trim().toLowerCase() === wantedText;
      if (!mine) continue;
      const i = slot(t.day[k]);
      if (i === undefined) continue;
      tickets.count++;
      months[i].tickets++;
      if (t.escalated[k]) {
        tickets.escalated++;
        months[i].escalations++;
        if (t.day[k] >= d1 - 90) tickets.escalatedLast90Days++;
      }
      const c = t.csat[k];
      if (Number.isInteger(c) && c >= 1 && c <= 5) csatCounts[c - 1]++;
      const n = t.nps[k];
      if (Number.isInteger(n) && n >= 0 && n <= 10) npsCounts[n]++;
    }
  }

  // Seats and plan upgrades
  let seatsStart: number | null = null;
  let seatsEnd: number | null = null;
  let upgrades: number | null = null;
  const s = data.subscriptions;
  if (s && a >= 0) {
    const mine: number[] = [];
    for (let k = 0; k < s.count; k++) if (s.account[k] === a) mine.push(k);
    for (const k of mine) {
      if (Number.isNaN(s.seats[k])) continue;
      if (s.start[k] <= d0 && d0 < s.end[k]) seatsStart = (seatsStart ?? 0) + s.seats[k];
      if (s.start[k] <= d1 && d1 < s.end[k]) seatsEnd = (seatsEnd ?? 0) + s.seats[k];
    }
    if (s.planCode) {
      const plan = s.planCode;
      upgrades = 0;
      mine.sort((x, y) => s.start[x] - s.start[y] || x - y);
      for (let j = 1; j < mine.length; j++) {
        const k = mine[j], prev = mine[j - 1];
        if (s.start[k] >= d0 && s.start[k] < d1 && plan[k] !== plan[prev] && s.mrr[k] > s.mrr[prev]) upgrades++;
      }
    }
  } else if (s) {
    upgrades = s.planCode ? 0 : null;
  }
  if (seatsEnd === null && account.seats !== undefined && !s) seatsEnd = account.seats;

  // Churn events
  let churnEvents: number | null = null;
  const ce = data.churnEvents;
  if (ce) {
    churnEvents = 0;
    for (let k = 0; k < ce.count; k++) {
      if (a >= 0 && ce.account[k] === a && !ce.reactivation[k] && ce.day[k] >= d0 && ce.day[k] < d1) churnEvents++;
    }
  }

  return {
    accountRow,
    account,
    dataIndex: a,
    months,
    featuresInPeriod,
    featuresOffered: u ? u.features.length : 0,
    usage,
    tickets,
    csatCounts,
    npsCounts,
    seatsStart,
    seatsEnd,
    upgrades,
    churnEvents,
  };
}
