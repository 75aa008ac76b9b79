/**
 * The direct .xlsx writer for new workbooks: worksheet XML is built as strings (no per-cell
 * objects), text goes to a shared-string table, and the package is deflated by Node's native
 * zlib on the thread pool while rows are still being generated.
 *
 * Write stage of `cs-sheets report` on 100,000 accounts (Data tab 100,005 rows × 13 columns),
 * this 2-CPU machine, 3 alternating runs each:
 *   exceljs streaming WorkbookWriter + jszip post-processing    4.0–5.3 s, 783–799 MB peak RSS, 7.1 MB
 *   this writer (deflate level 3)                                1.2–2.0 s, 688–694 MB peak RSS, 6.0 MB
 *
 * Cell types are those Excel writes itself: text t="s" (shared string) or, in columns of mostly
 * distinct values, t="inlineStr" (never a formula, whatever it starts with), numbers without t, booleans t="b", formulas <f> without a cached value (the
 * workbook asks for a full calculation on load).
 *
 * Charts and generated-tab markers go through the same package edits as for an existing
 * workbook (charts.ts, ooxml-package.ts), applied to the small parts before the rows are added:
 * worksheets are first "shells" with an empty <sheetData></sheetData>, into which the rows are
 * streamed when the part is written.
 */
import JSZip from 'jszip';
import type { Cell, ConditionalFormat, TabDescription } from '../../../core/src/reports/tab-model';
import { argb, cellAddress, columnLetters, escapeXml, parseRange, rangeA1 } from '../../../core/src/reports/a1';
import { addCharts, type SheetCharts } from './charts';
import { putPart, writeMarkers, type GeneratedTab, type PrintTitles } from './ooxml-package';
import { XlsxStyleSheet } from './styles';
import { dropdownSource, formulaText, headerRowHeight, literal, planListColumns, type NameOf } from './tab-layout';
import { DEFAULT_LEVEL, ZipWriter, type PartWriter } from './zip-writer';

// exceljs ships the Office theme as a module exporting the XML text; no typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const THEME_XML = require('exceljs/lib/xlsx/xml/theme1.js') as string;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const EMPTY_SHEET_DATA = '<sheetData></sheetData>';


export interface PackageTab {
  tab: TabDescription;
  /** Final tab name. */
  name: string;
}

export interface PackageOptions {
  /** Our tabs to mark (defined names + custom property) and the note the markers carry. */
  markers: GeneratedTab[];
  note: string;
  /** Deflate level 1–9 (default DEFAULT_LEVEL). */
  level?: number;
  progress?: (message: string) => void;
}

/* ---------------------------------- text ---------------------------------- */

/** Characters XML 1.0 cannot carry (dropped), and "_xHHHH_" which Excel would read as an escape. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** Escape text for an element's content (<t>, <f>): one pass for the entities, which formulas often need. */
function textXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  const clean = SPECIAL.test(text) ? text.replace(INVALID_XML, '').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : text;
  return clean.replace(/[&<>]/g, (ch) => ENTITY[ch]);
}

/** The shared-string table: one entry per distinct text, in order of first use. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];
  count = 0;

  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  write(out: PartWriter): void {
    out.write(XML_HEAD + `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.texts.length}">`);
    for (const text of this.texts) out.write(`<si>${tXml(text)}</si>`);
    out.write('</sst>');
  }
}

const isXmlSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** A <t> element; leading or trailing XML white space (space, tab, line breaks) is kept. */
function tXml(text: string): string {
  const edge = text.length > 0 && (isXmlSpace(text.charCodeAt(0)) || isXmlSpace(text.charCodeAt(text.length - 1)));
  return edge ? `<t xml:space="preserve">${textXml(text)}</t>` : `<t>${textXml(text)}</t>`;
}

