/**
 * Draws core's TabDescriptions into the open workbook with Excel.run (office-js).
 *
 * Safe (reports.md): a tab is ours only when the workbook's defined name CS_GENERATED_<key>
 * (the same marker the .xlsx build writes) refers to it. Names come from resolveTabNames with the
 * workbook's sheets and our markers, so a user's tab is never written to (" (2)"…). Regenerating
 * reuses our sheet and clears it whole (values, formats, conditional formats, validation, charts,
 * freeze panes) before drawing, so no stale rows remain and other formulas that point at the
 * tab (e.g. the Board Report's into Data, or the user's own) keep working.
 *
 * Round trips: 1 sync to read sheet names and markers, 1 more only when an existing tab of ours
 * is reused (to list its charts), then one sync per row block of each tab (the first block's sync
 * also carries the tab's formats, styles, widths, charts, conditional formats, dropdowns, print
 * setup and marker). Blocks come from core's render plan (a fixed cell and request-size budget),
 * so the count is constant as rows grow until a tab outgrows one block, then one more per block.
 */
import { planRender } from '../../../core/src/app/pane';
import {
  hexColor,
  keyOfMarkerName,
  markerFormula,
  markerName,
  sheetOfMarkerFormula,
  STYLE_LOOKS,
  type RenderPlan,
  type RenderPlanOptions,
  type StyleLook,
} from '../../../core/src/reports/render-plan';
import { GENERATED_MARKER, type TabDescription } from '../../../core/src/reports/tab-model';
import { sameTabName, type ExistingTab } from '../../../core/src/reports/tab-names';
import { columnLetters } from '../../../core/src/reports/a1';

export interface RenderOptions extends RenderPlanOptions {
  onProgress?: (message: string) => void;
  /** Activate the first tab drawn (default true). */
  activate?: boolean;
}

export interface RenderedTab {
  key: string;
  name: string;
  /** The existing tab of ours that was cleared and redrawn, if any. */
  replaced?: string;
  rows: number;
  blocks: number;
}

interface Marker {
  /** The defined name as stored. */
  name: string;
  key: string;
  /** The sheet it refers to, or undefined when the reference is broken (#REF!). */
  sheet?: string;
}

const CHART_TYPES: Record<string, string> = { column: 'ColumnClustered', bar: 'BarClustered', line: 'Line' };
/** Inline list validations may hold at most 255 characters. */
const MAX_INLINE_LIST = 255;

/** Column width in characters (of the default font's digit) → points, as Excel converts it. */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function suspendCalculation(context: Excel.RequestContext): void {
  const app = context.workbook.application as Excel.Application & { suspendApiCalculationUntilNextSync?: () => void };
  if (typeof app.suspendApiCalculationUntilNextSync === 'function') app.suspendApiCalculationUntilNextSync();
}

