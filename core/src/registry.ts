/**
 * The function catalogue as data: every spreadsheet function described once.
 * The Excel functions.ts/functions.json, the Sheets @customfunction wrappers and the
 * test engine (tests/helpers/hyperformula.ts) are generated from this list.
 * Ids are contracts: saved workbooks store them, so a shipped id never changes.
 */
import { valueError, type CellError } from './errors';
import {
  ces,
  costToServe,
  costToServeCheck,
  csat,
  csatMean,
  csBenchmark,
  csHealth,
  csHealthBand,
  csmHeadcount,
  csTier,
  grr,
  grrCohortFn,
  logoRetentionFn,
  mrrMovements,
  nps,
  nrr,
  nrrCohortFn,
  nrrTarget,
  quickRatio,
  timeToValue,
  type CallOptions,
  type CellValue,
  type FunctionResult,
} from './functions';

export type { CallOptions, CellValue, FunctionResult };

export type FunctionCategory =
  | 'Revenue retention'
  | 'Customer voice'
  | 'Health'
  | 'Segmentation and coverage'
  | 'Benchmarks and targets'
  | 'Time';

/**
 * What a parameter means. Hosts should declare every parameter as `any` (Excel) so that
 * raw values, blanks and errors reach the normaliser unconverted; `type` is for help text.
 * - number / string / date: one value;
 * - matrix: a value or a range of cells (read by the normaliser).
 */
export type ParamType = 'number' | 'string' | 'boolean' | 'date' | 'any' | 'matrix';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** scalar: one cell; matrix: a cell or a range (Excel `any[][]`). */
  dimensionality: 'scalar' | 'matrix';
  description: string;
  optional: boolean;
  /** The value used when the argument is omitted or blank. */
  default?: number | string;
  /** Error values in this argument reach the function (Excel: needs allowErrorForDataTypeAny). */
  acceptsErrors: boolean;
}

export type ReturnType = 'number' | 'string' | 'matrix';

export interface FunctionExample {
  /** A real formula with inline arguments, in Sheets spelling (Excel adds the namespace: =CS.NPS(…)). */
  formula: string;
  /** The formula's arguments as a host passes them (array constants as 2-D arrays). */
  args: readonly unknown[];
  /** The formula's result; a 2-D array for spilling functions. */
  result: number | string | (number | string)[][];
}

export interface HostNote {
  host: 'excel' | 'sheets';
  note: string;
}

export interface FunctionSpec {
  /** The shipped name, identical in both hosts (Excel prefixes its namespace). Never changes. */
  id: string;
  category: FunctionCategory;
  /** One line. */
  summary: string;
  params: readonly ParamSpec[];
  returns: { type: ReturnType; description: string };
  example: FunctionExample;
  hostNotes: readonly HostNote[];
  /** One result per input row, returned as an N×1 column that spills. */
  vectorised: boolean;
  /**
   * Size of the spill, for engines that need it before evaluating: a fixed [rows, cols], or the
   * indices of the parameters whose row count N gives an N×1 column. Absent for scalar results.
   */
  spill?: { fixed: [number, number] } | { rowsFrom: number[] };
  /** Host-shaped arguments in (as the host passes them), a value / 2-D array / CellError out. Never throws. */
  impl: (...args: unknown[]) => FunctionResult;
  /** The same with per-call host settings, e.g. `{ timeZone }` for Sheets Dates. */
  invoke: (args: readonly unknown[], options?: CallOptions) => FunctionResult;
}

type SpecInput = Omit<FunctionSpec, 'impl'>;

/** Both call styles from one adapter; a bug that throws becomes #VALUE! instead of reaching the host. */
function define(spec: SpecInput): FunctionSpec {
  const invoke = (args: readonly unknown[], options?: CallOptions): FunctionResult => {
    try {
      return spec.invoke(args, options);
    } catch (e) {
      return valueError(`internal error in ${spec.id}: ${e instanceof Error ? e.message : 'unknown'}`);
    }
  };
  return { ...spec, invoke, impl: (...args: unknown[]) => invoke(args) };
}

// Parameter builders keep the table below readable.
const range = (name: string, description: string): ParamSpec => ({
  name, type: 'matrix', dimensionality: 'matrix', description, optional: false, acceptsErrors: true,
});
const value = (name: string, type: ParamType, description: string): ParamSpec => ({
  name, type, dimensionality: 'scalar', description, optional: false, acceptsErrors: true,
});
const optional = (p: ParamSpec, defaultValue?: number | string): ParamSpec =>
  defaultValue === undefined ? { ...p, optional: true } : { ...p, optional: true, default: defaultValue };

