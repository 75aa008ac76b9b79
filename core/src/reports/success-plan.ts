/**
 * Tab 5, Success Plan – account (reports.md): the playbook's value realisation framework as a
 * plan. Sections Define / Deliver / Demonstrate / Develop hold rows of objective, owner, due date
 * and status (a dropdown: Not started / On track / At risk / Done). Rows due before the as-of
 * date written on the tab (an editable cell; never TODAY()) and not Done are highlighted by a
 * 'formula' conditional format. Value metrics show baseline / target / actual with a status.
 * Pre-filled for the account from the data: ARR (from the Data tab), tier, health, renewal date.
 */
import { accountActivity } from '../data/account-activity';
import type { ReportModel } from '../data/model';
import { addMonthsToDay, dayFromIso, excelSerialFromDay, isoFromDay } from '../dates';
import { BENCHMARKS } from '../metrics/benchmarks';
import { DEFAULT_RED_BELOW } from '../metrics/health';
import { cellAddress } from './a1';
import {
  abs,
  COLORS,
  colRange,
  fx,
  header,
  label,
  makeTab,
  moneyFormat,
  note,
  noteRows,
  num,
  text,
  textBand,
  titleRows,
  widthOf,
  type Row,
} from './layout';
import {
  accountHealth,
  accountTabKey,
  accountTabName,
  arrTarget,
  arrTargetFrom,
  COMPONENT_LABELS,
  dataCell,
  dateCell,
  HEALTH_COMPONENTS,
  metricStatus,
  metricStatusBands,
  metricStatusFormula,
  PLAN_STATUSES,
  userText,
} from './qbr';
import { FORMATS, type Cell, type ConditionalFormat, type DropdownValidation, type TabDescription } from './tab-model';

export const SUCCESS_PLAN_KEY_PREFIX = 'success-plan';
export const SUCCESS_PLAN_TITLE_PREFIX = 'Success Plan';

/** Objective, owner, due date, status, measure; then the strip's ARR, health and renewal date. */
const WIDTHS = [54, 16, 12, 13, 26, 14, 14, 12];
const TAB_WIDTH = widthOf(WIDTHS);
const P = { objective: 0, owner: 1, due: 2, status: 3, measure: 4 } as const;
const BLANK_ROWS = 2;

interface PlanRow {
  objective: string;
  due: number;
  measure: string;
}

const input = (value: Cell['value'], format?: string): Cell => ({ value, style: 'input', ...(format ? { format } : {}) });

/** The overdue rule as a conditional-format formula for a row range starting at `firstRow`. */
export function overdueFormula(firstRow: number, asOfCell: string): string {
  const due = `$${'C'}${firstRow + 1}`;
  const status = `$${'D'}${firstRow + 1}`;
  return `AND(${due}<>"",${due}<${asOfCell},${status}<>"Done")`;
}

