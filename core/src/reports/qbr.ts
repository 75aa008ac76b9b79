/**
 * Tab 4, QBR – account (reports.md): a value report for one account, following the playbook's
 * value realisation framework. It leads with value delivered (value metrics baseline → current
 * against target, ARR at D0 and D1, success criteria), then health, customer voice, adoption by
 * month with a chart, support load, risks, expansion signals and a next-quarter plan to fill in.
 *
 * Figures that are sums, ratios or lookups are native formulas (ARR reads the account's row of the
 * Data tab); per-account event counts come from core (account-activity.ts) as values, and the
 * figures derived from them are formulas over those values. Every formula carries `expected`.
 */
import { accountActivity, type AccountActivity } from '../data/account-activity';
import { deriveHealthComponents, type HealthComponentsResult } from '../data/health-components';
import type { AccountFigures, HealthFromTable, ReportModel } from '../data/model';
import { addMonthsToDay, dayFromIso, excelSerialFromDay, isoFromDay } from '../dates';
import { DEFAULT_GREEN_FROM, DEFAULT_RED_BELOW, healthBand, healthOfRow } from '../metrics/health';
import { BENCHMARKS, NRR_TARGETS } from '../metrics/benchmarks';
import type { Segment } from '../metrics/tiering';
import { cellAddress } from './a1';
import { DATA_FIRST_ROW, DATA_KEY, dataColumnIndex } from './data-tab';
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
import { legalTabName } from './tab-names';
import { FORMATS, sheetRef, type Cell, type ConditionalFormat, type DropdownValidation, type TabDescription } from './tab-model';

export const QBR_KEY_PREFIX = 'qbr';
export const QBR_TITLE_PREFIX = 'QBR';

/** Status options of plan rows (the Success Plan uses the same). */
export const PLAN_STATUSES = ['Not started', 'On track', 'At risk', 'Done'];
/** Status options of success criteria. */
export const CRITERION_STATUSES = ['Met', 'On track', 'At risk', 'Not met'];

const WIDTHS = [36, 14, 14, 14, 14, 14, 14, 14];
const TAB_WIDTH = widthOf(WIDTHS);

// ---------------------------------------------------------------------------------------------
// Shared with the Success Plan

/**
 * A stable tab key for an account: `<prefix>-<id>` when the id is already [a-z0-9-], else the
 * id's letters and digits plus a short hash, so two ids never share a key.
 */
export function accountTabKey(prefix: string, accountId: string): string {
  const id = accountId.trim().toLowerCase();
  if (/^[a-z0-9-]+$/.test(id)) return `${prefix}-${id}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const slug = id.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${prefix}-${slug ? slug + '-' : ''}${h.toString(16).padStart(8, '0')}`;
}

/** "QBR - Acme 1" made legal (F20): ≤ 31 characters, no \ / ? * [ ] :, no apostrophe at the ends. */
export function accountTabName(prefix: string, accountName: string): string {
  return legalTabName(`${prefix} - ${accountName}`);
}

/** A reference to one cell of the account's row on the Data tab. */
export function dataCell(accountRow: number, key: Parameters<typeof dataColumnIndex>[0]): string {
  return `${sheetRef(DATA_KEY)}!${abs(DATA_FIRST_ROW + accountRow, dataColumnIndex(key))}`;
}

/** A date as a spreadsheet serial number (shown with FORMATS.date), so dates compare as numbers. */
export function dateCell(iso: string | undefined | null, style?: Cell['style']): Cell {
  const d = iso ? dayFromIso(iso) : null;
  return { value: d === null ? null : excelSerialFromDay(d), format: FORMATS.date, ...(style ? { style } : {}) };
}

/** User text as a literal cell (never a formula); absent stays empty. */
export function userText(v: string | undefined): Cell | null {
  return v === undefined || v === '' ? null : { value: v };
}

export const HEALTH_COMPONENTS = ['adoption', 'support', 'satisfaction', 'stability'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];
export const COMPONENT_LABELS: Record<HealthComponent, string> = {
  adoption: 'Adoption',
  support: 'Support',
  satisfaction: 'Satisfaction',
  stability: 'Stability',
};

export interface AccountHealth {
  components: Partial<Record<HealthComponent, number>>;
  /** An overall score given in the accounts table (used when there are no components). */
  givenScore?: number;
  /** The composite at equal weights (CS_HEALTH semantics), or the given score; null when not available. */
  score: number | null;
  band: 'Red' | 'Yellow' | 'Green' | null;
  source: string;
}

const derivedCache = new WeakMap<ReportModel, HealthComponentsResult>();

