/**
 * Tab 3, Health Scores (reports.md): per account, four components 0–100 (from the accounts
 * table, else derived from the 90 days before the period's end: see data/health-components.ts),
 * editable weights (equal by default), the composite with CS_HEALTH semantics, the band with
 * CS_HEALTH_BAND's edges, the driver, and the action list the playbook asks for ("health scores
 * without action" is an anti-pattern).
 *
 * Layout (one header row for the whole tab, frozen with the weights above it):
 *   row 4        the weights, editable input cells above their component columns
 *   row 5        header: id, name, tier, ARR, the four components, score, band, driver, motion
 *   then         the action list (values computed by core: Red accounts with ARR > 0 at the end,
 *                sorted by ARR descending, then score ascending), since it is what a reader acts on
 *   then         accounts and ARR by band (formulas) with a chart, and how the components are made
 *   then         all accounts, in the Data tab's order: components as values, everything else as
 *                native formulas, so that editing a weight updates every score, band and motion.
 *
 * Formulas (only the portable functions; array arithmetic only inside SUMPRODUCT):
 *   tier, ARR    direct references to the account's Data tab row
 *   score        IF(SUMPRODUCT(W*(row<>""))=0,"",SUMPRODUCT(W,row)/SUMPRODUCT(W*(row<>"")))
 *                a blank component is left out and its weight shared, as CS_HEALTH does. Where the
 *                non-blank components' weights sum to 0, the cell is blank (CS_HEALTH gives #DIV/0!).
 *   band         IF(score="","",IF(score<50,"Red",IF(score>=75,"Green","Yellow")))
 *   driver       a value computed by core (healthDriver): the first component with the largest
 *                weight × (100 − component); blank when none pulls the score down. Refreshed when
 *                the tab is regenerated, like the action list.
 *   motion       the tier's motion for a Red account with ARR above 0, else blank.
 */
import { deriveHealthComponents, HEALTH_COMPONENT_KEYS, HEALTH_WINDOW_DAYS } from '../data/health-components';
import type { HealthComponentKey, HealthComponentsResult } from '../data/health-components';
import type { AccountFigures, ReportModel } from '../data/model';
import { dayFromIso, isoFromDay } from '../dates';
import { DEFAULT_GREEN_FROM, DEFAULT_RED_BELOW, healthBand, healthOfRow } from '../metrics/health';
import type { HealthBand } from '../metrics/health';
import type { Tier } from '../metrics/tiering';
import { cellAddress, columnLetters } from './a1';
import { DATA_FIRST_ROW, DATA_KEY, dataColumnIndex } from './data-tab';
import {
  abs,
  absColRange,
  colRange,
  fitLines,
  formulaText,
  fx,
  header,
  label,
  makeTab,
  moneyFormat,
  note,
  noteRows,
  num,
  RepeatedCells,
  rowFormula,
  text,
  textBand,
  titleRows,
  widthOf,
} from './layout';
import type { Row } from './layout';
import { FORMATS, sheetRef } from './tab-model';
import type { ConditionalFormat, TabDescription } from './tab-model';

export const HEALTH_KEY = 'health-scores';
export const HEALTH_TITLE = 'Health Scores';

/** Column headers of the components, in HEALTH_COMPONENT_KEYS order (also the driver's text). */
export const HEALTH_COMPONENT_LABELS: Record<HealthComponentKey, string> = {
  adoption: 'Adoption',
  support: 'Support',
  satisfaction: 'Satisfaction',
  stability: 'Stability',
};

/** The motion to run for a Red account, by its tier at the period end (reports.md, playbook tiers). */
export const HEALTH_MOTIONS: Record<Tier, string> = {
  'High Touch': 'CSM-led recovery plan and executive sponsor',
  'Low Touch': 'Pooled CSM outreach',
  'Tech Touch': 'Automated re-engagement journey',
};

export interface HealthOptions {
  /** Weights per component (each ≥ 0). Default: equal, 0.25 each. */
  weights?: Partial<Record<HealthComponentKey, number>>;
}

