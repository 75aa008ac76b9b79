/**
 * Health components per account (reports.md, "3. Health Scores"), each 0–100, over the 90 days
 * before the period's end D1 (D1 − 90 ≤ date < D1):
 *
 * - adoption     = 100 × distinct features used / the highest such count of any account;
 * - support      = 100 × (1 − tickets per seat / the highest tickets per seat of any account),
 *                  each escalation counting as 3 tickets; seats are those of the account's active
 *                  subscriptions at D1 (start ≤ D1 < end), else the accounts table's seats;
 * - satisfaction = 100 × CSAT share (4 or 5 of 5) of the account's scored tickets;
 * - stability    = 100 × (1 − usage errors / usage count).
 *
 * A component given in the accounts table takes precedence over the derived one, component by
 * component, and is used as given. A component with no data is blank (NaN), so that CS_HEALTH
 * semantics leave it out and share its weight among the others.
 *
 * "No data" means:
 * - adoption: no usage row of the account in the window, or no account used any named feature;
 * - support: no tickets table, or no seats (or 0 seats) for the account;
 * - satisfaction: no ticket of the account in the window with a CSAT score;
 * - stability: no usage row in the window with both a usage count and an error count, or a
 *   usage count summing to 0. More errors than uses gives 0, never a negative component.
 *
 * Where every account with seats has 0 tickets (the highest tickets per seat is 0), support is
 * 100 for each of them: nobody's support load is worse than anybody else's.
 */
import { csatShareOfScores } from '../metrics/voice';
import type { HealthFromTable, LoadedData } from './model';

export const HEALTH_COMPONENT_KEYS = ['adoption', 'support', 'satisfaction', 'stability'] as const;
export type HealthComponentKey = (typeof HEALTH_COMPONENT_KEYS)[number];

/** Days of events before D1 that the derived components read. */
export const HEALTH_WINDOW_DAYS = 90;
/** Tickets an escalated ticket counts as in the support component. */
export const ESCALATION_WEIGHT = 3;

export interface HealthComponentsResult {
  /** The event window [from, to) as day numbers: to = D1, from = D1 − 90. */
  window: { from: number; to: number };
  /** Per account (index into LoadedData.accounts): each component 0–100, NaN when blank. */
  components: Record<HealthComponentKey, Float64Array>;
  /** 1 where the component came from the accounts table rather than the events. */
  fromTable: Record<HealthComponentKey, Uint8Array>;
  /** The derivation's inputs per account, NaN where not defined (for notes and audits). */
  inputs: {
    /** Distinct features used in the window; NaN with no usage row in the window. */
    features: Float64Array;
    /** Tickets in the window with escalations counted as 3. */
    weightedTickets: Float64Array;
    /** Seats at D1 (active subscriptions), else the accounts table's; NaN when unknown. */
    seats: Float64Array;
    /** weightedTickets / seats; NaN without seats. */
    ticketsPerSeat: Float64Array;
  };
  /** The highest distinct-feature count of any account (0 when no feature was used). */
  maxFeatures: number;
  /** The highest tickets per seat of any account with seats (0 when none). */
  maxTicketsPerSeat: number;
}

/** Seats per account at day d1: Σ seats of subscriptions active on d1, else the accounts table's seats. */
export function seatsAtDay(data: LoadedData, d1: number): Float64Array {
  const A = data.accounts.length;
  const seats = new Float64Array(A).fill(NaN);
  const subs = data.subscriptions;
  if (subs) {
    for (let k = 0; k < subs.count; k++) {
      const a = subs.account[k];
      if (a < 0 || a >= A) continue;
      if (subs.start[k] <= d1 && d1 < subs.end[k] && !Number.isNaN(subs.seats[k])) {
        seats[a] = (Number.isNaN(seats[a]) ? 0 : seats[a]) + subs.seats[k];
      }
    }
  }
  for (let a = 0; a < A; a++) {
    const own = data.accounts[a].seats;
    if (Number.isNaN(seats[a]) && own !== undefined && Number.isFinite(own)) seats[a] = own;
  }
  return seats;
}

