/**
 * Tab 7, Cohorts (reports.md "Month by month (MRR)" and tab 7). An account's cohort is its
 * first month with positive month-end MRR. Only cohorts whose first month falls within the
 * period are shown, with months since start up to the period's last month.
 *
 * One frozen column header (Cohort, Accounts, Month 0 … Month N−1) serves four blocks:
 * 1. MRR retention heatmap: the cohort's month-end MRR k months after its first month as a share
 *    of its first month-end MRR, as formulas IF($C=0,"",X/$C) over block 3, with a colour scale;
 * 2. logo-retention heatmap: cohort accounts with MRR above 0 k months after / cohort accounts,
 *    as formulas IF($B=0,"",X/$B) over block 4, with a colour scale;
 * 3. cohort month-end MRR by month (core's values: they come from every subscription row);
 * 4. cohort accounts with month-end MRR above 0 by month (core's values).
 */
import type { CohortRow, ReportModel } from '../data/model';
import { cellAddress, rangeA1 } from './a1';
import { asOfLine, fx, header, makeTab, moneyFormat, noteRows, num, text, titleRows, widthOf } from './layout';
import type { Row } from './layout';
import { FORMATS, GENERATED_MARKER } from './tab-model';
import type { ConditionalFormat, TabDescription } from './tab-model';

export const COHORTS_KEY = 'cohorts';
export const COHORTS_TITLE = 'Cohorts';

/** Columns: the cohort month, its accounts, then months since its first month. */
const COL = { cohort: 0, accounts: 1, month0: 2 } as const;

/** Red → yellow → green, the usual heatmap scale. */
export const HEATMAP = { minColor: '#F8696B', midColor: '#FFEB84', maxColor: '#63BE7B' } as const;

/** One shown cohort: its row in the model, and how many months of the period it has (month 0 included). */
interface ShownCohort {
  row: CohortRow;
  months: number;
}

/** Cohorts whose first month is one of the period's months, each cut to the months up to the period's end. */
export function cohortsInPeriod(model: ReportModel): ShownCohort[] {
  const periodMonths = model.monthly.map((m) => m.month);
  const out: ShownCohort[] = [];
  for (const row of model.cohorts) {
    const i = periodMonths.indexOf(row.month);
    if (i < 0) continue;
    out.push({ row, months: Math.min(periodMonths.length - i, row.mrr.length, row.logos.length) });
  }
  return out;
}