/**
 * Where the text of one column goes. Text is shared (t="s") while the column repeats itself;
 * a column that turns out to be mostly distinct values (ids, names) continues as inline strings
 * (t="inlineStr"), which Excel reads the same way: sharing them would only cost a hash-table
 * entry per value and a second copy of every value in sharedStrings.xml.
 */
class ColumnText {
  private shared: Map<string, number> | undefined = new Map();
  private seen = 0;

  constructor(private readonly sst: SharedStrings) {}

  /** The shared-string index, or -1: write this text inline. */
  id(text: string): number {
    const shared = this.shared;
    if (shared === undefined) return -1;
    this.seen++;
    let i = shared.get(text);
    if (i === undefined) {
      if (shared.size >= INLINE_AFTER_DISTINCT && shared.size * 2 > this.seen) {
        this.shared = undefined;
        return -1;
      }
      i = this.sst.id(text);
      shared.set(text, i);
    }
    this.sst.count++;
    return i;
  }
}

/** A column switches to inline strings after this many distinct texts, if most of its texts differ. */
const INLINE_AFTER_DISTINCT = 2000;

/* --------------------------------- sheets --------------------------------- */

function viewsXml(tab: TabDescription, first: boolean): string {
  const xSplit = tab.frozenColumns ?? 0;
  const ySplit = tab.frozenRows ?? 0;
  const open = `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">`;
  if (xSplit <= 0 && ySplit <= 0) return `${open}<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>`;
  const pane = xSplit > 0 && ySplit > 0 ? 'bottomRight' : xSplit > 0 ? 'topRight' : 'bottomLeft';
  return (
    open +
    `<pane${xSplit > 0 ? ` xSplit="${xSplit}"` : ''}${ySplit > 0 ? ` ySplit="${ySplit}"` : ''} ` +
    `topLeftCell="${cellAddress(Math.max(0, ySplit), Math.max(0, xSplit))}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="A1" sqref="A1"/></sheetView></sheetViews>`
  );
}

function colsXml(tab: TabDescription, hiddenCols: number[]): string {
  const cols: string[] = [];
  const n = Math.max(tab.columnWidths.length, ...hiddenCols.map((c) => c + 1));
  for (let c = 0; c < n; c++) {
    if (hiddenCols.includes(c)) {
      cols.push(`<col min="${c + 1}" max="${c + 1}" width="12" hidden="1" customWidth="1"/>`);
    } else if (c < tab.columnWidths.length) {
      const w = tab.columnWidths[c] > 0 ? tab.columnWidths[c] : 9;
      cols.push(`<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`);
    }
  }
  return cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '';
}

function conditionalXml(cf: ConditionalFormat, priority: number, nameOf: NameOf, styles: XlsxStyleSheet): string {
  const range = parseRange(cf.range);
  const ref = rangeA1(range);
  const topLeft = cellAddress(range.top, range.left);
  let rule: string;
  switch (cf.kind) {
    case 'textEquals': {
      const dxf = styles.dxf({ fill: argb(cf.fill), fontColor: argb(cf.fontColor) });
      const formula = `${topLeft}="${cf.text.replace(/"/g, '""')}"`;
      rule = `<cfRule type="expression" dxfId="${dxf}" priority="${priority}"><formula>${textXml(formula)}</formula></cfRule>`;
      break;
    }
    case 'colorScale': {
      const cfvo = cf.midColor
        ? '<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>'
        : '<cfvo type="min"/><cfvo type="max"/>';
      const colors = (cf.midColor ? [cf.minColor, cf.midColor, cf.maxColor] : [cf.minColor, cf.maxColor])
        .map((c) => `<color rgb="${argb(c)}"/>`)
        .join('');
      rule = `<cfRule type="colorScale" priority="${priority}"><colorScale>${cfvo}${colors}</colorScale></cfRule>`;
      break;
    }
    case 'formula': {
      const dxf = styles.dxf(cf.fontColor ? { fill: argb(cf.fill), fontColor: argb(cf.fontColor) } : { fill: argb(cf.fill) });
      rule = `<cfRule type="expression" dxfId="${dxf}" priority="${priority}"><formula>${textXml(
        formulaText(cf.formula, nameOf),
      )}</formula></cfRule>`;
      break;
    }
  }
  return `<conditionalFormatting sqref="${ref}">${rule}</conditionalFormatting>`;
}