const EXCEL_DESKTOP_BLANKS: HostNote = {
  host: 'excel',
  note:
    'Excel desktop passes a blank cell in a range as 0, which cannot be told apart from a typed 0, so it counts as a 0 here. ' +
    'Leave cells truly empty (Excel on the web passes them as blanks) or use "" in formulas.',
};
const SHEETS_ROW_ERRORS: HostNote = {
  host: 'sheets',
  note:
    'Google Sheets cannot place an error value inside a returned array, so a row with an error shows its text instead ' +
    '(for example "#NUM!: ARR cannot be negative"). A call on a single cell raises a real error.',
};
const AMOUNT_NOTE = 'A number or a range (summed); amounts are positive.';

export const REGISTRY: readonly FunctionSpec[] = [
  // Revenue retention
  define({
    id: 'NRR',
    category: 'Revenue retention',
    summary: 'Net revenue retention: (starting + expansion − contraction − churn) / starting, as a fraction.',
    params: [
      range('starting', `Revenue at the start of the period. ${AMOUNT_NOTE}`),
      range('expansion', `Expansion revenue from existing accounts. ${AMOUNT_NOTE}`),
      range('contraction', `Contraction (downgrades), as a positive amount. ${AMOUNT_NOTE}`),
      range('churn', `Churned revenue, as a positive amount. ${AMOUNT_NOTE}`),
    ],
    returns: { type: 'number', description: 'NRR as a fraction (1.10 means 110%).' },
    example: { formula: '=NRR(1000000, 150000, 25000, 25000)', args: [1000000, 150000, 25000, 25000], result: 1.1 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => nrr(a[0], a[1], a[2], a[3], o),
  }),
  define({
    id: 'GRR',
    category: 'Revenue retention',
    summary: 'Gross revenue retention: (starting − contraction − churn) / starting, as a fraction.',
    params: [
      range('starting', `Revenue at the start of the period. ${AMOUNT_NOTE}`),
      range('contraction', `Contraction (downgrades), as a positive amount. ${AMOUNT_NOTE}`),
      range('churn', `Churned revenue, as a positive amount. ${AMOUNT_NOTE}`),
    ],
    returns: { type: 'number', description: 'GRR as a fraction (0.95 means 95%).' },
    example: { formula: '=GRR(1000000, 25000, 25000)', args: [1000000, 25000, 25000], result: 0.95 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => grr(a[0], a[1], a[2], o),
  }),
  define({
    id: 'NRR_COHORT',
    category: 'Revenue retention',
    summary: 'Net revenue retention of a cohort: Σ end / Σ start over accounts whose start value is above 0.',
    params: [
      range('start_values', 'Revenue per account at the start. Blank or 0 marks a new logo, outside the cohort.'),
      range('end_values', 'Revenue per account at the end, same shape as start_values. Blank means 0.'),
    ],
    returns: { type: 'number', description: 'NRR as a fraction.' },
    example: { formula: '=NRR_COHORT({600;400}, {900;300})', args: [[[600], [400]], [[900], [300]]], result: 1.2 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => nrrCohortFn(a[0], a[1], o),
  }),
  define({
    id: 'GRR_COHORT',
    category: 'Revenue retention',
    summary: 'Gross revenue retention of a cohort: Σ min(end, start) / Σ start over accounts whose start value is above 0.',
    params: [
      range('start_values', 'Revenue per account at the start. Blank or 0 marks a new logo, outside the cohort.'),
      range('end_values', 'Revenue per account at the end, same shape as start_values. Blank means 0.'),
    ],
    returns: { type: 'number', description: 'GRR as a fraction, never above 1.' },
    example: { formula: '=GRR_COHORT({600;400}, {900;300})', args: [[[600], [400]], [[900], [300]]], result: 0.9 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => grrCohortFn(a[0], a[1], o),
  }),
  define({
    id: 'LOGO_RETENTION',
    category: 'Revenue retention',
    summary: 'Logo retention: cohort accounts still paying at the end / cohort accounts.',
    params: [
      range('start_values', 'Revenue per account at the start. Blank or 0 marks a new logo, outside the cohort.'),
      range('end_values', 'Revenue per account at the end, same shape as start_values. Blank or 0 means lost.'),
    ],
    returns: { type: 'number', description: 'Logo retention as a fraction.' },
    example: { formula: '=LOGO_RETENTION({1200;1200}, {1200;0})', args: [[[1200], [1200]], [[1200], [0]]], result: 0.5 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => logoRetentionFn(a[0], a[1], o),
  }),
  define({
    id: 'MRR_MOVEMENTS',
    category: 'Revenue retention',
    summary: 'Revenue bridge: a 5×2 table of Starting, Expansion, Contraction, Churn and New.',
    params: [
      range('start_values', 'Revenue per account at the start. Blank or 0 marks a new logo.'),
      range('end_values', 'Revenue per account at the end, same shape as start_values. Blank means 0.'),
    ],
    returns: {
      type: 'matrix',
      description: 'A 5×2 spill of labels and amounts; Starting + Expansion − Contraction − Churn = Σ end over the cohort.',
    },
    example: {
      formula: '=MRR_MOVEMENTS({1000;500;800;0}, {1100;0;600;400})',
      args: [[[1000], [500], [800], [0]], [[1100], [0], [600], [400]]],
      result: [['Starting', 2300], ['Expansion', 100], ['Contraction', 200], ['Churn', 500], ['New', 400]],
    },
    hostNotes: [],
    vectorised: false,
    spill: { fixed: [5, 2] },
    invoke: (a, o) => mrrMovements(a[0], a[1], o),
  }),
  define({
    id: 'QUICK_RATIO',
    category: 'Revenue retention',
    summary: 'SaaS quick ratio: (new + expansion) / (contraction + churn).',
    params: [
      range('new', `New-logo revenue. ${AMOUNT_NOTE}`),
      range('expansion', `Expansion revenue. ${AMOUNT_NOTE}`),
      range('contraction', `Contraction, as a positive amount. ${AMOUNT_NOTE}`),
      range('churn', `Churned revenue, as a positive amount. ${AMOUNT_NOTE}`),
    ],
    returns: { type: 'number', description: 'The quick ratio (above 1 means growth outpaces losses).' },
    example: { formula: '=QUICK_RATIO(20000, 8000, 3000, 5000)', args: [20000, 8000, 3000, 5000], result: 3.5 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => quickRatio(a[0], a[1], a[2], a[3], o),
  }),
  // Customer voice
  define({
    id: 'NPS',
    category: 'Customer voice',
    summary: 'Net Promoter Score from 0–10 answers: % promoters (9–10) − % detractors (0–6).',
    params: [range('scores', 'Survey answers, whole numbers 0–10. Blank cells and text such as "N/A" are skipped.')],
    returns: { type: 'number', description: 'NPS from −100 to 100.' },
    example: { formula: '=NPS({9;9;10;6})', args: [[[9], [9], [10], [6]]], result: 50 },
    hostNotes: [EXCEL_DESKTOP_BLANKS],
    vectorised: false,
    invoke: (a, o) => nps(a[0], o),
  }),
  define({
    id: 'CSAT',
    category: 'Customer voice',
    summary: 'CSAT: the share of answered scores at or above satisfied_from (top-two-box), as a fraction.',
    params: [
      range('scores', 'Survey answers, whole numbers 1..scale. Blank cells and text are skipped.'),
      optional(value('scale', 'number', 'The highest possible score.'), 5),
      optional(value('satisfied_from', 'number', 'The lowest score that counts as satisfied.'), 4),
    ],
    returns: { type: 'number', description: 'CSAT as a fraction (0.60 means 60%).' },
    example: { formula: '=CSAT({5;5;5;5;5;5;3;3;1;1})', args: [[[5], [5], [5], [5], [5], [5], [3], [3], [1], [1]]], result: 0.6 },
    hostNotes: [EXCEL_DESKTOP_BLANKS],
    vectorised: false,
    invoke: (a, o) => csat(a[0], a[1], a[2], o),
  }),
  define({
    id: 'CSAT_MEAN',
    category: 'Customer voice',
    summary: 'Mean CSAT score (the playbook benchmark reads 4.0/5 good, 4.5/5 great).',
    params: [
      range('scores', 'Survey answers, whole numbers 1..scale. Blank cells and text are skipped.'),
      optional(value('scale', 'number', 'The highest possible score.'), 5),
    ],
    returns: { type: 'number', description: 'The mean score on 1..scale.' },
    example: { formula: '=CSAT_MEAN({5;4;4;3})', args: [[[5], [4], [4], [3]]], result: 4 },
    hostNotes: [EXCEL_DESKTOP_BLANKS],
    vectorised: false,
    invoke: (a, o) => csatMean(a[0], a[1], o),
  }),
  define({
    id: 'CES',
    category: 'Customer voice',
    summary: 'Customer effort score: the mean answered effort on 1..scale (lower is better).',
    params: [
      range('scores', 'Survey answers from 1 to scale. Blank cells and text are skipped.'),
      optional(value('scale', 'number', 'The highest possible score.'), 7),
    ],
    returns: { type: 'number', description: 'The mean effort (Good < 3, Great < 2).' },
    example: { formula: '=CES({2;3;1;2})', args: [[[2], [3], [1], [2]]], result: 2 },
    hostNotes: [EXCEL_DESKTOP_BLANKS],
    vectorised: false,
    invoke: (a, o) => ces(a[0], a[1], o),
  }),
  // Health
  define({
    id: 'CS_HEALTH',
    category: 'Health',
    summary: 'Weighted health score per account row; a blank component is left out and its weight redistributed.',
    params: [
      range('component_scores', 'One row per account, one column per component, each 0–100.'),
      range('weights', 'One weight per component column (a row or a column of cells), each ≥ 0, none blank.'),
    ],
    returns: { type: 'matrix', description: 'A column with one score (0–100) per account row; "" for an all-blank row.' },
    example: { formula: '=CS_HEALTH({80,60,""}, {0.5,0.3,0.2})', args: [[[80, 60, '']], [[0.5, 0.3, 0.2]]], result: [[72.5]] },
    hostNotes: [EXCEL_DESKTOP_BLANKS, SHEETS_ROW_ERRORS],
    vectorised: true,
    spill: { rowsFrom: [0] },
    invoke: (a, o) => csHealth(a[0], a[1], o),
  }),
  define({
    id: 'CS_HEALTH_BAND',
    category: 'Health',
    summary: 'Health band per score: "Red" below red_below, "Green" from green_from, otherwise "Yellow".',
    params: [
      range('score', 'Health scores, one per row.'),
      optional({ ...range('red_below', 'Scores below this are Red: one value, or one per row. Must not exceed green_from (#NUM! otherwise).') }, 50),
      optional({ ...range('green_from', 'Scores from this up are Green: one value, or one per row. Must not be below red_below.') }, 75),
    ],
    returns: { type: 'matrix', description: 'A column of "Red", "Yellow" or "Green"; "" for a blank score.' },
    example: { formula: '=CS_HEALTH_BAND({40;60;80})', args: [[[40], [60], [80]]], result: [['Red'], ['Yellow'], ['Green']] },
    hostNotes: [SHEETS_ROW_ERRORS],
    vectorised: true,
    spill: { rowsFrom: [0] },
    invoke: (a, o) => csHealthBand(a[0], a[1], a[2], o),
  }),
  // Segmentation and coverage
  define({
    id: 'CS_TIER',
    category: 'Segmentation and coverage',
    summary: 'Coverage tier per account: High, Low or Tech Touch by ARR, raised one step by complexity or strategic value.',
    params: [
      range('arr', 'Annual recurring revenue per account, one per row.'),
      optional(range('complexity', '"High", "Medium" or "Low": one value, or one per row.')),
      optional(range('strategic_value', '"High" (or "High potential"), "Standard" or "Transactional": one value, or one per row.')),
      optional(range('high_from', 'ARR from which an account is High Touch. Must not be below low_from.'), 100000),
      optional(range('low_from', 'ARR from which an account is Low Touch. Must not exceed high_from (#NUM! otherwise).'), 15000),
    ],
    returns: { type: 'matrix', description: 'A column of "High Touch", "Low Touch" or "Tech Touch"; "" for a blank ARR.' },
    example: {
      formula: '=CS_TIER({150000;40000;5000}, "High")',
      args: [[[150000], [40000], [5000]], 'High'],
      result: [['High Touch'], ['High Touch'], ['Low Touch']],
    },
    hostNotes: [SHEETS_ROW_ERRORS],
    vectorised: true,
    spill: { rowsFrom: [0] },
    invoke: (a, o) => csTier(a[0], a[1], a[2], a[3], a[4], o),
  }),
  define({
    id: 'CSM_HEADCOUNT',
    category: 'Segmentation and coverage',
    summary: 'CSMs needed (FTE): accounts / accounts per CSM for the tier.',
    params: [
      range('accounts', 'The number of accounts (a number, or a range that is summed).'),
      value('tier', 'string', '"High Touch", "Low Touch" or "Tech Touch" (or "High", "Low", "Tech").'),
      optional(value('accounts_per_csm', 'number', 'Accounts per CSM; default the playbook midpoint: High 17.5, Low 75, Tech 500.')),
    ],
    returns: { type: 'number', description: 'Full-time CSMs, unrounded.' },
    example: { formula: '=CSM_HEADCOUNT(35, "High Touch")', args: [35, 'High Touch'], result: 2 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => csmHeadcount(a[0], a[1], a[2], o),
  }),
  define({
    id: 'COST_TO_SERVE',
    category: 'Segmentation and coverage',
    summary: 'Cost to serve: CS cost / ARR, as a fraction.',
    params: [
      range('cs_cost', 'Customer success cost (a number, or a range that is summed).'),
      range('arr', 'Annual recurring revenue served (a number, or a range that is summed).'),
    ],
    returns: { type: 'number', description: 'Cost to serve as a fraction of ARR.' },
    example: { formula: '=COST_TO_SERVE(20000, 100000)', args: [20000, 100000], result: 0.2 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => costToServe(a[0], a[1], o),
  }),
  define({
    id: 'COST_TO_SERVE_CHECK',
    category: 'Segmentation and coverage',
    summary: 'Compares a cost-to-serve ratio with the tier\'s playbook band: "Below", "Within" or "Above".',
    params: [
      value('tier', 'string', '"High Touch" (15–25%), "Low Touch" (5–10%) or "Tech Touch" (under 3%).'),
      value('ratio', 'number', 'Cost to serve as a fraction, e.g. from COST_TO_SERVE.'),
    ],
    returns: { type: 'string', description: '"Below", "Within" or "Above"; band edges are inclusive; Tech Touch is never Below.' },
    example: { formula: '=COST_TO_SERVE_CHECK("High Touch", 0.2)', args: ['High Touch', 0.2], result: 'Within' },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => costToServeCheck(a[0], a[1], o),
  }),
  // Benchmarks and targets
  define({
    id: 'CS_BENCHMARK',
    category: 'Benchmarks and targets',
    summary: 'Rates a metric value against the playbook benchmark: "Great", "Good" or "Below".',
    params: [
      range('metric', 'NRR, GRR, LOGO_RETENTION (LOGO), NPS, CSAT, CES, TTV (TIME_TO_VALUE) or HEALTH (HEALTH_SCORE): one, or one per row.'),
      range('value', 'The metric values, one per row.'),
    ],
    returns: { type: 'matrix', description: 'A column of "Great", "Good" or "Below"; "" for a blank value.' },
    example: { formula: '=CS_BENCHMARK("NRR", {1.25;1.1;0.98})', args: ['NRR', [[1.25], [1.1], [0.98]]], result: [['Great'], ['Good'], ['Below']] },
    hostNotes: [SHEETS_ROW_ERRORS],
    vectorised: true,
    spill: { rowsFrom: [1] },
    invoke: (a, o) => csBenchmark(a[0], a[1], o),
  }),
  define({
    id: 'NRR_TARGET',
    category: 'Benchmarks and targets',
    summary: 'The playbook NRR target for a segment: the low end of its band, or the high end.',
    params: [
      value('segment', 'string', 'Enterprise, Mid-market or SMB (aliases: Ent, Mid market, Midmarket, MM, Small business, or a tier name).'),
      optional(value('end', 'string', '"low" or "high".'), 'low'),
    ],
    returns: { type: 'number', description: 'The target NRR as a fraction.' },
    example: { formula: '=NRR_TARGET("Enterprise", "high")', args: ['Enterprise', 'high'], result: 1.3 },
    hostNotes: [],
    vectorised: false,
    invoke: (a, o) => nrrTarget(a[0], a[1], o),
  }),
  // Time
  define({
    id: 'TIME_TO_VALUE',
    category: 'Time',
    summary: 'Whole calendar days from start_date to value_date, independent of time zones.',
    params: [
      { ...range('start_date', 'Start dates (a date, or ISO text YYYY-MM-DD): one, or one per row.'), type: 'date' },
      { ...range('value_date', 'Dates value was reached, one per row; blank means not reached yet.'), type: 'date' },
    ],
    returns: { type: 'matrix', description: 'A column of whole days; "" where value_date is blank.' },
    example: { formula: '=TIME_TO_VALUE("2024-01-15", "2024-02-04")', args: ['2024-01-15', '2024-02-04'], result: [[20]] },
    hostNotes: [SHEETS_ROW_ERRORS],
    vectorised: true,
    spill: { rowsFrom: [0, 1] },
    invoke: (a, o) => timeToValue(a[0], a[1], o),
  }),
];

/** The same list under the name other modules use. */
export const FUNCTIONS = REGISTRY;

export const FUNCTION_IDS = REGISTRY.map((f) => f.id);

export function findFunction(id: string): FunctionSpec | undefined {
  const key = id.trim().toUpperCase();
  return REGISTRY.find((f) => f.id === key);
}

/** Call a catalogue function by id (throws for an id that is not in the catalogue). */
export function callFunction(id: string, args: readonly unknown[], options?: CallOptions): FunctionResult {
  const spec = findFunction(id);
  if (!spec) throw new Error(`unknown function ${id}`);
  return spec.invoke(args, options);
}

export type { CellError };
