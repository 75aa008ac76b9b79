/**
 * TabDescription + final tab names → a host-ready render plan, shared by the Excel task pane
 * renderer (Excel.run) and the Sheets renderer (SpreadsheetApp). Pure: no host API.
 *
 * What a host gets:
 * - the grid as 2-D row blocks under a fixed budget (cells and estimated request characters),
 *   so a renderer makes one host round trip per block and the number of round trips stays
 *   constant as rows grow, until a tab outgrows one block;
 * - per block: `values` (literals, host-safe: see `hostLiteral`), `formulas` ("=…" en-US with
 *   sheet references resolved, null elsewhere), `numberFormats` and `input` (formula where there
 *   is one, else the literal: what one `range.formulas = …` / `setValues(…)` call writes);
 * - style runs and number-format runs as A1 rectangles grouped per style / format;
 * - column widths, frozen rows/columns, header row heights, conditional formats (formulas resolved),
 *   charts (ranges as A1 plus anchor cells), dropdowns and print setup.
 *
 * Text escaping. Both hosts parse text written through `range.values` / `range.formulas`
 * (Excel) and `setValues` (Sheets) as if typed: "=x" becomes a formula, "+1"/"-1"/"00123" numbers,
 * "TRUE" a boolean, "2024-01-05" a date, "@x" is rejected or becomes a function call. Both treat a
 * leading apostrophe as the "quote prefix": "'=x" is stored as the text "=x" (and "''x" as "'x").
 * So any text a host could read as something else gets one leading apostrophe; numbers and
 * booleans are written as themselves. Escaping text that would have stayed text anyway is
 * harmless (the prefix is not part of the value), so the rule errs on the side of escaping.
 */
import { cellAddress, columnLetters, rangeA1, parseRange, type CellRange } from './a1';
import {
  resolveSheetRefs,
  type Cell,
  type CellStyle,
  type CellValue,
  type ChartSpec,
  type ConditionalFormat,
  type TabDescription,
} from './tab-model';

/** Excel's (and Sheets') limit for the text of one cell. */
export const MAX_CELL_TEXT = 32767;

/**
 * Default block budget. Excel on the web caps one request at 5 MB, so a block is also cut
 * by an estimate of its JSON size (values + formulas + number formats), whichever comes first.
 * 10,000 accounts on the Data tab (14 columns, about 2.3 MB) fit in one block; the rest of a
 * request (styles, charts, markers) is small.
 */
export const DEFAULT_BLOCK_CELLS = 200_000;
export const DEFAULT_BLOCK_CHARS = 3_500_000;

export type HostValue = string | number | boolean;

export interface RenderPlanOptions {
  /** Most cells in one row block. */
  blockCells?: number;
  /** Most estimated request characters in one row block. */
  blockChars?: number;
  /** The number format written where a cell has none ("General" in Excel; "" suits Sheets too). */
  generalFormat?: string;
}

export interface RowBlock {
  /** 0-based first row and row count; the block spans columns A..(width-1). */
  top: number;
  rowCount: number;
  /** A1 range of the block, e.g. "A1:N5000". */
  range: string;
  /** Literals after `hostLiteral`; '' for empty cells and for formula cells. */
  values: HostValue[][];
  /** "=…" for formula cells, null elsewhere; null as a whole when the block has no formula. */
  formulas: (string | null)[][] | null;
  /** The cell's number format, or the plan's general format. */
  numberFormats: string[][];
  /** What one write call takes: the formula where there is one, else the escaped literal. */
  input: HostValue[][];
}

export interface Runs<T extends string> {
  key: T;
  /** A1 rectangles ("A5:A9", "B2") with this key, in row order. */
  ranges: string[];
}

export interface PlannedConditionalFormat {
  rule: ConditionalFormat;
  /** The rule's range (same tab), and for `formula` rules the formula with sheet refs resolved, with "=". */
  range: string;
  formula?: string;
}

