import type { Segment } from './tiering';

/** The playbook's "Key Metrics Reference": Good and Great thresholds per metric. */
export type BenchmarkMetric = 'NRR' | 'GRR' | 'LOGO_RETENTION' | 'NPS' | 'CSAT' | 'CES' | 'TTV' | 'HEALTH';
export type BenchmarkRating = 'Great' | 'Good' | 'Below';

export interface Benchmark {
  good: number;
  great: number;
  /** CES and TTV read lower-is-better, with strict "<" thresholds. */
  lowerIsBetter: boolean;
  label: string;
}

export const BENCHMARKS: Record<BenchmarkMetric, Benchmark> = {
  NRR: { good: 1.05, great: 1.2, lowerIsBetter: false, label: 'Net revenue retention' },
  GRR: { good: 0.9, great: 0.95, lowerIsBetter: false, label: 'Gross revenue retention' },
  LOGO_RETENTION: { good: 0.85, great: 0.92, lowerIsBetter: false, label: 'Logo retention' },
  NPS: { good: 30, great: 50, lowerIsBetter: false, label: 'Net Promoter Score' },
  CSAT: { good: 4.0, great: 4.5, lowerIsBetter: false, label: 'CSAT (mean on 5)' },
  CES: { good: 3, great: 2, lowerIsBetter: true, label: 'Customer effort score' },
  TTV: { good: 30, great: 14, lowerIsBetter: true, label: 'Time to value (days)' },
  HEALTH: { good: 70, great: 80, lowerIsBetter: false, label: 'Health score' },
};

export const BENCHMARK_ALIASES: Record<string, BenchmarkMetric> = {
  LOGO: 'LOGO_RETENTION',
  TIME_TO_VALUE: 'TTV',
  HEALTH_SCORE: 'HEALTH',
};

export function rateAgainstBenchmark(metric: BenchmarkMetric, value: number): BenchmarkRating {
  const b = BENCHMARKS[metric];
  if (b.lowerIsBetter) return value < b.great ? 'Great' : value < b.good ? 'Good' : 'Below';
  return value >= b.great ? 'Great' : value >= b.good ? 'Good' : 'Below';
}

/** NRR target bands by segment (annual). */
export const NRR_TARGETS: Record<Segment, { low: number; high: number }> = {
  Enterprise: { low: 1.15, high: 1.3 },
  'Mid-market': { low: 1.05, high: 1.15 },
  SMB: { low: 0.95, high: 1.05 },
};

/** Accounts per CSM: the playbook's ranges and the midpoint used as the default planning ratio. */
export const CSM_RATIOS = {
  'High Touch': { from: 10, to: 25, planning: 17.5 },
  'Low Touch': { from: 50, to: 100, planning: 75 },
  'Tech Touch': { from: 500, to: 1000, planning: 500 },
} as const;

/** Cost to serve as a share of ARR. Tech touch has only an upper edge (< 3%). */
export const COST_TO_SERVE_BANDS = {
  'High Touch': { low: 0.15, high: 0.25 },
  'Low Touch': { low: 0.05, high: 0.1 },
  'Tech Touch': { low: 0, high: 0.03 },
} as const;

/** Touch frequency and motions from the playbook's coverage framework. */
export const TIER_MOTIONS = {
  'High Touch': { frequency: 'Weekly to monthly', motion: 'Dedicated CSM, executive business reviews, custom success plan' },
  'Low Touch': { frequency: 'Monthly to quarterly', motion: 'Pooled CSMs, scaled programs, office hours' },
  'Tech Touch': { frequency: 'Automated', motion: 'Automated journeys, community, self-service' },
} as const;
