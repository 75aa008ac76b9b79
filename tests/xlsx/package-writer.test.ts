/**
 * The direct package writer's text handling: columns of mostly distinct values switch from
 * shared strings to inline strings; either way text is text (never a formula), and white space,
 * "&<>" and literal "_xHHHH_" survive; characters XML cannot carry are dropped.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Cell, TabDescription } from '../../core/src/reports/tab-model';
import { renderWorkbookWithResult } from '../../cli/src/xlsx/render-workbook';
import { recalculate } from '../helpers/libreoffice';

const OUT = path.resolve(__dirname, '../../out/xlsx-tests/package-writer');
const ROWS = 4500; // one special text every 500 rows

const special = ['=1+1', '+44 Ltd', '-5', '@x', '  padded  ', 'tab\tend\t', 'a & b <c>', 'lit _x0041_ eral', 'ctl\u0001char'];
const shown = (text: string) => text.replace('\u0001', '');

function tab(): TabDescription {
  const rows: Cell[][] = [[{ value: 'Name', style: 'header' }, { value: 'Segment', style: 'header' }, { value: 'ARR', style: 'header' }]];
  for (let i = 0; i < ROWS; i++) {
    rows.push([
      { value: i % 500 === 7 ? special[(i / 500) | 0] : `Account ${i}` },
      { value: ['Enterprise', 'SMB', ' SMB '][i % 3] },
      { value: i % 2 ? -i : i * 1.5, format: '"$"#,##0' },
    ]);
  }
  return {
    key: 'data',
    name: 'Data',
    rows,
    columnWidths: [20, 12, 12],
    frozenRows: 1,
    conditionalFormats: [],
    charts: [],
    dropdowns: [],
    print: { landscape: false },
  };
}

let xml: string;
let ws: ExcelJS.Worksheet;
let file: string;
const nameOf = (i: number) => (i % 500 === 7 ? shown(special[(i / 500) | 0]) : `Account ${i}`);

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  file = path.join(OUT, 'text.xlsx');
  await renderWorkbookWithResult([tab()], file);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml']) {
    const dest = path.join(OUT, part.replace(/\//g, '_'));
    fs.writeFileSync(dest, await zip.file(part)!.async('nodebuffer'));
    execFileSync('xmllint', ['--noout', dest]);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  ws = wb.getWorksheet('Data')!;
});

it('writes a column of distinct names inline, a repeating column as shared strings, and no formulas', () => {
  expect(xml).not.toContain('<f>');
  expect(xml).not.toContain('t="str"');
  expect(/<c r="A4501"[^>]*>/.exec(xml)![0]).toContain('t="inlineStr"');
  expect(/<c r="B4501"[^>]*>/.exec(xml)![0]).toContain('t="s"');
  expect(/<c r="A2"[^>]*>/.exec(xml)![0]).toContain('t="s"'); // the first values are shared
});

it('keeps cell types and values when read back (exceljs)', () => {
  for (let i = 0; i < ROWS; i++) {
    const r = i + 2;
    const a = ws.getCell(`A${r}`);
    // exceljs does not decode the "_x005F_" escape that Excel and LibreOffice read (checked below).
    const want = nameOf(i).replace('_x0041_', '_x005F_x0041_');
    if (a.type !== ExcelJS.ValueType.String || a.value !== want) throw new Error(`A${r}: ${JSON.stringify(a.value)} (type ${a.type}), want ${JSON.stringify(want)}`);
    const b = ws.getCell(`B${r}`);
    if (b.value !== ['Enterprise', 'SMB', ' SMB '][i % 3]) throw new Error(`B${r}: ${JSON.stringify(b.value)}`);
    const c = ws.getCell(`C${r}`);
    if (c.type !== ExcelJS.ValueType.Number || c.value !== (i % 2 ? -i : i * 1.5)) throw new Error(`C${r}: ${JSON.stringify(c.value)}`);
  }
  expect(ws.getCell('C3').numFmt).toBe('"$"#,##0');
});

it('shows every text exactly in LibreOffice (minus characters XML cannot carry), none evaluated', async () => {
  const values = (await recalculate(file)).get('Data')!;
  const bad: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    if (values[i + 1]?.[0] !== nameOf(i)) bad.push(`A${i + 2}: ${JSON.stringify(values[i + 1]?.[0])} want ${JSON.stringify(nameOf(i))}`);
    if (values[i + 1]?.[1] !== ['Enterprise', 'SMB', ' SMB '][i % 3]) bad.push(`B${i + 2}: ${JSON.stringify(values[i + 1]?.[1])}`);
  }
  expect(bad).toEqual([]);
}, 60_000);

describe('filled-down formula columns', () => {
  const N = 1000;
  const sharedFile = path.join(OUT, 'shared.xlsx');
  let sharedXml: string;

  function formulaTab(masterHasFormula: boolean): TabDescription {
    const rows: Cell[][] = [[{ value: 'n', style: 'header' }, { value: 'twice', style: 'header' }, { value: 'band', style: 'header' }]];
    for (let i = 0; i < N; i++) {
      const r = i + 2;
      rows.push([
        { value: i },
        { formula: `A${r}*2+$A$2`, expected: i * 2 },
        i === 0 && !masterHasFormula ? { value: 'first' } : { formula: `IF(B${r}>=1000,"B2 big","small")`, expected: i * 2 >= 1000 ? 'B2 big' : 'small' },
      ]);
    }
    return {
      key: 'data', name: 'Data', rows, columnWidths: [8, 8, 12], frozenRows: 1,
      conditionalFormats: [], charts: [], dropdowns: [], print: { landscape: false },
      filledDown: [{ col: 1, firstRow: 1, lastRow: N }, { col: 2, firstRow: 1, lastRow: N }],
    };
  }

  beforeAll(async () => {
    await renderWorkbookWithResult([formulaTab(true)], sharedFile);
    sharedXml = await (await JSZip.loadAsync(fs.readFileSync(sharedFile))).file('xl/worksheets/sheet1.xml')!.async('string');
  });

  it('writes the formula once, in the first cell, and only its index below', () => {
    expect(/<c r="B2"[^>]*><f[^>]*>[^<]*<\/f>/.exec(sharedXml)![0]).toBe('<c r="B2"><f t="shared" ref="B2:B1001" si="0">A2*2+$A$2</f>');
    expect(/<c r="B3".*?<\/c>/.exec(sharedXml)![0]).toBe('<c r="B3"><f t="shared" si="0"/></c>');
    expect(/<c r="C1001".*?<\/c>/.exec(sharedXml)![0]).toBe('<c r="C1001"><f t="shared" si="1"/></c>');
    expect(sharedXml.match(/<f/g)).toHaveLength(2 * N);
    expect(sharedXml.match(/<f>/g)).toBeNull();
  });

  it('recalculates every cell in LibreOffice (text literals are not shifted)', async () => {
    const values = (await recalculate(sharedFile)).get('Data')!;
    const bad: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = i + 2;
      if (values[i + 1]?.[1] !== String(i * 2)) bad.push(`B${r}: ${values[i + 1]?.[1]}`);
      const want = i * 2 >= 1000 ? 'B2 big' : 'small';
      if (values[i + 1]?.[2] !== want) bad.push(`C${r}: ${values[i + 1]?.[2]} want ${want}`);
    }
    expect(bad).toEqual([]);
  }, 60_000);

  it('reads back in exceljs with each cell\'s own formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sharedFile);
    const sheet = wb.getWorksheet('Data')!;
    expect(sheet.getCell('B2').formula).toBe('A2*2+$A$2');
    expect(sheet.getCell('B700').formula).toBe('A700*2+$A$2');
  });

  it('writes every cell in full when the run\'s first cell holds no formula', async () => {
    const file = path.join(OUT, 'shared-no-master.xlsx');
    await renderWorkbookWithResult([formulaTab(false)], file);
    const text = await (await JSZip.loadAsync(fs.readFileSync(file))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(/<c r="C3".*?<\/c>/.exec(text)![0]).toBe('<c r="C3"><f>IF(B3&gt;=1000,"B2 big","small")</f></c>');
    expect(text.match(/si="1"/g)).toBeNull();
  });
});
