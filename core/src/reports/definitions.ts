/**
 * Tab 8, Definitions: every metric the generated tabs show, its formula in words and its
 * source, followed by the rules that turn the user's files into those figures.
 */
import type { ReportModel } from '../data/model';
import { BENCHMARKS, NRR_TARGETS } from '../metrics/benchmarks';
import { DEFAULT_GREEN_FROM, DEFAULT_RED_BELOW } from '../metrics/health';
import { DEFAULT_HIGH_FROM, DEFAULT_LOW_FROM } from '../metrics/tiering';
import type { TabDescription } from './tab-model';
import { definitionBox, fitLines, header, label, makeTab, text, titleRows } from './layout';
import type { Row } from './layout';

export const DEFINITIONS_KEY = 'definitions';
export const DEFINITIONS_TITLE = 'Definitions';

const PLAYBOOK = 'CS playbook';
const COHORT_SOURCE = 'SaaS Metrics Standards Board; CS playbook';
const PRODUCT = 'CS Sheets rule (reports spec)';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const money = (x: number) => x.toLocaleString('en-US');
const bench = (k: keyof typeof BENCHMARKS) =>
  `Good from ${pct(BENCHMARKS[k].good)}, Great from ${pct(BENCHMARKS[k].great)}`;

/** [metric, formula in words, source]. */
export const METRIC_DEFINITIONS: readonly [string, string, string][] = [
  ['ARR', 'Annual recurring revenue of an account at a date: the sum of its active, non-trial subscriptions; 12 × MRR where only MRR is given.', PRODUCT],
  ['Start ARR / end ARR', 'ARR on the first day of the period, and ARR at the instant the period closes (its end date).', PRODUCT],
  ['Cohort', 'The accounts with start ARR above 0. Accounts without start ARR (new or returning) are outside it.', COHORT_SOURCE],
  ['Net revenue retention (NRR)', 'End ARR of the cohort ÷ start ARR of the cohort; equal to (starting + expansion − contraction − churn) ÷ starting.', COHORT_SOURCE],
  ['Gross revenue retention (GRR)', 'Σ over the cohort of the lower of end and start ARR ÷ start ARR of the cohort: expansion never lifts it.', COHORT_SOURCE],
  ['Logo retention', 'Cohort accounts still above 0 ARR at the end ÷ cohort accounts.', COHORT_SOURCE],
  ['Expansion', 'Σ (end − start) over cohort accounts whose end ARR is higher than their start ARR.', COHORT_SOURCE],
  ['Contraction', 'Σ (start − end) over cohort accounts whose end ARR is lower than the start but above 0.', COHORT_SOURCE],
  ['Churn', 'Σ start ARR over cohort accounts with no ARR at the end.', COHORT_SOURCE],
  ['New', 'Σ end ARR over accounts with no ARR at the start (new logos and reactivations).', COHORT_SOURCE],
  ['Ending ARR', 'Starting + expansion − contraction − churn + new; equals the total ARR of all accounts at the end.', COHORT_SOURCE],
  [
    'NRR target band',
    `Annual, by segment: Enterprise ${pct(NRR_TARGETS.Enterprise.low)}–${pct(NRR_TARGETS.Enterprise.high)}, ` +
      `Mid-market ${pct(NRR_TARGETS['Mid-market'].low)}–${pct(NRR_TARGETS['Mid-market'].high)}, ` +
      `SMB ${pct(NRR_TARGETS.SMB.low)}–${pct(NRR_TARGETS.SMB.high)}. Overall: the segment bands weighted by start ARR.`,
    PLAYBOOK,
  ],
  [
    'Benchmark rating',
    `Great / Good / Below against annual thresholds. NRR: ${bench('NRR')}. GRR: ${bench('GRR')}. ` +
      `Logo retention: ${bench('LOGO_RETENTION')}. Not colour-coded when the period is not 12 months.`,
    PLAYBOOK,
  ],
  ['Segment', 'The account’s segment column when it names a known segment; otherwise its tier at the start (High → Enterprise, Low → Mid-market, Tech → SMB). Taken at the start.', PLAYBOOK],
  [
    'Coverage tier',
    `By ARR: High Touch from ${money(DEFAULT_HIGH_FROM)}, Low Touch from ${money(DEFAULT_LOW_FROM)}, Tech Touch below. ` +
      'Raised one step (never more, never above High) when complexity or strategic value points to a higher tier.',
    PLAYBOOK,
  ],
  ['CSM FTE', 'Accounts in the tier ÷ accounts per CSM, at each end of the playbook range (High 1:10–1:25, Low 1:50–1:100, Tech 1:500–1:1000) and at the planning ratio.', PLAYBOOK],
  ['Planning ratio', 'Accounts per CSM used for planning; an editable input, by default the middle of the range (17.5, 75, 500).', PLAYBOOK],
  ['Cost to serve', 'CSM FTE at the planning ratio × loaded cost per FTE ÷ tier ARR. The loaded cost is an editable assumption.', PLAYBOOK],
  ['Cost-to-serve band', 'High Touch 15%–25% of ARR, Low Touch 5%–10% (edges included): Below / Within / Above. Tech Touch: Within under 3%, otherwise Above.', PLAYBOOK],
  ['CSM load', 'Σ over tiers of (the CSM’s accounts in the tier ÷ the tier’s planning ratio), in FTE. Above 1.0 the CSM is overloaded.', PLAYBOOK],
  ['Health score', 'Weighted average of the available components (0–100); a blank component’s weight is shared among the others.', PLAYBOOK],
  ['Health band', `Red below ${DEFAULT_RED_BELOW}, Green from ${DEFAULT_GREEN_FROM}, Yellow between.`, PRODUCT],
  ['Health driver', 'The component pulling the score down most: the largest weight × (100 − component) among non-blank components.', PRODUCT],
  ['CSAT', 'Share of answered scores of 4 or 5 on a 5-point scale (top-two-box); CSAT mean is the plain average that the playbook’s 4.0 / 4.5 benchmark reads.', PLAYBOOK],
  ['NPS', '100 × (promoters (9–10) − detractors (0–6)) ÷ answered scores.', PLAYBOOK],
];

