/**
 * Raw tables → ReportModel: everything the tabs and `metrics --json` need for one period.
 *
 * - ARR of an account at day D = Σ ARR of its non-trial subscriptions with start ≤ D < end.
 * - start value = ARR(D0), end value = ARR(D1); the cohort rule (functions.md) gives NRR,
 *   GRR, logo retention and the ARR movements (cohortSums in metrics/retention.ts).
 * - Without a subscriptions table, the accounts table's start/end ARR columns are used
 *   (end = its ARR/MRR column when there is no end ARR column).
 */
import { isoFromDay } from '../dates';
import { cohortSums } from '../metrics/retention';
import {
  baseTierLevel,
  COMPLEXITY_LEVELS,
  DEFAULT_HIGH_FROM,
  DEFAULT_LOW_FROM,
  raisedTierLevel,
  SEGMENT_OF_TIER,
  SEGMENTS,
  STRATEGIC_LEVELS,
  tierName,
  TIERS,
  type Segment,
  type Tier,
  type TierLevel,
} from '../metrics/tiering';
import { csatShareOfScores, meanOfScores } from '../metrics/voice';
import { loadTables, type LoadOptions } from './load';
import {
  OPEN_END,
  type AccountFigures,
  type AccountRecord,
  type DataQualityReport,
  type InputTables,
  type LoadedData,
  type PeriodMetrics,
  type ReportModel,
  type RetentionFigures,
  type SubscriptionColumns,
  type TableKind,
} from './model';
import { indexSubscriptionsByAccount, monthKeyOfIndex, monthlyMovements, subscriptionMonths, type SubscriptionIndex, type SubscriptionMonths } from './monthly';
import { resolvePeriod } from './period';

export interface BuildOptions extends LoadOptions {
  /** Period start, inclusive (YYYY-MM-DD). */
  from?: string;
  /** Period end, exclusive (YYYY-MM-DD). */
  to?: string;
  /** Tier thresholds (CS_TIER's high_from / low_from). */
  highFrom?: number;
  lowFrom?: number;
}

const MAX_EXAMPLES = 5;

/** ARR of every account at day `day`: Σ over its subscriptions with start ≤ day < end. */
export function arrAtDay(subs: SubscriptionColumns, accountCount: number, day: number): Float64Array {
  const out = new Float64Array(accountCount);
  const { start, end, arr, account } = subs;
  for (let k = 0; k < subs.count; k++) {
    if (start[k] <= day && day < end[k]) out[account[k]] += arr[k];
  }
  return out;
}

/** Month-end MRR is Σ MRR of the subscriptions active on `day`. */
export function mrrAtDay(subs: SubscriptionColumns, day: number): number {
  let sum = 0;
  for (let k = 0; k < subs.count; k++) if (subs.start[k] <= day && day < subs.end[k]) sum += subs.mrr[k];
  return sum;
}

/** Retention figures of per-account start and end values (the cohort rule). Ratios are null for an empty cohort. */
export function retentionFigures(start: ArrayLike<number>, end: ArrayLike<number>): RetentionFigures {
  const s = cohortSums(start, end);
  let endTotal = 0;
  for (let i = 0; i < end.length; i++) if (end[i] > 0) endTotal += end[i];
  const has = s.cohortAccounts > 0 && s.startSum > 0;
  return {
    cohortAccounts: s.cohortAccounts,
    startArr: s.startSum,
    endArr: endTotal,
    nrr: has ? s.endSum / s.startSum : null,
    grr: has ? s.cappedEndSum / s.startSum : null,
    logoRetention: s.cohortAccounts > 0 ? s.retainedAccounts / s.cohortAccounts : null,
    movements: { starting: s.startSum, expansion: s.expansion, contraction: s.contraction, churn: s.churn, new: s.newSum },
  };
}

const SEGMENT_WORDS: Record<string, Segment> = {
  enterprise: 'Enterprise',
  ent: 'Enterprise',
  hightouch: 'Enterprise',
  midmarket: 'Mid-market',
  mm: 'Mid-market',
  mid: 'Mid-market',
  lowtouch: 'Mid-market',
  smb: 'SMB',
  smallbusiness: 'SMB',
  smallmediumbusiness: 'SMB',
  techtouch: 'SMB',
};