/** Column layout: one header for the action list and the account table. */
const C = {
  id: 0,
  name: 1,
  tier: 2,
  arr: 3,
  firstComponent: 4, // E–H: adoption, support, satisfaction, stability
  score: 8,
  band: 9,
  driver: 10,
  motion: 11,
} as const;
const WIDTHS = [14, 28, 15, 13, 10, 10, 13, 10, 10, 9, 13, 38];
const TAB_WIDTH = widthOf(WIDTHS);
/** The band summary uses A–D; its chart sits to the right, its notes below it within A–D. */
const SUMMARY_WIDTH = widthOf(WIDTHS, 0, 4);
const CHART = { col: 4, widthCols: 6, heightRows: 13 } as const;
const BANDS: readonly HealthBand[] = ['Red', 'Yellow', 'Green'];
const BAND_TONE = { Red: 'bad', Yellow: 'neutral', Green: 'good' } as const;

/** One account's figures on the tab, as core computes them. */
export interface HealthRowFigures {
  account: AccountFigures;
  /** Components in HEALTH_COMPONENT_KEYS order, NaN where blank. */
  components: number[];
  /** Composite score; NaN when blank. */
  score: number;
  band: HealthBand | '';
  /** The driver's label, or '' when none. */
  driver: string;
  /** The motion for a Red account with ARR above 0 at the end, else ''. */
  motion: string;
}

function componentWeights(options: HealthOptions): number[] {
  const equal = 1 / HEALTH_COMPONENT_KEYS.length;
  return HEALTH_COMPONENT_KEYS.map((k) => options.weights?.[k] ?? equal);
}

/** The driver: first component with the largest weight × (100 − component) among non-blank ones; '' when that is ≤ 0. */
export function healthDriver(components: readonly number[], weights: readonly number[]): string {
  let best = -1, at = -1;
  components.forEach((c, k) => {
    if (Number.isNaN(c)) return;
    const pull = weights[k] * (100 - c);
    if (pull > best) {
      best = pull;
      at = k;
    }
  });
  return at < 0 || best <= 0 ? '' : HEALTH_COMPONENT_LABELS[HEALTH_COMPONENT_KEYS[at]];
}

/**
 * Every account's components, score, band, driver and motion. Components come from the
 * account's own table values first (AccountFigures.health), then the derivation over
 * model.data. Accounts are matched to model.data by id (case-insensitive).
 */
export function healthFigures(model: ReportModel, options: HealthOptions = {}): {
  rows: HealthRowFigures[];
  derived: HealthComponentsResult;
  weights: number[];
} {
  const d1 = dayFromIso(model.period.to);
  if (d1 === null) throw new Error(`health scores: period end "${model.period.to}" is not a date`);
  const derived = deriveHealthComponents(model.data, d1);
  const weights = componentWeights(options);
  const dataAccounts = model.data.accounts;
  const rows = model.accounts.map((account, i): HealthRowFigures => {
    const a =
      dataAccounts[i]?.id === account.id ? i : (model.data.accountIndex.get(account.id.trim().toLowerCase()) ?? -1);
    const components = HEALTH_COMPONENT_KEYS.map((key) => {
      const own = account.health?.[key];
      if (own !== undefined && Number.isFinite(own)) return own;
      return a >= 0 ? derived.components[key][a] : NaN;
    });
    const h = healthOfRow(components, weights);
    const band = Number.isNaN(h.score) ? '' : healthBand(h.score);
    const driver = Number.isNaN(h.score) ? '' : healthDriver(components, weights);
    const motion = band === 'Red' && account.endArr > 0 ? HEALTH_MOTIONS[account.tierEnd] : '';
    return { account, components, score: h.score, band, driver, motion };
  });
  return { rows, derived, weights };
}

/** The action list: Red accounts with ARR above 0 at the end, ARR descending, then score ascending (then id). */
export function healthActionList(rows: readonly HealthRowFigures[]): HealthRowFigures[] {
  return rows
    .filter((r) => r.band === 'Red' && r.account.endArr > 0)
    .sort(
      (x, y) =>
        y.account.endArr - x.account.endArr ||
        x.score - y.score ||
        (x.account.id < y.account.id ? -1 : x.account.id > y.account.id ? 1 : 0),
    );
}

