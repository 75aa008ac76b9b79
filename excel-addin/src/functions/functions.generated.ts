// GENERATED from core/src/registry.ts by scripts/build-excel-functions.mjs: do not edit; regenerate with `npm run build`.
/* eslint-disable */
// One top-level function per registry entry (custom-functions-metadata reads only top-level function
// declarations); Excel shows them as =CS.<ID>. Each body calls the one adapter.
import { adapt } from './adapter';

/**
 * Net revenue retention: (starting + expansion − contraction − churn) / starting, as a fraction. Example: =CS.NRR(1000000, 150000, 25000, 25000) → 1.1
 * @customfunction NRR
 * @param starting - Revenue at the start of the period. A number or a range (summed); amounts are positive.
 * @param expansion - Expansion revenue from existing accounts. A number or a range (summed); amounts are positive.
 * @param contraction - Contraction (downgrades), as a positive amount. A number or a range (summed); amounts are positive.
 * @param churn - Churned revenue, as a positive amount. A number or a range (summed); amounts are positive.
 * @returns NRR as a fraction (1.10 means 110%).
 */
export function NRR(starting: any[][], expansion: any[][], contraction: any[][], churn: any[][]): any {
  return adapt("NRR", [starting, expansion, contraction, churn]);
}

/**
 * Gross revenue retention: (starting − contraction − churn) / starting, as a fraction. Example: =CS.GRR(1000000, 25000, 25000) → 0.95
 * @customfunction GRR
 * @param starting - Revenue at the start of the period. A number or a range (summed); amounts are positive.
 * @param contraction - Contraction (downgrades), as a positive amount. A number or a range (summed); amounts are positive.
 * @param churn - Churned revenue, as a positive amount. A number or a range (summed); amounts are positive.
 * @returns GRR as a fraction (0.95 means 95%).
 */
export function GRR(starting: any[][], contraction: any[][], churn: any[][]): any {
  return adapt("GRR", [starting, contraction, churn]);
}

/**
 * Net revenue retention of a cohort: Σ end / Σ start over accounts whose start value is above 0. Example: =CS.NRR_COHORT({600;400}, {900;300}) → 1.2
 * @customfunction NRR_COHORT
 * @param start_values - Revenue per account at the start. Blank or 0 marks a new logo, outside the cohort.
 * @param end_values - Revenue per account at the end, same shape as start_values. Blank means 0.
 * @returns NRR as a fraction.
 */
export function NRR_COHORT(start_values: any[][], end_values: any[][]): any {
  return adapt("NRR_COHORT", [start_values, end_values]);
}

/**
 * Gross revenue retention of a cohort: Σ min(end, start) / Σ start over accounts whose start value is above 0. Example: =CS.GRR_COHORT({600;400}, {900;300}) → 0.9
 * @customfunction GRR_COHORT
 * @param start_values - Revenue per account at the start. Blank or 0 marks a new logo, outside the cohort.
 * @param end_values - Revenue per account at the end, same shape as start_values. Blank means 0.
 * @returns GRR as a fraction, never above 1.
 */
export function GRR_COHORT(start_values: any[][], end_values: any[][]): any {
  return adapt("GRR_COHORT", [start_values, end_values]);
}

/**
 * Logo retention: cohort accounts still paying at the end / cohort accounts. Example: =CS.LOGO_RETENTION({1200;1200}, {1200;0}) → 0.5
 * @customfunction LOGO_RETENTION
 * @param start_values - Revenue per account at the start. Blank or 0 marks a new logo, outside the cohort.
 * @param end_values - Revenue per account at the end, same shape as start_values. Blank or 0 means lost.
 * @returns Logo retention as a fraction.
 */
export function LOGO_RETENTION(start_values: any[][], end_values: any[][]): any {
  return adapt("LOGO_RETENTION", [start_values, end_values]);
}

/**
 * Revenue bridge: a 5×2 table of Starting, Expansion, Contraction, Churn and New. Example: =CS.MRR_MOVEMENTS({1000;500;800;0}, {1100;0;600;400}) → spills {"Starting", 2300; "Expansion", 100; "Contraction", 200; "Churn", 500; "New", 400}
 * @customfunction MRR_MOVEMENTS
 * @param start_values - Revenue per account at the start. Blank or 0 marks a new logo.
 * @param end_values - Revenue per account at the end, same shape as start_values. Blank means 0.
 * @returns A 5×2 spill of labels and amounts; Starting + Expansion − Contraction − Churn = Σ end over the cohort.
 */