/** The worksheet part without its rows: head + <sheetData></sheetData> + tail. */
function sheetShell(tab: TabDescription, first: boolean, nameOf: NameOf, styles: XlsxStyleSheet): string {
  const lists = planListColumns(tab);
  const validations = tab.dropdowns.map((d, i) => {
    const source = dropdownSource(d.options, lists.get(i), columnLetters);
    const error = `Choose one of: ${d.options.join(', ')}`.slice(0, 255);
    return (
      `<dataValidation type="list" errorStyle="stop" allowBlank="1" showErrorMessage="1" ` +
      `errorTitle="Choose from the list" error="${escapeXml(error)}" sqref="${rangeA1(parseRange(d.range))}">` +
      `<formula1>${textXml(source)}</formula1></dataValidation>`
    );
  });
  let priority = 0; // unique per sheet, in the order of the description
  const conditional = tab.conditionalFormats.map((cf) => conditionalXml(cf, ++priority, nameOf, styles)).join('');
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    viewsXml(tab, first) +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    colsXml(tab, [...lists.values()].map((l) => l.col)) +
    EMPTY_SHEET_DATA +
    conditional +
    (validations.length > 0 ? `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>` : '') +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup orientation="${tab.print.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    '</worksheet>'
  );
}

interface SharedRun {
  firstRow: number;
  lastRow: number;
  /** The shared formula's index on the sheet. */
  si: number;
  /** The run as an A1 range, e.g. "I31:I100030". */
  ref: string;
  /** Followers refer to the master cell's formula, so they are shared only once it is written. */
  masterWritten: boolean;
}

/**
 * The tab's filled-down formula columns as .xlsx shared formulas: the first cell carries the
 * formula text, the cells below only its index. A 100,000-account Health Scores tab shrinks from
 * about 73 MB of worksheet XML to a third of that, and skips building 400,000 formula texts.
 */
class SharedFormulaRuns {
  private readonly byCol: SharedRun[][] = [];
  /** Per column, the index of the first run not yet passed (rows are written top to bottom). */
  private readonly cursor: number[] = [];

  constructor(tab: TabDescription) {
    (tab.filledDown ?? []).forEach((run, si) => {
      if (run.lastRow <= run.firstRow) return;
      const ref = `${cellAddress(run.firstRow, run.col)}:${cellAddress(run.lastRow, run.col)}`;
      (this.byCol[run.col] ??= []).push({ firstRow: run.firstRow, lastRow: run.lastRow, si, ref, masterWritten: false });
    });
    for (const runs of this.byCol) runs?.sort((a, b) => a.firstRow - b.firstRow);
  }

  /** The run holding cell (r, c), if any. */
  runAt(r: number, c: number): SharedRun | undefined {
    const runs = this.byCol[c];
    if (runs === undefined) return undefined;
    let k = this.cursor[c] ?? 0;
    while (k < runs.length && runs[k].lastRow < r) k++;
    this.cursor[c] = k;
    const run = runs[k];
    return run !== undefined && run.firstRow <= r ? run : undefined;
  }
}

