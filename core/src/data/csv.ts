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
  /** The hash with its low bit set (`h | 1`), so 0 marks an empty slot without reading `values`. */
  private keys = new Int32Array(1024);
  private values: (string | undefined)[] = new Array(1024);
  /** The value returned last: exports sorted by account or date repeat it row after row. */
  private last = '';
  private lastKey = 0;

  get(text: string, start: number, end: number, h: number): string {
    const len = end - start;
    const key = h | 1;
    const last = this.last;
    if (key === this.lastKey && last.length === len && sameChars(text, start, last)) return last;
    let idx = mix(key) & this.mask;
    for (;;) {
      const k = this.keys[idx];
      if (k === 0) break;
      if (k === key) {
        const v = this.values[idx] as string;
        if (v.length === len && sameChars(text, start, v)) {
          this.last = v;
          this.lastKey = key;
          return v;
        }
      }
      idx = (idx + 1) & this.mask;
    }
    const value = text.slice(start, end);
    this.values[idx] = value;
    this.keys[idx] = key;
    this.last = value;
    this.lastKey = key;
    if (++this.size * 2 > this.mask) this.grow();
    return value;
  }

  private grow(): void {
    const oldValues = this.values, oldKeys = this.keys;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.values = new Array(cap);
    this.keys = new Int32Array(cap);
    for (let k = 0; k < oldKeys.length; k++) {
      const key = oldKeys[k];
      if (key === 0) continue;
      let idx = mix(key) & this.mask;
      while (this.keys[idx] !== 0) idx = (idx + 1) & this.mask;
      this.values[idx] = oldValues[k];
      this.keys[idx] = key;
    }
  }
}

/** text[start, start + v.length) equals v (a char loop: startsWith with a position is slow on a long text). */
function sameChars(text: string, start: number, v: string): boolean {
  for (let q = 0; q < v.length; q++) if (text.charCodeAt(start + q) !== v.charCodeAt(q)) return false;
  return true;
}

/**
 * Spread the bits of a `h * 31 + c` string hash before masking: sequential ids ("ACC-0" …
 * "ACC-99999") differ only in their low bits and would fill runs of adjacent slots.
 */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  h ^= h >>> 16;
  return h;
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
  // Fields go into one scratch row, copied out at the line end: each stored row is an exact-size array.
  const fields: string[] = [];
  let col = 0;
  const endRow = (): void => {
    if (!(col === 1 && fields[0] === '')) rows.push(fields.slice(0, col)); // else a blank line
    col = 0;
  };

  let i = first;
  while (i < n) {
    let value: string;
    let c = text.charCodeAt(i);
    let table = intern ? tables[col] : null;
    if (table === undefined) table = tables[col] = new InternTable();
    if (c === QUOTE) {
      // Quoted field: jump from quote to quote.
      let segStart = i + 1;
      value = '';
      const q0 = text.indexOf('"', segStart);
      const after = q0 === -1 ? -1 : text.charCodeAt(q0 + 1);
      if (table !== null && q0 !== -1 && (q0 + 1 === n || after === DELIM || after === LF || after === CR)) {
        // The common quoted field ("$6,060"): no doubled quote, nothing after the closing quote.
        let h = 0;
        for (let j = segStart; j < q0; j++) h = (Math.imul(h, 31) + text.charCodeAt(j)) | 0;
        value = table.get(text, segStart, q0, h);
        if (table.size > INTERN_MIN && table.size > 0.8 * rows.length) tables[col] = null;
        i = q0 + 1;
      } else {
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
      }
    } else {
      let j = i;
      if (table !== null) {
        let h = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === DELIM || c === LF || c === CR) break;
          h = (Math.imul(h, 31) + c) | 0;
          j++;
        }
        value = table.get(text, i, j, h);
        if (table.size > INTERN_MIN && table.size > 0.8 * rows.length) tables[col] = null;
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
    fields[col++] = value;
    if (i >= n) break;
    c = text.charCodeAt(i);
    i++;
    if (c === DELIM) {
      if (i >= n) fields[col++] = ''; // "a,b," ends with an empty field
      continue;
    }
    // Line end: CRLF, LF or CR.
    if (c === CR && text.charCodeAt(i) === LF) i++;
    endRow();
  }
  if (col > 0) endRow();
  return rows;
}

/** Parse CSV text into a RawTable: the first row is the header. */
export function parseCsv(text: string, source: string, options: CsvOptions = {}): RawTable {
  const all = parseCsvRows(text, options);
  if (all.length === 0) return { source, headers: [], rows: [] };
  const headers = all[0].map((h) => h.trim());
  return { source, headers, rows: all.slice(1) };
}
