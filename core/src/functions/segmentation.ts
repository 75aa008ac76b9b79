/** Segmentation and coverage: CS_TIER (vectorised), CSM_HEADCOUNT, COST_TO_SERVE, COST_TO_SERVE_CHECK. */
import { CellError, div0Error, numError, valueError } from '../errors';
import { COST_TO_SERVE_BANDS, CSM_RATIOS } from '../metrics/benchmarks';
import {
  COMPLEXITY_LEVELS,
  DEFAULT_HIGH_FROM,
  DEFAULT_LOW_FROM,
  STRATEGIC_LEVELS,
  baseTierLevel,
  raisedTierLevel,
  tierName,
  type Tier,
  type TierLevel,
} from '../metrics/tiering';
import {
  CallContext,
  readColumnView,
  readOptionalNumber,
  readPerRowView,
  readRequiredNumber,
  readScalarNumber,
  readSum,
  readWord,
} from '../normalise';
import { column, finiteOr, tooLarge, type CallOptions, type CellValue } from './common';

const nonNegative = { nonNegative: true } as const;
/** csTier's "this argument is read per row". */
const NOT_CONSTANT: unique symbol = Symbol('per row');

function readLevel(raw: unknown, name: string, levels: Record<string, TierLevel>, accepted: string, ctx: CallContext): TierLevel | undefined | CellError {
  const word = readWord(raw, name, ctx);
  if (word === null) return undefined;
  if (word instanceof CellError) return word;
  const level = levels[word];
  return level !== undefined ? level : valueError(`unknown ${name} '${word}': use ${accepted}`);
}

/**
 * Coverage tier per account row: by ARR, raised one step at most when complexity or
 * strategic value points higher. Blank ARR → "".
 */
export function csTier(
  arr: unknown,
  complexity?: unknown,
  strategicValue?: unknown,
  highFrom?: unknown,
  lowFrom?: unknown,
  options?: CallOptions,
): CellValue[][] | CellError {
  const ctx = new CallContext(options);
  const arrs = readColumnView(arr, 'ARR');
  if (arrs instanceof CellError) return arrs;
  const n = arrs.rows;
  const perRow = [
    readPerRowView(complexity, 'complexity', arrs),
    readPerRowView(strategicValue, 'strategic_value', arrs),
    readPerRowView(highFrom, 'high_from', arrs),
    readPerRowView(lowFrom, 'low_from', arrs),
  ];
  const accessors: ((row: number) => unknown)[] = [];
  const constants: unknown[] = [];
  for (const p of perRow) {
    if (p instanceof CellError) return p;
    const { view, constant } = p;
    accessors.push(view ? (row) => view.at(row, 0) : () => constant);
    constants.push(view ? NOT_CONSTANT : constant);
  }
  const [cx, sv, hi, lo] = accessors;
  // One value for every row (the usual case: omitted) is read once, when reading it cannot touch the
  // call's currency state (a blank or a plain number; a word) and gives no error; else it is read per row.
  const constant = (i: number): unknown => constants[i];
  const plainNumber = (raw: unknown) => raw === undefined || raw === null || raw === '' || (typeof raw === 'number' && Number.isFinite(raw));
  const plainWord = (raw: unknown) => raw === undefined || raw === null || typeof raw === 'string';
  const once = <T,>(raw: unknown, plain: (raw: unknown) => boolean, read: () => T | CellError): T | typeof NOT_CONSTANT => {
    if (raw === NOT_CONSTANT || !plain(raw)) return NOT_CONSTANT;
    const v = read();
    return v instanceof CellError ? NOT_CONSTANT : v;
  };
  const hiOnce = once(constant(2), plainNumber, () => readOptionalNumber(constant(2), 'high_from', DEFAULT_HIGH_FROM, ctx, nonNegative));
  const loOnce = once(constant(3), plainNumber, () => readOptionalNumber(constant(3), 'low_from', DEFAULT_LOW_FROM, ctx, nonNegative));
  const cxOnce = once(constant(0), plainWord, () => readLevel(constant(0), 'complexity', COMPLEXITY_LEVELS, 'High, Medium or Low', ctx));
  const svOnce = once(constant(1), plainWord, () =>
    readLevel(constant(1), 'strategic_value', STRATEGIC_LEVELS, 'High, High potential, Standard or Transactional', ctx),
  );
  return column(n, (r) => {
    const value = readScalarNumber(arrs.at(r, 0), 'ARR', ctx, nonNegative);
    if (value === null) return '';
    if (value instanceof CellError) return value;
    const high = hiOnce !== NOT_CONSTANT ? hiOnce : readOptionalNumber(hi(r), 'high_from', DEFAULT_HIGH_FROM, ctx, nonNegative);
    if (high instanceof CellError) return high;
    const low = loOnce !== NOT_CONSTANT ? loOnce : readOptionalNumber(lo(r), 'low_from', DEFAULT_LOW_FROM, ctx, nonNegative);
    if (low instanceof CellError) return low;
    if (low > high) return numError(`low_from (${low}) must not exceed high_from (${high})`);
    const c = cxOnce !== NOT_CONSTANT ? cxOnce : readLevel(cx(r), 'complexity', COMPLEXITY_LEVELS, 'High, Medium or Low', ctx);
    if (c instanceof CellError) return c;
    const s =
      svOnce !== NOT_CONSTANT ? svOnce : readLevel(sv(r), 'strategic_value', STRATEGIC_LEVELS, 'High, High potential, Standard or Transactional', ctx);
    if (s instanceof CellError) return s;
    return tierName(raisedTierLevel(baseTierLevel(value, high, low), c, s));
  });
}

