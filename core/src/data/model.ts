/**
 * The data layer's contract: what the user's files become after mapping and cleaning,
 * and the per-period figures that report builders and `metrics --json` read.
 * Dates are ISO "YYYY-MM-DD" strings at the edges and day numbers inside
 * (days since 1970-01-01, so that arithmetic never touches a time zone).
 */
import type { Segment, Tier } from '../metrics/tiering';

/** A table as read from a file or a host range: headers plus raw cells. */
export interface RawTable {
  /** Where it came from, for error messages: a file path or a sheet name. */
  source: string;
  headers: string[];
  /** Raw cells: text from CSV; numbers, booleans, Dates or text from .xlsx and hosts. */
  rows: unknown[][];
}

export type TableKind = 'accounts' | 'subscriptions' | 'tickets' | 'usage' | 'churnEvents';

export type InputTables = Partial<Record<TableKind, RawTable>>;

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
}
