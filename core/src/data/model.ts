/**
 * The data layer's contract: what the user's files become after mapping and cleaning,
 * and the per-period figures that report builders and `metrics --json` read.
 * Dates are ISO "YYYY-MM-DD" strings at the edges and day numbers inside
 * (days since 1970-01-01, so that arithmetic never touches a time zone).
 */
import type { Segment, Tier } from '../metrics/tiering';
import type { ColumnMapping } from './columns';

/** A table as read from a file or a host range: headers plus raw cells. */
export interface RawTable {
  /** Where it came from, for error messages: a file path or a sheet name. */
  source: string;
  headers: string[];
  /** Raw cells: text from CSV; numbers, booleans, Dates or text from .xlsx and hosts. */
  rows: unknown[][];
  /**
   * Optional, for tables read lazily (CSV): the number of rows and one row, made when asked
   * for, without building `rows`. Read them through rowCountOf / rowOf.
   */
  rowCount?: number;
  rowAt?(i: number): unknown[];
  /**
   * Where the rows are in the user's sheet, so messages name the row the user sees: the row
   * number of the header (default 1; a host range may start lower down), or, where blank lines
   * or rows were left out, the row number of each data row. Read through rowNumberOf.
   */
  headerRow?: number;
  rowNumberAt?(i: number): number;
}

/** How many data rows a table has (a lazily read table does not build its rows for this). */
export function rowCountOf(table: RawTable): number {
  return table.rowCount ?? table.rows.length;
}

/** The spreadsheet row number of data row i (the header is row 1 unless the table says otherwise). */
export function rowNumberOf(table: RawTable, i: number): number {
  return table.rowNumberAt !== undefined ? table.rowNumberAt(i) : (table.headerRow ?? 1) + 1 + i;
}

/** Data row i of a table. */
export function rowOf(table: RawTable, i: number): unknown[] {
  return table.rowAt !== undefined ? table.rowAt(i) : table.rows[i];
}

export type TableKind = 'accounts' | 'subscriptions' | 'tickets' | 'usage' | 'churnEvents';

export type InputTables = Partial<Record<TableKind, RawTable>>;

/**
 * The names users see for each table, in every label and message. `TableKind` values
 * ("churnEvents") are internal keys and never reach a tab or a message.
 */
export const TABLE_LABELS: Record<TableKind, string> = {
  accounts: 'Accounts',
  subscriptions: 'Subscriptions',
  tickets: 'Tickets',
  usage: 'Usage',
  churnEvents: 'Churn events',
};

/** A half-open reporting period [from, to). */
export interface Period {
  from: string;
  to: string;
  /** The period's last day (to − 1 day): the "as of" date on every tab. */
  asOf: string;
  /** Whole months between from and to (12 for a year); fractional when not month-aligned. */
  months: number;
}

export interface SkipCount {
  table: TableKind;
  reason: string;
  count: number;
  /** Up to 5 example ids or row numbers. */
  examples: string[];
}

/** The user-facing label of a skip count: "Churn events: unparsable date". */
export function skipLabel(s: Pick<SkipCount, 'table' | 'reason'>): string {
  return `${TABLE_LABELS[s.table]}: ${s.reason}`;
}

export interface DataQualityReport {
  skipped: SkipCount[];
  /** Accounts with a churn event but revenue still active after the churn date. */
  churnedButActive: { count: number; examples: string[] };
  /** Overlapping subscriptions of the same account and plan. */
  overlappingSubscriptions: { count: number; examples: string[] };
  /** Subscriptions with end ≤ start. */
  zeroLengthSubscriptions: { count: number; examples: string[] };
  /** Subscriptions that start and end within one month (never seen at a month-end). */
  withinMonthSubscriptions: { count: number; examples: string[] };
}

/** One account's figures for a period: the rows of the generated Data tab. */
export interface AccountFigures {
  id: string;
  name: string;
  /** The user's segment text when it maps to a known segment. */
  segmentColumn?: Segment;
  /** The segment the board report uses: segmentColumn, else the tier at D0 mapped to a segment. */
  segment: Segment;
  owner?: string;
  complexity?: string;
  strategicValue?: string;
  startArr: number;
  endArr: number;
  /** Tier at D0 and at D1 (ARR tier raised by complexity/strategic value where present). */
  tierStart: Tier;
  tierEnd: Tier;
  seats?: number;
  renewalDate?: string;
  /** NPS and health components (0–100) as given in the accounts table, when it has them. */
  nps?: number;
  health?: HealthFromTable;
  /** First month ("YYYY-MM") with positive month-end MRR, when there is one up to the period's end. */
  cohort?: string;
}

export interface HealthFromTable {
  adoption?: number;
  support?: number;
  satisfaction?: number;
  stability?: number;
  /** An overall health score column, when the table has one. */
  score?: number;
}

export interface RetentionFigures {
  cohortAccounts: number;
  startArr: number;
  endArr: number;
  nrr: number | null;
  grr: number | null;
  logoRetention: number | null;
  movements: { starting: number; expansion: number; contraction: number; churn: number; new: number };
}

/** The object `cs-sheets metrics --json` prints (reports.md). */
export interface PeriodMetrics extends RetentionFigures {
  period: { from: string; to: string };
  tiers: Record<Tier, { accounts: number; arr: number }>;
  mrrByMonth: Record<string, number>;
  csat: number | null;
  csatMean: number | null;
}

