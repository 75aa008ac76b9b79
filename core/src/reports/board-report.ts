/**
 * Tab 2, Board Report: NRR, GRR and logo retention overall and by segment against target
 * bands and benchmarks, the ARR movements of the period with a chart, the definition box
 * and the Data Quality block. Every figure is a formula over the Data tab.
 */
import { skipLabel, type ReportModel, type RetentionFigures, type SkipCount } from '../data/model';
import { SKIP_REASONS } from '../data/load';
import { BENCHMARKS, NRR_TARGETS, rateAgainstBenchmark } from '../metrics/benchmarks';
import type { BenchmarkMetric } from '../metrics/benchmarks';
import { SEGMENTS } from '../metrics/tiering';
import type { Segment } from '../metrics/tiering';
import { FORMATS } from './tab-model';
import type { ConditionalFormat, TabDescription } from './tab-model';
import { dataRanges } from './data-tab';
import {
  benchmarkBands,
  colRange,
  definitionBox,
  fitLines,
  formulaText,
  fx,
  header,
  isAnnual,
  label,
  makeTab,
  moneyFormat,
  periodLengthText,
  note,
  noteRows,
  num,
  text,
  textBand,
  titleRows,
  widthOf,
} from './layout';
import { cellAddress } from './a1';
import type { Row } from './layout';

export const BOARD_KEY = 'board-report';
export const BOARD_TITLE = 'Board Report';

const C = {
  segment: 0,
  cohort: 1,
  start: 2,
  end: 3,
  nrr: 4,
  band: 5,
  targetLow: 6,
  targetHigh: 7,
  vsTarget: 8,
  nrrRating: 9,
  grr: 10,
  grrRating: 11,
  logo: 12,
  logoRating: 13,
} as const;

/**
 * Column widths. Column A holds the longest labels (movements, definitions, data-quality
 * checks); B is wide enough for the bold Ending ARR; every note sits below its table in
 * column A and runs to the right over empty cells, never past column N.
 */
const WIDTHS = [36, 15, 14, 14, 9, 19, 10, 10, 12, 12, 9, 12, 10, 12];
const TAB_WIDTH = widthOf(WIDTHS);

/** Data-quality block: check, rows, treatment, example ids (these overflow to the right). */
const DQ = { check: 0, count: 1, treatment: 2, examples: 3 } as const;


export type TargetStatus = 'Below band' | 'Within band' | 'Above band';