const fmt1 = (x: number) => (Math.round(x * 100) / 100).toLocaleString('en-US');

export function buildHealthScores(model: ReportModel, options: HealthOptions = {}): TabDescription {
  const money = moneyFormat(model.currency);
  const { rows: figures, derived, weights } = healthFigures(model, options);
  const actions = healthActionList(figures);
  const rows: Row[] = titleRows(HEALTH_TITLE, model.period);
  const conditionalFormats: ConditionalFormat[] = [];
  const componentCols = HEALTH_COMPONENT_KEYS.map((_, k) => C.firstComponent + k);

  // Row 4: the weights, above their component columns.
  const weightRow = rows.length;
  const wRow: Row = [label('Weights (editable)')];
  componentCols.forEach((c, k) => (wRow[c] = num(weights[k], FORMATS.percent, 'input')));
  wRow[C.score] = note('Need not add up to 100%: a score divides by the weights of its non-blank components.');
  rows.push(wRow);
  const weightRange = `${abs(weightRow, C.firstComponent)}:${abs(weightRow, C.firstComponent + 3)}`;

  // Row 5: the header of the whole tab.
  const headerRow = rows.length;
  const heads: string[] = [];
  heads[C.id] = 'Account id';
  heads[C.name] = 'Account name';
  heads[C.tier] = 'Tier at end';
  heads[C.arr] = 'ARR at end';
  HEALTH_COMPONENT_KEYS.forEach((key, k) => (heads[C.firstComponent + k] = HEALTH_COMPONENT_LABELS[key]));
  heads[C.score] = 'Health score';
  heads[C.band] = 'Band';
  heads[C.driver] = 'Driver';
  heads[C.motion] = 'Motion (Red accounts with ARR)';
  rows.push(heads.map(header));

  // ---- Action list (values)
  rows.push([
    text('Action list: Red accounts with ARR above 0 at period end, largest ARR at risk first, then lowest score', 'section'),
  ]);
  const firstActionRow = rows.length;
  for (const f of actions) {
    const a = f.account;
    const row: Row = [{ value: a.id }, { value: a.name }, { value: a.tierEnd }, num(a.endArr, money)];
    f.components.forEach((c, k) => (row[C.firstComponent + k] = Number.isNaN(c) ? null : num(c, FORMATS.integer)));
    row[C.score] = num(f.score, FORMATS.decimal1);
    row[C.band] = { value: f.band };
    row[C.driver] = { value: f.driver };
    row[C.motion] = { value: f.motion };
    rows.push(row);
  }
  if (actions.length === 0) rows.push([note('No account is Red with ARR above 0 at the period end.')]);
  rows.push(
    ...noteRows(
      `${actions.length} account${actions.length === 1 ? '' : 's'}, computed when this tab was generated with the weights then in row ${weightRow + 1}. ` +
        'The scores, bands and motions under All accounts are live formulas: after editing a weight, regenerate the tab to refresh this list and the drivers.',
      TAB_WIDTH,
    ),
  );

  // ---- All accounts: row positions first, so the summary can refer to them.
  rows.push([]);
  const summarySection = rows.length;
  const summaryHeader = summarySection + 1;
  const firstBandRow = summaryHeader + 1;
  const noScoreRow = firstBandRow + BANDS.length;
  const totalRow = noScoreRow + 1;
  const windowFrom = isoFromDay(derived.window.from);
  const howNotes = [
    `Components (0–100) come from the accounts table where it has them; otherwise from events from ${windowFrom} up to ${model.period.to} (${HEALTH_WINDOW_DAYS} days, end excluded).`,
    `Adoption: distinct features used ÷ the most of any account (${fmt1(derived.maxFeatures)}). ` +
      `Support: 1 − tickets per seat ÷ the highest (${fmt1(derived.maxTicketsPerSeat)}); an escalation counts as 3 tickets.`,
    'Satisfaction: share of CSAT scores of 4 or 5. Stability: 1 − usage errors ÷ usage count. A blank component has no data: its weight is shared by the others.',
    `Band: Red below ${DEFAULT_RED_BELOW}, Green from ${DEFAULT_GREEN_FROM}, Yellow between. Driver: the largest weight × (100 − component).`,
  ].flatMap((p) => fitLines(p, SUMMARY_WIDTH, 'note'));
  const notesStart = totalRow + 2;
  const chartEnd = summarySection + CHART.heightRows;
  const accountsSection = Math.max(notesStart + howNotes.length, chartEnd) + 1;
  const firstAccountRow = accountsSection + 1;
  const lastAccountRow = firstAccountRow + Math.max(figures.length, 1) - 1;
  const bandRange = absColRange(firstAccountRow, lastAccountRow, C.band);
  const arrRange = absColRange(firstAccountRow, lastAccountRow, C.arr);

  // ---- Accounts and ARR by band (formulas over the account table)
  rows.push([text('Accounts by health band (ARR above 0 at period end)', 'section')]);
  const sh: Row = [header('Band'), header('Accounts'), header('ARR at end'), header('Share of ARR')];
  rows.push(sh);
  const active = figures.filter((f) => f.account.endArr > 0);
  const totalArr = active.reduce((s, f) => s + f.account.endArr, 0);
  const byBand = new Map<HealthBand | '', { count: number; arr: number }>(BANDS.map((b) => [b, { count: 0, arr: 0 }]));
  for (const f of active) {
    const sum = byBand.get(f.band);
    if (sum) {
      sum.count++;
      sum.arr += f.account.endArr;
    }
  }
  const countOf = (b: HealthBand) => (byBand.get(b) as { count: number }).count;
  const arrOf = (b: HealthBand) => (byBand.get(b) as { arr: number }).arr;
  const shareCell = (r: number, arr: number): Row[number] =>
    fx(
      `IF(${abs(totalRow, 2)}=0,"",${cellAddress(r, 2)}/${abs(totalRow, 2)})`,
      totalArr === 0 ? null : arr / totalArr,
      FORMATS.percent,
    );
  for (const b of BANDS) {
    const r = rows.length;
    rows.push([
      label(b),
      fx(`COUNTIFS(${bandRange},${formulaText(b)},${arrRange},">0")`, countOf(b), FORMATS.integer),
      fx(`SUMIFS(${arrRange},${bandRange},${formulaText(b)},${arrRange},">0")`, arrOf(b), money),
      shareCell(r, arrOf(b)),
    ]);
  }
  {
    const r = rows.length;
    const scored = BANDS.reduce((s, b) => s + countOf(b), 0);
    const scoredArr = BANDS.reduce((s, b) => s + arrOf(b), 0);
    const above = colRange(firstBandRow, noScoreRow - 1, 1);
    const aboveArr = colRange(firstBandRow, noScoreRow - 1, 2);
    rows.push([
      label('No score'),
      fx(`${cellAddress(totalRow, 1)}-SUM(${above})`, active.length - scored, FORMATS.integer),
      fx(`${cellAddress(totalRow, 2)}-SUM(${aboveArr})`, totalArr - scoredArr, money),
      shareCell(r, totalArr - scoredArr),
    ]);
  }
  rows.push([
    text('Total', 'total'),
    fx(`COUNTIFS(${arrRange},">0")`, active.length, FORMATS.integer, 'total'),
    fx(`SUMIFS(${arrRange},${arrRange},">0")`, totalArr, money, 'total'),
    fx(`IF(${cellAddress(totalRow, 2)}=0,"",1)`, totalArr === 0 ? null : 1, FORMATS.percent, 'total'),
  ]);
  for (const b of BANDS) conditionalFormats.push(textBand(colRange(firstBandRow, noScoreRow - 1, 0), b, BAND_TONE[b]));
  rows.push([]);
  for (const line of howNotes) rows.push([note(line)]);
  while (rows.length < accountsSection) rows.push([]);

  // ---- All accounts (Data tab order)
  rows.push([
    text('All accounts: score, band and motion are live formulas of the components and the weights in row ' + (weightRow + 1) + '; the driver is refreshed on regeneration', 'section'),
  ]);
  if (rows.length !== firstAccountRow) throw new Error('health scores layout: account table moved');
  // Each column's formula is made once as a row template (rowFormula), then filled in per row.
  const dataRef = (key: 'tierEnd' | 'endArr') =>
    rowFormula((n) => `${sheetRef(DATA_KEY)}!${columnLetters(dataColumnIndex(key))}${n}`);
  const tierFormula = dataRef('tierEnd');
  const arrFormula = dataRef('endArr');
  const scoreFormula = rowFormula((n) => {
    const comps = `${columnLetters(C.firstComponent)}${n}:${columnLetters(C.firstComponent + 3)}${n}`;
    const present = `SUMPRODUCT(${weightRange}*(${comps}<>""))`;
    return `IF(${present}=0,"",SUMPRODUCT(${weightRange},${comps})/${present})`;
  });
  const bandFormula = rowFormula((n) => {
    const s = `${columnLetters(C.score)}${n}`;
    return `IF(${s}="","",IF(${s}<${DEFAULT_RED_BELOW},"Red",IF(${s}>=${DEFAULT_GREEN_FROM},"Green","Yellow")))`;
  });
  const motionFormula = rowFormula((n) => {
    const t = `${columnLetters(C.tier)}${n}`;
    return (
      `IF(AND(${columnLetters(C.band)}${n}="Red",${columnLetters(C.arr)}${n}>0),IF(${t}="High Touch",${formulaText(HEALTH_MOTIONS['High Touch'])},` +
      `IF(${t}="Low Touch",${formulaText(HEALTH_MOTIONS['Low Touch'])},${formulaText(HEALTH_MOTIONS['Tech Touch'])})),"")`
    );
  });
  const cells = new RepeatedCells();
  figures.forEach((f, i) => {
    const r = rows.length;
    const n = r + 1;
    const dataRow = DATA_FIRST_ROW + i + 1;
    const a = f.account;
    const row: Row = [{ value: a.id }, { value: a.name }];
    row[C.tier] = fx(tierFormula(dataRow), a.tierEnd);
    row[C.arr] = fx(arrFormula(dataRow), a.endArr, money);
    f.components.forEach((c, k) => (row[C.firstComponent + k] = Number.isNaN(c) ? null : cells.get(c, FORMATS.integer)));
    row[C.score] = fx(scoreFormula(n), f.score, FORMATS.decimal1);
    row[C.band] = fx(bandFormula(n), f.band);
    // The driver is core's figure (a portable formula for it runs to ~900 characters a row, which
    // made 100,000-account workbooks slow to write and open); it is refreshed on regeneration.
    row[C.driver] = cells.get(f.driver);
    row[C.motion] = fx(motionFormula(n), f.motion);
    rows.push(row);
  });
  if (figures.length === 0) rows.push([note('No accounts in the data.')]);

  const bandCells = colRange(firstActionRow, lastAccountRow, C.band);
  for (const b of BANDS) conditionalFormats.push(textBand(bandCells, b, BAND_TONE[b]));

  // Tier, ARR, score, band and motion are one formula per column, filled down the account table.
  const filledDown =
    figures.length > 1
      ? [C.tier, C.arr, C.score, C.band, C.motion].map((col) => ({ col, firstRow: firstAccountRow, lastRow: lastAccountRow }))
      : [];

  return makeTab({
    key: HEALTH_KEY,
    name: HEALTH_TITLE,
    rows,
    columnWidths: WIDTHS,
    frozenRows: headerRow + 1,
    frozenColumns: 2,
    conditionalFormats,
    filledDown,
    charts: [
      {
        kind: 'column',
        title: 'ARR by health band (ARR above 0 at period end)',
        categories: colRange(firstBandRow, noScoreRow, 0),
        series: [{ name: 'ARR at end', values: colRange(firstBandRow, noScoreRow, 2) }],
        anchor: { row: summarySection, col: CHART.col, widthCols: CHART.widthCols, heightRows: CHART.heightRows },
      },
    ],
  });
}
