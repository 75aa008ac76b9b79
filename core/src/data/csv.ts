/**
 * RFC 4180 CSV → RawTable. Pure and allocation-light: fields are sliced out of the
 * source text, never built a character at a time.
 *
 * - Quoted fields may hold the delimiter, line breaks and doubled quotes ("").
 * - Line ends may be CRLF, LF or a lone CR.
 * - A leading byte-order mark is dropped; a trailing line end does not add a row.
 * - Blank lines (no characters at all) are skipped.
 * - The delimiter is "," unless the header line has none and has ";" or tabs
 *   (exports from European locales), or the caller names one.
 * - Lenient where the RFC is strict: text after a closing quote is kept, an
 *   unterminated quote runs to the end of the text.
 *
 * Speed: one pass over char codes; a quoted field jumps from quote to quote with indexOf.
 */
import type { RawTable } from './model';

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export interface CsvOptions {
  /** One character; detected from the header line when omitted. */
  delimiter?: string;
  /**
   * Share one string object between equal cells of a column (dates, flags, plans, ids that
   * repeat), so a million-row table keeps far fewer live strings. A column whose values turn
   * out to be nearly all distinct stops being interned. Default true.
   */
  intern?: boolean;
}

/** A column stops being interned once it holds this many distinct values and nearly every cell is distinct. */
const INTERN_MIN = 65536;

/**
 * Open-addressing table of one column's distinct values, probed with a hash of the
 * characters before any string is made: a repeated value costs no allocation at all.
 */
class InternTable {
  size = 0;
  private mask = 1023;
  private hashes = new Int32Array(1024);
  private values: (string | undefined)[] = new Array(1024);

  get(text: string, start: number, end: number, h: number): string {
    const len = end - start;
    let idx = h & this.mask;
    for (;;) {
      const v = this.values[idx];
      if (v === undefined) break;
      if (this.hashes[idx] === h && v.length === len && text.startsWith(v, start)) return v;
      idx = (idx + 1) & this.mask;
    }
    const value = text.slice(start, end);
    this.values[idx] = value;
    this.hashes[idx] = h;
    if (++this.size * 2 > this.mask) this.grow();
    return value;
  }

  private grow(): void {
    const oldValues = this.values, oldHashes = this.hashes;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.values = new Array(cap);
    this.hashes = new Int32Array(cap);
    for (let k = 0; k < oldValues.length; k++) {
      const v = oldValues[k];
      if (v === undefined) continue;
      let idx = oldHashes[k] & this.mask;
      while (this.values[idx] !== undefined) idx = (idx + 1) & this.mask;
      this.values[idx] = v;
      this.hashes[idx] = oldHashes[k];
    }
  }
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

/** Parse CSV text into rows of strings (header row included). */
export function parseCsvRows(text: string, options: CsvOptions = {}): string[][] {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = options.delimiter ?? detectDelimiter(text, first);
  if (delimiter.length !== 1) throw new Error(`CSV delimiter must be one character, got "${delimiter}"`);
  const DELIM = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  const intern = options.intern !== false;
  const tables: (InternTable | null | undefined)[] = [];
  const push = (row: string[]): void => {
    if (row.length === 1 && row[0] === '') return; // blank line
    rows.push(row);
  };

  let i = first;
  let row: string[] = [];
  while (i < n) {
    let value: string;
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Quoted field: jump from quote to quote.
      let segStart = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', segStart);
        if (q === -1) {
          value += text.slice(segStart);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(segStart, q + 1);
          segStart = q + 2;
          continue;
        }
        value += text.slice(segStart, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the next delimiter is kept as is.
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === DELIM || c === LF || c === CR) break;
        j++;
      }
      if (j > i) value += text.slice(i, j);
      i = j;
    } else {
      let j = i;
      let table = intern ? tables[row.length] : null;
      if (table === undefined) table = tables[row.length] = new InternTable();
      if (table !== null) {
        let h = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === DELIM || c === LF || c === CR) break;
          h = (Math.imul(h, 31) + c) | 0;
          j++;
        }
        value = table.get(text, i, j, h);
        if (table.size > INTERN_MIN && table.size > 0.8 * rows.length) tables[row.length] = null;
      } else {
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === DELIM || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
      }
      i = j;
    }
    row.push(value);
    if (i >= n) break;
    c = text.charCodeAt(i);
    i++;
    if (c === DELIM) {
      if (i >= n) row.push(''); // "a,b," ends with an empty field
      continue;
    }
    // Line end: CRLF, LF or CR.
    if (c === CR && text.charCodeAt(i) === LF) i++;
    push(row);
    row = [];
  }
  if (row.length > 0) push(row);
  return rows;
}

/** Parse CSV text into a RawTable: the first row is the header. */
export function parseCsv(text: string, source: string, options: CsvOptions = {}): RawTable {
  const all = parseCsvRows(text, options);
  if (all.length === 0) return { source, headers: [], rows: [] };
  const headers = all[0].map((h) => h.trim());
  return { source, headers, rows: all.slice(1) };
}