export interface PlannedChart {
  spec: ChartSpec;
  kind: ChartSpec['kind'];
  title: string;
  categories: string;
  series: { name: string; values: string }[];
  /** Top-left and bottom-right anchor cells (A1), bottom-right exclusive of the size. */
  topLeft: string;
  bottomRight: string;
}

export interface PlannedDropdown {
  range: string;
  options: string[];
}

export interface RenderPlan {
  key: string;
  /** The final tab name (legal and unique, from resolveTabNames). */
  name: string;
  rowCount: number;
  /** Columns of the grid (at least 1). */
  width: number;
  /** A1 range of the whole grid. */
  usedRange: string;
  blocks: RowBlock[];
  styles: Runs<CellStyle>[];
  formats: Runs<string>[];
  /** Column widths in characters, from column A. */
  columnWidths: number[];
  frozenRows: number;
  frozenColumns: number;
  /** 0-based row → height in points, for header rows whose labels wrap. */
  rowHeights: { row: number; height: number }[];
  conditionalFormats: PlannedConditionalFormat[];
  charts: PlannedChart[];
  dropdowns: PlannedDropdown[];
  print: { landscape: boolean; fitToPagesWide: 1; titleRows: number };
}

/* ------------------------------------------------------------------------------------------ */

const MONTH_START = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/,]+\d/i;
const NUMBER_LIKE = /^[\s(]*[-+]?[\s]*[$€£¥]?[\s]*[.,]?\d/;
const BOOLEAN_LIKE = /^\s*(true|false)\s*$/i;

/**
 * Does a host parse this text as something other than the same text? Formulas (= + - @),
 * a leading apostrophe (would be eaten as the quote prefix), numbers, dates, times,
 * percentages and currency amounts (they start with a digit), booleans, error literals (#…).
 */
export function needsQuotePrefix(text: string): boolean {
  if (text === '') return false;
  const first = text[0];
  if (first === '=' || first === '+' || first === '-' || first === '@' || first === "'" || first === '#') return true;
  return NUMBER_LIKE.test(text) || BOOLEAN_LIKE.test(text) || MONTH_START.test(text.trim());
}

/**
 * The value a host is given for a literal: numbers stay numbers (non-finite → empty),
 * booleans stay booleans, text a host would parse gets a leading apostrophe, empty → ''.
 * Text is cut to 32,767 characters, the hosts' cell limit.
 */
export function hostLiteral(value: CellValue | undefined): HostValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value;
  let text = String(value);
  if (needsQuotePrefix(text)) text = `'${text}`;
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}

/** Undo `hostLiteral` for text: what a host stores (and reads back) for the given input. */
export function storedText(input: string): string {
  return input.startsWith("'") ? input.slice(1) : input;
}

/** A formula cell's text: "=" + en-US formula with `sheetRef`s replaced by quoted final names. */
export function hostFormula(formula: string, nameOf: (key: string) => string): string {
  const f = resolveSheetRefs(formula.trim(), nameOf);
  return f.startsWith('=') ? f : `=${f}`;
}

/** Name lookup for a batch: key → final name; an unknown key throws (a formula refers to a tab not generated). */
export function nameLookup(names: ReadonlyMap<string, string> | Readonly<Record<string, string>>): (key: string) => string {
  const get = names instanceof Map ? (k: string) => names.get(k) : (k: string) => (names as Record<string, string>)[k];
  return (key) => {
    const name = get(key);
    if (name === undefined) throw new Error(`A formula refers to the tab "${key}", which is not generated in this batch`);
    return name;
  };
}

/* ------------------------------------------------------------------------------------------ */

function gridWidth(tab: TabDescription): number {
  let width = Math.max(1, tab.columnWidths.length);
  for (const r of tab.rows) if (r && r.length > width) width = r.length;
  return width;
}

/** Rough JSON size of a cell's input and number format in a request. */
function cellChars(input: HostValue, format: string): number {
  const v = typeof input === 'string' ? input.length + 3 : typeof input === 'number' ? String(input).length + 1 : 6;
  return v + format.length + 5;
}

