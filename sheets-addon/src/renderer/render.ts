/**
 * Draws core's TabDescriptions into the active spreadsheet with SpreadsheetApp.
 *
 * Everything host-neutral (final formulas, escaped text, number formats, style runs, blocks)
 * comes from core/src/reports/render-plan.ts; this file only maps a RenderPlan onto Apps Script:
 * - per row block: ONE setValues(block.input) (literals escaped with the quote prefix, formulas
 *   as "=…", so text never becomes a formula — F22) and ONE setNumberFormats(block.numberFormats).
 *   (setFormulas is not used: it clears every cell of its range whose entry is "", so it cannot
 *   be combined with literals in one block; setValues takes both, exactly as typed input.)
 * - styles: one RangeList per CellStyle, a fixed number of calls per style whatever the rows;
 * - conditional formats (status bands, colour scales, formula rules) set once per tab;
 * - EmbeddedChartBuilder charts, requireValueInList dropdowns, frozen rows, column widths;
 * - developer metadata GENERATED_METADATA_KEY = tab key marks the tab as ours.
 *
 * Safety (reports.md "Safe"; F20, F21): names come from resolveTabNames against the existing
 * sheets and their metadata; a sheet is written only when this add-in created it (it carries our
 * metadata) or it is new. Regenerating clears the old tab whole (contents, formats, validations,
 * rules, charts) before drawing, so no stale rows remain.
 */
import { planRender } from '../../../core/src/app';
import type { ExistingTab, TabNameDecision } from '../../../core/src/reports/tab-names';
import {
  STYLE_LOOKS,
  hexColor,
  type PlannedChart,
  type PlannedConditionalFormat,
  type RenderPlan,
} from '../../../core/src/reports/render-plan';
import type { CellStyle, TabDescription } from '../../../core/src/reports/tab-model';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Developer-metadata key on every generated sheet; its value is the tab key ("board-report"). */
export const GENERATED_METADATA_KEY = 'cs-sheets:generated';

/** Sheets' grid limits the renderer plans for. */
export const SHEETS_MAX_CELLS = 10_000_000;
/** Pixels per character of column width (Arial 10 in Sheets is about 7 px a character, plus padding). */
const PX_PER_CHAR = 7;
const PX_PADDING = 10;
const ROW_PX = 21;
/**
 * Row-block budget for Sheets. setValues runs inside Google's servers (no 5 MB web request as in
 * Excel on the web), so blocks are larger than render-plan's default: 10,000 accounts are one
 * block and 100,000 accounts (1.4 M cells on the Data tab) three.
 */
export const SHEETS_BLOCK_CELLS = 500_000;
export const SHEETS_BLOCK_CHARS = 60_000_000;

export interface RenderedTab {
  key: string;
  name: string;
  /** The existing generated sheet this replaced (whole), if any. */
  replaced?: string;
  /** Older generated copies of this tab kind that were deleted. */
  deleted: string[];
  rows: number;
  columns: number;
}

export interface RenderOptions {
  onProgress?: (message: string) => void;
}

/** The generated key of a sheet (our metadata), or undefined for a user's own sheet. */
export function generatedKeyOf(sheet: Sheet): string | undefined {
  for (const m of sheet.getDeveloperMetadata()) {
    if (m.getKey() === GENERATED_METADATA_KEY) return m.getValue() ?? undefined;
  }
  return undefined;
}

/** Every sheet of the spreadsheet with our marker's key, if any. */
export function existingTabs(ss: Spreadsheet): (ExistingTab & { sheet: Sheet })[] {
  return ss.getSheets().map((sheet) => {
    const key = generatedKeyOf(sheet);
    return key === undefined ? { name: sheet.getName(), sheet } : { name: sheet.getName(), generatedKey: key, sheet };
  });
}

/**
 * Draw a batch of tabs. Returns what was drawn. Tabs whose formulas refer to a generated tab not
 * in the batch (e.g. the Board Report's references to Data) use the existing generated tab of that
 * key; when there is none, this throws before anything is written.
 */