/** The components of every account in `data`, for a period ending (exclusive) on day `d1`. */
export function deriveHealthComponents(data: LoadedData, d1: number): HealthComponentsResult {
  const A = data.accounts.length;
  const from = d1 - HEALTH_WINDOW_DAYS;
  const inWindow = (day: number) => day >= from && day < d1;
  const blank = () => new Float64Array(A).fill(NaN);
  const components: Record<HealthComponentKey, Float64Array> = {
    adoption: blank(),
    support: blank(),
    satisfaction: blank(),
    stability: blank(),
  };
  const fromTable: Record<HealthComponentKey, Uint8Array> = {
    adoption: new Uint8Array(A),
    support: new Uint8Array(A),
    satisfaction: new Uint8Array(A),
    stability: new Uint8Array(A),
  };
  const features = blank();
  const weightedTickets = new Float64Array(A);
  const ticketsPerSeat = blank();

  // ---- usage: adoption and stability
  let maxFeatures = 0;
  const usage = data.usage;
  if (usage) {
    const seen = new Set<number>();
    const F = Math.max(1, usage.features.length);
    const uses = new Float64Array(A), errors = new Float64Array(A);
    const hasStability = new Uint8Array(A);
    for (let k = 0; k < usage.count; k++) {
      const a = usage.account[k];
      if (a < 0 || a >= A || !inWindow(usage.day[k])) continue;
      if (Number.isNaN(features[a])) features[a] = 0;
      const f = usage.feature[k];
      const u = usage.uses[k];
      // A feature counts as used unless its row says it was used 0 times.
      if (f >= 0 && u !== 0) {
        const key = a * F + f;
        if (!seen.has(key)) {
          seen.add(key);
          features[a]++;
        }
      }
      const e = usage.errors[k];
      if (!Number.isNaN(u) && !Number.isNaN(e)) {
        uses[a] += u;
        errors[a] += e;
        hasStability[a] = 1;
      }
    }
    for (let a = 0; a < A; a++) if (features[a] > maxFeatures) maxFeatures = features[a];
    for (let a = 0; a < A; a++) {
      if (maxFeatures > 0 && !Number.isNaN(features[a])) components.adoption[a] = (100 * features[a]) / maxFeatures;
      if (hasStability[a] && uses[a] > 0) components.stability[a] = Math.max(0, 100 * (1 - errors[a] / uses[a]));
    }
  }

  // ---- tickets: support and satisfaction
  const seats = seatsAtDay(data, d1);
  let maxTicketsPerSeat = 0;
  const tickets = data.tickets;
  if (tickets) {
    const scores: number[][] = [];
    for (let k = 0; k < tickets.count; k++) {
      const a = tickets.account[k];
      if (a < 0 || a >= A || !inWindow(tickets.day[k])) continue;
      weightedTickets[a] += tickets.escalated[k] ? ESCALATION_WEIGHT : 1;
      const s = tickets.csat[k];
      if (!Number.isNaN(s)) (scores[a] ??= []).push(s);
    }
    for (let a = 0; a < A; a++) {
      if (seats[a] > 0) {
        ticketsPerSeat[a] = weightedTickets[a] / seats[a];
        if (ticketsPerSeat[a] > maxTicketsPerSeat) maxTicketsPerSeat = ticketsPerSeat[a];
      }
      const own = scores[a];
      if (own && own.length > 0) components.satisfaction[a] = 100 * csatShareOfScores(own);
    }
    for (let a = 0; a < A; a++) {
      if (Number.isNaN(ticketsPerSeat[a])) continue;
      components.support[a] = maxTicketsPerSeat > 0 ? 100 * (1 - ticketsPerSeat[a] / maxTicketsPerSeat) : 100;
    }
  }

  // ---- the accounts table's own components take precedence
  for (let a = 0; a < A; a++) {
    const h: HealthFromTable = data.accounts[a].health;
    for (const key of HEALTH_COMPONENT_KEYS) {
      const v = h[key];
      if (v !== undefined && Number.isFinite(v)) {
        components[key][a] = v;
        fromTable[key][a] = 1;
      }
    }
  }

  return {
    window: { from, to: d1 },
    components,
    fromTable,
    inputs: { features, weightedTickets, seats, ticketsPerSeat },
    maxFeatures,
    maxTicketsPerSeat,
  };
}