/** [rule, description]. */
export const DERIVATION_RULES: readonly [string, string][] = [
  ['Revenue at a date', 'Σ over the account’s non-trial subscriptions active on the date, where active means start ≤ date < end; a blank end means still active.'],
  ['Half-open period', 'A period runs from its start date (included) up to its end date (excluded): 2024-01-01 to 2025-01-01 is calendar 2024. Events (tickets, survey answers, usage) count when start ≤ date < end.'],
  ['As-of date', 'Every tab is dated the last day of the period (end date − 1 day), never the day it was generated.'],
  ['Default period', 'Ends on the first day of the month after the latest start or end date in the subscriptions; starts 12 months earlier.'],
  ['Non-annual periods', 'Targets and benchmarks are annual. When the period is not 12 months the tabs say so and do not colour figures against them.'],
  ['Cleaning: ids', 'Ids are trimmed and compared without regard to case.'],
  ['Cleaning: MRR and ARR', 'Where a row has both MRR and ARR, ARR is used; where only MRR is given, ARR = 12 × MRR.'],
  ['Cleaning: flags', 'TRUE/FALSE, True/False, yes/no and 1/0 are all read as flags.'],
  ['Cleaning: skipped rows', 'Trials, zero-length subscriptions, subscriptions with no MRR or ARR (an explicit 0 is kept as 0), missing ids, ids that match no account and unparsable dates are skipped, counted by reason and listed in the Data quality block; never dropped silently.'],
  ['Month-end MRR', 'Σ MRR of the non-trial subscriptions active on the last day of the month. A month’s starting MRR is the previous month-end.'],
  ['MRR movements', 'Per account, previous month-end vs this month-end: new (0 before, above 0 now, never above 0 earlier); reactivation (0 before, above 0 now, above 0 at some earlier month-end); expansion / contraction (both above 0, up / down); churn (above 0 before, 0 now).'],
  ['Within-month subscriptions', 'A subscription that starts and ends inside one month is never seen at a month-end; the Data quality block counts them.'],
  ['MRR cohort', 'An account’s cohort is the first month with month-end MRR above 0.'],
  ['Health components', 'Taken from the accounts table when it has them; otherwise derived from the 90 days before the end date (end − 90 ≤ date < end), each 0–100.'],
  ['Health: adoption', '100 × distinct features used ÷ the highest such count of any account.'],
  ['Health: support', '100 × (1 − tickets per seat ÷ the highest tickets per seat of any account); each escalation counts as 3 tickets. Seats: those of the active subscriptions at the end date, or the accounts table’s seats.'],
  ['Health: satisfaction', '100 × CSAT share of the account’s scored tickets.'],
  ['Health: stability', '100 × (1 − usage errors ÷ usage count).'],
  ['Health: missing data', 'A component without data for an account is blank and its weight is shared among the other components. Weights are editable and equal by default.'],
  ['Formulas', 'Figures are native formulas over the Data tab using only functions Excel, Google Sheets and LibreOffice all know, so the file stays auditable without the add-in.'],
];

/**
 * Name, text and source columns. The text column is wide; a text longer than it continues on
 * the next rows (split between sentences or words), so nothing is cut off by the Source
 * column and nothing runs past the tab's width when printed one page wide.
 */
const WIDTHS = [28, 120, 37];

/** Rows of one entry: the name (and source) on the first line, the text over as many lines as it needs. */
function entryRows(name: string, description: string, source?: string): Row[] {
  return fitLines(description, WIDTHS[1]).map((line, i) => {
    const row: Row = [i === 0 ? label(name) : null, text(line)];
    if (i === 0 && source !== undefined) row[2] = text(source);
    return row;
  });
}

export function buildDefinitions(model: ReportModel): TabDescription {
  const rows: Row[] = titleRows(DEFINITIONS_TITLE, model.period);
  rows.push([]);
  rows.push([text('Metrics', 'section')]);
  const headerRow = rows.length;
  rows.push([header('Metric'), header('Formula in words'), header('Source')]);
  for (const [metric, words, source] of METRIC_DEFINITIONS) for (const r of entryRows(metric, words, source)) rows.push(r);

  rows.push([]);
  rows.push([text('This report', 'section')]);
  for (const [l, t] of definitionBox(model)) for (const r of entryRows(l, t)) rows.push(r);

  rows.push([]);
  rows.push([text('Derivation rules', 'section')]);
  rows.push([header('Rule'), header('Description'), header('')]);
  for (const [rule, description] of DERIVATION_RULES) for (const r of entryRows(rule, description)) rows.push(r);

  return makeTab({
    key: DEFINITIONS_KEY,
    name: DEFINITIONS_TITLE,
    rows,
    columnWidths: WIDTHS,
    frozenRows: headerRow + 1,
  });
}
