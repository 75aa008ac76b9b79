/**
 * RFC 4180 CSV → RawTable. Pure and allocation-light: fields are sliced out of the
 * source text, never built a character at a time, and only when their row is read.
 *
 * - Quoted fields may hold the delimiter, line breaks and doubled quotes ("").
 * - Line ends may be CRLF, LF or a lone CR.
 * - A leading byte-order mark is dropped; a trailing line end does not add a row.
 * - Blank lines (no characters at all) are skipped.
 * - The delimiter is "," unless the header line has none and has ";" or tabs
 *   (exports from European locales), or the caller names one.
 * - Lenient where the RFC is strict: text after a closing quote is kept, an
 *   unterminated quote on the last line runs to the end of the text. One that would swallow
 *   later lines is an InputError naming its row (those rows would otherwise vanish).
 * - Blank lines are left out of the rows, but row numbers in messages count them, as a
 *   spreadsheet opening the file does (RawTable.rowNumberAt).
 *
 * Speed: one pass over char codes records where each row and field is; a quoted field jumps
 * from quote to quote with indexOf. A million-row file is then read row by row (rowAt).
 */
import { InputError } from '../errors';
import type { RawTable } from './model';

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export interface CsvOptions {
  /** One character; detected from the header line when omitted. */
  delimiter?: string;
}

/** A copy of `a` with twice the room. */
function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Where every row and field of a CSV text is: a field runs from the row's start (first field)
 * or one past the previous field's end, to its own end. Quoted fields keep their quotes here;
 * decodeField unquotes them.
 */
interface CsvIndex {
  rows: number;
  /** Per row: its row number in a spreadsheet that opens the file (blank lines count there). */
  sheetRow: Int32Array;
  /** The spreadsheet row of a quoted field that never closes and would swallow later lines; 0 if none. */
  unclosedQuoteRow: number;
  /** Per row: offset of its first character, and index of its first field (one extra entry at the end). */
  rowStart: Int32Array;
  rowFirstField: Int32Array;
  fieldEnd: Int32Array;
}

/** Guess the delimiter from the first line (outside quotes): ",", else ";" or tab. */
export function detectDelimiter(text: string, from = 0): string {
  let commas = 0, semis = 0, tabs = 0, inQuotes = false;
  const n = Math.min(text.length, from + 65536);
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === LF || c === CR) break;
    else if (c === 44) commas++;
    else if (c === 59) semis++;
    else if (c === 9) tabs++;
  }
  if (commas > 0 || (semis === 0 && tabs === 0)) return ',';
  return semis >= tabs ? ';' : '\t';
}

/**
 * One pass over the text that finds the rows and fields without making a string: a million-row
 * export costs three Int32Arrays instead of millions of live strings.
 */
function indexCsv(text: string, first: number, DELIM: number): CsvIndex {
  const n = text.length;
  // Plain local arrays and counters: this loop runs once per character of the file.
  let rowStart = new Int32Array(1024);
  let rowFirstField = new Int32Array(1024);
  let sheetRow = new Int32Array(1024);
  let blankLines = 0;
  let unclosedQuoteRow = 0;
  let fieldEnd = new Int32Array(Math.max(1024, n >>> 3));
  let rows = 0;
  let fields = 0;
  let rowFields = 0;
  let lineStart = first;

  let i = first;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Quoted: jump from quote to quote; a doubled quote ("") stays inside the field.
      let seg = i + 1;
      for (;;) {
        const q = text.indexOf('"', seg);
        if (q === -1) {
          // An unterminated quote runs to the end: harmless on the last line, an error if later lines would vanish into it.
          if (swallowsLines(text, i)) unclosedQuoteRow = rows + blankLines + 1;
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          seg = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    // To the delimiter or line end (for a quoted field: whatever follows the closing quote).
    while (i < n) {
      c = text.charCodeAt(i);
      if (c === DELIM || c === LF || c === CR) break;
      i++;
    }
    if (fields + 1 >= fieldEnd.length) fieldEnd = grown(fieldEnd);
    fieldEnd[fields++] = i;
    rowFields++;
    if (i < n) {
      i++;
      if (c === DELIM) {
        if (i < n) continue;
        fieldEnd[fields++] = n; // "a,b," ends with an empty field
        rowFields++;
      } else if (c === CR && text.charCodeAt(i) === LF) i++; // CRLF
    }
    // The end of a row: a line end, or the end of the text.
    if (rowFields === 1 && fieldEnd[fields - 1] === lineStart) {
      fields--; // a line with no characters at all is skipped (a spreadsheet still counts it as a row)
      blankLines++;
    } else {
      if (rows + 1 >= rowStart.length) {
        rowStart = grown(rowStart);
        rowFirstField = grown(rowFirstField);
        sheetRow = grown(sheetRow);
      }
      rowStart[rows] = lineStart;
      sheetRow[rows] = rows + blankLines + 1;
      rowFirstField[rows++] = fields - rowFields;
    }
    rowFields = 0;
    lineStart = i;
  }
  rowFirstField[rows] = fields;
  return { rows, sheetRow, unclosedQuoteRow, rowStart, rowFirstField, fieldEnd };
}

/** Whether the text after an opening quote at `at` holds a line break followed by anything but white space. */
function swallowsLines(text: string, at: number): boolean {
  const lf = text.indexOf('\n', at + 1);
  const cr = text.indexOf('\r', at + 1);
  const br = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  return br !== -1 && text.slice(br).trim() !== '';
}

/** The value of the field text[start, end): as is, or unquoted ("" → ", text after the closing quote kept). */
function decodeField(text: string, start: number, end: number): string {
  if (start === end || text.charCodeAt(start) !== QUOTE) return text.slice(start, end);
  let value = '';
  let seg = start + 1;
  for (;;) {
    const q = text.indexOf('"', seg);
    if (q === -1 || q >= end) return value + text.slice(seg, end); // unterminated
    if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) {
      value += text.slice(seg, q + 1);
      seg = q + 2;
      continue;
    }
    return value + text.slice(seg, q) + text.slice(q + 1, end);
  }
}