export function renderTabs(ss: Spreadsheet, tabs: readonly TabDescription[], options: RenderOptions = {}): RenderedTab[] {
  const progress = options.onProgress ?? (() => undefined);
  const existing = existingTabs(ss);
  // Names (never a user's tab) and plans before touching the spreadsheet: a formula referring to a
  // tab that is neither in the batch nor already generated throws here, with nothing written.
  const { decisions, plans } = planRender(
    tabs,
    existing.map((e) => (e.generatedKey === undefined ? { name: e.name } : { name: e.name, generatedKey: e.generatedKey })),
    { generalFormat: 'General', blockCells: SHEETS_BLOCK_CELLS, blockChars: SHEETS_BLOCK_CHARS },
  );
  checkCellBudget(plans, decisions, existing);

  // Phase 1: every target sheet exists and is empty (so cross-tab formulas resolve when written).
  const targets: Sheet[] = [];
  const out: RenderedTab[] = [];
  decisions.forEach((d, i) => {
    const plan = plans[i];
    let sheet: Sheet;
    if (d.replaces !== undefined) {
      const old = existing.find((e) => e.name === d.replaces)!;
      // resolveTabNames only reuses a tab carrying our marker for the same key; check again anyway.
      if (old.generatedKey !== d.key) throw new Error(`Refusing to write into "${old.name}": it was not generated by CS Sheets`);
      sheet = old.sheet;
      progress(`Clearing ${d.name}`);
      clearGenerated(sheet);
    } else {
      progress(`Adding ${d.name}`);
      sheet = ss.insertSheet(d.name, ss.getSheets().length);
      sheet.addDeveloperMetadata(GENERATED_METADATA_KEY, d.key);
    }
    targets.push(sheet);
    out.push({ key: d.key, name: d.name, ...(d.replaces !== undefined ? { replaced: d.replaces } : {}), deleted: [], rows: plan.rowCount, columns: plan.width });
  });

  // Phase 2: draw.
  plans.forEach((plan, i) => {
    progress(`Writing ${plan.name}`);
    drawPlan(targets[i], plan);
  });

  // Phase 3: older copies of the same tab kinds (ours, by metadata) go.
  decisions.forEach((d, i) => {
    for (const staleName of d.stale) {
      const stale = existing.find((e) => e.name === staleName);
      if (stale && stale.generatedKey === d.key) {
        ss.deleteSheet(stale.sheet);
        out[i].deleted.push(staleName);
      }
    }
  });
  if (targets.length > 0) targets[0].activate();
  return out;
}

function checkCellBudget(plans: RenderPlan[], decisions: TabNameDecision[], existing: (ExistingTab & { sheet: Sheet })[]): void {
  let cells = 0;
  for (const e of existing) cells += e.sheet.getMaxRows() * e.sheet.getMaxColumns();
  plans.forEach((p, i) => {
    const grow = Math.max(p.rowCount, 1000) * Math.max(p.width, 26);
    const replaced = decisions[i].replaces !== undefined ? existing.find((e) => e.name === decisions[i].replaces) : undefined;
    cells += replaced ? Math.max(0, grow - replaced.sheet.getMaxRows() * replaced.sheet.getMaxColumns()) : grow;
  });
  if (cells > SHEETS_MAX_CELLS) {
    throw new Error(`These tabs need about ${cells.toLocaleString('en-US')} cells; a Google spreadsheet holds at most ${SHEETS_MAX_CELLS.toLocaleString('en-US')}. Generate fewer tabs or use the cs-sheets command for an .xlsx file.`);
  }
}

/** Empty a generated sheet whole: contents, formats, validations, conditional formats, charts, freezes. */
export function clearGenerated(sheet: Sheet): void {
  sheet.clear();
  sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).clearDataValidations();
  sheet.clearConditionalFormatRules();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.setFrozenRows(0);
  sheet.setFrozenColumns(0);
}

