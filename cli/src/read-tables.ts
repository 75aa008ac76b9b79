/**
 * A file path → RawTable. CSV (UTF-8 with or without a byte-order mark, UTF-16 with one, else
 * Windows-1252 with a warning)
 * through core's CSV parser; .xlsx through exceljs: the first worksheet, headers in row 1.
 * A missing or unreadable file is an InputError naming the file.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { InputError } from '../../core/src/errors';
import { parseCsv } from '../../core/src/data/csv';
import type { RawTable } from '../../core/src/data/model';

export interface ReadOptions {
  /** Told about what was read in a way the user may want to check (a non-UTF-8 CSV). */
  onWarning?: (message: string) => void;
}

export async function readTable(path: string, options: ReadOptions = {}): Promise<RawTable> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${path}: not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: file not found`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(path);
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') {
    throw new InputError(`${path}: ${ext} files are not supported; save it as .xlsx or .csv`);
  }
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (err) {
    throw new InputError(`${path}: cannot read the file (${(err as Error).message})`);
  }
  if (size > 0 && buffer[0] === 0x50 && buffer[1] === 0x4b) {
    // A zip: an .xlsx saved under another name.
    return readXlsx(path);
  }
  return parseCsv(decodeText(buffer, path, options.onWarning), path);
}

/**
 * UTF-8 (the CSV parser drops a BOM), or UTF-16 LE/BE when the file starts with its BOM. Bytes
 * that are not UTF-8 are read as Windows-1252, what Excel's "CSV (Comma delimited)" writes on
 * Western-European Windows: decoding them as UTF-8 would turn "Müller" and "Mäller" into the
 * same "M�ller" and silently merge two accounts.
 */
export function decodeText(buffer: Buffer, source = 'the file', onWarning?: (message: string) => void): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString('utf16le', 2);
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (isUtf8(buffer)) return buffer.toString('utf8');
  onWarning?.(
    `${source} is not UTF-8: read it as Windows-1252 (Western European). ` +
      'If names or currency symbols look wrong, save it as "CSV UTF-8" and run again.',
  );
  return buffer.toString('latin1').replace(/[\u0080-\u009f]/g, (ch) => CP1252_80_9F[ch.charCodeAt(0) - 0x80]);
}

/**
 * Windows-1252 bytes 0x80–0x9F ("€", curly quotes, dashes…), where it differs from Latin-1. Node's
 * TextDecoder reads "windows-1252" as Latin-1, so "€100" would lose its currency symbol.
 */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

async function readXlsx(path: string): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    throw new InputError(`${path}: cannot read the workbook (${(err as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InputError(`${path}: the workbook has no worksheet`);
  return tableFromWorksheet(sheet, path);
}

/** The first worksheet's cells as a RawTable: row 1 is the header; fully empty rows are dropped (their numbers kept). */
export function tableFromWorksheet(sheet: ExcelJS.Worksheet, source: string): RawTable {
  const headerValues = sheet.getRow(1).values as unknown[];
  let width = 0;
  for (let c = 1; c < headerValues.length; c++) if (cellValue(headerValues[c]) !== '') width = c;
  const headers: string[] = [];
  for (let c = 1; c <= width; c++) {
    const v = cellValue(headerValues[c]);
    headers.push(v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').trim());
  }
  const rows: unknown[][] = [];
  // Empty rows are left out, but messages name each row by its number in the sheet.
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = row.values as unknown[];
    const out: unknown[] = new Array(width);
    let any = false;
    for (let c = 1; c <= width; c++) {
      const v = cellValue(values[c]);
      out[c - 1] = v;
      if (v !== '' && v !== null) any = true;
    }
    if (any) {
      rows.push(out);
      rowNumbers.push(rowNumber);
    }
  });
  return { source, headers, rows, rowNumberAt: (i) => rowNumbers[i] };
}

/**
 * One exceljs cell value → a RawTable cell: numbers, booleans and Dates stay as they are;
 * rich text and hyperlinks become their text; formulas give their cached result; error
 * values give their literal ("#N/A"); empty gives "".
 */
export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? '' : cellValue(o.result);
  if ('hyperlink' in o) return cellValue(o.text);
  if (typeof o.error === 'string') return o.error;
  if ('text' in o) return cellValue(o.text);
  return String(v);
}