function derived(model: ReportModel): HealthComponentsResult {
  let r = derivedCache.get(model);
  if (!r) {
    r = deriveHealthComponents(model.data, dayFromIso(model.period.to) ?? 0);
    derivedCache.set(model, r);
  }
  return r;
}

/**
 * The account's health: components derived over the 90 days before D1 (health-components.ts,
 * as the Health Scores tab), with the accounts table's components taking precedence one by one;
 * when the cleaned input does not hold the account, the accounts-table figures alone.
 * The composite is CS_HEALTH at equal weights; an overall score column is used only when there
 * is no component at all.
 */
export function accountHealth(model: ReportModel, act: Pick<AccountActivity, 'account' | 'dataIndex'>): AccountHealth {
  const h: HealthFromTable = act.account.health ?? {};
  const components: Partial<Record<HealthComponent, number>> = {};
  let source = 'Components from the accounts table.';
  if (act.dataIndex >= 0) {
    const d = derived(model);
    for (const k of HEALTH_COMPONENTS) {
      const v = d.components[k][act.dataIndex];
      if (Number.isFinite(v)) components[k] = v;
    }
    source =
      `Components over the 90 days before ${model.period.to} (${isoFromDay(d.window.from)} to ${model.period.asOf}), ` +
      'as on the Health Scores tab; a component given in the accounts table is used as given.';
  } else {
    for (const k of HEALTH_COMPONENTS) if (h[k] !== undefined && Number.isFinite(h[k])) components[k] = h[k];
  }
  const values = HEALTH_COMPONENTS.map((k) => components[k] ?? NaN);
  const row = healthOfRow(values, HEALTH_COMPONENTS.map(() => 1 / HEALTH_COMPONENTS.length));
  if (row.present > 0) return { components, score: row.score, band: healthBand(row.score), source };
  if (h.score !== undefined && Number.isFinite(h.score)) {
    return { components, givenScore: h.score, score: h.score, band: healthBand(h.score), source: 'Overall score from the accounts table.' };
  }
  const window = act.dataIndex >= 0 ? `in the 90 days before ${model.period.to} (${isoFromDay(derived(model).window.from)} to ${model.period.asOf})` : 'for this account';
  return {
    components,
    score: null,
    band: null,
    source: `Health: not available (no usage, tickets or health columns ${window}).`,
  };
}

export const bandFormula = (cell: string) =>
  `IF(${cell}="","",IF(${cell}<${DEFAULT_RED_BELOW},"Red",IF(${cell}>=${DEFAULT_GREEN_FROM},"Green","Yellow")))`;

export function healthBands(range: string): ConditionalFormat[] {
  return [textBand(range, 'Green', 'good'), textBand(range, 'Yellow', 'neutral'), textBand(range, 'Red', 'bad')];
}

/** Value-metric status: "Set a target", "No data", "Met", "Improving" or "Behind". */
export function metricStatus(base: number | null, current: number | null, target: number | null, lowerIsBetter: boolean): string {
  if (target === null) return 'Set a target';
  if (current === null) return 'No data';
  if (lowerIsBetter ? current <= target : current >= target) return 'Met';
  if (base === null) return 'Behind';
  return (lowerIsBetter ? current < base : current > base) ? 'Improving' : 'Behind';
}

export function metricStatusFormula(base: string, current: string, target: string, lowerIsBetter: boolean): string {
  const met = lowerIsBetter ? `${current}<=${target}` : `${current}>=${target}`;
  const better = lowerIsBetter ? `${current}<${base}` : `${current}>${base}`;
  return (
    `IF(${target}="","Set a target",IF(${current}="","No data",IF(${met},"Met",` +
    `IF(${base}="","Behind",IF(${better},"Improving","Behind")))))`
  );
}

export function metricStatusBands(range: string): ConditionalFormat[] {
  return [textBand(range, 'Met', 'good'), textBand(range, 'Improving', 'neutral'), textBand(range, 'Behind', 'bad')];
}

/**
 * A year's ARR target from `arr`: × the low end of the segment's NRR band, rounded, and never
 * below `arr` (SMB's band starts at 95%: an account's plan does not aim to shrink). Null for no ARR.
 */
export function arrTargetFrom(arr: number, segment: Segment): number | null {
  return arr > 0 ? Math.round(arr * Math.max(1, NRR_TARGETS[segment].low)) : null;
}

/** The ARR target of the period's value metrics, from the ARR at its start. */
export function arrTarget(account: AccountFigures): number | null {
  return arrTargetFrom(account.startArr, account.segment);
}

const inputCell = (value: number | null, format?: string): Cell => ({ value, style: 'input', ...(format ? { format } : {}) });

// ---------------------------------------------------------------------------------------------

