import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cellValue, decodeText, readTable } from '../../cli/src/read-tables';
import { loadTables } from '../../core/src/data/load';
import { buildReportModel } from '../../core/src/data/report-model';
import { InputError } from '../../core/src/errors';

const dir = mkdtempSync(join(tmpdir(), 'cs-read-tables-'));

describe('readTable', () => {
  it('reads a CSV with a byte-order mark and CRLF', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\ufeffaccount_id,start_date,mrr\r\nA,2024-01-01,"1,200"\r\n');
    const t = await readTable(path);
    expect([t.source, t.headers, t.rows]).toEqual([path, ['account_id', 'start_date', 'mrr'], [['A', '2024-01-01', '1,200']]]);
  });

  it('reads a UTF-16 CSV with its byte-order mark', async () => {
    const path = join(dir, 'utf16.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\nA,Zoë\n', 'utf16le')]));
    expect((await readTable(path)).rows).toEqual([['A', 'Zoë']]);
  });

  it('names a missing file', async () => {
    const path = join(dir, 'nope.csv');
    await expect(readTable(path)).rejects.toThrow(new InputError(`${path}: file not found`));
  });

  it('names an unreadable workbook', async () => {
    const path = join(dir, 'broken.xlsx');
    writeFileSync(path, 'not a zip');
    await expect(readTable(path)).rejects.toThrow(InputError);
    await expect(readTable(path)).rejects.toThrow(`${path}: cannot read the workbook`);
  });

  it('reads the first worksheet of an .xlsx: rich text, formulas, Dates, hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Billing');
    wb.addWorksheet('Other').addRow(['ignored']);
    ws.addRow([{ richText: [{ text: 'Account ' }, { text: 'ID', font: { bold: true } }] }, 'Start Date', 'End Date', 'MRR', 'Is Trial']);
    ws.addRow([{ text: 'A-1', hyperlink: 'https://crm.example/A-1' }, new Date(Date.UTC(2024, 0, 1)), null, { formula: '100*2', result: 200 }, false]);
    ws.addRow([]);
    ws.addRow(['A-2', new Date(Date.UTC(2024, 5, 15)), new Date(Date.UTC(2024, 8, 1)), 50, 'FALSE']);
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);

    const t = await readTable(path);
    expect(t.headers).toEqual(['Account ID', 'Start Date', 'End Date', 'MRR', 'Is Trial']);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0][0]).toBe('A-1');
    expect(t.rows[0][1]).toBeInstanceOf(Date);
    expect((t.rows[0][1] as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(t.rows[0][2]).toBe('');
    expect(t.rows[0][3]).toBe(200);
    expect(t.rows[0][4]).toBe(false);

    const m = buildReportModel({ subscriptions: t }, { from: '2024-01-01', to: '2025-01-01' });
    expect(m.metrics.startArr).toBe(2400);
    expect(m.metrics.endArr).toBe(2400);
    expect(m.metrics.mrrByMonth['2024-08']).toBe(250);
    expect(m.metrics.mrrByMonth['2024-09']).toBe(200);
  });

  it('names the sheet row in messages, counting blank lines and empty sheet rows', async () => {
    const csv = join(dir, 'gaps.csv');
    writeFileSync(csv, 'account_id,start_date,mrr\r\nA,2024-01-01,100\r\n\r\nB,2024-01-01,-5\r\n');
    const subs = await readTable(csv);
    expect(() => loadTables({ subscriptions: subs })).toThrow(`${csv}: column mrr row 4: amounts cannot be negative`);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Billing');
    ws.getCell('A1').value = 'account_id';
    ws.getCell('B1').value = 'start_date';
    ws.getCell('C1').value = 'mrr';
    for (const [r, id, mrr] of [[2, 'A', 100], [4, 'B', 100], [5, 'C', -5]] as const) {
      ws.getCell(`A${r}`).value = id;
      ws.getCell(`B${r}`).value = '2024-01-01';
      ws.getCell(`C${r}`).value = mrr;
    }
    const xlsx = join(dir, 'gaps.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const billing = await readTable(xlsx);
    expect(() => loadTables({ subscriptions: billing })).toThrow(`${xlsx}: column mrr row 5: amounts cannot be negative`);
  });

  it('passes over blank rows without counting them, and labels rows by their sheet row', async () => {
    const csv = join(dir, 'blank.csv');
    writeFileSync(csv, 'account_id,start_date,mrr\nA,2024-01-01,100\n\n,,\n  ,,\nB,,100\n');
    const data = loadTables({ subscriptions: await readTable(csv) });
    expect(data.subscriptions?.count).toBe(1);
    // Only B's row counts as skipped (its date is missing), named by its row in the sheet.
    expect(data.skipped).toEqual([{ table: 'subscriptions', reason: 'missing date', count: 1, examples: ['row 6'] }]);
  });

  it('reads bytes that are not UTF-8 as Windows-1252, with a warning', () => {
    const warnings: string[] = [];
    const text = decodeText(Buffer.from([0x93, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x92]), 'x.csv', (m) => warnings.push(m));
    expect(text).toBe('\u201cM\u00fcller\u201d \u2013 \u20ac5\u2019');
    expect(warnings).toEqual([expect.stringMatching(/^x\.csv is not UTF-8: read it as Windows-1252/)]);
    expect(decodeText(Buffer.from('M\u00fcller \u20ac5', 'utf8'), 'y.csv', (m) => warnings.push(m))).toBe('M\u00fcller \u20ac5');
    expect(warnings).toHaveLength(1);
  });

  it('converts exceljs cell values', () => {
    expect(cellValue(null)).toBe('');
    expect(cellValue({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(cellValue({ formula: 'A1', result: { error: '#N/A' } })).toBe('#N/A');
    expect(cellValue({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(cellValue({ formula: 'A1' })).toBe('');
    expect(cellValue({ text: { richText: [{ text: 'link' }] }, hyperlink: 'https://x.test' })).toBe('link');
    const d = new Date(Date.UTC(2024, 1, 29));
    expect(cellValue({ formula: 'TODAY()', result: d })).toBe(d);
  });
});