export function buildSuccessPlan(model: ReportModel, accountId: string): TabDescription {
  const act = accountActivity(model, accountId);
  const a = act.account;
  const money = moneyFormat(model.currency);
  const health = accountHealth(model, act);
  const asOfDay = dayFromIso(model.period.asOf) ?? 0;
  const rows: Row[] = titleRows(`Success Plan – ${a.name}`, model.period);
  const cf: ConditionalFormat[] = [];
  const dropdowns: DropdownValidation[] = [];

  // Account strip
  rows.push([]);
  const headerRow = rows.length;
  rows.push(
    ['Account name', 'Account id', 'Segment', 'Tier at end', 'CSM / owner', 'ARR at end', 'Health', 'Renewal date'].map(header),
  );
  const stripRow = rows.length;
  rows.push([
    { value: a.name },
    { value: a.id },
    { value: a.segment },
    { value: a.tierEnd },
    userText(a.owner),
    fx(dataCell(act.accountRow, 'endArr'), a.endArr, money),
    health.score === null ? text('not available', 'note') : num(health.score, FORMATS.decimal1),
    dateCell(a.renewalDate),
  ]);
  void stripRow;

  rows.push([]);
  const asOfRow = rows.length;
  rows.push([
    label('As-of date'),
    input(excelSerialFromDay(asOfDay), FORMATS.date),
    note('Rows due before this date and not Done are highlighted. It starts at the period’s last day; type a later date to review the plan.'),
  ]);
  const asOfCell = abs(asOfRow, 1);

  // Pre-filled objectives from the data.
  const in30 = excelSerialFromDay(asOfDay + 30);
  const in60 = excelSerialFromDay(asOfDay + 60);
  const in90 = excelSerialFromDay(asOfDay + 90);
  const renewalDay = a.renewalDate ? dayFromIso(a.renewalDate) : null;
  const target = arrTarget(a);
  // The Develop objective looks a year ahead, from the ARR at the as-of date.
  const nextTarget = arrTargetFrom(a.endArr, a.segment);
  const redComponents = HEALTH_COMPONENTS.filter((k) => health.components[k] !== undefined && health.components[k]! < DEFAULT_RED_BELOW);
  const fmtMoney = (x: number) => `${model.currency ?? ''}${Math.round(x).toLocaleString('en-US')}`;

  const sections: { title: string; deliverable: string; rows: PlanRow[] }[] = [
    {
      title: 'Define: agree on success criteria',
      deliverable: 'Success Plan',
      rows: [
        { objective: 'Agree success criteria and value metrics with the sponsor', due: in30, measure: 'Criteria signed off' },
        { objective: 'Name the executive sponsor and a second champion', due: in30, measure: 'Two named contacts' },
      ],
    },
    {
      title: 'Deliver: implementation and onboarding',
      deliverable: 'Go-Live',
      rows: [
        {
          objective: act.seatsEnd !== null ? `Roll out to all ${act.seatsEnd} licensed seats` : 'Roll out to every licensed seat',
          due: in60,
          measure: 'Active seats',
        },
        {
          objective:
            act.featuresInPeriod !== null
              ? `Adopt the core features (${act.featuresInPeriod} used in the period)`
              : 'Adopt the core features',
          due: in60,
          measure: 'Features used per month',
        },
        ...(health.band === 'Red' || redComponents.length > 0
          ? [
              {
                objective:
                  redComponents.length > 0
                    ? `Recovery plan for Red health: ${redComponents.map((k) => COMPONENT_LABELS[k]).join(', ')}`
                    : 'Recovery plan for Red health',
                due: in30,
                measure: 'Health 50 or above',
              },
            ]
          : []),
      ],
    },
    {
      title: 'Demonstrate: prove value with metrics',
      deliverable: 'Value Report',
      rows: [
        { objective: 'Value review (QBR) on the value metrics below', due: in90, measure: 'Review held' },
        { objective: `Keep CSAT at ${BENCHMARKS.CSAT.good.toFixed(1)} of 5 or above`, due: in90, measure: 'CSAT mean' },
      ],
    },
    {
      title: 'Develop: expand usage and outcomes',
      deliverable: 'Growth Plan',
      rows: [
        renewalDay !== null
          ? {
              objective: `Renewal plan ahead of ${isoFromDay(renewalDay)}`,
              due: excelSerialFromDay(Math.max(asOfDay + 30, renewalDay - 90)),
              measure: 'Renewal signed',
            }
          : { objective: 'Agree the renewal plan', due: excelSerialFromDay(asOfDay + 120), measure: 'Renewal signed' },
        {
          objective:
            nextTarget === null
              ? 'Win the account back: set the ARR target'
              : nextTarget > a.endArr
                ? `Grow ARR to ${fmtMoney(nextTarget)} (segment NRR target)`
                : `Keep ARR at ${fmtMoney(nextTarget)} (no contraction or churn)`,
          due: excelSerialFromDay(addMonthsToDay(asOfDay, 12)),
          measure: 'ARR',
        },
      ],
    },
  ];

  for (const s of sections) {
    rows.push([]);
    rows.push([text(s.title, 'section'), null, null, null, note(`Deliverable: ${s.deliverable}`)]);
    rows.push(['Objective', 'Owner', 'Due date', 'Status', 'Measure of success'].map(header));
    const first = rows.length;
    for (const r of s.rows) {
      const row: Row = [];
      row[P.objective] = input(r.objective);
      row[P.owner] = input(a.owner ?? null);
      row[P.due] = input(r.due, FORMATS.date);
      row[P.status] = input(PLAN_STATUSES[0]);
      row[P.measure] = input(r.measure);
      rows.push(row);
    }
    for (let i = 0; i < BLANK_ROWS; i++) rows.push([input(null), input(null), input(null, FORMATS.date), input(null), input(null)]);
    const last = rows.length - 1;
    dropdowns.push({ range: colRange(first, last, P.status), options: PLAN_STATUSES });
    cf.push({
      kind: 'formula',
      range: `${cellAddress(first, P.objective)}:${cellAddress(last, P.measure)}`,
      formula: overdueFormula(first, asOfCell),
      fill: COLORS.bad.fill,
      fontColor: COLORS.bad.fontColor,
    });
    cf.push(textBand(colRange(first, last, P.status), 'Done', 'good'), textBand(colRange(first, last, P.status), 'At risk', 'neutral'));
  }

  // Value metrics
  rows.push([]);
  rows.push([text('Value metrics', 'section')]);
  rows.push(['Metric', 'Baseline', 'Target', 'Actual', 'Status'].map(header));
  const vFirst = rows.length;
  const csatTotal = act.csatCounts.reduce((s, x) => s + x, 0);
  const csatMean = csatTotal === 0 ? null : act.csatCounts.reduce((s, n, i) => s + n * (i + 1), 0) / csatTotal;
  const metrics: { label: string; base: Cell; target: Cell; actual: Cell | null; values: [number | null, number | null, number | null]; lower: boolean }[] = [
    {
      label: 'ARR (from the Data tab)',
      base: fx(dataCell(act.accountRow, 'startArr'), a.startArr, money),
      target: input(target, money),
      actual: fx(dataCell(act.accountRow, 'endArr'), a.endArr, money),
      values: [a.startArr, a.endArr, target],
      lower: false,
    },
    {
      label: 'Seats',
      base: act.seatsStart === null ? input(null, FORMATS.integer) : num(act.seatsStart, FORMATS.integer),
      target: input(null, FORMATS.integer),
      actual: act.seatsEnd === null ? null : num(act.seatsEnd, FORMATS.integer),
      values: [act.seatsStart, act.seatsEnd, null],
      lower: false,
    },
    {
      label: 'Health score (0–100)',
      base: input(null, FORMATS.decimal1),
      target: input(BENCHMARKS.HEALTH.good, FORMATS.decimal1),
      actual: health.score === null ? null : num(health.score, FORMATS.decimal1),
      values: [null, health.score, BENCHMARKS.HEALTH.good],
      lower: false,
    },
    {
      label: 'CSAT mean (of 5), tickets in the period',
      base: input(null, FORMATS.decimal2),
      target: input(BENCHMARKS.CSAT.good, FORMATS.decimal2),
      actual: csatMean === null ? null : num(csatMean, FORMATS.decimal2),
      values: [null, csatMean, BENCHMARKS.CSAT.good],
      lower: false,
    },
  ];
  metrics.forEach((m) => {
    const r = rows.length;
    const c = (col: number) => cellAddress(r, col);
    const [b, actual, t] = m.values;
    rows.push([label(m.label), m.base, m.target, m.actual, fx(metricStatusFormula(c(1), c(3), c(2), m.lower), metricStatus(b, actual, t, m.lower))]);
  });
  const vLast = rows.length - 1;
  cf.push(...metricStatusBands(colRange(vFirst, vLast, 4)));
  rows.push(
    ...noteRows(
      `Targets and baselines are editable (shaded). The ARR target starts at ARR on ${model.period.from} × the low end of the ` +
        `${a.segment} NRR target band; health 70 and CSAT 4.0 are the playbook’s “good” marks. ${health.source}`,
      TAB_WIDTH,
    ),
  );
  rows.push(
    ...noteRows(
      'Status: Met when the actual reaches the target; Improving when it moved the right way from the baseline; otherwise Behind.',
      TAB_WIDTH,
    ),
  );

  return makeTab({
    key: accountTabKey(SUCCESS_PLAN_KEY_PREFIX, a.id),
    name: accountTabName(SUCCESS_PLAN_TITLE_PREFIX, a.name),
    rows,
    columnWidths: WIDTHS,
    frozenRows: headerRow + 1,
    conditionalFormats: cf,
    dropdowns,
  });
}
