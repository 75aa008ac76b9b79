/** Health: CS_HEALTH (weighted composite per account row) and CS_HEALTH_BAND. Both vectorised. */
import { CellError, div0Error, numError, valueError } from '../errors';
import { DEFAULT_GREEN_FROM, DEFAULT_RED_BELOW, healthBand, healthOfRow } from '../metrics/health';
import {
  CallContext,
  positionOf,
  readColumn,
  readOptionalNumber,
  readNumberCell,
  readPerRow,
  readPositionalList,
  readScalarNumber,
  toGrid,
} from '../normalise';
import { column, tooLarge, type CallOptions, type CellValue } from './common';

/** Weights: K cells (1×K or K×1), each ≥ 0, none blank. */
function readWeights(weights: unknown, components: number, ctx: CallContext): number[] | CellError {
  const list = readPositionalList(weights, 'weights', ctx);
  if (list instanceof CellError) return list;
  const { grid, values } = list;
  if ((grid.rows !== 1 && grid.cols !== 1) || values.length !== components) {
    return valueError(`weights must be ${components} cells in one row or column, one per component column (got ${grid.rows}×${grid.cols})`);
  }
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) return valueError(`${positionOf(grid, i, 'weights')} is blank`);
    if (values[i] < 0) return valueError(`${positionOf(grid, i, 'weights')}: ${values[i]} cannot be negative`);
  }
  return values;
}

/**
 * Weighted average of each row's 0–100 components. A blank component is left out and its
 * weight redistributed; an all-blank row gives "". Per-row errors stay in their row.
 */
export function csHealth(componentScores: unknown, weights: unknown, options?: CallOptions): CellValue[][] | CellError {
  const ctx = new CallContext(options);
  const grid = toGrid(componentScores);
  const w = readWeights(weights, grid.cols, ctx);
  if (w instanceof CellError) return w;
  return column(grid.rows, (r) => {
    const values: number[] = [];
    for (let k = 0; k < grid.cols; k++) {
      const index = r * grid.cols + k;
      const where = positionOf(grid, index, 'component_scores');
      const v = readNumberCell(grid.cells[index], where, ctx);
      if (v instanceof CellError) return v;
      if (v < 0 || v > 100) return numError(`${where}: ${v} is outside 0–100`);
      values.push(v);
    }
    const h = healthOfRow(values, w);
    if (h.present === 0) return '';
    if (!Number.isFinite(h.presentWeight) || (h.presentWeight > 0 && !Number.isFinite(h.score))) return tooLarge();
    if (!(h.presentWeight > 0)) return div0Error(`row ${r + 1}: the weights of its components sum to 0`);
    return h.score;
  });
}

/** "Red" below red_below, "Green" from green_from, else "Yellow"; blank score → "". */
export function csHealthBand(score: unknown, redBelow?: unknown, greenFrom?: unknown, options?: CallOptions): CellValue[][] | CellError {
  const ctx = new CallContext(options);
  const scores = readColumn(score, 'score');
  if (scores instanceof CellError) return scores;
  const red = readPerRow(redBelow, 'red_below', scores);
  if (red instanceof CellError) return red;
  const green = readPerRow(greenFrom, 'green_from', scores);
  if (green instanceof CellError) return green;
  return column(scores.rows, (r) => {
    const s = readScalarNumber(scores.cells[r], 'score', ctx);
    if (s === null || s instanceof CellError) return s ?? '';
    const lo = readOptionalNumber(red(r), 'red_below', DEFAULT_RED_BELOW, ctx);
    if (lo instanceof CellError) return lo;
    const hi = readOptionalNumber(green(r), 'green_from', DEFAULT_GREEN_FROM, ctx);
    if (hi instanceof CellError) return hi;
    if (lo > hi) return numError(`red_below (${lo}) must not exceed green_from (${hi})`);
    return healthBand(s, lo, hi);
  });
}
