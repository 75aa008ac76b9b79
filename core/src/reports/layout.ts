/**
 * Shared pieces of every generated tab: A1 addressing, the title block ("as of" line and
 * generated marker), the retention definition box, status colours and small cell helpers.
 * Pure functions only; nothing here knows about a host.
 */
import type { Period, ReportModel } from '../data/model';
import { addMonthsToDay, dayFromIso } from '../dates';
import { cellAddress, columnLetters } from './a1';
import { FORMATS, GENERATED_MARKER } from './tab-model';
import type { Cell, CellStyle, CellValue, ConditionalFormat, TabDescription } from './tab-model';

export type Row = (Cell | null | undefined)[];

// ---------------------------------------------------------------------------------------------
// A1 addressing (0-based row/column in, spreadsheet text out)

/** Absolute A1 address: abs(0, 0) → "$A$1". */
export function abs(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** Relative A1 range over one column: colRange(2, 4, 1) → "B3:B5". */
export function colRange(firstRow: number, lastRow: number, col: number): string {
  return `${cellAddress(firstRow, col)}:${cellAddress(lastRow, col)}`;
}

/** Absolute A1 range over one column: "$B$3:$B$5". */
export function absColRange(firstRow: number, lastRow: number, col: number): string {
  return `${abs(firstRow, col)}:${abs(lastRow, col)}`;
}

/** A text literal inside a formula: quotes doubled. */
export function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------------------------------------
// Cells

export const text = (value: string, style?: CellStyle): Cell => (style ? { value, style } : { value });
export const num = (value: number | null, format?: string, style?: CellStyle): Cell => {
  const cell: Cell = { value };
  if (format) cell.format = format;
  if (style) cell.style = style;
  return cell;
};
export const label = (value: string): Cell => ({ value, style: 'label' });
export const header = (value: string): Cell => ({ value, style: 'header' });
export const note = (value: string): Cell => ({ value, style: 'note' });

/**
 * A formula cell with core's figure as `expected`. A missing figure (null, NaN) is expected
 * as "", which is what the formula's empty-base guard IF(…=0,"",…) gives.
 */
export function fx(formula: string, expected: CellValue, format?: string, style?: CellStyle): Cell {
  const e = expected === null || (typeof expected === 'number' && !Number.isFinite(expected)) ? '' : expected;
  const cell: Cell = { formula, expected: e };
  if (format) cell.format = format;
  if (style) cell.style = style;
  return cell;
}

/**
 * Cells for the values a long table repeats (tiers, 1/0 flags, 0–100 scores): one object per
 * distinct value and format instead of one per row. Cells are never changed once made, so a tab
 * may hold one object in many places. Past `limit` cells kept (values that hardly repeat), new ones are not kept.
 */
export class RepeatedCells {
  private readonly byFormat = new Map<string | undefined, Map<CellValue, Cell>>();
  private size = 0;
  constructor(private readonly limit = 10_000) {}

  get(value: string | number, format?: string): Cell {
    let byValue = this.byFormat.get(format);
    if (byValue === undefined) this.byFormat.set(format, (byValue = new Map()));
    let cell = byValue.get(value);
    if (cell === undefined) {
      cell = format === undefined ? { value } : { value, format };
      if (this.size < this.limit) {
        byValue.set(value, cell);
        this.size++;
      }
    }
    return cell;
  }
}

const ROW_PLACEHOLDER = '\u0001';

/**
 * One formula for every row of a long table: `make` is called once with a placeholder for the
 * row number, and each row's text is then made in one piece. (A template literal per row builds
 * a chain of string pieces: for the 100,000 rows of Health Scores that was 2.6× the memory and
 * 3× the time.) The function takes the 1-based row number the formula's references point at.
 */
export function rowFormula(make: (rowNumber: string) => string): (rowNumber: number) => string {
  const parts = make(ROW_PLACEHOLDER).split(ROW_PLACEHOLDER);
  if (parts.length === 1) {
    const fixed = parts[0];
    return () => fixed;
  }
  return (rowNumber) => parts.join(String(rowNumber));
}

/** The number format for money in the reporting currency; plain thousands when it is unknown. */
export function moneyFormat(currency: string | null): string {
  if (currency === null) return FORMATS.integer;
  if (currency === '$') return FORMATS.currency;
  return `"${currency.replace(/"/g, '')}"#,##0`;
}

// ---------------------------------------------------------------------------------------------
// Widths and text lines
//
// Column widths are in characters of the default font's digit (the spreadsheet width unit).
// Measured on LibreOffice's PDF with its fallback font (DejaVu Sans, wider than Calibri), body
// text takes about 0.8 of a unit per character at 11 pt and notes (9 pt italic) about 0.7; the
// figures below are a little above that, so that text estimated to fit does fit in every host.
// No generated text wraps inside a cell (the hosts would not grow the row), so long text is
// split into lines, one row each, that overflow into the empty cells to their right and end
// inside the tab's used width: the printed page (one page wide) is never widened by a note.

/** Width units per character of text in a style (bold and larger text take more room). */
export const CHAR_UNITS = { body: 0.85, bold: 0.95, note: 0.75 } as const;

/** Sum of column widths from column `first` (inclusive) to `last` (exclusive; default: all). */
export function widthOf(widths: readonly number[], first = 0, last = widths.length): number {
  let s = 0;
  for (let c = first; c < last; c++) s += widths[c] ?? 0;
  return s;
}

/**
 * Split text into lines of at most `maxChars` characters: whole sentences are kept together
 * where they fit, longer sentences are broken between words. Never loses a character other
 * than the spaces at the breaks.
 */
export function splitLines(textValue: string, maxChars: number): string[] {
  const limit = Math.max(10, Math.floor(maxChars));
  const sentences = textValue.split(/(?<=[.!?])\s+(?=\S)/);
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line === '') line = piece;
    else if (line.length + 1 + piece.length <= limit) line += ' ' + piece;
    else {
      lines.push(line);
      line = piece;
    }
  };
  for (const sentence of sentences) {
    if (sentence.length <= limit) {
      push(sentence);
      continue;
    }
    // A long sentence starts on its own line and is broken between words; the next sentence
    // may continue on its last line.
    if (line !== '') {
      lines.push(line);
      line = '';
    }
    for (const word of sentence.split(/\s+/)) push(word);
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Lines of text that fit `widthUnits` of columns in the given style. */
export function fitLines(textValue: string, widthUnits: number, kind: keyof typeof CHAR_UNITS = 'body'): string[] {
  // One unit is kept for the cell's padding.
  return splitLines(textValue, (widthUnits - 1) / CHAR_UNITS[kind]);
}

/** A note paragraph as rows of column-A notes, each line fitting `widthUnits`. */
export function noteRows(textValue: string, widthUnits: number): Row[] {
  return fitLines(textValue, widthUnits, 'note').map((l) => [note(l)]);
}

// ---------------------------------------------------------------------------------------------
// Title block

/**
 * "12 months", "1 month", "11.97 months". Never rounds a fractional count to a whole one:
 * 11 months and 30 days is "11.97 months", not "12 months".
 */
export function monthsText(months: number): string {
  if (Number.isInteger(months)) return `${months} ${months === 1 ? 'month' : 'months'}`;
  let digits = 2;
  let shown = months.toFixed(digits);
  while (digits < 6 && Number.isInteger(Number(shown))) shown = months.toFixed(++digits);
  return `${shown} months`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The period's length as the user should read it: whole months when `to` is exactly
 * `from` + N months ("12 months"); a day count under one month ("1 day", "14 days");
 * otherwise fractional months with the day count ("11.97 months, 365 days").
 */
export function periodLengthText(period: Period): string {
  const d0 = dayFromIso(period.from);
  const d1 = dayFromIso(period.to);
  if (d0 === null || d1 === null) return monthsText(period.months);
  const n = Math.round(period.months);
  if (n >= 1 && addMonthsToDay(d0, n) === d1) return plural(n, 'month');
  const days = d1 - d0;
  if (period.months < 1) return plural(days, 'day');
  return `${monthsText(period.months)}, ${plural(days, 'day')}`;
}

/** The "as of" line: the period's last day, never today's date. */
export function asOfLine(period: Period): string {
  return `As of ${period.asOf} (period from ${period.from} to ${period.to}, ${periodLengthText(period)})`;
}

/**
 * Whether annual targets and benchmarks may be applied (and coloured) for this period:
 * exactly when to = from + 12 months (a period one day short of a year is not annual).
 */
export function isAnnual(period: Period): boolean {
  const d0 = dayFromIso(period.from);
  const d1 = dayFromIso(period.to);
  return d0 !== null && d1 !== null && addMonthsToDay(d0, 12) === d1;
}

/** Rows 1–3 of every tab: title, "as of" line, generated marker. Row 4 is left blank by callers. */
export function titleRows(title: string, period: Period): Row[] {
  return [[text(title, 'title')], [text(asOfLine(period), 'subtitle')], [note(GENERATED_MARKER)]];
}

/** Assemble a tab with the shared print setup: landscape (renderers always fit one page wide). */
export function makeTab(
  parts: Pick<TabDescription, 'key' | 'name' | 'rows' | 'columnWidths' | 'frozenRows'> &
    Partial<Pick<TabDescription, 'frozenColumns' | 'conditionalFormats' | 'charts' | 'dropdowns' | 'filledDown'>>,
): TabDescription {
  return {
    conditionalFormats: [],
    charts: [],
    dropdowns: [],
    ...parts,
    print: { landscape: true },
  };
}

// ---------------------------------------------------------------------------------------------
// Status colours (conditional formats)

export const COLORS = {
  good: { fill: '#C6EFCE', fontColor: '#006100' },
  neutral: { fill: '#FFEB9C', fontColor: '#9C5700' },
  bad: { fill: '#FFC7CE', fontColor: '#9C0006' },
} as const;

export function textBand(range: string, value: string, tone: keyof typeof COLORS): ConditionalFormat {
  return { kind: 'textEquals', range, text: value, ...COLORS[tone] };
}

/** Great / Good / Below colour bands on a range of benchmark ratings. */
export function benchmarkBands(range: string): ConditionalFormat[] {
  return [textBand(range, 'Great', 'good'), textBand(range, 'Good', 'neutral'), textBand(range, 'Below', 'bad')];
}

// ---------------------------------------------------------------------------------------------
// Definition box (every tab with a retention figure)

export function currencyText(currency: string | null): string {
  return currency === null ? 'As in source (no currency symbol was seen in the data)' : currency;
}

/** Label/text pairs of the definition box. */
export function definitionBox(model: ReportModel): [string, string][] {
  const p = model.period;
  return [
    ['Basis', 'ARR (annual recurring revenue). Where only MRR is given, ARR = 12 × MRR.'],
    [
      'Period',
      `${p.from} up to but not including ${p.to} (${periodLengthText(p)}). ` +
        `Start value = ARR on ${p.from}; end value = ARR on ${p.to}, the instant the period closes.`,
    ],
    [
      'Cohort rule',
      'The cohort is every account with start ARR above 0. NRR, GRR and logo retention are computed over the cohort only.',
    ],
    [
      'New and reactivated accounts',
      'An account with no ARR at the start (a new logo, or a returning customer) is outside the cohort: ' +
        'its end ARR is reported as New in the movements and never lifts a retention ratio.',
    ],
    ['Currency', currencyText(model.currency)],
  ];
}