/**
 * Group cells by a key into rectangles: horizontal runs per row, merged downwards while the
 * next row has the identical run. Returns the rectangles per key in order of first appearance.
 */
export function groupRuns<T extends string>(rows: TabDescription['rows'], keyOf: (cell: Cell) => T | undefined): Runs<T>[] {
  const out = new Map<T, string[]>();
  let open = new Map<string, { key: T; range: CellRange }>();
  const close = (r: { key: T; range: CellRange }) => {
    let list = out.get(r.key);
    if (!list) out.set(r.key, (list = []));
    list.push(rangeA1(r.range));
  };
  const order: T[] = [];
  for (let row = 0; row < rows.length; row++) {
    const next = new Map<string, { key: T; range: CellRange }>();
    const cells = rows[row] ?? [];
    let c = 0;
    while (c < cells.length) {
      const cell = cells[c];
      const key = cell ? keyOf(cell) : undefined;
      if (key === undefined) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < cells.length) {
        const n = cells[end + 1];
        if (!n || keyOf(n) !== key) break;
        end++;
      }
      const id = `${c}:${end}:${key}`;
      const prev = open.get(id);
      if (prev) {
        prev.range.bottom = row;
        open.delete(id);
        next.set(id, prev);
      } else {
        if (!out.has(key) && !order.includes(key)) order.push(key);
        next.set(id, { key, range: { top: row, left: c, bottom: row, right: end } });
      }
      c = end + 1;
    }
    for (const r of open.values()) close(r);
    open = next;
  }
  for (const r of open.values()) close(r);
  // Order keys by first appearance; ranges within a key by top row then left column.
  const keys = [...out.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return keys.map((key) => ({
    key,
    ranges: out
      .get(key)!
      .map((a1) => ({ a1, r: parseRange(a1) }))
      .sort((x, y) => x.r.top - y.r.top || x.r.left - y.r.left)
      .map((x) => x.a1),
  }));
}

const LINE_HEIGHT = 15;
const MAX_HEADER_LINES = 3;

