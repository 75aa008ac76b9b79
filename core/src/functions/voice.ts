/** Customer voice: NPS, CSAT, CSAT_MEAN, CES over counted score lists. */
import { CellError, div0Error, numError } from '../errors';
import { csatShareOfScores, meanOfScores, npsOfScores } from '../metrics/voice';
import { CallContext, readCountedValues, readOptionalNumber } from '../normalise';
import { finiteOr, tooLarge, type CallOptions } from './common';

export const DEFAULT_CSAT_SCALE = 5;
export const DEFAULT_SATISFIED_FROM = 4;
export const DEFAULT_CES_SCALE = 7;

const noAnswers = () => div0Error('no numeric scores');

/** 100 × (promoters − detractors) / answered. Scores must be whole numbers 0–10. */
export function nps(scores: unknown, options?: CallOptions): number | CellError {
  const values = readCountedValues(scores, new CallContext(options));
  if (values instanceof CellError) return values;
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    if (!Number.isInteger(s) || s < 0 || s > 10) return numError(`NPS scores must be whole numbers from 0 to 10, not ${s}`);
  }
  if (values.length === 0) return noAnswers();
  return npsOfScores(values);
}

/** The scale: a whole number ≥ 2. */
function readScale(arg: unknown, defaultValue: number, ctx: CallContext): number | CellError {
  const scale = readOptionalNumber(arg, 'scale', defaultValue, ctx);
  if (scale instanceof CellError) return scale;
  if (!Number.isInteger(scale) || scale < 2) return numError(`scale must be a whole number of at least 2, not ${scale}`);
  return scale;
}

/** Answered scores, each a whole number in 1..scale (or any number in [1, scale] when `wholeOnly` is false). */
function readScores(scores: unknown, scale: number, ctx: CallContext, wholeOnly: boolean): Float64Array | CellError {
  const values = readCountedValues(scores, ctx);
  if (values instanceof CellError) return values;
  for (let i = 0; i < values.length; i++) {
    const bad = values[i];
    if ((wholeOnly && !Number.isInteger(bad)) || bad < 1 || bad > scale) {
      return numError(wholeOnly ? `scores must be whole numbers from 1 to ${scale}, not ${bad}` : `scores must be from 1 to ${scale}, not ${bad}`);
    }
  }
  if (values.length === 0) return noAnswers();
  return values;
}

/** Share of answered scores ≥ satisfied_from (top-two-box CSAT), as a fraction. */
export function csat(scores: unknown, scale?: unknown, satisfiedFrom?: unknown, options?: CallOptions): number | CellError {
  const ctx = new CallContext(options);
  const max = readScale(scale, DEFAULT_CSAT_SCALE, ctx);
  if (max instanceof CellError) return max;
  const from = readOptionalNumber(satisfiedFrom, 'satisfied_from', DEFAULT_SATISFIED_FROM, ctx);
  if (from instanceof CellError) return from;
  if (from < 1 || from > max) return numError(`satisfied_from must be from 1 to ${max}, not ${from}`);
  const values = readScores(scores, max, ctx, true);
  if (values instanceof CellError) return values;
  return csatShareOfScores(values, from);
}

/** Mean of answered scores on 1..scale. */
export function csatMean(scores: unknown, scale?: unknown, options?: CallOptions): number | CellError {
  const ctx = new CallContext(options);
  const max = readScale(scale, DEFAULT_CSAT_SCALE, ctx);
  if (max instanceof CellError) return max;
  const values = readScores(scores, max, ctx, true);
  if (values instanceof CellError) return values;
  return finiteOr(meanOfScores(values), tooLarge);
}

/** Customer effort: mean of answered scores on 1..scale (lower is better). */
export function ces(scores: unknown, scale?: unknown, options?: CallOptions): number | CellError {
  const ctx = new CallContext(options);
  const max = readScale(scale, DEFAULT_CES_SCALE, ctx);
  if (max instanceof CellError) return max;
  const values = readScores(scores, max, ctx, false);
  if (values instanceof CellError) return values;
  return finiteOr(meanOfScores(values), tooLarge);
}