export function buildCohorts(model: ReportModel): TabDescription {
  const money = moneyFormat(model.currency);
  const N = model.monthly.length;
  const shown = cohortsInPeriod(model);
  const earlier = model.cohorts.filter((c) => N > 0 && c.month < model.monthly[0].month);
  const earlierAccounts = earlier.reduce((s, c) => s + c.accounts, 0);

  // Widths: month columns fit the widest cohort MRR figure; never narrower than "Month 11".
  let longest = 0;
  for (const c of shown) for (let k = 0; k < c.months; k++) longest = Math.max(longest, Math.round(c.row.mrr[k]).toLocaleString('en-US').length);
  const symbol = model.currency === null ? 0 : model.currency.length;
  const monthWidth = Math.max(10, Math.ceil(longest + symbol + 2));
  const widths = [11, 10, ...Array.from({ length: Math.max(N, 1) }, () => monthWidth)];
  // A short period still gets a page wide enough for the title block's "as of" line and marker.
  const minWidth = Math.ceil(Math.max(asOfLine(model.period).length * 0.85, GENERATED_MARKER.length * 0.8) + 2);
  while (widthOf(widths) < minWidth) widths.push(10);
  const tabWidth = widthOf(widths);
  const monthCol = (k: number) => COL.month0 + k;
  const lastCol = COL.month0 + Math.max(N, 1) - 1;

  const headerRow = (): Row => [
    header('Cohort'),
    header('Accounts'),
    ...Array.from({ length: Math.max(N, 1) }, (_, k) => header(`Month ${k}`)),
  ];

  const rows: Row[] = titleRows(COHORTS_TITLE, model.period);
  rows.push([]);

  const scope =
    N === 0
      ? model.inputs.subscriptions
        ? 'No month of this period ends inside it, so there are no month-end cohorts to show.'
        : 'Cohorts need a subscriptions table (account, start date, end date, MRR or ARR); none was given.'
      : `Cohort = the month of an account’s first month-end MRR above 0. Shown: the ${shown.length} cohorts whose first month ` +
        `falls within the period (${model.monthly[0].month} to ${model.monthly[N - 1].month}), up to the period’s last month; ` +
        (earlierAccounts > 0
          ? `${earlierAccounts} ${earlierAccounts === 1 ? 'account of an earlier cohort is' : 'accounts of earlier cohorts are'} not shown.`
          : 'no account has an earlier cohort.') +
        ' Month 0 is the cohort’s first month.';

  // One column header for the whole tab, frozen (and repeated on printed pages); each block below
  // it is a section heading, its notes and one row per cohort.
  rows.push(headerRow());
  const frozen = rows.length;
  if (shown.length === 0) {
    for (const r of noteRows(scope, tabWidth)) rows.push(r);
    return makeTab({ key: COHORTS_KEY, name: COHORTS_TITLE, rows, columnWidths: widths, frozenRows: frozen, frozenColumns: 1 });
  }

  const cohortCells = (c: ShownCohort): Row => [text(c.row.month), num(c.row.accounts, FORMATS.integer)];
  /** A share of a value in the same row of a values block: IF($C12=0,"",E12/$C12) (column fixed, row relative). */
  const share = (valuesRow: number, k: number, baseCol: number, expected: number) => {
    const base = `$${cellAddress(valuesRow, baseCol)}`;
    return fx(`IF(${base}=0,"",${cellAddress(valuesRow, monthCol(k))}/${base})`, expected, FORMATS.percent);
  };

  // The blocks' rows are worked out first, so the heatmaps (above) can refer to the values (below).
  interface Block {
    section: string;
    notes: Row[];
    cell: (c: ShownCohort, i: number, k: number) => Row[number];
  }
  const firstRowOf: number[] = [];
  const mrrValues = 2;
  const logoValues = 3;
  const plan: [string, string, Block['cell']][] = [
    [
      'MRR retention by cohort',
      `${scope} Each cell: the cohort’s month-end MRR k months after its first month, as a share of its first month-end MRR.`,
      (c, i, k) => share(firstRowOf[mrrValues] + i, k, COL.month0, c.row.mrr[k] / c.row.mrr[0]),
    ],
    [
      'Logo retention by cohort',
      'Each cell: the cohort’s accounts with month-end MRR above 0, k months after its first month, as a share of the cohort’s accounts.',
      (c, i, k) => share(firstRowOf[logoValues] + i, k, COL.accounts, c.row.logos[k] / c.row.accounts),
    ],
    [
      'Cohort month-end MRR',
      'The figures the MRR retention heatmap divides: Σ month-end MRR of the cohort’s accounts.',
      (c, _i, k) => num(c.row.mrr[k], money),
    ],
    [
      'Cohort accounts with MRR',
      'The figures the logo retention heatmap divides: the cohort’s accounts with month-end MRR above 0.',
      (c, _i, k) => num(c.row.logos[k], FORMATS.integer),
    ],
  ];
  const blocks: Block[] = [];
  let next = rows.length;
  for (const [section, noteText, cell] of plan) {
    const notes = noteRows(noteText, tabWidth);
    next += (blocks.length > 0 ? 1 : 0) + 1 + notes.length; // blank row, heading, notes
    firstRowOf.push(next);
    next += shown.length;
    blocks.push({ section, notes, cell });
  }

  blocks.forEach((b, index) => {
    if (index > 0) rows.push([]);
    rows.push([text(b.section, 'section')]);
    for (const r of b.notes) rows.push(r);
    if (rows.length !== firstRowOf[index]) throw new Error('Cohorts tab: block positions are out of step');
    shown.forEach((c, i) => {
      const row = cohortCells(c);
      for (let k = 0; k < c.months; k++) row[monthCol(k)] = b.cell(c, i, k);
      rows.push(row);
    });
  });
  const mrrShareFirst = firstRowOf[0];
  const logoShareFirst = firstRowOf[1];

  rows.push([]);
  const closing =
    'Month-end MRR of a month = Σ MRR of the non-trial subscriptions active on its last day (start ≤ last day < end). ' +
    'A cohort’s MRR k months on includes expansion, contraction and returning accounts of that cohort, so a share can be above 100%. ' +
    'Empty cells are months after the period’s end.';
  for (const r of noteRows(closing, tabWidth)) rows.push(r);

  // Month 0 is 100% by definition: the colour scale spans months 1 onwards, so that it shows the
  // spread of what happened after the first month (all of it when the period has a single month).
  const scaleLeft = N > 1 ? COL.month0 + 1 : COL.month0;
  const scale = (firstRow: number): ConditionalFormat => ({
    kind: 'colorScale',
    range: rangeA1({ top: firstRow, left: scaleLeft, bottom: firstRow + shown.length - 1, right: lastCol }),
    ...HEATMAP,
  });
  const conditionalFormats = [scale(mrrShareFirst), scale(logoShareFirst)];

  return makeTab({
    key: COHORTS_KEY,
    name: COHORTS_TITLE,
    rows,
    columnWidths: widths,
    frozenRows: frozen,
    frozenColumns: 1,
    conditionalFormats,
  });
}
