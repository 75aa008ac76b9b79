/**
 * Tab 6, MRR Movements (reports.md "Month by month (MRR)"): one row per month of the period
 * with starting MRR, new, expansion, contraction, churn, reactivation and ending MRR.
 *
 * Month-end MRR and its movements come from every subscription row, per account and month, so
 * they are core's figures written as values (reports.md "Portable": heavy derivations are
 * computed once). What a spreadsheet can check is written as formulas, each with `expected`:
 * - starting MRR of every month after the first = the previous row's ending MRR;
 * - the check column: starting + new + expansion − contraction − churn + reactivation − ending,
 *   rounded to cents, which must be 0;
 * - the period row: the first starting MRR, SUMs of the movements, the last ending MRR, and
 *   the same identity over the whole period.
 */
import type { MonthMovement, ReportModel } from '../data/model';
import { cellAddress } from './a1';
import { colRange, fx, header, makeTab, moneyFormat, noteRows, num, text, titleRows, widthOf } from './layout';
import type { Row } from './layout';
import type { ChartSpec, TabDescription } from './tab-model';

export const MRR_MOVEMENTS_KEY = 'mrr-movements';
export const MRR_MOVEMENTS_TITLE = 'MRR Movements';

/** Columns of the table, in order. */
export const MRR_COLUMNS = [
  { key: 'month', header: 'Month' },
  { key: 'starting', header: 'Starting MRR' },
  { key: 'new', header: 'New' },
  { key: 'expansion', header: 'Expansion' },
  { key: 'contraction', header: 'Contraction' },
  { key: 'churn', header: 'Churn' },
  { key: 'reactivation', header: 'Reactivation' },
  { key: 'ending', header: 'Ending MRR' },
  { key: 'check', header: 'Check (must be 0)' },
] as const;

type ColumnKey = (typeof MRR_COLUMNS)[number]['key'];
const col = (key: ColumnKey) => MRR_COLUMNS.findIndex((c) => c.key === key);

/** The movement columns, in the order of the identity, with their sign. */
const MOVEMENTS: [Exclude<ColumnKey, 'month' | 'starting' | 'ending' | 'check'>, 1 | -1][] = [
  ['new', 1],
  ['expansion', 1],
  ['contraction', -1],
  ['churn', -1],
  ['reactivation', 1],
];

/** 0-based row of the table's header (rows 1–3 title block, 4 blank, 5 section heading). */
export const MRR_HEADER_ROW = 5;

const PERIOD_LABEL = 'Period';

/** Money widths: the longest figure as shown (bold in the period row) plus padding, at least 13. */
function moneyWidth(model: ReportModel): number {
  let longest = 0;
  const totals = periodTotals(model.monthly);
  const all = [...model.monthly.flatMap((m) => [m.starting, m.new, m.expansion, m.contraction, m.churn, m.reactivation, m.ending]), ...Object.values(totals)];
  for (const v of all) longest = Math.max(longest, Math.round(Math.abs(v)).toLocaleString('en-US').length + 1);
  const symbol = model.currency === null ? 0 : model.currency.length;
  return Math.max(13, Math.ceil((longest + symbol) * 1.1 + 2));
}