const TIER_WORDS: Record<string, Tier> = {
  'high touch': 'High Touch', high: 'High Touch', 'high-touch': 'High Touch',
  'low touch': 'Low Touch', low: 'Low Touch', 'low-touch': 'Low Touch',
  'tech touch': 'Tech Touch', tech: 'Tech Touch', 'tech-touch': 'Tech Touch',
};

function readTier(arg: unknown, ctx: CallContext): Tier | CellError {
  const word = readWord(arg, 'tier', ctx);
  if (word === null) return valueError('tier is required: use High Touch, Low Touch or Tech Touch');
  if (word instanceof CellError) return word;
  return TIER_WORDS[word] ?? valueError(`unknown tier '${word}': use High Touch, Low Touch or Tech Touch`);
}

/** CSM FTE = accounts / accounts per CSM (default: the tier's planning ratio). */
export function csmHeadcount(accounts: unknown, tier: unknown, accountsPerCsm?: unknown, options?: CallOptions): number | CellError {
  const ctx = new CallContext(options);
  const count = readSum(accounts, 'accounts', ctx, nonNegative);
  if (count instanceof CellError) return count;
  const t = readTier(tier, ctx);
  if (t instanceof CellError) return t;
  const ratio = readOptionalNumber(accountsPerCsm, 'accounts_per_csm', CSM_RATIOS[t].planning, ctx, nonNegative);
  if (ratio instanceof CellError) return ratio;
  if (ratio === 0) return div0Error('accounts_per_csm is 0');
  return finiteOr(count / ratio, tooLarge);
}

/** CS cost as a share of ARR. */
export function costToServe(csCost: unknown, arr: unknown, options?: CallOptions): number | CellError {
  const ctx = new CallContext(options);
  const cost = readSum(csCost, 'cs_cost', ctx, nonNegative);
  if (cost instanceof CellError) return cost;
  const revenue = readSum(arr, 'ARR', ctx, nonNegative);
  if (revenue instanceof CellError) return revenue;
  if (revenue === 0) return div0Error('ARR is 0');
  return finiteOr(cost / revenue, tooLarge);
}

export type CostBandPosition = 'Below' | 'Within' | 'Above';

/** Where a cost-to-serve ratio sits against the tier's band (edges inclusive; Tech Touch: Within below 3%). */
export function costToServeCheck(tier: unknown, ratio: unknown, options?: CallOptions): CostBandPosition | CellError {
  const ctx = new CallContext(options);
  const t = readTier(tier, ctx);
  if (t instanceof CellError) return t;
  const r = readRequiredNumber(ratio, 'ratio', ctx, nonNegative);
  if (r instanceof CellError) return r;
  const band = COST_TO_SERVE_BANDS[t];
  if (t === 'Tech Touch') return r < band.high ? 'Within' : 'Above';
  return r < band.low ? 'Below' : r > band.high ? 'Above' : 'Within';
}
