/**
 * F21: never write over user data. Rendering into an existing workbook leaves the user's tabs
 * as they were, never reuses their names, and replaces our own tabs whole.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FORMATS, type TabDescription } from '../../core/src/reports/tab-model';
import { readGeneratedTabs } from '../../cli/src/xlsx/ooxml-package';
import { renderWorkbookWithResult } from '../../cli/src/xlsx/render-workbook';
import { recalculate } from '../helpers/libreoffice';
import { sampleTabs } from './fixtures';

const OUT = path.resolve(__dirname, '../../out/xlsx-tests/existing');

function coverageTab(accounts: number): TabDescription {
  return {
    key: 'coverage-model',
    name: 'Coverage Model',
    rows: [
      [{ value: 'Coverage Model', style: 'title' }],
      [{ value: 'Account', style: 'header' }, { value: 'ARR', style: 'header' }],
      ...Array.from({ length: accounts }, (_, i) => [{ value: `Acct ${i + 1}` }, { value: 1000 * (i + 1), format: FORMATS.currency }]),
    ],
    columnWidths: [20, 12],
    frozenRows: 2,
    conditionalFormats: [],
    charts: [
      {
        kind: 'column',
        title: 'ARR',
        categories: `A3:A${2 + Math.min(accounts, 5)}`,
        series: [{ name: 'ARR', values: `B3:B${2 + Math.min(accounts, 5)}` }],
        anchor: { row: 1, col: 3, widthCols: 6, heightRows: 10 },
      },
    ],
    dropdowns: [],
    print: { landscape: true },
  };
}

function boardTab(): TabDescription {
  return {
    key: 'board-report',
    name: 'Board Report',
    rows: [
      [{ value: 'Board Report', style: 'title' }],
      [{ value: 'Total ARR', style: 'label' }, { formula: "SUM({{sheet:coverage-model}}!B3:B1000)", expected: 0, format: FORMATS.currency }],
    ],
    columnWidths: [20, 14],
    frozenRows: 1,
    conditionalFormats: [],
    charts: [],
    dropdowns: [],
    print: { landscape: false },
  };
}

const USER_DATA = [
  ['Region', 'Owner', 'Target'],
  ['North', 'Dana', 120000],
  ['South', 'Eli', 95000],
];

async function userWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('Sheet1');
  USER_DATA.forEach((row) => s1.addRow(row));
  s1.getCell('D2').value = { formula: 'C2*2', result: 240000 };
  const own = wb.addWorksheet('coverage model'); // the user's own tab, no marker
  own.getCell('A1').value = 'My coverage notes';
  own.getCell('B2').value = 42;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function userSheetUnchanged(wb: ExcelJS.Workbook): void {
  const s1 = wb.getWorksheet('Sheet1')!;
  USER_DATA.forEach((row, r) => row.forEach((v, c) => expect(s1.getCell(r + 1, c + 1).value).toBe(v)));
  expect(s1.getCell('D2').formula).toBe('C2*2');
  expect(s1.rowCount).toBe(3);
  const own = wb.getWorksheet('coverage model')!;
  expect(own.getCell('A1').value).toBe('My coverage notes');
  expect(own.getCell('B2').value).toBe(42);
  expect(own.rowCount).toBe(2);
}

beforeAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

describe('F21: rendering into an existing workbook', () => {
  it('F21/F20: leaves Sheet1 and the user tab "coverage model" untouched and adds "Coverage Model (2)"', async () => {
    const src = path.join(OUT, 'user.xlsx');
    await userWorkbook(src);
    const out = path.join(OUT, 'first.xlsx');
    const res = await renderWorkbookWithResult([coverageTab(100), boardTab()], out, { existing: src });
    expect(res.tabs).toEqual([
      { key: 'coverage-model', name: 'Coverage Model (2)' },
      { key: 'board-report', name: 'Board Report' },
    ]);
    const wb = await read(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', 'coverage model', 'Coverage Model (2)', 'Board Report']);
    userSheetUnchanged(wb);
    expect(wb.getWorksheet('Board Report')!.getCell('B2').formula).toBe("SUM('Coverage Model (2)'!B3:B1000)");
    const z = await JSZip.loadAsync(fs.readFileSync(out));
    expect(await readGeneratedTabs(z)).toEqual([
      { key: 'coverage-model', sheetName: 'Coverage Model (2)' },
      { key: 'board-report', sheetName: 'Board Report' },
    ]);
    // The chart went to our tab.
    expect(Object.keys(z.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(1);
  });

  it('F21: regenerating from 100 accounts, then from 20, leaves exactly 20 data rows in the same tab', async () => {
    const first = path.join(OUT, 'first.xlsx');
    const second = path.join(OUT, 'second.xlsx');
    const res = await renderWorkbookWithResult([coverageTab(20), boardTab()], second, { existing: first });
    expect(res.tabs).toEqual([
      { key: 'coverage-model', name: 'Coverage Model (2)', replaced: 'Coverage Model (2)' },
      { key: 'board-report', name: 'Board Report', replaced: 'Board Report' },
    ]);
    const wb = await read(second);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', 'coverage model', 'Coverage Model (2)', 'Board Report']);
    userSheetUnchanged(wb);
    const tab = wb.getWorksheet('Coverage Model (2)')!;
    expect(tab.rowCount).toBe(2 + 20);
    expect(tab.getCell('A23').value).toBeNull();
    const z = await JSZip.loadAsync(fs.readFileSync(second));
    expect((await readGeneratedTabs(z)).map((g) => g.sheetName)).toEqual(['Coverage Model (2)', 'Board Report']);
    expect(Object.keys(z.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(1);

    // And a real spreadsheet sees 20 accounts: Σ 1000·i for i = 1..20.
    const sheets = await recalculate(second);
    expect(sheets.get('Coverage Model (2)')).toHaveLength(22);
    expect(Number(sheets.get('Board Report')![1][1])).toBe(210000);
    expect(sheets.get('Sheet1')![1]).toEqual(['North', 'Dana', '120000', '240000']);
  });

  it('F21: can write the result over the workbook it read', async () => {
    const file = path.join(OUT, 'in-place.xlsx');
    await userWorkbook(file);
    await renderWorkbookWithResult([boardTab(), coverageTab(3)], file, { existing: file });
    const wb = await read(file);
    userSheetUnchanged(wb);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', 'coverage model', 'Board Report', 'Coverage Model (2)']);
  });

  it('writes a workbook holding only tabs it replaces (a report run again) as a new one, same tabs and markers', async () => {
    const first = path.join(OUT, 'ours-only.xlsx');
    expect((await renderWorkbookWithResult([coverageTab(100), boardTab()], first)).writer).toBe('package');
    const again = path.join(OUT, 'ours-only-again.xlsx');
    const res = await renderWorkbookWithResult([coverageTab(20), boardTab()], again, { existing: first });
    expect(res.writer).toBe('package');
    expect(res.tabs).toEqual([
      { key: 'coverage-model', name: 'Coverage Model', replaced: 'Coverage Model' },
      { key: 'board-report', name: 'Board Report', replaced: 'Board Report' },
    ]);
    const z = await JSZip.loadAsync(fs.readFileSync(again));
    expect(await readGeneratedTabs(z)).toEqual([
      { key: 'coverage-model', sheetName: 'Coverage Model' },
      { key: 'board-report', sheetName: 'Board Report' },
    ]);
    const sheets = await recalculate(again);
    expect(sheets.get('Coverage Model')).toHaveLength(22);
    expect(Number(sheets.get('Board Report')![1][1])).toBe(210000);
    // A user's tab among them still goes through exceljs, which keeps it.
    expect((await renderWorkbookWithResult([coverageTab(3), boardTab()], path.join(OUT, 'kept.xlsx'), { existing: path.join(OUT, 'first.xlsx') })).writer).toBe(
      'exceljs',
    );
  });

  it('with removeOtherGenerated, drops our tabs this run does not make and keeps the user\'s', async () => {
    const out = path.join(OUT, 'coverage-only.xlsx');
    const res = await renderWorkbookWithResult([coverageTab(3)], out, { existing: path.join(OUT, 'first.xlsx'), removeOtherGenerated: true });
    expect(res.writer).toBe('exceljs');
    expect(res.removed).toEqual(['Board Report']);
    const wb = await read(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', 'coverage model', 'Coverage Model (2)']);
    userSheetUnchanged(wb);
    expect((await readGeneratedTabs(await JSZip.loadAsync(fs.readFileSync(out)))).map((g) => g.sheetName)).toEqual(['Coverage Model (2)']);
  });

  it('refuses (and writes nothing) when a tab that would be kept has a chart exceljs cannot carry over', async () => {
    const src = path.join(OUT, 'with-chart.xlsx');
    await renderWorkbookWithResult(sampleTabs(), src);
    const out = path.join(OUT, 'refused.xlsx');
    await expect(renderWorkbookWithResult([boardTab(), coverageTab(3)], out, { existing: src })).rejects.toThrow(
      /"Board- Report 2024-Q4" \(a chart\) would be lost/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