function periodTotals(months: readonly MonthMovement[]): Record<'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation', number> {
  const sum = (k: 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation') => months.reduce((s, m) => s + m[k], 0);
  return { new: sum('new'), expansion: sum('expansion'), contraction: sum('contraction'), churn: sum('churn'), reactivation: sum('reactivation') };
}

/** The identity as a formula over one row: starting + new + expansion − contraction − churn + reactivation − ending. */
function identity(r: number): string {
  const at = (k: ColumnKey) => cellAddress(r, col(k));
  const parts = MOVEMENTS.map(([k, sign]) => `${sign > 0 ? '+' : '-'}${at(k)}`).join('');
  return `ROUND(${at('starting')}${parts}-${at('ending')},2)`;
}

export function buildMrrMovements(model: ReportModel): TabDescription {
  const money = moneyFormat(model.currency);
  const months = model.monthly;
  const mw = moneyWidth(model);
  const widths = MRR_COLUMNS.map((c) => (c.key === 'month' ? 12 : c.key === 'check' ? 12 : mw));
  const tabWidth = widthOf(widths);

  const rows: Row[] = titleRows(MRR_MOVEMENTS_TITLE, model.period);
  rows.push([]);
  rows.push([text('Month-end MRR and its movements, month by month', 'section')]);
  rows.push(MRR_COLUMNS.map((c) => header(c.header)));

  const first = rows.length;
  months.forEach((m, i) => {
    const r = rows.length;
    const row: Row = [];
    row[col('month')] = text(m.month);
    // The first month's starting MRR is core's month-end of the month before the period;
    // every later month starts where the previous row ended.
    row[col('starting')] = i === 0 ? num(m.starting, money) : fx(cellAddress(r - 1, col('ending')), m.starting, money);
    for (const [k] of MOVEMENTS) row[col(k)] = num(m[k], money);
    row[col('ending')] = num(m.ending, money);
    row[col('check')] = fx(identity(r), 0, money);
    rows.push(row);
  });
  const last = rows.length - 1;

  const notes: string[] = [];
  if (months.length > 0) {
    const r = rows.length;
    const totals = periodTotals(months);
    const row: Row = [];
    row[col('month')] = text(PERIOD_LABEL, 'total');
    row[col('starting')] = fx(cellAddress(first, col('starting')), months[0].starting, money, 'total');
    for (const [k] of MOVEMENTS) row[col(k)] = fx(`SUM(${colRange(first, last, col(k))})`, totals[k], money, 'total');
    row[col('ending')] = fx(cellAddress(last, col('ending')), months[months.length - 1].ending, money, 'total');
    row[col('check')] = fx(identity(r), 0, money, 'total');
    rows.push(row);
  } else {
    notes.push(
      model.inputs.subscriptions
        ? 'No month of this period ends inside it, so there is no month-end MRR to show.'
        : 'Month-by-month MRR needs a subscriptions table (account, start date, end date, MRR or ARR); none was given.',
    );
  }

  notes.push(
    'Month-end MRR = Σ MRR of the non-trial subscriptions active on the month’s last day (start ≤ last day < end); ' +
      'starting MRR = the month-end MRR of the month before.',
    'Per account, from one month-end to the next: New = from 0 to above 0 for the first time; ' +
      'Reactivation = from 0 to above 0 after an earlier month-end above 0; Expansion / Contraction = above 0 at both, up / down; ' +
      'Churn = from above 0 to 0.',
    'Check = starting + new + expansion − contraction − churn + reactivation − ending, rounded to cents: it must be 0. ' +
      'Period = the first starting MRR, the summed movements and the last ending MRR.',
    'These are MRR at month-ends; the Board Report’s movements are ARR between the period’s first and last day. ' +
      'A subscription that starts and ends within one calendar month never reaches a month-end.',
  );
  rows.push([]);
  for (const n of notes) for (const r of noteRows(n, tabWidth)) rows.push(r);

  const charts: ChartSpec[] = [];
  if (months.length > 0) {
    rows.push([]);
    const top = rows.length;
    const height = 15;
    const categories = colRange(first, last, col('month'));
    const leftCols = 4; // Month … Expansion
    charts.push({
      kind: 'line',
      title: 'Month-end MRR',
      categories,
      series: [{ name: 'Ending MRR', values: colRange(first, last, col('ending')) }],
      anchor: { row: top, col: 0, widthCols: leftCols, heightRows: height },
    });
    charts.push({
      kind: 'column',
      title: 'MRR movements by month',
      categories,
      series: MOVEMENTS.map(([k]) => ({ name: MRR_COLUMNS[col(k)].header, values: colRange(first, last, col(k)) })),
      anchor: { row: top, col: leftCols, widthCols: MRR_COLUMNS.length - leftCols, heightRows: height },
    });
  }

  return makeTab({
    key: MRR_MOVEMENTS_KEY,
    name: MRR_MOVEMENTS_TITLE,
    rows,
    columnWidths: widths,
    frozenRows: MRR_HEADER_ROW + 1,
    frozenColumns: 1,
    charts,
  });
}
