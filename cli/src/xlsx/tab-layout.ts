/**
 * What both .xlsx writers (the direct package writer and exceljs for existing workbooks) derive
 * from a TabDescription the same way: formula text, literals, hidden list columns, header heights.
 */
import { resolveSheetRefs, type CellValue, type TabDescription } from '../../../core/src/reports/tab-model';

/** Excel's limit for the text of one cell. */
export const MAX_CELL_TEXT = 32767;
/** An inline list validation ("a,b,c") may hold at most 255 characters. */
const MAX_INLINE_LIST = 255;

export type Grid = TabDescription['rows'];

/** What the tabs' formulas may reference: final names of tabs by key. */
export type NameOf = (key: string) => string;

export function makeNameOf(names: Map<string, string>): NameOf {
  return (key) => {
    const name = names.get(key);
    if (name === undefined) throw new Error(`A formula refers to the tab "${key}", which is not generated`);
    return name;
  };
}

export function formulaText(formula: string, nameOf: NameOf): string {
  const f = resolveSheetRefs(formula.trim(), nameOf);
  return f.startsWith('=') ? f.slice(1) : f;
}

/** The literal written for a value: text stays text, numbers stay numbers. */
export function literal(value: CellValue | undefined): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  const text = String(value);
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}

function canInline(options: string[]): boolean {
  const text = options.join(',');
  return text.length + 2 <= MAX_INLINE_LIST && options.every((o) => !o.includes(',') && !o.includes('"'));
}

export interface ListColumn {
  col: number;
  options: string[];
}

/** Dropdowns whose options cannot be written inline get a hidden list column on the tab. */
export function planListColumns(tab: TabDescription): Map<number, ListColumn> {
  const byDropdown = new Map<number, ListColumn>();
  let width = tab.columnWidths.length;
  for (const r of tab.rows) if (r.length > width) width = r.length; // no spread: 1,000,000 rows overflow the stack
  let next = width + 1; // leave one empty column between the tab and its lists
  tab.dropdowns.forEach((d, i) => {
    if (!canInline(d.options)) byDropdown.set(i, { col: next++, options: d.options });
  });
  return byDropdown;
}

/** The source of a dropdown: its hidden list column, or the inline list. */
export function dropdownSource(options: string[], list: ListColumn | undefined, columnLetters: (c: number) => string): string {
  return list
    ? `$${columnLetters(list.col)}$1:$${columnLetters(list.col)}$${list.options.length}`
    : `"${options.join(',')}"`;
}

/** Points of height per line of 11pt text, and the most lines a header row grows to. */
const LINE_HEIGHT = 15;
const MAX_HEADER_LINES = 3;

/**
 * Header cells wrap; spreadsheets do not grow rows on open, so give a header row the height
 * its longest label needs in its column (estimated from characters vs. column width).
 */
export function headerRowHeight(cells: Grid[number], widths: number[]): number | undefined {
  let lines = 1;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (cell?.style !== 'header' || typeof cell.value !== 'string') continue;
    const width = Math.max(1, widths[c] ?? 9);
    // Bold text is a little wider than the width unit (a digit of the default font).
    const need = Math.ceil((cell.value.length * 1.05) / width);
    lines = Math.max(lines, Math.min(MAX_HEADER_LINES, need));
  }
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}