export function MRR_MOVEMENTS(start_values: any[][], end_values: any[][]): any[][] {
  return adapt("MRR_MOVEMENTS", [start_values, end_values]);
}

/**
 * SaaS quick ratio: (new + expansion) / (contraction + churn). Example: =CS.QUICK_RATIO(20000, 8000, 3000, 5000) → 3.5
 * @customfunction QUICK_RATIO
 * @param new_ - New-logo revenue. A number or a range (summed); amounts are positive.
 * @param expansion - Expansion revenue. A number or a range (summed); amounts are positive.
 * @param contraction - Contraction, as a positive amount. A number or a range (summed); amounts are positive.
 * @param churn - Churned revenue, as a positive amount. A number or a range (summed); amounts are positive.
 * @returns The quick ratio (above 1 means growth outpaces losses).
 */
export function QUICK_RATIO(new_: any[][], expansion: any[][], contraction: any[][], churn: any[][]): any {
  return adapt("QUICK_RATIO", [new_, expansion, contraction, churn]);
}

/**
 * Net Promoter Score from 0–10 answers: % promoters (9–10) − % detractors (0–6). Excel desktop passes a blank cell in a range as 0, which cannot be told apart from a typed 0, so it counts as a 0 here. Leave cells truly empty (Excel on the web passes them as blanks) or use "" in formulas. Example: =CS.NPS({9;9;10;6}) → 50
 * @customfunction NPS
 * @param scores - Survey answers, whole numbers 0–10. Blank cells and text such as "N/A" are skipped.
 * @returns NPS from −100 to 100.
 */
export function NPS(scores: any[][]): any {
  return adapt("NPS", [scores]);
}

/**
 * CSAT: the share of answered scores at or above satisfied_from (top-two-box), as a fraction. Excel desktop passes a blank cell in a range as 0, which cannot be told apart from a typed 0, so it counts as a 0 here. Leave cells truly empty (Excel on the web passes them as blanks) or use "" in formulas. Example: =CS.CSAT({5;5;5;5;5;5;3;3;1;1}) → 0.6
 * @customfunction CSAT
 * @param scores - Survey answers, whole numbers 1..scale. Blank cells and text are skipped.
 * @param scale - The highest possible score.
 * @param satisfied_from - The lowest score that counts as satisfied.
 * @returns CSAT as a fraction (0.60 means 60%).
 */
export function CSAT(scores: any[][], scale?: any, satisfied_from?: any): any {
  return adapt("CSAT", [scores, scale, satisfied_from]);
}

/**
 * Mean CSAT score (the playbook benchmark reads 4.0/5 good, 4.5/5 great). Excel desktop passes a blank cell in a range as 0, which cannot be told apart from a typed 0, so it counts as a 0 here. Leave cells truly empty (Excel on the web passes them as blanks) or use "" in formulas. Example: =CS.CSAT_MEAN({5;4;4;3}) → 4
 * @customfunction CSAT_MEAN
 * @param scores - Survey answers, whole numbers 1..scale. Blank cells and text are skipped.
 * @param scale - The highest possible score.
 * @returns The mean score on 1..scale.
 */
export function CSAT_MEAN(scores: any[][], scale?: any): any {
  return adapt("CSAT_MEAN", [scores, scale]);
}

/**
 * Customer effort score: the mean answered effort on 1..scale (lower is better). Excel desktop passes a blank cell in a range as 0, which cannot be told apart from a typed 0, so it counts as a 0 here. Leave cells truly empty (Excel on the web passes them as blanks) or use "" in formulas. Example: =CS.CES({2;3;1;2}) → 2
 * @customfunction CES
 * @param scores - Survey answers from 1 to scale. Blank cells and text are skipped.
 * @param scale - The highest possible score.
 * @returns The mean effort (Good < 3, Great < 2).
 */
export function CES(scores: any[][], scale?: any): any {
  return adapt("CES", [scores, scale]);
}