function headerRowHeight(cells: TabDescription['rows'][number], widths: number[]): number | undefined {
  let lines = 1;
  for (let c = 0; c < (cells?.length ?? 0); c++) {
    const cell = cells![c];
    if (cell?.style !== 'header' || typeof cell.value !== 'string') continue;
    const width = Math.max(1, widths[c] ?? 9);
    lines = Math.max(lines, Math.min(MAX_HEADER_LINES, Math.ceil((cell.value.length * 1.05) / width)));
  }
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

/**
 * The host-ready plan of one tab. `nameOf` maps tab keys to their final names (for formulas
 * that refer to other generated tabs); `name` is this tab's final name.
 */
export function planTab(
  tab: TabDescription,
  name: string,
  nameOf: (key: string) => string,
  options: RenderPlanOptions = {},
): RenderPlan {
  const blockCells = Math.max(1, options.blockCells ?? DEFAULT_BLOCK_CELLS);
  const blockChars = Math.max(1, options.blockChars ?? DEFAULT_BLOCK_CHARS);
  const general = options.generalFormat ?? 'General';
  const width = gridWidth(tab);
  const rowCount = Math.max(1, tab.rows.length);
  const lastCol = columnLetters(width - 1);

  const blocks: RowBlock[] = [];
  let block: RowBlock | null = null;
  let blockCharsUsed = 0;
  let blockHasFormula = false;
  const close = (b: RowBlock, hasFormula: boolean) => {
    if (!hasFormula) b.formulas = null;
    b.range = `A${b.top + 1}:${lastCol}${b.top + b.rowCount}`;
    blocks.push(b);
  };
  for (let r = 0; r < rowCount; r++) {
    const cells = tab.rows[r] ?? [];
    const values: HostValue[] = new Array(width);
    const formulas: (string | null)[] = new Array(width);
    const formats: string[] = new Array(width);
    const input: HostValue[] = new Array(width);
    let chars = 0;
    let hasFormula = false;
    for (let c = 0; c < width; c++) {
      const cell = cells[c];
      const format = cell?.format ?? general;
      formats[c] = format;
      if (cell && typeof cell.formula === 'string' && cell.formula.trim() !== '') {
        const f = hostFormula(cell.formula, nameOf);
        values[c] = '';
        formulas[c] = f;
        input[c] = f;
        hasFormula = true;
      } else {
        const v = hostLiteral(cell?.value);
        values[c] = v;
        formulas[c] = null;
        input[c] = v;
      }
      chars += cellChars(input[c], format);
    }
    if (block !== null && ((block.rowCount + 1) * width > blockCells || blockCharsUsed + chars > blockChars)) {
      close(block, blockHasFormula);
      block = null;
    }
    if (block === null) {
      block = { top: r, rowCount: 0, range: '', values: [], formulas: [], numberFormats: [], input: [] };
      blockCharsUsed = 0;
      blockHasFormula = false;
    }
    block.values.push(values);
    block.formulas!.push(formulas);
    block.numberFormats.push(formats);
    block.input.push(input);
    block.rowCount++;
    blockCharsUsed += chars;
    blockHasFormula = blockHasFormula || hasFormula;
  }
  if (block !== null) close(block, blockHasFormula);

  const rowHeights: { row: number; height: number }[] = [];
  for (let r = 0; r < Math.min(tab.rows.length, 200); r++) {
    const h = headerRowHeight(tab.rows[r], tab.columnWidths);
    if (h !== undefined) rowHeights.push({ row: r, height: h });
  }

  const conditionalFormats: PlannedConditionalFormat[] = tab.conditionalFormats.map((rule) =>
    rule.kind === 'formula'
      ? { rule, range: rangeA1(parseRange(rule.range)), formula: hostFormula(rule.formula, nameOf) }
      : { rule, range: rangeA1(parseRange(rule.range)) },
  );
  const charts: PlannedChart[] = tab.charts.map((spec) => ({
    spec,
    kind: spec.kind,
    title: spec.title,
    categories: rangeA1(parseRange(spec.categories)),
    series: spec.series.map((s) => ({ name: s.name, values: rangeA1(parseRange(s.values)) })),
    topLeft: cellAddress(spec.anchor.row, spec.anchor.col),
    bottomRight: cellAddress(spec.anchor.row + Math.max(1, spec.anchor.heightRows), spec.anchor.col + Math.max(1, spec.anchor.widthCols)),
  }));
  const dropdowns: PlannedDropdown[] = tab.dropdowns.map((d) => ({ range: rangeA1(parseRange(d.range)), options: [...d.options] }));

  return {
    key: tab.key,
    name,
    rowCount,
    width,
    usedRange: `A1:${lastCol}${rowCount}`,
    blocks,
    styles: groupRuns<CellStyle>(tab.rows, (c) => c.style),
    formats: groupRuns<string>(tab.rows, (c) => c.format),
    columnWidths: [...tab.columnWidths],
    frozenRows: tab.frozenRows,
    frozenColumns: tab.frozenColumns ?? 0,
    rowHeights,
    conditionalFormats,
    charts,
    dropdowns,
    print: { landscape: tab.print.landscape, fitToPagesWide: 1, titleRows: tab.frozenRows },
  };
}

/**
 * Plans for a batch of tabs, given their final names (e.g. from resolveTabNames):
 * `names` maps every tab key of the batch (and any other generated tab formulas refer to) to its name.
 */
export function planTabs(
  tabs: readonly TabDescription[],
  names: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: RenderPlanOptions = {},
): RenderPlan[] {
  const nameOf = nameLookup(names);
  return tabs.map((t) => planTab(t, nameOf(t.key), nameOf, options));
}

/* ------------------------------------------------------------------------------------------ */
/* The finance look, host-neutral (mirrors cli/src/xlsx/styles.ts). Colours are "#RRGGBB".    */

export interface StyleLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  borderTop?: { color: string; double?: boolean };
  borderBottom?: { color: string; double?: boolean };
  borderAround?: string;
  wrap?: boolean;
  verticalMiddle?: boolean;
}

