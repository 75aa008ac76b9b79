/**
 * A file path → RawTable. CSV (UTF-8 with or without a byte-order mark, or UTF-16 with one)
 * through core's CSV parser; .xlsx through exceljs: the first worksheet, headers in row 1.
 * A missing or unreadable file is an InputError naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { InputError } from '../../core/src/errors';
import { parseCsv } from '../../core/src/data/csv';
import type { RawTable } from '../../core/src/data/model';

export async function readTable(path: string): Promise<RawTable> {
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
  return parseCsv(decodeText(buffer), path);
}

/** UTF-8 (the CSV parser drops a BOM), or UTF-16 LE/BE when the file starts with its BOM. */
export function decodeText(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString('utf16le', 2);
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return buffer.toString('utf8');
}

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

/** The first worksheet's cells as a RawTable: row 1 is the header; fully empty rows are dropped. */
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
    if (any) rows.push(out);
  });
  return { source, headers, rows };
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
