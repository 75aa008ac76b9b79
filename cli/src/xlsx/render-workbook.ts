/**
 * The .xlsx renderer of the headless build. A new workbook is written directly by
 * package-writer.ts, and so is an `existing` one that holds only tabs this run replaces (a
 * report run again). When a user's tab must be kept, the tabs are drawn with exceljs into the
 * user's workbook, then what exceljs cannot write (charts, generated-tab markers, print titles)
 * is added to the package.
 *
 * Safety (reports.md "Safe", F20–F22):
 * - final tab names come from tab-names.ts (legal, unique, user tabs never reused);
 * - text is always written as a string cell, never as a formula; numbers stay numbers;
 * - every generated tab carries a defined name CS_GENERATED_<key> → its A1, and the workbook
 *   a custom property CS_GENERATED_TABS listing them;
 * - with `existing`, user tabs are left as they are and only our own tabs are replaced.
 *
 * Writer choice, measured for 100,000 rows × 10 columns on this 2-CPU machine (plain node):
 *   direct package writer (package-writer.ts)          see there  ← new workbooks
 *   exceljs streaming WorkbookWriter + shared strings  2.4–3.3 s, ~400 MB RSS (replaced)
 *   streaming without shared strings                   1.8 s, but exceljs then writes text as
 *                                                      t="str" (a formula's string result)
 *   normal Workbook + writeFile                         8.3 s, 1.3 GB
 * The normal Workbook is used only to keep a user's tabs (it has to read the user's file).
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { InputError } from '../../../core/src/errors';
import {
  GENERATED_MARKER,
  type Cell,
  type CellValue,
  type TabDescription,
} from '../../../core/src/reports/tab-model';
import { resolveTabNames, sameTabName, type ExistingTab, type TabNameDecision } from '../../../core/src/reports/tab-names';
import { argb, cellAddress, columnLetters, parseRange, rangeA1 } from '../../../core/src/reports/a1';
import { addCharts, type RangeValues } from './charts';
import {
  readGeneratedTabs,
  readRels,
  REL,
  relsPathOf,
  resolveTarget,
  sheetParts,
  writeMarkers,
  type GeneratedTab,
} from './ooxml-package';
import { writePackage } from './package-writer';
import { ZipWriter } from './zip-writer';
import { StyleCache } from './styles';
import { dropdownSource, formulaText, headerRowHeight, literal, makeNameOf, planListColumns, type NameOf } from './tab-layout';

export interface RenderOptions {
  /** Path of a workbook to add the tabs to (its user tabs are kept; our old tabs are replaced). */
  existing?: string;
  /**
   * Remove our tabs from an earlier run that this run does not make (a QBR of an account not
   * asked for this time): a whole report, as the CLI writes it, is one consistent set. Their
   * formulas would otherwise read the new Data tab under their old titles.
   */
  removeOtherGenerated?: boolean;
  /** Progress lines for long builds (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
}

export interface RenderedTab {
  key: string;
  /** Final tab name. */
  name: string;
  /** The existing tab this one replaced (only with `existing`). */
  replaced?: string;
}

export interface RenderResult {
  outPath: string;
  tabs: RenderedTab[];
  /**
   * Milliseconds spent writing cells with exceljs and post-processing the package (a new
   * workbook has no exceljs step: all of it is packageMs).
   */
  timings: { exceljsMs: number; packageMs: number };
  /** How the file was written: by the package writer, or through exceljs to keep a user's tabs. */
  writer: 'package' | 'exceljs';
  /** Our tabs from an earlier run that were removed (removeOtherGenerated). */
  removed: string[];
}

type Grid = TabDescription['rows'];

/** Runtime members of exceljs worksheets that its typings do not declare. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}
type Ordered = ExcelJS.Worksheet & { orderNo: number };

/** The values a chart range shows: the literal, or core's expected figure for a formula. */
function rangeValuesOf(rows: Grid): RangeValues {
  return (range) => {
    const r = parseRange(range);
    const out: (CellValue | undefined)[] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const cell = rows[row]?.[col];
        out.push(cell ? (cell.formula !== undefined ? cell.expected : cell.value) : undefined);
      }
    }
    return out;
  };
}

/** The number format of a range's first cell (for chart value axes). */
function formatOf(rows: Grid): (range: string) => string | undefined {
  return (range) => {
    if (!range) return undefined;
    const r = parseRange(range);
    return rows[r.top]?.[r.left]?.format;
  };
}