/** Row r of an index (0 = the header line) as strings. */
function decodeRow(text: string, index: CsvIndex, r: number): string[] {
  const firstField = index.rowFirstField[r];
  const count = index.rowFirstField[r + 1] - firstField;
  const fieldEnd = index.fieldEnd;
  const row: string[] = new Array(count);
  let start = index.rowStart[r];
  for (let k = 0; k < count; k++) {
    const end = fieldEnd[firstField + k];
    row[k] = decodeField(text, start, end);
    start = end + 1;
  }
  return row;
}

/** The index of a whole text: delimiter detected (or given), broken quotes refused. */
function indexText(text: string, options: CsvOptions, source?: string): CsvIndex {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = options.delimiter ?? detectDelimiter(text, first);
  if (delimiter.length !== 1) throw new Error(`CSV delimiter must be one character, got "${delimiter}"`);
  const index = indexCsv(text, first, delimiter.charCodeAt(0));
  if (index.unclosedQuoteRow > 0) {
    throw new InputError(
      `${source === undefined ? '' : `${source}: `}row ${index.unclosedQuoteRow}: a quoted field opens there and never closes, ` +
        'so every later line would be read into that one cell; close the quote (or remove it) and export again',
    );
  }
  return index;
}

/** Parse CSV text into rows of strings (header row included). */
export function parseCsvRows(text: string, options: CsvOptions = {}): string[][] {
  const index = indexText(text, options);
  const rows: string[][] = new Array(index.rows);
  for (let r = 0; r < index.rows; r++) rows[r] = decodeRow(text, index, r);
  return rows;
}

/**
 * A CSV file as a RawTable whose cells are made when a row is asked for (rowAt). loadTables reads
 * it row by row, so each row's strings are short-lived; `rows` builds every row on first use.
 */
class CsvTable implements RawTable {
  readonly headers: string[];
  readonly rowCount: number;
  readonly headerRow: number;
  private built: string[][] | undefined;

  constructor(
    readonly source: string,
    private readonly text: string,
    private readonly index: CsvIndex,
  ) {
    this.headers = index.rows > 0 ? decodeRow(text, index, 0).map((h) => h.trim()) : [];
    this.rowCount = Math.max(0, index.rows - 1);
    this.headerRow = index.rows > 0 ? index.sheetRow[0] : 1;
  }

  /** Blank lines are left out of the rows but counted here, as a spreadsheet shows the file. */
  rowNumberAt(i: number): number {
    return this.index.sheetRow[i + 1];
  }

  rowAt(i: number): string[] {
    if (this.built !== undefined) return this.built[i];
    return decodeRow(this.text, this.index, i + 1);
  }

  get rows(): string[][] {
    if (this.built === undefined) this.built = Array.from({ length: this.rowCount }, (_, i) => this.rowAt(i));
    return this.built;
  }
}

/** Parse CSV text into a RawTable: the first row is the header. */
export function parseCsv(text: string, source: string, options: CsvOptions = {}): RawTable {
  return new CsvTable(source, text, indexText(text, options, source));
}