/** The user's segment text → a known segment ("Mid market", "MM", "Ent", "Small business", tier names…), else undefined. */
export function segmentFromText(text: string | undefined): Segment | undefined {
  if (!text) return undefined;
  return SEGMENT_WORDS[text.toLowerCase().replace(/[^a-z]+/g, '')];
}

function tierLevelOf(arr: number, rec: AccountRecord, highFrom: number, lowFrom: number): TierLevel {
  const base = baseTierLevel(arr, highFrom, lowFrom);
  const c = rec.complexity ? COMPLEXITY_LEVELS[rec.complexity.toLowerCase()] : undefined;
  const s = rec.strategicValue ? STRATEGIC_LEVELS[rec.strategicValue.toLowerCase()] : undefined;
  return raisedTierLevel(base, c, s);
}

function emptyTiers(): Record<Tier, { accounts: number; arr: number }> {
  // Key order as printed by metrics --json: High, Low, Tech.
  const out = {} as Record<Tier, { accounts: number; arr: number }>;
  for (const t of [...TIERS].reverse()) out[t] = { accounts: 0, arr: 0 };
  return out;
}

/** Stable in-place sort for the few subscriptions of one account (the same order as a stable Array#sort). */
function insertionSort(a: number[], cmp: (x: number, y: number) => number): void {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && cmp(a[j], x) > 0) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

/** Data-quality checks that need the period-independent subscription index. */
function dataQuality(data: LoadedData, index: SubscriptionIndex | null, months: SubscriptionMonths | null): DataQualityReport {
  const subs = data.subscriptions;
  const churnedButActive = { count: 0, examples: [] as string[] };
  const overlapping = { count: 0, examples: [] as string[] };
  const withinMonth = { count: 0, examples: [] as string[] };
  if (subs && index && months) {
    const { offsets, order } = index;
    // Churn event at day c, while a subscription that began on or before c is still active on c + 1.
    const ev = data.churnEvents;
    if (ev) {
      const flagged = new Uint8Array(data.accounts.length);
      for (let i = 0; i < ev.count; i++) {
        const a = ev.account[i];
        if (a < 0 || flagged[a]) continue;
        const c = ev.day[i];
        for (let j = offsets[a]; j < offsets[a + 1]; j++) {
          const k = order[j];
          if (subs.start[k] <= c && subs.end[k] > c + 1 && subs.arr[k] > 0) {
            flagged[a] = 1;
            churnedButActive.count++;
            if (churnedButActive.examples.length < MAX_EXAMPLES) churnedButActive.examples.push(data.accounts[a].id);
            break;
          }
        }
      }
    }
    // Overlapping subscriptions of the same account and plan (the same account when there is no plan column).
    const planCode = subs.planCode ?? new Int32Array(subs.count);
    const mark = new Uint8Array(subs.count);
    const group: number[] = [];
    const byPlanThenStart = (x: number, y: number) => planCode[x] - planCode[y] || subs.start[x] - subs.start[y];
    for (let a = 0; a < data.accounts.length; a++) {
      const lo = offsets[a], hi = offsets[a + 1];
      if (hi - lo < 2) continue;
      group.length = 0;
      let sorted = true;
      for (let j = lo; j < hi; j++) {
        const k = order[j];
        if (group.length > 0 && byPlanThenStart(group[group.length - 1], k) > 0) sorted = false;
        group.push(k);
      }
      if (!sorted) {
        if (group.length <= 16) insertionSort(group, byPlanThenStart);
        else group.sort(byPlanThenStart);
      }
      let maxEnd = -Infinity, maxIdx = -1, currentPlan = -1;
      for (const k of group) {
        if (planCode[k] !== currentPlan) {
          currentPlan = planCode[k];
          maxEnd = -Infinity;
          maxIdx = -1;
        }
        if (subs.start[k] < maxEnd) {
          mark[k] = 1;
          mark[maxIdx] = 1;
        }
        if (subs.end[k] > maxEnd) {
          maxEnd = subs.end[k];
          maxIdx = k;
        }
      }
    }
    for (let k = 0; k < subs.count; k++) {
      if (mark[k]) {
        overlapping.count++;
        if (overlapping.examples.length < MAX_EXAMPLES) overlapping.examples.push(subs.labelOf(k));
      }
      if (subs.end[k] !== OPEN_END && months.start[k] === months.end[k]) {
        withinMonth.count++;
        if (withinMonth.examples.length < MAX_EXAMPLES) withinMonth.examples.push(subs.labelOf(k));
      }
    }
  }
  return {
    skipped: data.skipped,
    churnedButActive,
    overlappingSubscriptions: overlapping,
    zeroLengthSubscriptions: data.zeroLength,
    withinMonthSubscriptions: withinMonth,
  };
}