function writeCell(xc: ExcelJS.Cell, cell: Cell, nameOf: NameOf, styles: StyleCache): void {
  if (cell.formula !== undefined && cell.formula !== '') {
    // No cached result: spreadsheets compute it on open (LibreOffice with recalc "always").
    xc.value = { formula: formulaText(cell.formula, nameOf) } as ExcelJS.CellFormulaValue;
  } else {
    // A string is always a string cell, whatever it starts with ("=", "+", "-", "@").
    xc.value = literal(cell.value);
  }
  xc.style = styles.get(cell.style, cell.format);
}

function fillWorksheet(ws: ExcelJS.Worksheet, tab: TabDescription, nameOf: NameOf, styles: StyleCache, streaming: boolean): void {
  const lists = planListColumns(tab);
  const listCols = [...lists.values()];

  const columns: Partial<ExcelJS.Column>[] = tab.columnWidths.map((w) => ({ width: w > 0 ? w : 9 }));
  for (const l of listCols) {
    while (columns.length <= l.col) columns.push({});
    columns[l.col] = { hidden: true, width: 12 };
  }
  if (columns.length > 0) ws.columns = columns;

  const height = Math.max(tab.rows.length, ...listCols.map((l) => l.options.length), 0);
  for (let r = 0; r < height; r++) {
    const cells = tab.rows[r];
    const row = ws.getRow(r + 1);
    if (cells) {
      const h = headerRowHeight(cells, tab.columnWidths);
      if (h !== undefined) row.height = h;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell) writeCell(row.getCell(c + 1), cell, nameOf, styles);
      }
    }
    for (const l of listCols) {
      if (r < l.options.length) row.getCell(l.col + 1).value = l.options[r];
    }
    if (streaming) row.commit();
  }

  let priority = 0; // unique per sheet, in the order of the description
  for (const cf of tab.conditionalFormats) {
    priority++;
    const range = parseRange(cf.range);
    const ref = rangeA1(range);
    const topLeft = cellAddress(range.top, range.left);
    const fill = (color: string): ExcelJS.Fill => ({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: argb(color) },
      bgColor: { argb: argb(color) },
    });
    switch (cf.kind) {
      case 'textEquals':
        ws.addConditionalFormatting({
          ref,
          rules: [
            {
              type: 'expression',
              priority,
              formulae: [`${topLeft}="${cf.text.replace(/"/g, '""')}"`],
              style: { fill: fill(cf.fill), font: { color: { argb: argb(cf.fontColor) } } },
            },
          ],
        });
        break;
      case 'colorScale': {
        const cfvo: ExcelJS.Cvfo[] = cf.midColor
          ? [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }]
          : [{ type: 'min' }, { type: 'max' }];
        const colors = (cf.midColor ? [cf.minColor, cf.midColor, cf.maxColor] : [cf.minColor, cf.maxColor]).map((c) => ({
          argb: argb(c),
        }));
        ws.addConditionalFormatting({
          ref,
          rules: [{ type: 'colorScale', priority, cfvo, color: colors } as ExcelJS.ColorScaleRuleType],
        });
        break;
      }
      case 'formula':
        ws.addConditionalFormatting({
          ref,
          rules: [
            {
              type: 'expression',
              priority,
              formulae: [formulaText(cf.formula, nameOf)],
              style: cf.fontColor
                ? { fill: fill(cf.fill), font: { color: { argb: argb(cf.fontColor) } } }
                : { fill: fill(cf.fill) },
            },
          ],
        });
        break;
    }
  }

  tab.dropdowns.forEach((d, i) => {
    const list = lists.get(i);
    const source = dropdownSource(d.options, list, columnLetters);
    (ws as unknown as WithValidations).dataValidations.add(rangeA1(parseRange(d.range)), {
      type: 'list',
      allowBlank: true,
      formulae: [source],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Choose from the list',
      error: `Choose one of: ${d.options.join(', ')}`.slice(0, 255),
    });
  });
}

