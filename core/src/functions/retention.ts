/** Revenue retention: NRR, GRR, the cohort ratios, MRR_MOVEMENTS and QUICK_RATIO. */
import { CellError, div0Error, numError } from '../errors';
import { cohortSums, grrCohort, logoRetention, nrrCohort } from '../metrics/retention';
import { CallContext, checkSameSize, readPositionalValues, readSum } from '../normalise';
import { finiteOr, noCohort, tooLarge, type CallOptions, type CellValue } from './common';

const nonNegative = { nonNegative: true } as const;

/** Losses above the base, allowing for float noise (0.1 + 0.2 vs 0.3). */
const lossesExceed = (losses: number, base: number) => losses - base > 1e-12 * base;

/** Sum each named argument (number or range), all amounts ≥ 0. */
function readAmounts(args: [unknown, string][], ctx: CallContext): number[] | CellError {
  const out: number[] = [];
  for (const [arg, name] of args) {
    const v = readSum(arg, name, ctx, nonNegative);
    if (v instanceof CellError) return v;
    out.push(v);
  }
  return out;
}

/** (starting + expansion − contraction − churn) / starting. */
export function nrr(starting: unknown, expansion: unknown, contraction: unknown, churn: unknown, options?: CallOptions): number | CellError {
  const a = readAmounts([[starting, 'starting'], [expansion, 'expansion'], [contraction, 'contraction'], [churn, 'churn']], new CallContext(options));
  if (a instanceof CellError) return a;
  const [s, e, c, ch] = a;
  if (s === 0) return div0Error('starting is 0');
  if (lossesExceed(c + ch, s)) return numError('losses exceed the starting base');
  const direct = (s + e - c - ch) / s;
  // s + e can overflow where the ratio itself is finite (1e308 + 1e308 − 1e308): rescale before giving #NUM!.
  return finiteOr(Number.isFinite(direct) ? direct : 1 + (e - c - ch) / s, tooLarge);
}

/** (starting − contraction − churn) / starting. */
export function grr(starting: unknown, contraction: unknown, churn: unknown, options?: CallOptions): number | CellError {
  const a = readAmounts([[starting, 'starting'], [contraction, 'contraction'], [churn, 'churn']], new CallContext(options));
  if (a instanceof CellError) return a;
  const [s, c, ch] = a;
  if (s === 0) return div0Error('starting is 0');
  if (lossesExceed(c + ch, s)) return numError('losses exceed the starting base');
  return finiteOr((s - c - ch) / s, tooLarge);
}

/** Start/end per account, same shape, no negatives. NaN marks a blank cell. */
function readPairs(startValues: unknown, endValues: unknown, options?: CallOptions): { start: Float64Array; end: Float64Array } | CellError {
  const ctx = new CallContext(options);
  const start = readPositionalValues(startValues, 'start_values', ctx, nonNegative);
  if (start instanceof CellError) return start;
  const end = readPositionalValues(endValues, 'end_values', ctx, nonNegative);
  if (end instanceof CellError) return end;
  return checkSameSize(start, end) ?? { start: start.values, end: end.values };
}

function cohortRatio(kernel: (s: ArrayLike<number>, e: ArrayLike<number>) => number) {
  return (startValues: unknown, endValues: unknown, options?: CallOptions): number | CellError => {
    const pairs = readPairs(startValues, endValues, options);
    if (pairs instanceof CellError) return pairs;
    const r = kernel(pairs.start, pairs.end);
    // Kernels give NaN for an empty cohort and Infinity when a sum overflows.
    if (Number.isNaN(r)) return noCohort();
    return finiteOr(r, tooLarge);
  };
}

/** Σ end / Σ start over the cohort (accounts with start > 0). */
export const nrrCohortFn = cohortRatio(nrrCohort);
/** Σ min(end, start) / Σ start over the cohort. */
export const grrCohortFn = cohortRatio(grrCohort);
/** Cohort accounts with end > 0 / cohort accounts. */
export const logoRetentionFn = cohortRatio(logoRetention);

export const MRR_MOVEMENT_LABELS = ['Starting', 'Expansion', 'Contraction', 'Churn', 'New'] as const;

/** 5×2 spill: Starting, Expansion, Contraction, Churn, New with their amounts. */
export function mrrMovements(startValues: unknown, endValues: unknown, options?: CallOptions): CellValue[][] | CellError {
  const pairs = readPairs(startValues, endValues, options);
  if (pairs instanceof CellError) return pairs;
  const s = cohortSums(pairs.start, pairs.end);
  const amounts = [s.startSum, s.expansion, s.contraction, s.churn, s.newSum];
  if (!amounts.every(Number.isFinite)) return tooLarge();
  return MRR_MOVEMENT_LABELS.map((label, i) => [label, amounts[i]]);
}

/** (new + expansion) / (contraction + churn). */
export function quickRatio(newMrr: unknown, expansion: unknown, contraction: unknown, churn: unknown, options?: CallOptions): number | CellError {
  const a = readAmounts([[newMrr, 'new'], [expansion, 'expansion'], [contraction, 'contraction'], [churn, 'churn']], new CallContext(options));
  if (a instanceof CellError) return a;
  const [n, e, c, ch] = a;
  if (c + ch === 0) return div0Error('contraction + churn is 0');
  if (!Number.isFinite(c + ch) || !Number.isFinite(n + e)) return tooLarge();
  return finiteOr((n + e) / (c + ch), tooLarge);
}