/** Everything the report builders need for one period. */
export interface ReportModel {
  period: Period;
  accounts: AccountFigures[];
  metrics: PeriodMetrics;
  bySegment: Record<Segment, RetentionFigures>;
  dataQuality: DataQualityReport;
  /** The one currency symbol seen in the data, or null for "as in source". */
  currency: string | null;
  /** Which optional inputs were given, so tabs can say what they could not compute. */
  inputs: Record<TableKind, boolean>;
  /** The cleaned input, for tabs that read events (health, QBR). */
  data: LoadedData;
  /** Which column each field was read from, per table (for the sidebar's mapping view). */
  columns: Partial<Record<TableKind, ColumnMapping>>;
  /** Month by month MRR movements: one entry per month whose last day lies in the period (empty without subscriptions). */
  monthly: MonthMovement[];
  /** Cohorts from the first month of data up to the period's last month (empty without subscriptions). */
  cohorts: CohortRow[];
}

/** End day of a subscription with a blank end date (still active): later than any real day. */
export const OPEN_END = 2147483647;

/** One row of the accounts table (or an account seen only in subscriptions), cleaned. */
export interface AccountRecord {
  /** Trimmed id as first written; compared case-insensitively. */
  id: string;
  name: string;
  /** Whether the account is in the accounts table (false: seen only in subscriptions). */
  inAccountsTable: boolean;
  segmentText?: string;
  owner?: string;
  renewalDay?: number;
  complexity?: string;
  strategicValue?: string;
  seats?: number;
  nps?: number;
  /** Revenue columns of the accounts table (used only when no subscriptions table is given). */
  arr?: number;
  startArr?: number;
  endArr?: number;
  health: HealthFromTable;
}

/**
 * Cleaned subscriptions (skipped rows are not here), column-wise for speed.
 * `account` indexes LoadedData.accounts. A blank end is OPEN_END. Amounts are ≥ 0:
 * arr is the ARR column, else 12 × MRR; mrr is the MRR column, else ARR / 12.
 */
export interface SubscriptionColumns {
  count: number;
  account: Int32Array;
  start: Int32Array;
  end: Int32Array;
  arr: Float64Array;
  mrr: Float64Array;
  /** NaN where blank or no seats column. */
  seats: Float64Array;
  /**
   * Plan per row as an index into `plans`, numbered in order of first appearance; null when the
   * table has no plan column.
   */
  planCode: Int32Array | null;
  /** The distinct plan texts ('' for blank), by code. */
  plans: string[];
  /** Plan text per row ('' when blank), or null when the table has no plan column. Built on first use: prefer planCode. */
  readonly plan: string[] | null;
  /** Row k's label: the subscription id, or "row N" (spreadsheet row number) when it has none. */
  labelOf(k: number): string;
  /** labelOf for every row. Built on first use: prefer labelOf. */
  readonly label: string[];
}

/** Cleaned tickets / survey responses. account is −1 when there is no accounts table and no subscription names the id. */
export interface TicketColumns {
  count: number;
  account: Int32Array;
  /** The id as written (for accounts not in the tables). */
  accountText: string[];
  day: Int32Array;
  /** CSAT 1–5, NaN when blank, text or no such column. */
  csat: Float64Array;
  /** NPS 0–10, NaN when blank, text or no such column. */
  nps: Float64Array;
  /** 1 when escalated. */
  escalated: Uint8Array;
}

export interface UsageColumns {
  count: number;
  account: Int32Array;
  day: Int32Array;
  /** Index into `features`, −1 when blank or no feature column. */
  feature: Int32Array;
  features: string[];
  /** NaN when blank or no such column. */
  uses: Float64Array;
  errors: Float64Array;
}

export interface ChurnEventColumns {
  count: number;
  account: Int32Array;
  day: Int32Array;
  /** 1 when the event is flagged as a reactivation. */
  reactivation: Uint8Array;
}

/** All input tables, mapped and cleaned. Report tabs read event data from here. */
export interface LoadedData {
  accounts: AccountRecord[];
  /** Lower-cased trimmed id → index in accounts. */
  accountIndex: Map<string, number>;
  subscriptions: SubscriptionColumns | null;
  tickets: TicketColumns | null;
  usage: UsageColumns | null;
  churnEvents: ChurnEventColumns | null;
  columns: Partial<Record<TableKind, ColumnMapping>>;
  skipped: SkipCount[];
  /** Subscriptions with end ≤ start (skipped). */
  zeroLength: { count: number; examples: string[] };
  /** The latest start or end date of any subscription row (day number), or null. */
  latestSubscriptionDay: number | null;
  /** The latest event date of tickets, usage and churn events (day number), or null. */
  latestEventDay: number | null;
  currency: string | null;
}

/** One month of the MRR Movements tab (reports.md "Month by month"). */
export interface MonthMovement {
  /** "YYYY-MM" */
  month: string;
  /** Month-end MRR of the month before. */
  starting: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  /** Month-end MRR: starting + new + expansion − contraction − churn + reactivation. */
  ending: number;
  /** Accounts with MRR > 0 at the month's end. */
  activeAccounts: number;
  newAccounts: number;
  churnedAccounts: number;
  reactivatedAccounts: number;
}

/** One cohort row: accounts whose first positive month-end MRR is `month`. */
export interface CohortRow {
  month: string;
  accounts: number;
  /** Σ month-end MRR of the cohort, k months after its first month (k = 0, 1, …, up to the period's last month). */
  mrr: number[];
  /** Cohort accounts with month-end MRR > 0, k months after. */
  logos: number[];
}
