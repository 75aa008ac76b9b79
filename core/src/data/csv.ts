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
 */
import type { RawTable } from './model';

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export interface CsvOptions {
  /** One character; detected from the header line when omitted. */
  delimiter?: string;
}

/** Guess the delimiter from the first line (outside quotes): ",", else ";" or tab. */
export function detectDelimiter(text: string): string {
  let commas = 0, semis = 0, tabs = 0, inQuotes = false;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
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
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = i === 1 ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(body);
  if (delimiter.length !== 1) throw new Error(`CSV delimiter must be one character, got "${delimiter}"`);
  const DELIM = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
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
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === DELIM || c === LF || c === CR) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === DELIM) {
      i++;
      if (i >= n) row.push(''); // "a,b," ends with an empty field
      continue;
    }
    // Line end: CRLF, LF or CR.
    i++;
    if (c === CR && text.charCodeAt(i) === LF) i++;
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  }
  if (row.length > 0 && !(row.length === 1 && row[0] === '')) rows.push(row);
  return rows;
}

/** Parse CSV text into a RawTable: the first row is the header. */
export function parseCsv(text: string, source: string, options: CsvOptions = {}): RawTable {
  const all = parseCsvRows(text, options);
  if (all.length === 0) return { source, headers: [], rows: [] };
  const headers = all[0].map((h) => h.trim());
  return { source, headers, rows: all.slice(1) };
}