function worksheetOptions(tab: TabDescription): Partial<ExcelJS.AddWorksheetOptions> {
  const xSplit = tab.frozenColumns ?? 0;
  const ySplit = tab.frozenRows ?? 0;
  return {
    views:
      xSplit > 0 || ySplit > 0
        ? [{ state: 'frozen', xSplit, ySplit, topLeftCell: cellAddress(ySplit, xSplit), activeCell: 'A1' }]
        : [{ state: 'normal', activeCell: 'A1' }],
    pageSetup: {
      orientation: tab.print.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  };
}

/** Relationship types whose parts exceljs drops when it reads and writes a workbook. */
const LOST_BY_EXCELJS: Record<string, string> = {
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable': 'a pivot table',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject': 'an embedded object',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/control': 'a form control',
};

/**
 * Tabs of the existing workbook that hold something exceljs would lose (charts, pivot tables,
 * embedded objects): they must not go through exceljs, so the caller refuses to proceed.
 */
async function unsafeTabs(zip: JSZip, sheetNames: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const part of await sheetParts(zip)) {
    if (!sheetNames.includes(part.name)) continue;
    for (const rel of await readRels(zip, relsPathOf(part.path))) {
      let what = LOST_BY_EXCELJS[rel.type];
      if (!what && rel.type === REL.drawing) {
        const drawing = resolveTarget(part.path, rel.target);
        if ((await readRels(zip, relsPathOf(drawing))).some((r) => r.type === REL.chart)) what = 'a chart';
      }
      if (what) out.push(`"${part.name}" (${what})`);
    }
  }
  return out;
}

interface ExistingWorkbook {
  zip: JSZip;
  /** Every tab, in order, with its key where it is one of ours. */
  tabs: ExistingTab[];
  generated: GeneratedTab[];
  /** The workbook through exceljs, read only when some tab of the user's has to be kept. */
  load(): Promise<ExcelJS.Workbook>;
}

/** Not ours to overwrite: the user may have saved something else under this name. */
function notAWorkbook(file: string, err: unknown): InputError {
  return new InputError(
    `${file}: exists but cannot be read as an .xlsx workbook (${(err as Error).message}); ` +
      'write the report to another file, or move this one away',
  );
}

/** An existing workbook's tabs and our markers, read from the package (exceljs is not needed for this). */
async function existingTabsOf(file: string): Promise<ExistingWorkbook> {
  const buffer = await fs.promises.readFile(file);
  let zip: JSZip;
  let names: string[];
  try {
    zip = await JSZip.loadAsync(buffer);
    names = (await sheetParts(zip)).map((p) => p.name);
  } catch (err) {
    throw notAWorkbook(file, err);
  }
  const generated = await readGeneratedTabs(zip);
  const tabs = names.map((name) => {
    const mark = generated.find((g) => g.sheetName === name);
    return mark ? { name, generatedKey: mark.key } : { name };
  });
  const load = async () => {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    } catch (err) {
      throw notAWorkbook(file, err);
    }
    return wb;
  };
  return { zip, tabs, generated: generated.filter((g) => tabs.some((t) => t.name === g.sheetName)), load };
}