export const LOOK_COLORS = {
  navy: '#1F3864',
  headerFill: '#D9E1F2',
  headerBorder: '#8EA9DB',
  inputFill: '#FFF2CC',
  inputFont: '#0000FF',
  inputBorder: '#BFBFBF',
  note: '#7F7F7F',
  subtitle: '#595959',
  warningFont: '#9C5700',
  warningFill: '#FFEB9C',
  total: '#000000',
} as const;

export const STYLE_LOOKS: Record<CellStyle, StyleLook> = {
  title: { bold: true, size: 16, color: LOOK_COLORS.navy },
  subtitle: { italic: true, size: 10, color: LOOK_COLORS.subtitle },
  header: { bold: true, size: 11, color: LOOK_COLORS.navy, fill: LOOK_COLORS.headerFill, borderBottom: { color: LOOK_COLORS.headerBorder }, wrap: true, verticalMiddle: true },
  section: { bold: true, size: 12, color: LOOK_COLORS.navy, borderBottom: { color: LOOK_COLORS.navy } },
  label: { size: 11 },
  input: { size: 11, color: LOOK_COLORS.inputFont, fill: LOOK_COLORS.inputFill, borderAround: LOOK_COLORS.inputBorder },
  total: { bold: true, size: 11, borderTop: { color: LOOK_COLORS.total }, borderBottom: { color: LOOK_COLORS.total, double: true } },
  note: { italic: true, size: 9, color: LOOK_COLORS.note },
  warning: { bold: true, size: 11, color: LOOK_COLORS.warningFont, fill: LOOK_COLORS.warningFill },
};

/** "FF1F3864", "1f3864" or "#1F3864" → "#1F3864" (what both hosts take). */
export function hexColor(color: string): string {
  let c = color.trim().replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{3}$/.test(c)) c = c.split('').map((x) => x + x).join('');
  if (/^[0-9A-F]{8}$/.test(c)) c = c.slice(2);
  if (!/^[0-9A-F]{6}$/.test(c)) throw new Error(`Not a colour: "${color}"`);
  return `#${c}`;
}

/* ------------------------------------------------------------------------------------------ */
/* Generated-tab markers, the same as the .xlsx build's (cli/src/xlsx/ooxml-package.ts):       */
/* a workbook defined name CS_GENERATED_<encoded key> referring to '<tab>'!$A$1.               */

export const MARKER_NAME_PREFIX = 'CS_GENERATED_';

/** a-z and 0-9 stay, "-" becomes ".", anything else "_" + 4 hex digits per UTF-16 unit. */
export function encodeMarkerKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (/[a-z0-9]/.test(ch)) out += ch;
    else if (ch === '-') out += '.';
    else out += `_${key.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

export function decodeMarkerKey(encoded: string): string {
  return encoded.replace(/_([0-9a-fA-F]{4})|\./g, (_m: string, h: string | undefined) => (h === undefined ? '-' : String.fromCharCode(parseInt(h, 16))));
}

export function markerName(key: string): string {
  return `${MARKER_NAME_PREFIX}${encodeMarkerKey(key)}`;
}

/** The key of a marker name, or undefined when the name is not ours. */
export function keyOfMarkerName(name: string): string | undefined {
  if (!name.toUpperCase().startsWith(MARKER_NAME_PREFIX)) return undefined;
  return decodeMarkerKey(name.slice(MARKER_NAME_PREFIX.length).toLowerCase());
}

/** The sheet a marker's formula refers to: "='My tab'!$A$1" or "=Data!$A$1" → the name; "#REF!" → undefined. */
export function sheetOfMarkerFormula(formula: string): string | undefined {
  const f = formula.trim().replace(/^=/, '');
  const quoted = /^'((?:[^']|'')+)'!/.exec(f);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^!'#]+)!/.exec(f);
  return plain ? plain[1] : undefined;
}

/** The marker formula for a tab: ='<name>'!$A$1. */
export function markerFormula(sheetName: string): string {
  return `='${sheetName.replace(/'/g, "''")}'!$A$1`;
}