/**
 * Weighted health score per account row; a blank component is left out and its weight redistributed. Excel desktop passes a blank cell in a range as 0, which cannot be told apart from a typed 0, so it counts as a 0 here. Leave cells truly empty (Excel on the web passes them as blanks) or use "" in formulas. Example: =CS.CS_HEALTH({80,60,""}, {0.5,0.3,0.2}) → spills {72.5}
 * @customfunction CS_HEALTH
 * @param component_scores - One row per account, one column per component, each 0–100.
 * @param weights - One weight per component column (a row or a column of cells), each ≥ 0, none blank.
 * @returns A column with one score (0–100) per account row; "" for an all-blank row.
 */
export function CS_HEALTH(component_scores: any[][], weights: any[][]): any[][] {
  return adapt("CS_HEALTH", [component_scores, weights]);
}

/**
 * Health band per score: "Red" below red_below, "Green" from green_from, otherwise "Yellow". Example: =CS.CS_HEALTH_BAND({40;60;80}) → spills {"Red"; "Yellow"; "Green"}
 * @customfunction CS_HEALTH_BAND
 * @param score - Health scores, one per row.
 * @param red_below - Scores below this are Red: one value, or one per row. Must not exceed green_from (#NUM! otherwise).
 * @param green_from - Scores from this up are Green: one value, or one per row. Must not be below red_below.
 * @returns A column of "Red", "Yellow" or "Green"; "" for a blank score.
 */
export function CS_HEALTH_BAND(score: any[][], red_below?: any[][], green_from?: any[][]): any[][] {
  return adapt("CS_HEALTH_BAND", [score, red_below, green_from]);
}

/**
 * Coverage tier per account: High, Low or Tech Touch by ARR, raised one step by complexity or strategic value. Example: =CS.CS_TIER({150000;40000;5000}, "High") → spills {"High Touch"; "High Touch"; "Low Touch"}
 * @customfunction CS_TIER
 * @param arr - Annual recurring revenue per account, one per row.
 * @param complexity - "High", "Medium" or "Low": one value, or one per row.
 * @param strategic_value - "High" (or "High potential"), "Standard" or "Transactional": one value, or one per row.
 * @param high_from - ARR from which an account is High Touch. Must not be below low_from.
 * @param low_from - ARR from which an account is Low Touch. Must not exceed high_from (#NUM! otherwise).
 * @returns A column of "High Touch", "Low Touch" or "Tech Touch"; "" for a blank ARR.
 */
export function CS_TIER(arr: any[][], complexity?: any[][], strategic_value?: any[][], high_from?: any[][], low_from?: any[][]): any[][] {
  return adapt("CS_TIER", [arr, complexity, strategic_value, high_from, low_from]);
}

/**
 * CSMs needed (FTE): accounts / accounts per CSM for the tier. Example: =CS.CSM_HEADCOUNT(35, "High Touch") → 2
 * @customfunction CSM_HEADCOUNT
 * @param accounts - The number of accounts (a number, or a range that is summed).
 * @param tier - "High Touch", "Low Touch" or "Tech Touch" (or "High", "Low", "Tech").
 * @param accounts_per_csm - Accounts per CSM; default the playbook midpoint: High 17.5, Low 75, Tech 500.
 * @returns Full-time CSMs, unrounded.
 */
export function CSM_HEADCOUNT(accounts: any[][], tier: any, accounts_per_csm?: any): any {
  return adapt("CSM_HEADCOUNT", [accounts, tier, accounts_per_csm]);
}

/**
 * Cost to serve: CS cost / ARR, as a fraction. Example: =CS.COST_TO_SERVE(20000, 100000) → 0.2
 * @customfunction COST_TO_SERVE
 * @param cs_cost - Customer success cost (a number, or a range that is summed).
 * @param arr - Annual recurring revenue served (a number, or a range that is summed).
 * @returns Cost to serve as a fraction of ARR.
 */
export function COST_TO_SERVE(cs_cost: any[][], arr: any[][]): any {
  return adapt("COST_TO_SERVE", [cs_cost, arr]);
}

/**
 * Compares a cost-to-serve ratio with the tier's playbook band: "Below", "Within" or "Above". Example: =CS.COST_TO_SERVE_CHECK("High Touch", 0.2) → "Within"
 * @customfunction COST_TO_SERVE_CHECK
 * @param tier - "High Touch" (15–25%), "Low Touch" (5–10%) or "Tech Touch" (under 3%).
 * @param ratio - Cost to serve as a fraction, e.g. from COST_TO_SERVE.
 * @returns "Below", "Within" or "Above"; band edges are inclusive; Tech Touch is never Below.
 */