interface MetricRow {
  label: string;
  base: Cell | null;
  current: Cell | null;
  target: Cell;
  values: [number | null, number | null, number | null];
  lowerIsBetter: boolean;
  format: string;
}

export function buildQbr(model: ReportModel, accountId: string): TabDescription {
  const act = accountActivity(model, accountId);
  const a = act.account;
  const money = moneyFormat(model.currency);
  const name = accountTabName(QBR_TITLE_PREFIX, a.name);
  const rows: Row[] = titleRows(`QBR – ${a.name}`, model.period);
  const cf: ConditionalFormat[] = [];
  const dropdowns: DropdownValidation[] = [];
  const health = accountHealth(model, act);
  const hasUsage = act.usage !== null;
  const hasTickets = act.tickets !== null;
  const d1 = dayFromIso(model.period.to) ?? 0;
  const asOfDay = dayFromIso(model.period.asOf) ?? d1 - 1;

  // Account strip (row 5 is the frozen header row).
  rows.push([]);
  const headerRow = rows.length;
  rows.push(
    ['Account name', 'Account id', 'Segment', 'Tier at start', 'Tier at end', 'CSM / owner', 'Renewal date', 'Seats at end'].map(header),
  );
  rows.push([
    { value: a.name },
    { value: a.id },
    { value: a.segment },
    { value: a.tierStart },
    { value: a.tierEnd },
    userText(a.owner),
    dateCell(a.renewalDate),
    act.seatsEnd === null ? null : num(act.seatsEnd, FORMATS.integer),
  ]);

  // ------------------------------------------------------------------ 1. Value delivered
  rows.push([]);
  rows.push([text('1. Value delivered', 'section')]);
  rows.push(
    ...noteRows(
      'Baseline → current against the target agreed with the customer. Targets are editable (shaded); ' +
        'the ARR target starts at the playbook NRR target for the segment (never below the baseline), CSAT at 4.0 of 5 and health at 70.',
      TAB_WIDTH,
    ),
  );
  rows.push(['Value metric', 'Baseline', 'Current', 'Target', 'Status'].map(header));
  const metricsFirst = rows.length;
  const METRIC_COUNT = 6;
  for (let i = 0; i < METRIC_COUNT; i++) rows.push([]); // filled once the cells they read are placed
  const metricsLast = rows.length - 1;
  cf.push(...metricStatusBands(colRange(metricsFirst, metricsLast, 4)));
  const qNote = rows.length;
  rows.push([]); // the averaging note, written once the months are known

  // ARR
  rows.push([]);
  rows.push(['ARR', `At start ${model.period.from}`, `At end ${model.period.to}`, 'Change', 'Change %'].map(header));
  const arrRow = rows.length;
  const arrCell = (c: number) => cellAddress(arrRow, c);
  rows.push([
    label('ARR (from the Data tab)'),
    fx(dataCell(act.accountRow, 'startArr'), a.startArr, money),
    fx(dataCell(act.accountRow, 'endArr'), a.endArr, money),
    fx(`${arrCell(2)}-${arrCell(1)}`, a.endArr - a.startArr, money),
    fx(`IF(${arrCell(1)}=0,"",${arrCell(3)}/${arrCell(1)})`, a.startArr === 0 ? null : (a.endArr - a.startArr) / a.startArr, FORMATS.percent),
  ]);

  // Success criteria
  rows.push([]);
  rows.push(['Success criterion (agreed with the customer)', 'Measure', 'Target', 'Status'].map(header));
  const criteriaFirst = rows.length;
  for (let i = 0; i < 4; i++) rows.push([inputCell(null), inputCell(null), inputCell(null), inputCell(null)]);
  const criteriaLast = rows.length - 1;
  dropdowns.push({ range: colRange(criteriaFirst, criteriaLast, 3), options: CRITERION_STATUSES });
  cf.push(
    textBand(colRange(criteriaFirst, criteriaLast, 3), 'Met', 'good'),
    textBand(colRange(criteriaFirst, criteriaLast, 3), 'At risk', 'neutral'),
    textBand(colRange(criteriaFirst, criteriaLast, 3), 'Not met', 'bad'),
  );

  // ------------------------------------------------------------------ 2. Health
  rows.push([]);
  rows.push([text('2. Health and its components', 'section')]);
  rows.push(['Component', 'Score (0–100)', 'Weight', 'Band'].map(header));
  const compFirst = rows.length;
  for (const k of HEALTH_COMPONENTS) {
    const r = rows.length;
    const v = health.components[k];
    rows.push([
      label(COMPONENT_LABELS[k]),
      v === undefined ? null : num(v, FORMATS.decimal1),
      inputCell(1 / HEALTH_COMPONENTS.length, FORMATS.percent),
      fx(bandFormula(cellAddress(r, 1)), v === undefined ? null : healthBand(v)),
    ]);
  }
  const compLast = rows.length - 1;
  const scoreRow = rows.length;
  const scores = colRange(compFirst, compLast, 1);
  const weights = colRange(compFirst, compLast, 2);
  if (health.givenScore !== undefined) {
    rows.push([text('Health score (accounts table)', 'total'), num(health.givenScore, FORMATS.decimal1, 'total'), null, fx(bandFormula(cellAddress(scoreRow, 1)), health.band)]);
  } else {
    rows.push([
      text('Health score (weighted)', 'total'),
      fx(`IF(SUMIFS(${weights},${scores},">=0")=0,"",SUMPRODUCT(${scores},${weights})/SUMIFS(${weights},${scores},">=0"))`, health.score, FORMATS.decimal1, 'total'),
      null,
      fx(bandFormula(cellAddress(scoreRow, 1)), health.band),
    ]);
  }
  cf.push(...healthBands(colRange(compFirst, scoreRow, 3)));
  rows.push(
    ...noteRows(
      `${health.source} Bands: Red below ${DEFAULT_RED_BELOW}, Green from ${DEFAULT_GREEN_FROM}. ` +
        'A blank component is left out and its weight shared by the others, as CS_HEALTH does.',
      TAB_WIDTH,
    ),
  );
  const scoreCell = cellAddress(scoreRow, 1);

  // ------------------------------------------------------------------ 3. Customer voice
  rows.push([]);
  rows.push([text(`3. Customer voice (ticket scores from ${model.period.from} to ${model.period.asOf})`, 'section')]);
  const csatTotal = act.csatCounts.reduce((s, x) => s + x, 0);
  const csatHeader = rows.length;
  rows.push([header('CSAT answers'), ...[1, 2, 3, 4, 5].map((s) => ({ value: s, style: 'header' as const })), header('Answered')]);
  const csatRow = rows.length;
  rows.push([
    label('Responses (count by score)'),
    ...act.csatCounts.map((n) => num(n, FORMATS.integer)),
    fx(`SUM(${cellAddress(csatRow, 1)}:${cellAddress(csatRow, 5)})`, csatTotal, FORMATS.integer),
  ]);
  const csatN = cellAddress(csatRow, 6);
  const csatShareRow = rows.length;
  const csatShare = csatTotal === 0 ? null : (act.csatCounts[3] + act.csatCounts[4]) / csatTotal;
  const csatMean = csatTotal === 0 ? null : act.csatCounts.reduce((s, n, i) => s + n * (i + 1), 0) / csatTotal;
  rows.push([
    label('CSAT (share answering 4 or 5)'),
    fx(`IF(${csatN}=0,"",SUM(${cellAddress(csatRow, 4)}:${cellAddress(csatRow, 5)})/${csatN})`, csatShare, FORMATS.percent),
  ]);
  const csatMeanRow = rows.length;
  const csatRating = (x: number | null) => (x === null ? null : x >= BENCHMARKS.CSAT.great ? 'Great' : x >= BENCHMARKS.CSAT.good ? 'Good' : 'Below');
  rows.push([
    label('Mean CSAT (of 5)'),
    fx(
      `IF(${csatN}=0,"",SUMPRODUCT(${cellAddress(csatHeader, 1)}:${cellAddress(csatHeader, 5)},${cellAddress(csatRow, 1)}:${cellAddress(csatRow, 5)})/${csatN})`,
      csatMean,
      FORMATS.decimal2,
    ),
    fx(
      `IF(${cellAddress(csatMeanRow, 1)}="","",IF(${cellAddress(csatMeanRow, 1)}>=${BENCHMARKS.CSAT.great},"Great",IF(${cellAddress(csatMeanRow, 1)}>=${BENCHMARKS.CSAT.good},"Good","Below")))`,
      csatRating(csatMean),
    ),
  ]);
  const detractors = act.npsCounts.slice(0, 7).reduce((s, x) => s + x, 0);
  const passives = act.npsCounts[7] + act.npsCounts[8];
  const promoters = act.npsCounts[9] + act.npsCounts[10];
  const npsTotal = detractors + passives + promoters;
  let npsRow = -1;
  if (npsTotal > 0) {
  rows.push(['NPS answers', 'Detractors 0–6', 'Passives 7–8', 'Promoters 9–10', 'Answered'].map(header));
  const npsCountRow = rows.length;
  const n = (c: number) => cellAddress(npsCountRow, c);
  rows.push([
    label('Responses'),
    num(detractors, FORMATS.integer),
    num(passives, FORMATS.integer),
    num(promoters, FORMATS.integer),
    fx(`SUM(${n(1)}:${n(3)})`, npsTotal, FORMATS.integer),
  ]);
  npsRow = rows.length;
  const nps = npsTotal === 0 ? null : (100 * (promoters - detractors)) / npsTotal;
  const npsRating = (x: number | null) => (x === null ? null : x >= BENCHMARKS.NPS.great ? 'Great' : x >= BENCHMARKS.NPS.good ? 'Good' : 'Below');
  rows.push([
    label('NPS (−100 to 100)'),
    fx(`IF(${n(4)}=0,"",100*(${n(3)}-${n(1)})/${n(4)})`, nps, FORMATS.decimal1),
    fx(
      `IF(${cellAddress(npsRow, 1)}="","",IF(${cellAddress(npsRow, 1)}>=${BENCHMARKS.NPS.great},"Great",IF(${cellAddress(npsRow, 1)}>=${BENCHMARKS.NPS.good},"Good","Below")))`,
      npsRating(nps),
    ),
  ]);
  } else {
    rows.push([label('NPS'), text('No NPS answers in the period')]);
  }
  if (a.nps !== undefined) rows.push([label('NPS (accounts table)'), num(a.nps, FORMATS.decimal1)]);
  cf.push(
    textBand(cellAddress(csatMeanRow, 2), 'Great', 'good'),
    textBand(cellAddress(csatMeanRow, 2), 'Good', 'neutral'),
    textBand(cellAddress(csatMeanRow, 2), 'Below', 'bad'),
  );
  if (npsRow >= 0) {
    cf.push(
      textBand(cellAddress(npsRow, 2), 'Great', 'good'),
      textBand(cellAddress(npsRow, 2), 'Good', 'neutral'),
      textBand(cellAddress(npsRow, 2), 'Below', 'bad'),
    );
  }
  rows.push(
    ...noteRows(
      hasTickets
        ? 'Scores of the account’s tickets submitted in the period. Ratings use the playbook benchmarks: CSAT 4.0 good, 4.5 great; NPS 30 good, 50 great.'
        : 'No tickets table was given, so there are no CSAT or NPS answers for this account.',
      TAB_WIDTH,
    ),
  );

  // ------------------------------------------------------------------ 4. Adoption and support by month
  rows.push([]);
  rows.push([text('4. Adoption and support load by month', 'section')]);
  rows.push(['Month', 'Feature uses', 'Features used', 'Usage errors', 'Tickets', 'Escalated'].map(header));
  const monthFirst = rows.length;
  for (const m of act.months) {
    rows.push([
      { value: m.month },
      hasUsage ? num(m.uses, FORMATS.integer) : null,
      hasUsage ? num(m.features, FORMATS.integer) : null,
      hasUsage ? num(m.errors, FORMATS.integer) : null,
      hasTickets ? num(m.tickets, FORMATS.integer) : null,
      hasTickets ? num(m.escalations, FORMATS.integer) : null,
    ]);
  }
  const monthLast = rows.length - 1;
  const totalRow = rows.length;
  const sumCol = (c: number) => `SUM(${colRange(monthFirst, monthLast, c)})`;
  const sum = (f: (m: AccountActivity['months'][number]) => number) => act.months.reduce((s, m) => s + f(m), 0);
  rows.push([
    text('Period', 'total'),
    hasUsage ? fx(sumCol(1), sum((m) => m.uses), FORMATS.integer, 'total') : null,
    hasUsage ? num(act.featuresInPeriod ?? 0, FORMATS.integer, 'total') : null,
    hasUsage ? fx(sumCol(3), sum((m) => m.errors), FORMATS.integer, 'total') : null,
    hasTickets ? fx(sumCol(4), sum((m) => m.tickets), FORMATS.integer, 'total') : null,
    hasTickets ? fx(sumCol(5), sum((m) => m.escalations), FORMATS.integer, 'total') : null,
  ]);
  rows.push(
    ...noteRows(
      (hasUsage
        ? `Features used in the period row: distinct features over the whole period (${act.featuresOffered} seen in the usage data). `
        : 'No usage table was given, so adoption cannot be shown. ') +
        (hasTickets ? '' : 'No tickets table was given, so support load cannot be shown.'),
      TAB_WIDTH,
    ),
  );
  const chartRow = rows.length;
  const CHART_ROWS = 15;
  for (let i = 0; i < CHART_ROWS + 1; i++) rows.push([]);
  const charts: TabDescription['charts'] = hasUsage
    ? [
        {
          kind: 'line',
          title: 'Feature uses by month',
          categories: colRange(monthFirst, monthLast, 0),
          series: [{ name: 'Feature uses', values: colRange(monthFirst, monthLast, 1) }],
          anchor: { row: chartRow, col: 0, widthCols: 5, heightRows: CHART_ROWS },
        },
      ]
    : [];
  if (!hasUsage) rows.length = chartRow;

  // ------------------------------------------------------------------ 5. Support load
  rows.push([text('5. Support load (period)', 'section')]);
  rows.push(['Measure', 'Value'].map(header));
  const ticketsCell = cellAddress(totalRow, 4);
  const escCell = cellAddress(totalRow, 5);
  const seatsEndCell = cellAddress(headerRow + 1, 7);
  const months = act.months.length;
  const tk = act.tickets;
  if (tk) {
    const r0 = rows.length;
    rows.push([label('Tickets'), fx(ticketsCell, tk.count, FORMATS.integer)]);
    rows.push([label('Escalated tickets'), fx(escCell, tk.escalated, FORMATS.integer)]);
    rows.push([
      label('Escalation rate'),
      fx(`IF(${cellAddress(r0, 1)}=0,"",${cellAddress(r0 + 1, 1)}/${cellAddress(r0, 1)})`, tk.count === 0 ? null : tk.escalated / tk.count, FORMATS.percent),
    ]);
    rows.push([label('Tickets per month (period)'), fx(`${cellAddress(r0, 1)}/${months}`, tk.count / Math.max(months, 1), FORMATS.decimal1)]);
    rows.push([
      label('Tickets per seat'),
      fx(
        `IF(OR(${seatsEndCell}="",${seatsEndCell}=0),"",${cellAddress(r0, 1)}/${seatsEndCell})`,
        act.seatsEnd === null || act.seatsEnd === 0 ? null : tk.count / act.seatsEnd,
        FORMATS.decimal2,
      ),
    ]);
  } else {
    rows.push([label('Tickets'), text('not available (no tickets table)')]);
  }

  // ------------------------------------------------------------------ 6. Risks
  rows.push([]);
  rows.push([text('6. Risks', 'section')]);
  rows.push(['Signal', 'Value', 'Flag'].map(header));
  const riskFirst = rows.length;
  const riskRow = (title: string, value: Cell | null, flagFormula: string | null, flagExpected: string | null, detail?: string) => {
    rows.push([label(title), value, flagFormula === null ? null : fx(flagFormula, flagExpected), detail ? note(detail) : null]);
  };
  {
    const r = rows.length;
    cf.push(...healthBands(cellAddress(r, 1)));
    riskRow(
      'Health band',
      fx(cellAddress(scoreRow, 3), health.band ?? null),
      `IF(${cellAddress(r, 1)}="","",IF(${cellAddress(r, 1)}="Red","Risk","OK"))`,
      health.band === null ? null : health.band === 'Red' ? 'Risk' : 'OK',
    );
  }
  {
    const r = rows.length;
    const red = HEALTH_COMPONENTS.filter((k) => health.components[k] !== undefined && health.components[k]! < DEFAULT_RED_BELOW);
    riskRow(
      'Red health components',
      fx(`COUNTIFS(${colRange(compFirst, compLast, 3)},"Red")`, red.length, FORMATS.integer),
      `IF(${cellAddress(r, 1)}>0,"Risk","OK")`,
      red.length > 0 ? 'Risk' : 'OK',
      red.length > 0 ? red.map((k) => COMPONENT_LABELS[k]).join(', ') : undefined,
    );
  }
  if (tk) {
    const r = rows.length;
    riskRow(
      'Escalations, last 90 days',
      num(tk.escalatedLast90Days, FORMATS.integer),
      `IF(${cellAddress(r, 1)}>0,"Risk","OK")`,
      tk.escalatedLast90Days > 0 ? 'Risk' : 'OK',
      `Escalated tickets submitted from ${isoFromDay(d1 - 90)} (no close date is read, so each counts as open).`,
    );
  }
  {
    const r = rows.length;
    const change = a.endArr - a.startArr;
    riskRow('ARR change in the period', fx(arrCell(3), change, money), `IF(${cellAddress(r, 1)}<0,"Risk","OK")`, change < 0 ? 'Risk' : 'OK');
  }
  if (act.churnEvents !== null) {
    const r = rows.length;
    riskRow('Churn events in the period', num(act.churnEvents, FORMATS.integer), `IF(${cellAddress(r, 1)}>0,"Risk","OK")`, act.churnEvents > 0 ? 'Risk' : 'OK');
  }
  if (a.renewalDate !== undefined) {
    const r = rows.length;
    const days = (dayFromIso(a.renewalDate) ?? asOfDay) - asOfDay;
    riskRow(
      'Days to renewal (from as-of date)',
      num(days, FORMATS.integer),
      `IF(AND(${cellAddress(r, 1)}>=0,${cellAddress(r, 1)}<=90),"Risk","OK")`,
      days >= 0 && days <= 90 ? 'Risk' : 'OK',
      'Risk when the renewal falls within 90 days.',
    );
  }
  const riskLast = rows.length - 1;
  cf.push(textBand(colRange(riskFirst, riskLast, 2), 'Risk', 'bad'), textBand(colRange(riskFirst, riskLast, 2), 'OK', 'good'));

  // ------------------------------------------------------------------ 7. Expansion signals
  rows.push([]);
  rows.push([text('7. Expansion signals', 'section')]);
  rows.push(['Signal', 'Value', 'Flag'].map(header));
  const expFirst = rows.length;
  const seatsStartRow = rows.length;
  rows.push([label(`Seats at ${model.period.from}`), act.seatsStart === null ? null : num(act.seatsStart, FORMATS.integer)]);
  rows.push([label(`Seats at ${model.period.to}`), act.seatsEnd === null ? null : num(act.seatsEnd, FORMATS.integer)]);
  {
    const r = rows.length;
    const s0 = cellAddress(seatsStartRow, 1), s1 = cellAddress(seatsStartRow + 1, 1);
    const growth = act.seatsStart === null || act.seatsEnd === null || act.seatsStart === 0 ? null : act.seatsEnd / act.seatsStart - 1;
    rows.push([
      label('Seat growth'),
      fx(`IF(OR(${s0}="",${s1}="",${s0}=0),"",${s1}/${s0}-1)`, growth, FORMATS.percent),
      fx(`IF(${cellAddress(r, 1)}="","",IF(${cellAddress(r, 1)}>0,"Signal","None"))`, growth === null ? null : growth > 0 ? 'Signal' : 'None'),
    ]);
  }
  if (act.upgrades !== null) {
    const r = rows.length;
    rows.push([
      label('Plan upgrades in the period'),
      num(act.upgrades, FORMATS.integer),
      fx(`IF(${cellAddress(r, 1)}>0,"Signal","None")`, act.upgrades > 0 ? 'Signal' : 'None'),
      note('A new subscription on another plan at a higher MRR.'),
    ]);
  }
  {
    const r = rows.length;
    const exp = Math.max(0, a.endArr - a.startArr);
    rows.push([
      label('ARR expansion'),
      fx(`MAX(0,${arrCell(3)})`, exp, money),
      fx(`IF(${cellAddress(r, 1)}>0,"Signal","None")`, exp > 0 ? 'Signal' : 'None'),
    ]);
  }
  // Usage trend: feature uses per month, last quarter of the period against the first.
  const q = Math.max(1, Math.min(3, Math.floor(act.months.length / 2)));
  const firstQ = act.months.slice(0, q);
  const lastQ = act.months.slice(-q);
  const avg = (ms: typeof act.months, f: (m: (typeof act.months)[number]) => number) => ms.reduce((s, m) => s + f(m), 0) / q;
  const usesFirst = colRange(monthFirst, monthFirst + q - 1, 1);
  const usesLast = colRange(monthLast - q + 1, monthLast, 1);
  const ticketsFirst = colRange(monthFirst, monthFirst + q - 1, 4);
  const ticketsLast = colRange(monthLast - q + 1, monthLast, 4);
  const usesBase = hasUsage ? avg(firstQ, (m) => m.uses) : null;
  const usesNow = hasUsage ? avg(lastQ, (m) => m.uses) : null;
  if (hasUsage) {
    const r = rows.length;
    const trend = usesBase === null || usesBase === 0 ? null : usesNow! / usesBase - 1;
    rows.push([
      label('Usage trend'),
      fx(`IF(SUM(${usesFirst})=0,"",SUM(${usesLast})/SUM(${usesFirst})-1)`, trend, FORMATS.percent),
      fx(`IF(${cellAddress(r, 1)}="","",IF(${cellAddress(r, 1)}>=0.1,"Signal","None"))`, trend === null ? null : trend >= 0.1 ? 'Signal' : 'None'),
      note(`Feature uses, last ${q} months against the first ${q}; a signal from +10%.`),
    ]);
  }
  const expLast = rows.length - 1;
  cf.push(textBand(colRange(expFirst, expLast, 2), 'Signal', 'good'));

  // ------------------------------------------------------------------ 8. Next quarter plan
  const nqStart = d1;
  const nqEnd = addMonthsToDay(d1, 3) - 1;
  rows.push([]);
  rows.push([text(`8. Next quarter plan (${isoFromDay(nqStart)} to ${isoFromDay(nqEnd)}): fill in`, 'section')]);
  rows.push(['Action', 'Owner', 'Due date', 'Status', 'Success measure'].map(header));
  const planFirst = rows.length;
  for (let i = 0; i < 5; i++) {
    rows.push([inputCell(null), inputCell(null), inputCell(null, FORMATS.date), inputCell(null), inputCell(null)]);
  }
  const planLast = rows.length - 1;
  dropdowns.push({ range: colRange(planFirst, planLast, 3), options: PLAN_STATUSES });
  cf.push(
    textBand(colRange(planFirst, planLast, 3), 'Done', 'good'),
    textBand(colRange(planFirst, planLast, 3), 'At risk', 'bad'),
  );
  rows.push(
    ...noteRows(
      'Plan the next quarter from what the figures above show: close the gaps to target, act on every risk, and follow up the expansion signals.',
      TAB_WIDTH,
    ),
  );

  // ------------------------------------------------------------------ value metrics (placed last: they read the cells above)
  const ticketsBase = hasTickets ? avg(firstQ, (m) => m.tickets) : null;
  const ticketsNow = hasTickets ? avg(lastQ, (m) => m.tickets) : null;
  const target = arrTarget(a);
  const metrics: MetricRow[] = [
    {
      label: 'ARR',
      base: fx(arrCell(1), a.startArr, money),
      current: fx(arrCell(2), a.endArr, money),
      target: inputCell(target, money),
      values: [a.startArr, a.endArr, target],
      lowerIsBetter: false,
      format: money,
    },
    {
      label: 'Seats',
      base: fx(`IF(${cellAddress(seatsStartRow, 1)}="","",${cellAddress(seatsStartRow, 1)})`, act.seatsStart, FORMATS.integer),
      current: fx(`IF(${cellAddress(seatsStartRow + 1, 1)}="","",${cellAddress(seatsStartRow + 1, 1)})`, act.seatsEnd, FORMATS.integer),
      target: inputCell(null, FORMATS.integer),
      values: [act.seatsStart, act.seatsEnd, null],
      lowerIsBetter: false,
      format: FORMATS.integer,
    },
    {
      label: 'Feature uses per month',
      base: hasUsage ? fx(`SUM(${usesFirst})/${q}`, usesBase, FORMATS.decimal1) : null,
      current: hasUsage ? fx(`SUM(${usesLast})/${q}`, usesNow, FORMATS.decimal1) : null,
      target: inputCell(null, FORMATS.decimal1),
      values: [usesBase, usesNow, null],
      lowerIsBetter: false,
      format: FORMATS.decimal1,
    },
    {
      label: 'Tickets per month',
      base: hasTickets ? fx(`SUM(${ticketsFirst})/${q}`, ticketsBase, FORMATS.decimal1) : null,
      current: hasTickets ? fx(`SUM(${ticketsLast})/${q}`, ticketsNow, FORMATS.decimal1) : null,
      target: inputCell(null, FORMATS.decimal1),
      values: [ticketsBase, ticketsNow, null],
      lowerIsBetter: true,
      format: FORMATS.decimal1,
    },
    {
      label: 'CSAT mean (of 5)',
      base: inputCell(null, FORMATS.decimal2),
      current: fx(cellAddress(csatMeanRow, 1), csatMean, FORMATS.decimal2),
      target: inputCell(BENCHMARKS.CSAT.good, FORMATS.decimal2),
      values: [null, csatMean, BENCHMARKS.CSAT.good],
      lowerIsBetter: false,
      format: FORMATS.decimal2,
    },
    {
      label: 'Health score',
      base: inputCell(null, FORMATS.decimal1),
      current: fx(scoreCell, health.score, FORMATS.decimal1),
      target: inputCell(BENCHMARKS.HEALTH.good, FORMATS.decimal1),
      values: [null, health.score, BENCHMARKS.HEALTH.good],
      lowerIsBetter: false,
      format: FORMATS.decimal1,
    },
  ];
  if (metrics.length !== METRIC_COUNT) throw new Error('qbr layout: value metric rows');
  metrics.forEach((m, i) => {
    const r = metricsFirst + i;
    const c = (col: number) => cellAddress(r, col);
    const [b, cur, t] = m.values;
    rows[r] = [
      label(m.label),
      m.base,
      m.current,
      m.target,
      fx(metricStatusFormula(c(1), c(2), c(3), m.lowerIsBetter), metricStatus(b, cur, t, m.lowerIsBetter)),
    ];
  });
  rows[qNote] = [
    note(`Per month: the average of the first ${q} months of the period (baseline) and of the last ${q} (current), from the table in section 4.`),
  ];

  return makeTab({
    key: accountTabKey(QBR_KEY_PREFIX, a.id),
    name,
    rows,
    columnWidths: WIDTHS,
    frozenRows: headerRow + 1,
    conditionalFormats: cf,
    charts,
    dropdowns,
  });
}

export { COLORS };