/** Grow the grid to hold rows × cols (new sheets are 1000 × 26). */
function ensureGrid(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

/** Draw one plan onto an empty sheet. */
export function drawPlan(sheet: Sheet, plan: RenderPlan): void {
  let needCols = plan.width;
  let needRows = plan.rowCount;
  for (const c of plan.charts) {
    needRows = Math.max(needRows, chartBottom(c));
  }
  needCols = Math.max(needCols, plan.columnWidths.length);
  ensureGrid(sheet, needRows, needCols);

  // Values and formulas, then number formats: one call each per block.
  for (const block of plan.blocks) {
    const range = sheet.getRange(block.top + 1, 1, block.rowCount, plan.width);
    range.setValues(block.input);
    range.setNumberFormats(block.numberFormats);
  }

  for (const run of plan.styles) applyStyle(sheet, run.key, run.ranges);

  plan.columnWidths.forEach((chars, i) => {
    if (chars > 0) sheet.setColumnWidth(i + 1, Math.round(chars * PX_PER_CHAR + PX_PADDING));
  });
  if (plan.frozenRows > 0) sheet.setFrozenRows(plan.frozenRows);
  if (plan.frozenColumns > 0) sheet.setFrozenColumns(plan.frozenColumns);

  if (plan.conditionalFormats.length > 0) {
    sheet.setConditionalFormatRules(plan.conditionalFormats.map((cf) => conditionalRule(sheet, cf)));
  }
  for (const d of plan.dropdowns) {
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(d.options, true).setAllowInvalid(false).build();
    sheet.getRange(d.range).setDataValidation(rule);
  }
  for (const c of plan.charts) sheet.insertChart(chart(sheet, c, plan.columnWidths));
}

function chartBottom(c: PlannedChart): number {
  return c.spec.anchor.row + Math.max(1, c.spec.anchor.heightRows);
}

/** One RangeList per style: a fixed number of calls per style, however many runs it has. */
function applyStyle(sheet: Sheet, style: CellStyle, ranges: string[]): void {
  if (ranges.length === 0) return;
  const look = STYLE_LOOKS[style];
  const list = sheet.getRangeList(ranges);
  if (look.bold) list.setFontWeight('bold');
  if (look.italic) list.setFontStyle('italic');
  if (look.size !== undefined && look.size !== 10) list.setFontSize(look.size);
  if (look.color) list.setFontColor(hexColor(look.color));
  if (look.fill) list.setBackground(hexColor(look.fill));
  if (look.wrap) list.setWrap(true);
  if (look.verticalMiddle) list.setVerticalAlignment('middle');
  const solid = SpreadsheetApp.BorderStyle.SOLID;
  if (look.borderAround) list.setBorder(true, true, true, true, null, null, hexColor(look.borderAround), solid);
  if (look.borderTop) list.setBorder(true, null, null, null, null, null, hexColor(look.borderTop.color), look.borderTop.double ? SpreadsheetApp.BorderStyle.DOUBLE : solid);
  if (look.borderBottom) list.setBorder(null, null, true, null, null, null, hexColor(look.borderBottom.color), look.borderBottom.double ? SpreadsheetApp.BorderStyle.DOUBLE : solid);
}

function conditionalRule(sheet: Sheet, cf: PlannedConditionalFormat): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([sheet.getRange(cf.range)]);
  const rule = cf.rule;
  switch (rule.kind) {
    case 'textEquals':
      return builder.whenTextEqualTo(rule.text).setBackground(hexColor(rule.fill)).setFontColor(hexColor(rule.fontColor)).build();
    case 'colorScale': {
      builder.setGradientMinpoint(hexColor(rule.minColor));
      if (rule.midColor) builder.setGradientMidpointWithValue(hexColor(rule.midColor), SpreadsheetApp.InterpolationType.PERCENTILE, '50');
      return builder.setGradientMaxpoint(hexColor(rule.maxColor)).build();
    }
    case 'formula': {
      builder.whenFormulaSatisfied(cf.formula ?? `=${rule.formula}`).setBackground(hexColor(rule.fill));
      if (rule.fontColor) builder.setFontColor(hexColor(rule.fontColor));
      return builder.build();
    }
  }
}

const CHART_TYPES = { column: 'COLUMN', bar: 'BAR', line: 'LINE' } as const;

function chart(sheet: Sheet, c: PlannedChart, widths: number[]): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const a = c.spec.anchor;
  let width = 0;
  for (let col = a.col; col < a.col + Math.max(1, a.widthCols); col++) width += Math.round((widths[col] ?? 12) * PX_PER_CHAR + PX_PADDING);
  const series: Record<number, { labelInLegend: string }> = {};
  c.series.forEach((s, i) => (series[i] = { labelInLegend: s.name }));
  let builder = sheet
    .newChart()
    .setChartType(Charts.ChartType[CHART_TYPES[c.kind]])
    .addRange(sheet.getRange(c.categories));
  for (const s of c.series) builder = builder.addRange(sheet.getRange(s.values));
  return builder
    .setNumHeaders(0)
    .setPosition(a.row + 1, a.col + 1, 0, 0)
    .setOption('title', c.title)
    .setOption('legend', { position: c.series.length > 1 ? 'bottom' : 'none' })
    .setOption('series', series)
    .setOption('width', width)
    .setOption('height', Math.max(1, a.heightRows) * ROW_PX)
    .build();
}
