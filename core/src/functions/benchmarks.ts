/** Benchmarks and targets: CS_BENCHMARK (vectorised) and NRR_TARGET. */
import { CellError, naError, valueError } from '../errors';
import { BENCHMARKS, BENCHMARK_ALIASES, NRR_TARGETS, rateAgainstBenchmark, type BenchmarkMetric } from '../metrics/benchmarks';
import type { Segment } from '../metrics/tiering';
import { CallContext, readColumn, readPerRow, readScalarNumber, readWord } from '../normalise';
import { column, type CallOptions, type CellValue } from './common';

const METRIC_NAMES = Object.keys(BENCHMARKS).join(', ');

function metricOf(word: string): BenchmarkMetric | null {
  const key = word.toUpperCase().replace(/[\s-]+/g, '_');
  if (key in BENCHMARKS) return key as BenchmarkMetric;
  return BENCHMARK_ALIASES[key] ?? null;
}

/** "Great", "Good" or "Below" against the playbook's benchmark; one result per value row. */
export function csBenchmark(metric: unknown, value: unknown, options?: CallOptions): CellValue[][] | CellError {
  const ctx = new CallContext(options);
  const values = readColumn(value, 'value');
  if (values instanceof CellError) return values;
  const metrics = readPerRow(metric, 'metric', values);
  if (metrics instanceof CellError) return metrics;
  return column(values.rows, (r) => {
    const v = readScalarNumber(values.cells[r], 'value', ctx);
    if (v === null || v instanceof CellError) return v ?? '';
    const word = readWord(metrics(r), 'metric', ctx);
    if (word instanceof CellError) return word;
    if (word === null) return valueError('metric is required');
    const m = metricOf(word);
    if (m === null) return naError(`unknown metric '${word}': use ${METRIC_NAMES}`);
    return rateAgainstBenchmark(m, v);
  });
}

const SEGMENT_WORDS: Record<string, Segment> = {
  enterprise: 'Enterprise', ent: 'Enterprise', 'high touch': 'Enterprise',
  'mid-market': 'Mid-market', 'mid market': 'Mid-market', midmarket: 'Mid-market', mm: 'Mid-market', 'low touch': 'Mid-market',
  smb: 'SMB', 'small business': 'SMB', 'tech touch': 'SMB',
};

/** The low (default) or high end of the segment's NRR target band. */
export function nrrTarget(segment: unknown, end?: unknown, options?: CallOptions): number | CellError {
  const ctx = new CallContext(options);
  const word = readWord(segment, 'segment', ctx);
  if (word instanceof CellError) return word;
  if (word === null) return valueError('segment is required: use Enterprise, Mid-market or SMB');
  const s = SEGMENT_WORDS[word];
  if (!s) return naError(`unknown segment '${word}': use Enterprise, Mid-market or SMB`);
  const which = readWord(end, 'end', ctx);
  if (which instanceof CellError) return which;
  if (which === null || which === 'low') return NRR_TARGETS[s].low;
  if (which === 'high') return NRR_TARGETS[s].high;
  return valueError(`unknown band end '${which}': use "low" or "high"`);
}
