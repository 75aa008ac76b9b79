/**
 * Tab 1, Coverage Model: the playbook's coverage decision framework applied to the accounts.
 * Per tier (at the period end, accounts with ARR > 0): accounts, ARR and share, CSM FTE at
 * both ends of the playbook's ratio range and at an editable planning ratio, cost to serve at
 * an editable loaded CSM cost against the playbook's band, touch frequency and motions.
 * With an owner column: each CSM's load in FTE, flagged above 1.0.
 */
import type { ReportModel } from '../data/model';
import { COST_TO_SERVE_BANDS, CSM_RATIOS, TIER_MOTIONS } from '../metrics/benchmarks';
import type { Tier } from '../metrics/tiering';
import { FORMATS } from './tab-model';
import type { ConditionalFormat, TabDescription } from './tab-model';
import { dataRanges } from './data-tab';
import {
  COLORS,
  abs,
  colRange,
  formulaText,
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
} from './layout';
import { cellAddress } from './a1';
import type { Row } from './layout';

export const COVERAGE_KEY = 'coverage-model';
export const COVERAGE_TITLE = 'Coverage Model';

/** Default loaded cost of one CSM FTE: an assumption the user is asked to replace. */
export const DEFAULT_LOADED_CSM_COST = 150_000;

/** Highest touch first, as a reader scans the table. */
const TIER_ORDER: readonly Tier[] = ['High Touch', 'Low Touch', 'Tech Touch'];

export interface CoverageOptions {
  /** Loaded cost of one CSM FTE in the reporting currency. Default 150,000. */
  loadedCsmCost?: number;
  /** Accounts per CSM used for planning. Default: the playbook midpoints (17.5 / 75 / 500). */
  planningRatios?: Partial<Record<Tier, number>>;
}

export type CostToServeRating = 'Below' | 'Within' | 'Above';

/** COST_TO_SERVE_CHECK semantics: edges inclusive; Tech touch is Within below 3% and never Below. */
export function rateCostToServe(tier: Tier, ratio: number): CostToServeRating {
  const band = COST_TO_SERVE_BANDS[tier];
  if (tier === 'Tech Touch') return ratio < band.high ? 'Within' : 'Above';
  return ratio < band.low ? 'Below' : ratio > band.high ? 'Above' : 'Within';
}

/** Column layout of the tier table. */
const C = {
  tier: 0,
  accounts: 1,
  arr: 2,
  share: 3,
  ratioFrom: 4,
  ratioTo: 5,
  fteFrom: 6,
  fteTo: 7,
  planning: 8,
  ftePlanning: 9,
  cost: 10,
  costShare: 11,
  bandLow: 12,
  bandHigh: 13,
  vsBand: 14,
} as const;

/**
 * Column widths of the tab (A–O, the tier table). Touch frequency and motions have their own
 * small table below, and every note sits below its table in column A, so that no long text
 * widens the printed page.
 */
const WIDTHS = [24, 10, 15, 9, 13, 13, 11, 11, 11, 11, 14, 11, 10, 10, 10];
const TAB_WIDTH = widthOf(WIDTHS);

/** Touch model table: tier, frequency (runs over C–D), motions (runs over F–I). */
const T = { tier: 0, frequency: 1, motions: 4, lastCol: 8 } as const;

interface OwnerLoad {
  name: string;
  /** Accounts with ARR > 0 at the end, per tier in TIER_ORDER. */
  counts: number[];
}

/**
 * Accounts per owner and tier in one pass. Owners are compared case-insensitively (as a
 * spreadsheet's "=" does), keeping the first spelling; accounts without an owner are apart.
 */
function ownerLoads(model: ReportModel): { owners: OwnerLoad[]; unassigned: number[] } {
  const byKey = new Map<string, OwnerLoad>();
  const unassigned = TIER_ORDER.map(() => 0);
  for (const a of model.accounts) {
    const hasOwner = a.owner !== undefined && a.owner !== '';
    let load: OwnerLoad | undefined;
    if (hasOwner) {
      const key = (a.owner as string).toLowerCase();
      load = byKey.get(key);
      if (!load) byKey.set(key, (load = { name: a.owner as string, counts: TIER_ORDER.map(() => 0) }));
    }
    if (a.endArr > 0) (load ? load.counts : unassigned)[TIER_ORDER.indexOf(a.tierEnd)]++;
  }
  const owners = [...byKey.values()].sort((x, y) => x.name.localeCompare(y.name));
  return { owners, unassigned };
}

