/**
 * Customer-voice kernels over clean score arrays (only answered, valid integer scores).
 * Callers validate the domain (0–10 for NPS, 1..scale for CSAT) and skip blanks/text first.
 */

/** 100 × (promoters − detractors) / answered; NaN when nothing is answered. */
export function npsOfScores(scores: ArrayLike<number>): number {
  let promoters = 0, detractors = 0;
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  return n > 0 ? (100 * (promoters - detractors)) / n : NaN;
}

/** Share of scores ≥ satisfiedFrom; NaN when nothing is answered. */
export function csatShareOfScores(scores: ArrayLike<number>, satisfiedFrom = 4): number {
  let satisfied = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] >= satisfiedFrom) satisfied++;
  return scores.length > 0 ? satisfied / scores.length : NaN;
}

/** Arithmetic mean; NaN when empty. */
export function meanOfScores(scores: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += scores[i];
  return scores.length > 0 ? sum / scores.length : NaN;
}