export function rateAgainstTarget(value: number, low: number, high: number): TargetStatus {
  return value < low ? 'Below band' : value > high ? 'Above band' : 'Within band';
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** IF(value="","",IF(value>=great,"Great",IF(value>=good,"Good","Below"))) from the benchmark table. */
function ratingFormula(metric: BenchmarkMetric, cell: string): string {
  const b = BENCHMARKS[metric];
  const op = b.lowerIsBetter ? '<' : '>=';
  return `IF(${cell}="","",IF(${cell}${op}${b.great},"Great",IF(${cell}${op}${b.good},"Good","Below")))`;
}

const rating = (metric: BenchmarkMetric, value: number | null) =>
  value === null ? null : rateAgainstBenchmark(metric, value);

export function buildBoardReport(model: ReportModel): TabDescription {
  const money = moneyFormat(model.currency);
  const annual = isAnnual(model.period);
  const d = dataRanges(model);
  const rows: Row[] = titleRows(BOARD_TITLE, model.period);
  const conditionalFormats: ConditionalFormat[] = [];

  // ---- Retention table
  rows.push([]);
  rows.push([text('Retention (cohort: accounts with ARR above 0 at the start)', 'section')]);
  if (!annual) {
    const warning =
      `This period is ${periodLengthText(model.period)}, not 12 months. Retention targets and benchmarks are annual, ` +
      'so the ratings below are for reference only and are not colour-coded.';
    for (const line of fitLines(warning, TAB_WIDTH, 'bold')) rows.push([text(line, 'warning')]);
  }
  const headerRow = rows.length;
  const headers: string[] = [];
  headers[C.segment] = 'Segment';
  headers[C.cohort] = 'Cohort accounts';
  headers[C.start] = 'Start ARR (cohort)';
  headers[C.end] = 'End ARR (cohort)';
  headers[C.nrr] = 'NRR';
  const annualTag = annual ? '' : ' (annual)';
  headers[C.band] = `NRR target band${annualTag}`;
  headers[C.targetLow] = 'Target from';
  headers[C.targetHigh] = 'Target to';
  headers[C.vsTarget] = 'NRR against target';
  headers[C.nrrRating] = `NRR benchmark${annualTag}`;
  headers[C.grr] = 'GRR';
  headers[C.grrRating] = `GRR benchmark${annualTag}`;
  headers[C.logo] = 'Logo retention';
  headers[C.logoRating] = `Logo benchmark${annualTag}`;
  rows.push(headers.map(header));

  const overallRow = headerRow + 1;
  const firstSegRow = overallRow + 1;
  const lastSegRow = firstSegRow + SEGMENTS.length - 1;
  const overallStart = model.metrics.startArr;

  const retentionRow = (r: number, name: string, seg: Segment | null, f: RetentionFigures): Row => {
    const cell = (c: number) => cellAddress(r, c);
    // Extra criteria restricting a figure to the segment (empty for the overall row).
    const segIfs = seg === null ? '' : `,${d.segment},${formulaText(seg)}`;
    const segMask = seg === null ? '' : `*(${d.segment}=${formulaText(seg)})`;
    const startSum = `SUMIFS(${d.startArr},${d.startArr},">0"${segIfs})`;
    const cohortCount = `COUNTIFS(${d.startArr},">0"${segIfs})`;
    const cohortEnd = f.movements.starting + f.movements.expansion - f.movements.contraction - f.movements.churn;
    let low: number | null;
    let high: number | null;
    const row: Row = [];
    row[C.segment] = label(name);
    row[C.cohort] = fx(cohortCount, f.cohortAccounts, FORMATS.integer);
    row[C.start] = fx(startSum, f.startArr, money);
    row[C.end] = fx(`SUMIFS(${d.endArr},${d.startArr},">0"${segIfs})`, cohortEnd, money);
    row[C.nrr] = fx(
      `IF(${startSum}=0,"",SUMIFS(${d.endArr},${d.startArr},">0"${segIfs})/${startSum})`,
      f.nrr,
      FORMATS.percent,
    );
    if (seg === null) {
      // Overall: each segment's band weighted by its start ARR.
      const weight = (k: 'low' | 'high') =>
        overallStart === 0
          ? null
          : SEGMENTS.reduce((s, g) => s + NRR_TARGETS[g][k] * model.bySegment[g].startArr, 0) / overallStart;
      low = weight('low');
      high = weight('high');
      row[C.band] = text('Weighted by start ARR');
      const blend = (c: number) =>
        fx(
          `IF(${cell(C.start)}=0,"",SUMPRODUCT(${colRange(firstSegRow, lastSegRow, c)},${colRange(firstSegRow, lastSegRow, C.start)})/${cell(C.start)})`,
          c === C.targetLow ? low : high,
          FORMATS.percent,
        );
      row[C.targetLow] = blend(C.targetLow);
      row[C.targetHigh] = blend(C.targetHigh);
    } else {
      low = NRR_TARGETS[seg].low;
      high = NRR_TARGETS[seg].high;
      row[C.band] = text(`${pct(low)} to ${pct(high)}`);
      row[C.targetLow] = num(low, FORMATS.percent);
      row[C.targetHigh] = num(high, FORMATS.percent);
    }
    const nrr = cell(C.nrr);
    row[C.vsTarget] = fx(
      `IF(OR(${nrr}="",${cell(C.targetLow)}=""),"",IF(${nrr}<${cell(C.targetLow)},"Below band",IF(${nrr}>${cell(C.targetHigh)},"Above band","Within band")))`,
      f.nrr === null || low === null || high === null ? null : rateAgainstTarget(f.nrr, low, high),
    );
    row[C.nrrRating] = fx(ratingFormula('NRR', nrr), rating('NRR', f.nrr));
    row[C.grr] = fx(
      `IF(${startSum}=0,"",SUMPRODUCT((${d.startArr}>0)${segMask}*((${d.endArr}<${d.startArr})*${d.endArr}+(${d.endArr}>=${d.startArr})*${d.startArr}))/${startSum})`,
      f.grr,
      FORMATS.percent,
    );
    row[C.grrRating] = fx(ratingFormula('GRR', cell(C.grr)), rating('GRR', f.grr));
    row[C.logo] = fx(
      `IF(${cohortCount}=0,"",COUNTIFS(${d.startArr},">0",${d.endArr},">0"${segIfs})/${cohortCount})`,
      f.logoRetention,
      FORMATS.percent,
    );
    row[C.logoRating] = fx(ratingFormula('LOGO_RETENTION', cell(C.logo)), rating('LOGO_RETENTION', f.logoRetention));
    return row;
  };

  rows.push(retentionRow(overallRow, 'Overall', null, model.metrics));
  for (const seg of SEGMENTS) rows.push(retentionRow(rows.length, seg, seg, model.bySegment[seg]));

  if (annual) {
    const vs = colRange(overallRow, lastSegRow, C.vsTarget);
    conditionalFormats.push(
      textBand(vs, 'Below band', 'bad'),
      textBand(vs, 'Within band', 'good'),
      textBand(vs, 'Above band', 'good'),
    );
    for (const c of [C.nrrRating, C.grrRating, C.logoRating]) {
      for (const f of benchmarkBands(colRange(overallRow, lastSegRow, c))) conditionalFormats.push(f);
    }
  }
  // Notes below the table, in column A, each line within the table's width.
  const empty = [
    ...(model.metrics.cohortAccounts === 0 ? ['Overall'] : []),
    ...SEGMENTS.filter((g) => model.bySegment[g].cohortAccounts === 0),
  ];
  const retentionNotes = [
    'Overall target band: the segment bands weighted by each segment’s start ARR.',
    empty.length === 0 ? '' : `No accounts in this cohort: ${empty.join(', ')}; their ratios are left blank.`,
    'Segment is taken at the start, so a churned account counts where it was.',
    'Benchmarks (playbook): ' +
      `NRR Good ${pct(BENCHMARKS.NRR.good)}+, Great ${pct(BENCHMARKS.NRR.great)}+; ` +
      `GRR Good ${pct(BENCHMARKS.GRR.good)}+, Great ${pct(BENCHMARKS.GRR.great)}+; ` +
      `logo retention Good ${pct(BENCHMARKS.LOGO_RETENTION.good)}+, Great ${pct(BENCHMARKS.LOGO_RETENTION.great)}+.`,
  ].filter((x) => x !== '');
  for (const r of noteRows(retentionNotes.join(' '), TAB_WIDTH)) rows.push(r);

  // ---- ARR movements
  rows.push([]);
  rows.push([text('ARR movements of the period', 'section')]);
  rows.push([header('Movement'), header('ARR'), header('How it is counted')]);
  const m = model.metrics.movements;
  const first = rows.length;
  const mv = (i: number) => cellAddress(first + i, 1);
  const ending = m.starting + m.expansion - m.contraction - m.churn + m.new;
  const movementRows: [string, string, number, string][] = [
    ['Starting ARR', `SUMIFS(${d.startArr},${d.startArr},">0")`, m.starting, 'ARR at the start of every cohort account'],
    [
      'Expansion',
      `SUMPRODUCT((${d.startArr}>0)*(${d.endArr}>${d.startArr})*(${d.endArr}-${d.startArr}))`,
      m.expansion,
      'Added: end minus start where the end is higher',
    ],
    [
      'Contraction',
      `SUMPRODUCT((${d.endArr}>0)*(${d.endArr}<${d.startArr})*(${d.startArr}-${d.endArr}))`,
      m.contraction,
      'Subtracted: start minus end where the end is lower but above 0',
    ],
    [
      'Churn',
      `SUMIFS(${d.startArr},${d.startArr},">0",${d.endArr},"<=0")`,
      m.churn,
      'Subtracted: start ARR of cohort accounts with no ARR at the end',
    ],
    ['New', `SUMIFS(${d.endArr},${d.startArr},"<=0")`, m.new, 'Added: end ARR of accounts with no ARR at the start'],
    [
      'Ending ARR',
      `${mv(0)}+${mv(1)}-${mv(2)}-${mv(3)}+${mv(4)}`,
      ending,
      'Starting + expansion − contraction − churn + new',
    ],
  ];
  for (const [name, formula, value, how] of movementRows) {
    const isEnd = name === 'Ending ARR';
    rows.push([isEnd ? text(name, 'total') : label(name), fx(formula, value, money, isEnd ? 'total' : undefined), note(how)]);
  }
  const endingRow = rows.length - 1;
  rows.push([
    label('Check (must be 0)'),
    fx(`${cellAddress(endingRow, 1)}-SUM(${d.endArr})`, 0, money),
    note('Ending ARR minus the total ARR at the end on the Data tab'),
  ]);

  // ---- Definition box
  rows.push([]);
  rows.push([text('Definitions', 'section')]);
  for (const [l, t] of definitionBox(model)) {
    fitLines(t, TAB_WIDTH - WIDTHS[0]).forEach((line, i) => rows.push([i === 0 ? label(l) : null, text(line)]));
  }

  // ---- Data quality: one line per fact. Skipped rows (left out of every figure) first, then
  // the checks that only flag rows. Zero-length subscriptions are skipped rows: listed once.
  rows.push([]);
  rows.push([text('Data quality', 'section')]);
  rows.push(
    ...noteRows(
      'What cleaning found, for review. Skipped rows were left out of every figure; ' +
        'flagged rows stay in, and the checks never change the figures above.',
      TAB_WIDTH,
    ),
  );
  const dqHeader: Row = [];
  dqHeader[DQ.check] = header('Check');
  dqHeader[DQ.count] = header('Rows');
  dqHeader[DQ.treatment] = header('Treatment');
  dqHeader[DQ.examples] = header('Example ids or rows');
  rows.push(dqHeader);
  const dq = model.dataQuality;
  const dqLine = (name: string, count: number, treatment: string, examples: string[]): Row => {
    const row: Row = [];
    row[DQ.check] = label(name);
    row[DQ.count] = num(count, FORMATS.integer);
    row[DQ.treatment] = text(treatment);
    if (examples.length > 0) row[DQ.examples] = { value: examples.join(', ') };
    return row;
  };
  const isZeroLength = (s: SkipCount) => s.table === 'subscriptions' && s.reason === SKIP_REASONS.zeroLength;
  const otherSkips = dq.skipped.filter((s) => !isZeroLength(s));
  if (otherSkips.length === 0) rows.push(dqLine('Rows skipped for other reasons', 0, 'Skipped', []));
  for (const s of otherSkips) rows.push(dqLine(skipLabel(s), s.count, 'Skipped', s.examples));
  const zeroLength = dq.skipped.find(isZeroLength) ?? dq.zeroLengthSubscriptions;
  rows.push(dqLine('Subscriptions: zero-length (end ≤ start)', zeroLength.count, 'Skipped', zeroLength.examples));
  const checks: [string, { count: number; examples: string[] }][] = [
    ['Revenue still active after a churn event', dq.churnedButActive],
    ['Overlapping subscriptions, same plan', dq.overlappingSubscriptions],
    ['Subscriptions within one calendar month', dq.withinMonthSubscriptions],
  ];
  for (const [name, c] of checks) rows.push(dqLine(name, c.count, 'Flagged only', c.examples));

  return makeTab({
    key: BOARD_KEY,
    name: BOARD_TITLE,
    rows,
    columnWidths: WIDTHS,
    frozenRows: headerRow + 1,
    conditionalFormats,
    charts: [
      {
        kind: 'column',
        title: 'ARR movements',
        categories: colRange(first, endingRow, 0),
        series: [{ name: 'ARR', values: colRange(first, endingRow, 1) }],
        // Beside the movements table, right of its notes (columns H to N), above the definition box.
        anchor: { row: first - 2, col: 7, widthCols: 7, heightRows: endingRow + 2 - (first - 2) + 1 },
      },
    ],
  });
}