export function buildCoverageModel(model: ReportModel, options: CoverageOptions = {}): TabDescription {
  const money = moneyFormat(model.currency);
  const loadedCost = options.loadedCsmCost ?? DEFAULT_LOADED_CSM_COST;
  const planning = (t: Tier) => options.planningRatios?.[t] ?? CSM_RATIOS[t].planning;
  const d = dataRanges(model);
  const rows: Row[] = titleRows(COVERAGE_TITLE, model.period);
  const conditionalFormats: ConditionalFormat[] = [];

  // Tier table (the loaded-cost input sits below it; formulas refer to it by address)
  rows.push([]);
  rows.push([text('Coverage by tier (tier at period end; accounts with ARR above 0 at period end)', 'section')]);
  const headerRow = rows.length;
  const headers: string[] = [];
  headers[C.tier] = 'Tier';
  headers[C.accounts] = 'Accounts';
  headers[C.arr] = 'ARR';
  headers[C.share] = 'Share of ARR';
  headers[C.ratioFrom] = 'Playbook accounts per CSM (from)';
  headers[C.ratioTo] = 'Playbook accounts per CSM (to)';
  headers[C.fteFrom] = 'CSM FTE at ratio from';
  headers[C.fteTo] = 'CSM FTE at ratio to';
  headers[C.planning] = 'Planning ratio (editable)';
  headers[C.ftePlanning] = 'CSM FTE at planning ratio';
  headers[C.cost] = 'Cost to serve';
  headers[C.costShare] = 'Cost to serve % of ARR';
  headers[C.bandLow] = 'Playbook band from';
  headers[C.bandHigh] = 'Playbook band to';
  headers[C.vsBand] = 'Against band';
  rows.push(headers.map(header));

  const firstTierRow = headerRow + 1;
  const totalRow = firstTierRow + TIER_ORDER.length;
  // Rows below the table: total, band note lines, blank, assumptions section, cost input.
  const bandNote = noteRows(
    'Ratios and cost bands come from the playbook: high touch 1:10 to 1:25 at 15–25% of ARR, ' +
      'low touch 1:50 to 1:100 at 5–10%, tech touch 1:500 or more at under 3% (tech touch is never Below). ' +
      'Each account’s tier at the start and at the end is listed on the Data tab.',
    TAB_WIDTH,
  );
  const costRow = totalRow + 1 + bandNote.length + 2;
  const costCell = abs(costRow, 1);
  const totalArr = TIER_ORDER.reduce((s, t) => s + model.metrics.tiers[t].arr, 0);
  const totals = { accounts: 0, fteFrom: 0, fteTo: 0, ftePlanning: 0, cost: 0 };
  const planningCell: Record<Tier, string> = {} as Record<Tier, string>;

  TIER_ORDER.forEach((tier, i) => {
    const r = firstTierRow + i;
    const cell = (c: number) => cellAddress(r, c);
    const figures = model.metrics.tiers[tier];
    const ratios = CSM_RATIOS[tier];
    const band = COST_TO_SERVE_BANDS[tier];
    const plan = planning(tier);
    planningCell[tier] = abs(r, C.planning);
    const fteFrom = figures.accounts / ratios.from;
    const fteTo = figures.accounts / ratios.to;
    const ftePlan = plan > 0 ? figures.accounts / plan : null;
    const cost = ftePlan === null ? null : ftePlan * loadedCost;
    const costShare = cost === null || figures.arr === 0 ? null : cost / figures.arr;
    totals.accounts += figures.accounts;
    totals.fteFrom += fteFrom;
    totals.fteTo += fteTo;
    totals.ftePlanning += ftePlan ?? 0;
    totals.cost += cost ?? 0;

    const t = formulaText(tier);
    const row: Row = [];
    row[C.tier] = label(tier);
    row[C.accounts] = fx(`COUNTIFS(${d.tierEnd},${t},${d.endArr},">0")`, figures.accounts, FORMATS.integer);
    row[C.arr] = fx(`SUMIFS(${d.endArr},${d.tierEnd},${t},${d.endArr},">0")`, figures.arr, money);
    row[C.share] = fx(
      `IF(${abs(totalRow, C.arr)}=0,"",${cell(C.arr)}/${abs(totalRow, C.arr)})`,
      totalArr === 0 ? null : figures.arr / totalArr,
      FORMATS.percent,
    );
    row[C.ratioFrom] = num(ratios.from, FORMATS.integer);
    row[C.ratioTo] = num(ratios.to, FORMATS.integer);
    row[C.fteFrom] = fx(`${cell(C.accounts)}/${cell(C.ratioFrom)}`, fteFrom, FORMATS.decimal1);
    row[C.fteTo] = fx(`${cell(C.accounts)}/${cell(C.ratioTo)}`, fteTo, FORMATS.decimal1);
    row[C.planning] = num(plan, FORMATS.decimal1, 'input');
    row[C.ftePlanning] = fx(
      `IF(${cell(C.planning)}>0,${cell(C.accounts)}/${cell(C.planning)},"")`,
      ftePlan,
      FORMATS.decimal1,
    );
    row[C.cost] = fx(`IF(${cell(C.ftePlanning)}="","",${cell(C.ftePlanning)}*${costCell})`, cost, money);
    row[C.costShare] = fx(
      `IF(OR(${cell(C.cost)}="",${cell(C.arr)}=0),"",${cell(C.cost)}/${cell(C.arr)})`,
      costShare,
      FORMATS.percent,
    );
    const share = cell(C.costShare);
    if (tier === 'Tech Touch') {
      row[C.bandLow] = null;
      row[C.bandHigh] = num(band.high, FORMATS.percent);
      row[C.vsBand] = fx(
        `IF(${share}="","",IF(${share}<${cell(C.bandHigh)},"Within","Above"))`,
        costShare === null ? null : rateCostToServe(tier, costShare),
      );
    } else {
      row[C.bandLow] = num(band.low, FORMATS.percent);
      row[C.bandHigh] = num(band.high, FORMATS.percent);
      row[C.vsBand] = fx(
        `IF(${share}="","",IF(${share}<${cell(C.bandLow)},"Below",IF(${share}>${cell(C.bandHigh)},"Above","Within")))`,
        costShare === null ? null : rateCostToServe(tier, costShare),
      );
    }
    rows.push(row);
  });

  // Total row
  const sumOf = (c: number) => `SUM(${colRange(firstTierRow, totalRow - 1, c)})`;
  const total: Row = [];
  total[C.tier] = text('Total', 'total');
  total[C.accounts] = fx(sumOf(C.accounts), totals.accounts, FORMATS.integer, 'total');
  total[C.arr] = fx(sumOf(C.arr), totalArr, money, 'total');
  total[C.share] = fx(
    `IF(${cellAddress(totalRow, C.arr)}=0,"",${sumOf(C.share)})`,
    totalArr === 0 ? null : 1,
    FORMATS.percent,
    'total',
  );
  total[C.fteFrom] = fx(sumOf(C.fteFrom), totals.fteFrom, FORMATS.decimal1, 'total');
  total[C.fteTo] = fx(sumOf(C.fteTo), totals.fteTo, FORMATS.decimal1, 'total');
  total[C.ftePlanning] = fx(sumOf(C.ftePlanning), totals.ftePlanning, FORMATS.decimal1, 'total');
  total[C.cost] = fx(sumOf(C.cost), totals.cost, money, 'total');
  total[C.costShare] = fx(
    `IF(${cellAddress(totalRow, C.arr)}=0,"",${cellAddress(totalRow, C.cost)}/${cellAddress(totalRow, C.arr)})`,
    totalArr === 0 ? null : totals.cost / totalArr,
    FORMATS.percent,
    'total',
  );
  rows.push(total);

  const vsRange = colRange(firstTierRow, totalRow - 1, C.vsBand);
  conditionalFormats.push(
    textBand(vsRange, 'Within', 'good'),
    textBand(vsRange, 'Below', 'neutral'),
    textBand(vsRange, 'Above', 'bad'),
  );
  for (const r of bandNote) rows.push(r);

  // Assumptions
  rows.push([]);
  rows.push([text('Assumptions (editable)', 'section')]);
  if (rows.length !== costRow) throw new Error('coverage layout: cost input row moved');
  rows.push([
    label('Loaded cost per CSM FTE'),
    num(loadedCost, money, 'input'),
    note(
      'Assumption: a placeholder of 150,000 per full-time CSM (salary, benefits, tools). Replace it with your own loaded cost.',
    ),
  ]);
  rows.push(
    ...noteRows(
      'Planning ratios (accounts per CSM) are the input cells of the table above; they default to the middle of the playbook range.',
      TAB_WIDTH,
    ),
  );

  // Touch model per tier (playbook), apart from the figures so its long text has room.
  rows.push([]);
  rows.push([text('Touch model by tier (playbook)', 'section')]);
  const touchHeader: Row = [];
  for (let c = 0; c <= T.lastCol; c++) touchHeader[c] = header('');
  touchHeader[T.tier] = header('Tier');
  touchHeader[T.frequency] = header('Touch frequency');
  touchHeader[T.motions] = header('Motions');
  rows.push(touchHeader);
  for (const tier of TIER_ORDER) {
    const row: Row = [];
    row[T.tier] = label(tier);
    row[T.frequency] = text(TIER_MOTIONS[tier].frequency);
    row[T.motions] = text(TIER_MOTIONS[tier].motion);
    rows.push(row);
  }

  // Per-CSM load
  rows.push([]);
  rows.push([text('CSM load (accounts with ARR above 0 at period end, by owner)', 'section')]);
  const { owners, unassigned } = ownerLoads(model);
  if (owners.length === 0) {
    rows.push(
      ...noteRows(
        'No owner (CSM) column was mapped, so each CSM’s load cannot be shown. Map an owner column and regenerate.',
        TAB_WIDTH,
      ),
    );
  } else {
    rows.push([
      header('CSM / owner'),
      header('High Touch accounts'),
      header('Low Touch accounts'),
      header('Tech Touch accounts'),
      header('Load (FTE)'),
      header('Status'),
    ]);
    const firstOwnerRow = rows.length;
    const ownerRow = (name: Row[number], criterion: string, counts: number[], flag: boolean) => {
      const r = rows.length;
      const load = TIER_ORDER.reduce((s, t, i) => s + counts[i] / planning(t), 0);
      const row: Row = [name];
      TIER_ORDER.forEach((t, i) => {
        row[1 + i] = fx(
          `SUMPRODUCT((${d.owner}=${criterion})*(${d.tierEnd}=${formulaText(t)})*(${d.endArr}>0))`,
          counts[i],
          FORMATS.integer,
        );
      });
      row[4] = fx(
        TIER_ORDER.map((t, i) => `${cellAddress(r, 1 + i)}/${planningCell[t]}`).join('+'),
        load,
        FORMATS.decimal2,
      );
      if (flag) row[5] = fx(`IF(${cellAddress(r, 4)}>1,"Overloaded","OK")`, load > 1 ? 'Overloaded' : 'OK');
      else row[5] = note('Not a CSM: accounts to assign');
      rows.push(row);
    };
    for (const o of owners) {
      // The owner's own cell is the criterion, so user text never becomes formula text.
      ownerRow({ value: o.name }, `$A${rows.length + 1}`, o.counts, true);
    }
    const lastOwnerRow = rows.length - 1;
    if (unassigned.some((n) => n > 0)) ownerRow(label('(no owner)'), '""', unassigned, false);
    conditionalFormats.push(
      textBand(colRange(firstOwnerRow, lastOwnerRow, 5), 'Overloaded', 'bad'),
      {
        kind: 'formula',
        range: colRange(firstOwnerRow, lastOwnerRow, 4),
        formula: `${cellAddress(firstOwnerRow, 4)}>1`,
        fill: COLORS.bad.fill,
        fontColor: COLORS.bad.fontColor,
      },
    );
    rows.push(
      ...noteRows(
        'Load = Σ over tiers of (the CSM’s accounts in the tier ÷ the tier’s planning ratio). Above 1.0 FTE the CSM is overloaded.',
        TAB_WIDTH,
      ),
    );
  }

  const chartRow = rows.length + 1;
  return makeTab({
    key: COVERAGE_KEY,
    name: COVERAGE_TITLE,
    rows,
    columnWidths: WIDTHS,
    frozenRows: headerRow + 1,
    conditionalFormats,
    charts: [
      {
        kind: 'column',
        title: 'ARR by coverage tier',
        categories: colRange(firstTierRow, totalRow - 1, C.tier),
        series: [{ name: 'ARR', values: colRange(firstTierRow, totalRow - 1, C.arr) }],
        anchor: { row: chartRow, col: 0, widthCols: 6, heightRows: 15 },
      },
    ],
  });
}