/** Build the model from tables already loaded (so a sidebar can change the period without re-reading). */
export function modelFromData(data: LoadedData, inputs: Record<TableKind, boolean>, options: BuildOptions = {}): ReportModel {
  const progress = options.onProgress ?? (() => undefined);
  const highFrom = options.highFrom ?? DEFAULT_HIGH_FROM;
  const lowFrom = options.lowFrom ?? DEFAULT_LOW_FROM;
  const { period, d0, d1 } = resolvePeriod({ from: options.from, to: options.to }, data.latestSubscriptionDay ?? data.latestEventDay, sourcesOf(data));
  const A = data.accounts.length;
  const subs = data.subscriptions;

  progress('Computing ARR at the period bounds');
  let startArr: Float64Array, endArr: Float64Array;
  const seatsAtEnd = new Float64Array(A).fill(NaN);
  let index: SubscriptionIndex | null = null;
  if (subs) {
    startArr = arrAtDay(subs, A, d0);
    endArr = arrAtDay(subs, A, d1);
    for (let k = 0; k < subs.count; k++) {
      if (subs.start[k] <= d1 && d1 < subs.end[k] && !Number.isNaN(subs.seats[k])) {
        const a = subs.account[k];
        seatsAtEnd[a] = (Number.isNaN(seatsAtEnd[a]) ? 0 : seatsAtEnd[a]) + subs.seats[k];
      }
    }
    index = indexSubscriptionsByAccount(subs, A);
  } else {
    startArr = new Float64Array(A);
    endArr = new Float64Array(A);
    for (let a = 0; a < A; a++) {
      const r = data.accounts[a];
      startArr[a] = r.startArr ?? 0;
      endArr[a] = r.endArr ?? r.arr ?? 0;
    }
  }

  progress('Month by month MRR');
  const months = subs ? subscriptionMonths(subs) : null;
  const monthly = subs && index && months ? monthlyMovements(subs, A, d0, d1, index, months) : null;

  progress('Tiers, segments and retention');
  const accounts: AccountFigures[] = new Array(A);
  const tiers = emptyTiers();
  const segmentOf: Segment[] = new Array(A);
  for (let a = 0; a < A; a++) {
    const r = data.accounts[a];
    const tierStart = tierName(tierLevelOf(startArr[a], r, highFrom, lowFrom));
    const tierEnd = tierName(tierLevelOf(endArr[a], r, highFrom, lowFrom));
    const segmentColumn = segmentFromText(r.segmentText);
    const segment = segmentColumn ?? SEGMENT_OF_TIER[tierStart];
    segmentOf[a] = segment;
    if (endArr[a] > 0) {
      tiers[tierEnd].accounts++;
      tiers[tierEnd].arr += endArr[a];
    }
    const f: AccountFigures = { id: r.id, name: r.name, segment, startArr: startArr[a], endArr: endArr[a], tierStart, tierEnd };
    if (segmentColumn) f.segmentColumn = segmentColumn;
    if (r.owner !== undefined) f.owner = r.owner;
    if (r.complexity !== undefined) f.complexity = r.complexity;
    if (r.strategicValue !== undefined) f.strategicValue = r.strategicValue;
    const seats = Number.isNaN(seatsAtEnd[a]) ? r.seats : seatsAtEnd[a];
    if (seats !== undefined) f.seats = seats;
    if (r.renewalDay !== undefined) f.renewalDate = isoFromDay(r.renewalDay);
    if (r.nps !== undefined) f.nps = r.nps;
    const h = r.health;
    if (h.adoption !== undefined || h.support !== undefined || h.satisfaction !== undefined || h.stability !== undefined || h.score !== undefined) {
      f.health = { ...h };
    }
    if (monthly && monthly.cohortOfAccount[a] >= 0) f.cohort = monthKeyOfIndex(monthly.cohortOfAccount[a]);
    accounts[a] = f;
  }

  const overall = retentionFigures(startArr, endArr);
  const bySegment = {} as Record<Segment, RetentionFigures>;
  for (const seg of SEGMENTS) {
    const s: number[] = [], e: number[] = [];
    for (let a = 0; a < A; a++) {
      if (segmentOf[a] === seg) {
        s.push(startArr[a]);
        e.push(endArr[a]);
      }
    }
    bySegment[seg] = retentionFigures(s, e);
  }

  // CSAT of tickets submitted in [d0, d1), blanks skipped.
  let csat: number | null = null, csatMean: number | null = null;
  const t = data.tickets;
  if (t) {
    const scores: number[] = [];
    for (let i = 0; i < t.count; i++) {
      if (t.day[i] >= d0 && t.day[i] < d1 && !Number.isNaN(t.csat[i])) scores.push(t.csat[i]);
    }
    if (scores.length > 0) {
      csat = csatShareOfScores(scores);
      csatMean = meanOfScores(scores);
    }
  }

  const metrics: PeriodMetrics = {
    period: { from: period.from, to: period.to },
    cohortAccounts: overall.cohortAccounts,
    startArr: overall.startArr,
    endArr: overall.endArr,
    nrr: overall.nrr,
    grr: overall.grr,
    logoRetention: overall.logoRetention,
    movements: overall.movements,
    tiers,
    mrrByMonth: monthly ? monthly.mrrByMonth : {},
    csat,
    csatMean,
  };

  progress('Data quality checks');
  return {
    period,
    accounts,
    metrics,
    bySegment,
    dataQuality: dataQuality(data, index, months),
    currency: data.currency,
    inputs,
    data,
    columns: data.columns,
    monthly: monthly ? monthly.monthly : [],
    cohorts: monthly ? monthly.cohorts : [],
  };
}

