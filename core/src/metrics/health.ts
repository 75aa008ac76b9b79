/**
 * Weighted health composite. A blank component (NaN) is left out and its weight
 * is redistributed over the row's other components. The score is NaN both for an
 * all-blank row and for present weights summing to 0; callers tell them apart with
 * `present` (0 → blank cell) and `presentWeight` (0 → #DIV/0!).
 */
export interface HealthRow {
  score: number;
  /** Σ weights of the non-blank components. */
  presentWeight: number;
  /** Number of non-blank components. */
  present: number;
}

export function healthOfRow(components: ArrayLike<number>, weights: ArrayLike<number>): HealthRow {
  let weighted = 0, presentWeight = 0, present = 0;
  for (let k = 0; k < components.length; k++) {
    const c = components[k];
    if (Number.isNaN(c)) continue;
    present++;
    presentWeight += weights[k];
    weighted += weights[k] * c;
  }
  return { score: presentWeight > 0 ? weighted / presentWeight : NaN, presentWeight, present };
}

export type HealthBand = 'Red' | 'Yellow' | 'Green';
export const DEFAULT_RED_BELOW = 50;
export const DEFAULT_GREEN_FROM = 75;

export function healthBand(score: number, redBelow = DEFAULT_RED_BELOW, greenFrom = DEFAULT_GREEN_FROM): HealthBand {
  return score < redBelow ? 'Red' : score >= greenFrom ? 'Green' : 'Yellow';
}
