/**
 * Retention kernels over clean numeric arrays (already normalised: no blanks, no text).
 * A start value <= 0 (or NaN for blank) marks a new logo, outside the cohort.
 * Callers check for negative values before calling; kernels do plain arithmetic.
 */
export interface CohortSums {
  /** Accounts with start > 0. */
  cohortAccounts: number;
  /** Cohort accounts with end > 0. */
  retainedAccounts: number;
  /** Σ start over the cohort. */
  startSum: number;
  /** Σ end over the cohort. */
  endSum: number;
  /** Σ min(end, start) over the cohort. */
  cappedEndSum: number;
  expansion: number;
  contraction: number;
  churn: number;
  /** Σ end where start is 0 or blank. */
  newSum: number;
}

const positive = (x: number) => x > 0; // NaN (blank) is not positive

export function cohortSums(start: ArrayLike<number>, end: ArrayLike<number>): CohortSums {
  let cohortAccounts = 0, retainedAccounts = 0, startSum = 0, endSum = 0, cappedEndSum = 0;
  let expansion = 0, contraction = 0, churn = 0, newSum = 0;
  for (let i = 0; i < start.length; i++) {
    const s = start[i];
    const e = positive(end[i]) ? end[i] : 0;
    if (!positive(s)) {
      newSum += e;
      continue;
    }
    cohortAccounts++;
    startSum += s;
    endSum += e;
    if (e > 0) retainedAccounts++;
    if (e >= s) {
      cappedEndSum += s;
      expansion += e - s;
    } else {
      cappedEndSum += e;
      if (e > 0) contraction += s - e;
      else churn += s;
    }
  }
  return { cohortAccounts, retainedAccounts, startSum, endSum, cappedEndSum, expansion, contraction, churn, newSum };
}

/**
 * e / s for cohort sums: NaN when the cohort is empty (s is 0), Infinity when a sum
 * overflowed, so callers can tell #DIV/0! from #NUM!.
 */
function ratioOfSums(e: number, s: number): number {
  if (!(s > 0)) return NaN;
  if (!Number.isFinite(s) || !Number.isFinite(e)) return Infinity;
  return e / s;
}

/** Σ end / Σ start over the cohort; NaN when the cohort is empty, Infinity on overflow. */
export function nrrCohort(start: ArrayLike<number>, end: ArrayLike<number>): number {
  let s = 0, e = 0;
  for (let i = 0; i < start.length; i++) {
    if (start[i] > 0) {
      s += start[i];
      if (end[i] > 0) e += end[i];
    }
  }
  return ratioOfSums(e, s);
}

/** Σ min(end, start) / Σ start over the cohort; NaN when the cohort is empty, Infinity on overflow. */
export function grrCohort(start: ArrayLike<number>, end: ArrayLike<number>): number {
  let s = 0, e = 0;
  for (let i = 0; i < start.length; i++) {
    const si = start[i];
    if (si > 0) {
      s += si;
      const ei = end[i];
      if (ei > 0) e += ei < si ? ei : si;
    }
  }
  return ratioOfSums(e, s);
}

/** Cohort accounts with end > 0 / cohort accounts; NaN when the cohort is empty. */
export function logoRetention(start: ArrayLike<number>, end: ArrayLike<number>): number {
  let n = 0, kept = 0;
  for (let i = 0; i < start.length; i++) {
    if (start[i] > 0) {
      n++;
      if (end[i] > 0) kept++;
    }
  }
  return n > 0 ? kept / n : NaN;
}