/** Map, clean and compute: the one call the CLI and both sidebars make. */
export function buildReportModel(tables: InputTables, options: BuildOptions = {}): ReportModel {
  const data = loadTables(tables, options);
  return modelFromData(data, inputsOf(tables), options);
}

/**
 * Which inputs were given (ReportModel.inputs). With loadTables and modelFromData, this lets a
 * caller drop its raw tables once they are loaded, before the model is derived:
 * buildReportModel(t, o) is modelFromData(loadTables(t, o), inputsOf(t), o).
 */
export function inputsOf(tables: InputTables): Record<TableKind, boolean> {
  return {
    accounts: !!tables.accounts,
    subscriptions: !!tables.subscriptions,
    tickets: !!tables.tickets,
    usage: !!tables.usage,
    churnEvents: !!tables.churnEvents,
  };
}

/** The `metrics --json` object for the given tables and period. */
export function periodMetrics(tables: InputTables, options: BuildOptions = {}): PeriodMetrics {
  return buildReportModel(tables, options).metrics;
}

/** The files (or ranges) the data was read from, in table order, for messages. */
function sourcesOf(data: LoadedData): string[] {
  const out: string[] = [];
  for (const kind of ['accounts', 'subscriptions', 'tickets', 'usage', 'churnEvents'] as TableKind[]) {
    const m = data.columns[kind];
    if (m) out.push(m.source);
  }
  return out;
}

/** The default period's bounds for loaded data (D1 = first of the month after the latest subscription date). */
export function defaultPeriodOf(data: LoadedData): { from: string; to: string } {
  const { period } = resolvePeriod({}, data.latestSubscriptionDay ?? data.latestEventDay, sourcesOf(data));
  return { from: period.from, to: period.to };
}