export function COST_TO_SERVE_CHECK(tier: any, ratio: any): any {
  return adapt("COST_TO_SERVE_CHECK", [tier, ratio]);
}

/**
 * Rates a metric value against the playbook benchmark: "Great", "Good" or "Below". Example: =CS.CS_BENCHMARK("NRR", {1.25;1.1;0.98}) → spills {"Great"; "Good"; "Below"}
 * @customfunction CS_BENCHMARK
 * @param metric - NRR, GRR, LOGO_RETENTION (LOGO), NPS, CSAT, CES, TTV (TIME_TO_VALUE) or HEALTH (HEALTH_SCORE): one, or one per row.
 * @param value - The metric values, one per row.
 * @returns A column of "Great", "Good" or "Below"; "" for a blank value.
 */
export function CS_BENCHMARK(metric: any[][], value: any[][]): any[][] {
  return adapt("CS_BENCHMARK", [metric, value]);
}

/**
 * The playbook NRR target for a segment: the low end of its band, or the high end. Example: =CS.NRR_TARGET("Enterprise", "high") → 1.3
 * @customfunction NRR_TARGET
 * @param segment - Enterprise, Mid-market or SMB (aliases: Ent, Mid market, Midmarket, MM, Small business, or a tier name).
 * @param end - "low" or "high".
 * @returns The target NRR as a fraction.
 */
export function NRR_TARGET(segment: any, end?: any): any {
  return adapt("NRR_TARGET", [segment, end]);
}

/**
 * Whole calendar days from start_date to value_date, independent of time zones. Example: =CS.TIME_TO_VALUE("2024-01-15", "2024-02-04") → spills {20}
 * @customfunction TIME_TO_VALUE
 * @param start_date - Start dates (a date, or ISO text YYYY-MM-DD): one, or one per row.
 * @param value_date - Dates value was reached, one per row; blank means not reached yet.
 * @returns A column of whole days; "" where value_date is blank.
 */
export function TIME_TO_VALUE(start_date: any[][], value_date: any[][]): any[][] {
  return adapt("TIME_TO_VALUE", [start_date, value_date]);
}

/** Registers every function above under its registry id (esbuild has no metadata plugin to do it). */
export function registerAll(associate: (id: string, fn: (...args: any[]) => unknown) => void): void {
  associate("NRR", NRR);
  associate("GRR", GRR);
  associate("NRR_COHORT", NRR_COHORT);
  associate("GRR_COHORT", GRR_COHORT);
  associate("LOGO_RETENTION", LOGO_RETENTION);
  associate("MRR_MOVEMENTS", MRR_MOVEMENTS);
  associate("QUICK_RATIO", QUICK_RATIO);
  associate("NPS", NPS);
  associate("CSAT", CSAT);
  associate("CSAT_MEAN", CSAT_MEAN);
  associate("CES", CES);
  associate("CS_HEALTH", CS_HEALTH);
  associate("CS_HEALTH_BAND", CS_HEALTH_BAND);
  associate("CS_TIER", CS_TIER);
  associate("CSM_HEADCOUNT", CSM_HEADCOUNT);
  associate("COST_TO_SERVE", COST_TO_SERVE);
  associate("COST_TO_SERVE_CHECK", COST_TO_SERVE_CHECK);
  associate("CS_BENCHMARK", CS_BENCHMARK);
  associate("NRR_TARGET", NRR_TARGET);
  associate("TIME_TO_VALUE", TIME_TO_VALUE);
}

/** The registry ids, in registry order. */
export const FUNCTION_IDS: readonly string[] = ["NRR","GRR","NRR_COHORT","GRR_COHORT","LOGO_RETENTION","MRR_MOVEMENTS","QUICK_RATIO","NPS","CSAT","CSAT_MEAN","CES","CS_HEALTH","CS_HEALTH_BAND","CS_TIER","CSM_HEADCOUNT","COST_TO_SERVE","COST_TO_SERVE_CHECK","CS_BENCHMARK","NRR_TARGET","TIME_TO_VALUE"];