async function writeIntoExisting(
  wb: ExcelJS.Workbook,
  tabs: TabDescription[],
  decisions: TabNameDecision[],
  removed: string[],
  nameOf: NameOf,
  file: string,
): Promise<void> {
  const styles = new StyleCache();
  for (const name of removed) {
    const ws = wb.worksheets.find((w) => w.name === name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  tabs.forEach((tab, i) => {
    const d = decisions[i];
    let orderNo: number | undefined;
    for (const old of [d.replaces, ...d.stale]) {
      if (old === undefined) continue;
      const ws = wb.worksheets.find((w) => w.name === old);
      if (!ws) continue;
      if (old === d.replaces) orderNo = (ws as Ordered).orderNo;
      wb.removeWorksheet(ws.id);
    }
    const ws = wb.addWorksheet(d.name, worksheetOptions(tab));
    if (orderNo !== undefined) (ws as Ordered).orderNo = orderNo;
    fillWorksheet(ws, tab, nameOf, styles, false);
  });
  // Stored, not deflated: the package is reopened for charts and markers and deflated once, natively.
  await wb.xlsx.writeFile(file, { zip: { compression: 'STORE' } });
}

/**
 * Render the tabs into a new .xlsx at `outPath` (or into a copy of `options.existing`).
 * Final names are resolved first; `{{sheet:key}}` references in formulas become the quoted
 * final names. See `renderWorkbookWithResult` for the final names and timings.
 */
export async function renderWorkbook(tabs: TabDescription[], outPath: string, options: RenderOptions = {}): Promise<void> {
  await renderWorkbookWithResult(tabs, outPath, options);
}

/** `renderWorkbook`, resolving with the final tab names (and what they replaced) and timings. */
export async function renderWorkbookWithResult(
  tabs: TabDescription[],
  outPath: string,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const t0 = Date.now();
  const existing = options.existing ? await existingTabsOf(options.existing) : undefined;
  const decisions = resolveTabNames(tabs, existing?.tabs ?? []);

  // Names formulas may use: our tabs of this run, and our other tabs already in the workbook.
  const names = new Map<string, string>();
  const replacedNames = decisions.flatMap((d) => [d.replaces, ...d.stale]).filter((n): n is string => n !== undefined);
  const otherGenerated = (existing?.generated ?? []).filter(
    (g) => !replacedNames.some((n) => sameTabName(n, g.sheetName)) && !decisions.some((d) => d.key === g.key),
  );
  // Our tabs from an earlier run that this run does not make: kept, or removed (a whole report).
  const removed = options.removeOtherGenerated ? otherGenerated.map((g) => g.sheetName) : [];
  const keptGenerated = options.removeOtherGenerated ? [] : otherGenerated;
  replacedNames.push(...removed);
  for (const g of keptGenerated) names.set(g.key, g.sheetName);
  decisions.forEach((d) => names.set(d.key, d.name));
  const nameOf = makeNameOf(names);

  // Tabs of the existing workbook that this run does not replace.
  const surviving = (existing?.tabs ?? []).map((t) => t.name).filter((n) => !replacedNames.some((r) => sameTabName(r, n)));
  if (existing && surviving.length > 0) {
    // Every tab that survives goes through exceljs's reader and writer: refuse rather than lose.
    const unsafe = await unsafeTabs(existing.zip, surviving);
    if (unsafe.length > 0) {
      throw new InputError(
        `Cannot add tabs to ${options.existing}: ${unsafe.join(', ')} would be lost when the file is rewritten. ` +
          'Write the report to a new file instead.',
      );
    }
  }

  await fs.promises.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  const tmp = `${outPath}.${process.pid}.tmp`;
  const charts = tabs.map((tab, i) => ({
    sheetName: decisions[i].name,
    charts: tab.charts,
    valuesOf: rangeValuesOf(tab.rows),
    formatOf: formatOf(tab.rows),
  }));
  const markers = [...keptGenerated, ...decisions.map((d) => ({ key: d.key, sheetName: d.name }))];
  const rendered = decisions.map((d) => (d.replaces ? { key: d.key, name: d.name, replaced: d.replaces } : { key: d.key, name: d.name }));
  try {
    if (!existing || surviving.length === 0) {
      // A new workbook, or one holding only tabs this run replaces (a report run again): written
      // directly, charts and markers included (package-writer.ts). Only a user's tab needs exceljs.
      await writePackage(
        tabs.map((tab, i) => ({ tab, name: decisions[i].name })),
        nameOf,
        tmp,
        { markers, note: GENERATED_MARKER, progress: options.onProgress },
        charts,
      );
      await fs.promises.rename(tmp, outPath);
      return { outPath, tabs: rendered, timings: { exceljsMs: 0, packageMs: Date.now() - t0 }, writer: 'package', removed };
    }

    await writeIntoExisting(await existing.load(), tabs, decisions, removed, nameOf, tmp);
    const t1 = Date.now();
    options.onProgress?.('adding charts and markers');
    const zip = await JSZip.loadAsync(await fs.promises.readFile(tmp));
    await addCharts(zip, charts);
    await writeMarkers(
      zip,
      markers,
      tabs.map((tab, i) => ({ sheetName: decisions[i].name, rows: tab.frozenRows })),
      GENERATED_MARKER,
    );
    // Deflated by Node's zlib on the thread pool (jszip's JavaScript deflate is several times slower).
    const out = new ZipWriter();
    for (const name of Object.keys(zip.files)) {
      const entry = zip.files[name];
      if (!entry.dir) out.add(name, await entry.async('nodebuffer'));
    }
    await out.writeFile(tmp);
    await fs.promises.rename(tmp, outPath);
    return { outPath, tabs: rendered, timings: { exceljsMs: t1 - t0, packageMs: Date.now() - t1 }, writer: 'exceljs', removed };
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}