/** Stream the rows of a tab as <row> elements into `out`. */
function writeRows(out: PartWriter, tab: TabDescription, nameOf: NameOf, styles: XlsxStyleSheet, sst: SharedStrings): void {
  const lists = [...planListColumns(tab).values()];
  const columns: ColumnText[] = [];
  const text = (ref: string, s: string, c: number, v: string): string => {
    const id = (columns[c] ?? (columns[c] = new ColumnText(sst))).id(v);
    return id >= 0 ? `<c r="${ref}"${s} t="s"><v>${id}</v></c>` : `<c r="${ref}"${s} t="inlineStr"><is>${tXml(v)}</is></c>`;
  };
  let height = tab.rows.length;
  for (const l of lists) height = Math.max(height, l.options.length);
  const letters: string[] = [];
  const letter = (c: number): string => letters[c] ?? (letters[c] = columnLetters(c));
  // Style ids by style then format; most cells have neither.
  const xfCache = new Map<string | undefined, Map<string | undefined, number>>();
  const xfOf = (cell: Cell): number => {
    let byFormat = xfCache.get(cell.style);
    if (!byFormat) xfCache.set(cell.style, (byFormat = new Map()));
    let id = byFormat.get(cell.format);
    if (id === undefined) byFormat.set(cell.format, (id = styles.xf(cell.style, cell.format)));
    return id;
  };

  const filled = new SharedFormulaRuns(tab);

  for (let r = 0; r < height; r++) {
    const cells = tab.rows[r];
    const rn = String(r + 1); // once per row, not per cell
    let row = '';
    if (cells) {
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (!cell) continue;
        const xf = cell.style === undefined && cell.format === undefined ? 0 : xfOf(cell);
        const s = xf === 0 ? '' : ` s="${xf}"`;
        const ref = letter(c) + rn;
        if (cell.formula !== undefined && cell.formula !== '') {
          // No cached result: spreadsheets compute it on open.
          const run = filled.runAt(r, c);
          if (run !== undefined && run.masterWritten) {
            row += `<c r="${ref}"${s}><f t="shared" si="${run.si}"/></c>`;
          } else if (run !== undefined && r === run.firstRow) {
            run.masterWritten = true;
            row += `<c r="${ref}"${s}><f t="shared" ref="${run.ref}" si="${run.si}">${textXml(formulaText(cell.formula, nameOf))}</f></c>`;
          } else {
            row += `<c r="${ref}"${s}><f>${textXml(formulaText(cell.formula, nameOf))}</f></c>`;
          }
          continue;
        }
        // A string is always a string cell, whatever it starts with ("=", "+", "-", "@").
        const v = literal(cell.value);
        if (v === null) {
          if (xf !== 0) row += `<c r="${ref}"${s}/>`;
        } else if (typeof v === 'string') {
          row += text(ref, s, c, v);
        } else if (typeof v === 'number') {
          row += `<c r="${ref}"${s}><v>${v}</v></c>`;
        } else {
          row += `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
        }
      }
    }
    for (const l of lists) {
      if (r < l.options.length) row += text(`${letter(l.col)}${rn}`, '', l.col, literal(l.options[r]) as string);
    }
    const ht = cells ? headerRowHeight(cells, tab.columnWidths) : undefined;
    if (row === '' && ht === undefined) continue;
    // Each row goes straight to the part's staging buffer (see PartWriter).
    out.write(ht === undefined ? `<row r="${rn}">${row}</row>` : `<row r="${rn}" ht="${ht}" customHeight="1">${row}</row>`);
  }
}

/* -------------------------------- package --------------------------------- */

function workbookXml(names: string[]): string {
  const sheets = names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 4}"/>`).join('');
  return (
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    '<workbookPr defaultThemeVersion="164011"/>' +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
    `<sheets>${sheets}</sheets>` +
    // Formulas carry no cached value: ask for a full calculation when the file is opened.
    '<calcPr calcId="171027" fullCalcOnLoad="1"/>' +
    '</workbook>'
  );
}

function workbookRelsXml(count: number): string {
  const rel = (id: number, type: string, target: string) => `<Relationship Id="rId${id}" Type="${NS_R}/${type}" Target="${target}"/>`;
  const sheets = Array.from({ length: count }, (_, i) => rel(i + 4, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('');
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rel(1, 'styles', 'styles.xml') +
    rel(2, 'theme', 'theme/theme1.xml') +
    rel(3, 'sharedStrings', 'sharedStrings.xml') +
    sheets +
    '</Relationships>'
  );
}

function contentTypesXml(count: number): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const ssml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o('/xl/workbook.xml', `${ssml}.sheet.main+xml`) +
    Array.from({ length: count }, (_, i) => o(`/xl/worksheets/sheet${i + 1}.xml`, `${ssml}.worksheet+xml`)).join('') +
    o('/xl/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml') +
    o('/xl/styles.xml', `${ssml}.styles+xml`) +
    o('/xl/sharedStrings.xml', `${ssml}.sharedStrings+xml`) +
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    o('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml') +
    '</Types>'
  );
}

function rootRelsXml(): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${NS_R}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function appXml(names: string[]): string {
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names
      .map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`)
      .join('')}</vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
    '<AppVersion>16.0300</AppVersion></Properties>'
  );
}

function coreXml(): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>CS Sheets</dc:creator><cp:lastModifiedBy>CS Sheets</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Write the tabs as a new .xlsx at `file`: worksheets, styles, shared strings, charts and our
 * markers (print titles for the frozen rows included).
 */
export async function writePackage(
  tabs: PackageTab[],
  nameOf: NameOf,
  file: string,
  options: PackageOptions,
  charts: SheetCharts[],
): Promise<void> {
  const names = tabs.map((t) => t.name);
  const styles = new XlsxStyleSheet();
  const sst = new SharedStrings();

  // The small parts, edited in place by the chart and marker code.
  const zip = new JSZip();
  putPart(zip, '[Content_Types].xml', contentTypesXml(tabs.length));
  putPart(zip, '_rels/.rels', rootRelsXml());
  putPart(zip, 'docProps/app.xml', appXml(names));
  putPart(zip, 'docProps/core.xml', coreXml());
  putPart(zip, 'xl/workbook.xml', workbookXml(names));
  putPart(zip, 'xl/_rels/workbook.xml.rels', workbookRelsXml(tabs.length));
  putPart(zip, 'xl/theme/theme1.xml', THEME_XML);
  const sheetPaths = tabs.map((_, i) => `xl/worksheets/sheet${i + 1}.xml`);
  tabs.forEach((t, i) => putPart(zip, sheetPaths[i], sheetShell(t.tab, i === 0, nameOf, styles)));
  await addCharts(zip, charts);
  const printTitles: PrintTitles[] = tabs.map((t) => ({ sheetName: t.name, rows: t.tab.frozenRows }));
  await writeMarkers(zip, options.markers, printTitles, options.note);

  const out = new ZipWriter(options.level ?? DEFAULT_LEVEL);
  const big = new Set([...sheetPaths, 'xl/styles.xml', 'xl/sharedStrings.xml']);
  const small = Object.keys(zip.files).filter((p) => !zip.files[p].dir && !big.has(p));
  // [Content_Types].xml first, as Office writes it.
  small.sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
  for (const p of small) out.add(p, await zip.file(p)!.async('nodebuffer'));

  for (let i = 0; i < tabs.length; i++) {
    options.progress?.(`writing tab "${names[i]}" (${tabs[i].tab.rows.length} rows)`);
    const shell = await zip.file(sheetPaths[i])!.async('string');
    const at = shell.indexOf(EMPTY_SHEET_DATA);
    if (at < 0) throw new Error(`The worksheet shell of "${names[i]}" lost its sheetData`);
    const part = out.part(sheetPaths[i]);
    part.writer.write(shell.slice(0, at) + '<sheetData>');
    writeRows(part.writer, tabs[i].tab, nameOf, styles, sst);
    part.writer.write('</sheetData>' + shell.slice(at + EMPTY_SHEET_DATA.length));
    part.close();
  }
  const strings = out.part('xl/sharedStrings.xml');
  sst.write(strings.writer);
  strings.close();
  out.add('xl/styles.xml', styles.toXml());
  await out.writeFile(file);
}