function applyLook(range: Excel.Range, look: StyleLook): void {
  const f = range.format;
  if (look.bold !== undefined) f.font.bold = look.bold;
  if (look.italic !== undefined) f.font.italic = look.italic;
  if (look.size !== undefined) f.font.size = look.size;
  if (look.color) f.font.color = look.color;
  if (look.fill) f.fill.color = look.fill;
  if (look.wrap) f.wrapText = true;
  if (look.verticalMiddle) f.verticalAlignment = 'Center' as Excel.VerticalAlignment;
  const edge = (name: string, b: { color: string; double?: boolean }) => {
    const border = f.borders.getItem(name as Excel.BorderIndex);
    border.style = (b.double ? 'Double' : 'Continuous') as Excel.BorderLineStyle;
    border.color = b.color;
  };
  if (look.borderTop) edge('EdgeTop', look.borderTop);
  if (look.borderBottom) edge('EdgeBottom', look.borderBottom);
  if (look.borderAround) for (const e of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight']) edge(e, { color: look.borderAround });
}

/** Queue everything of a tab except its row blocks after the first. */
function queueTabSetup(context: Excel.RequestContext, sheet: Excel.Worksheet, plan: RenderPlan): void {
  for (const run of plan.styles) {
    const look = STYLE_LOOKS[run.key];
    for (const a1 of run.ranges) applyLook(sheet.getRange(a1), look);
  }
  plan.columnWidths.forEach((w, c) => {
    if (w > 0) sheet.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = widthInPoints(w);
  });
  for (const h of plan.rowHeights) sheet.getRangeByIndexes(h.row, 0, 1, 1).getEntireRow().format.rowHeight = h.height;
  if (plan.frozenRows > 0 && plan.frozenColumns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, plan.frozenRows, plan.frozenColumns));
  else if (plan.frozenRows > 0) sheet.freezePanes.freezeRows(plan.frozenRows);
  else if (plan.frozenColumns > 0) sheet.freezePanes.freezeColumns(plan.frozenColumns);

  for (const cf of plan.conditionalFormats) {
    const range = sheet.getRange(cf.range);
    const rule = cf.rule;
    if (rule.kind === 'textEquals') {
      const c = range.conditionalFormats.add('CellValue' as Excel.ConditionalFormatType);
      c.cellValue.format.fill.color = hexColor(rule.fill);
      c.cellValue.format.font.color = hexColor(rule.fontColor);
      c.cellValue.rule = { formula1: `="${rule.text.replace(/"/g, '""')}"`, operator: 'EqualTo' };
    } else if (rule.kind === 'colorScale') {
      const c = range.conditionalFormats.add('ColorScale' as Excel.ConditionalFormatType);
      const criteria: Excel.ConditionalColorScaleCriteria = {
        minimum: { formula: undefined, type: 'LowestValue', color: hexColor(rule.minColor) },
        maximum: { formula: undefined, type: 'HighestValue', color: hexColor(rule.maxColor) },
      };
      if (rule.midColor) criteria.midpoint = { formula: '50', type: 'Percentile', color: hexColor(rule.midColor) };
      c.colorScale.criteria = criteria;
    } else {
      const c = range.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      c.custom.rule.formula = cf.formula!;
      c.custom.format.fill.color = hexColor(rule.fill);
      if (rule.fontColor) c.custom.format.font.color = hexColor(rule.fontColor);
    }
  }

  let listCol = plan.width + 1; // hidden list columns for dropdowns that cannot be inline
  for (const d of plan.dropdowns) {
    const inline = d.options.join(',');
    let source: string;
    if (inline.length <= MAX_INLINE_LIST && d.options.every((o) => !o.includes(','))) {
      source = inline;
    } else {
      const col = listCol++;
      const list = sheet.getRangeByIndexes(0, col, d.options.length, 1);
      list.formulas = d.options.map((o) => [o.startsWith("'") || /^[=+\-@#\d]/.test(o) ? `'${o}` : o]);
      list.getEntireColumn().columnHidden = true;
      source = `=$${columnLetters(col)}$1:$${columnLetters(col)}$${d.options.length}`;
    }
    sheet.getRange(d.range).dataValidation.rule = { list: { inCellDropDown: true, source } };
  }

  for (const chart of plan.charts) {
    const c = sheet.charts.add(CHART_TYPES[chart.kind] as Excel.ChartType, sheet.getRange(chart.series[0].values), 'Columns' as Excel.ChartSeriesBy);
    c.title.text = chart.title;
    c.legend.position = 'Bottom' as Excel.ChartLegendPosition;
    c.legend.visible = chart.series.length > 1;
    chart.series.forEach((s, i) => {
      const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
      if (i > 0) series.setValues(sheet.getRange(s.values));
      series.name = s.name;
      series.setXAxisValues(sheet.getRange(chart.categories));
    });
    c.setPosition(chart.topLeft, chart.bottomRight);
  }

  const layout = sheet.pageLayout;
  layout.orientation = (plan.print.landscape ? 'Landscape' : 'Portrait') as Excel.PageOrientation;
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (plan.print.titleRows > 0) layout.setPrintTitleRows(`$1:$${plan.print.titleRows}`);
}

/** Clear a sheet of ours whole before it is redrawn. `charts` were loaded beforehand. */
function queueClear(sheet: Excel.Worksheet, charts: Excel.ChartCollection | undefined): void {
  const all = sheet.getRange();
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  all.clear('All' as Excel.ClearApplyTo);
  all.columnHidden = false;
  all.format.useStandardWidth = true;
  all.format.useStandardHeight = true;
  sheet.freezePanes.unfreeze();
  if (charts) for (const c of charts.items) c.delete();
}

/**
 * Draw `tabs` (one batch; formulas may refer to each other and to our existing tabs) into the
 * workbook of `context`. Returns what was drawn, in order.
 */
export async function renderTabs(context: Excel.RequestContext, tabs: readonly TabDescription[], options: RenderOptions = {}): Promise<RenderedTab[]> {
  const progress = options.onProgress ?? (() => undefined);
  const wb = context.workbook;

  // 1. What exists: sheet names and our markers.
  const sheets = wb.worksheets;
  sheets.load('items/name');
  const names = wb.names;
  names.load('items/name,items/formula');
  await context.sync();

  const markers: Marker[] = [];
  for (const n of names.items) {
    const key = keyOfMarkerName(n.name);
    if (key === undefined) continue;
    markers.push({ name: n.name, key, sheet: sheetOfMarkerFormula(String(n.formula ?? '')) });
  }
  const existing: ExistingTab[] = sheets.items.map((s) => {
    const m = markers.find((x) => x.sheet !== undefined && sameTabName(x.sheet, s.name));
    return m ? { name: s.name, generatedKey: m.key } : { name: s.name };
  });

  const batch = planRender(tabs, existing, options);

  // 2. Reused sheets: list their charts (to delete them) before clearing.
  const charts = new Map<string, Excel.ChartCollection>();
  for (const d of batch.decisions) {
    if (!d.replaces) continue;
    const c = sheets.getItem(d.replaces).charts;
    c.load('items/name');
    charts.set(d.key, c);
  }
  if (charts.size > 0) await context.sync();

  const out: RenderedTab[] = [];
  let first: Excel.Worksheet | undefined;
  for (let t = 0; t < batch.plans.length; t++) {
    const plan = batch.plans[t];
    const decision = batch.decisions[t];
    progress(`Drawing ${plan.name}…`);
    suspendCalculation(context);
    for (const stale of decision.stale) sheets.getItem(stale).delete();
    let sheet: Excel.Worksheet;
    if (decision.replaces) {
      sheet = sheets.getItem(decision.replaces);
      queueClear(sheet, charts.get(plan.key));
      if (decision.replaces !== plan.name) sheet.name = plan.name;
    } else {
      sheet = sheets.add(plan.name);
    }
    if (!first) first = sheet;

    // Our marker: one defined name per key, referring to A1 of the tab.
    const own = markerName(plan.key);
    for (const m of markers) {
      if (m.key !== plan.key) continue;
      names.getItem(m.name).delete();
    }
    names.add(own, sheet.getRange('A1'), GENERATED_MARKER);

    for (let b = 0; b < plan.blocks.length; b++) {
      const block = plan.blocks[b];
      if (b > 0) {
        suspendCalculation(context);
        progress(`Drawing ${plan.name}: rows ${block.top + 1}–${block.top + block.rowCount} of ${plan.rowCount}…`);
      }
      const range = sheet.getRange(block.range);
      range.numberFormat = block.numberFormats;
      range.formulas = block.input;
      if (b === 0) queueTabSetup(context, sheet, plan);
      if (b === plan.blocks.length - 1 && t === batch.plans.length - 1 && first && options.activate !== false) first.activate();
      await context.sync();
    }
    out.push({ key: plan.key, name: plan.name, replaced: decision.replaces, rows: plan.rowCount, blocks: plan.blocks.length });
  }
  progress('Done.');
  return out;
}

/** Excel.run(renderTabs): what the task pane calls. */
export function generateTabs(tabs: readonly TabDescription[], options: RenderOptions = {}): Promise<RenderedTab[]> {
  return Excel.run((context) => renderTabs(context, tabs, options));
}

/** Our generated tabs in the workbook (key → sheet), from the markers. */
export async function readMarkers(context: Excel.RequestContext): Promise<{ key: string; sheet: string }[]> {
  const names = context.workbook.names;
  names.load('items/name,items/formula');
  await context.sync();
  const out: { key: string; sheet: string }[] = [];
  for (const n of names.items) {
    const key = keyOfMarkerName(n.name);
    const sheet = sheetOfMarkerFormula(String(n.formula ?? ''));
    if (key !== undefined && sheet !== undefined) out.push({ key, sheet });
  }
  return out;
}

export { markerFormula };
