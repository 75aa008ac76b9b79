/**
 * The headless build must stay under 10 s and 2 GB for 100,000 accounts; the .xlsx writing
 * is one part of it. This renders a 100,000 × 10 Data tab (plus the sample tabs) and checks
 * the time and heap the renderer itself takes, with headroom for a slow CI machine.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { FORMATS, type Cell, type TabDescription } from '../../core/src/reports/tab-model';
import { renderWorkbookWithResult } from '../../cli/src/xlsx/render-workbook';
import { sampleTabs } from './fixtures';

const N = 100_000;

function bigDataTab(): TabDescription {
  const rows: Cell[][] = [
    [{ value: 'Data', style: 'title' }],
    [{ value: 'As of 2024-12-31', style: 'subtitle' }],
    ['Account ID', 'Name', 'Segment', 'ARR D0', 'ARR D1', 'Health', 'Share', 'Tickets', 'Churned', 'Band'].map(
      (h): Cell => ({ value: h, style: 'header' }),
    ),
  ];
  for (let i = 0; i < N; i++) {
    rows.push([
      { value: `ACC-${String(i).padStart(6, '0')}` },
      { value: i % 1000 === 0 ? `=cmd|' /C calc'!A${i}` : `Account ${i}` },
      { value: ['Enterprise', 'Mid-market', 'SMB'][i % 3] },
      { value: 1000 + i * 10.5, format: FORMATS.currency },
      { value: i % 7 === 0 ? -500 : 900 + i * 11, format: FORMATS.currency },
      { value: i % 101, format: FORMATS.integer },
      { value: (i % 97) / 97, format: FORMATS.percent },
      { value: i % 5, format: FORMATS.integer },
      { value: i % 11 === 0 },
      { value: ['Red', 'Yellow', 'Green'][i % 3] },
    ]);
  }
  return {
    key: 'data',
    name: 'Data',
    rows,
    columnWidths: [12, 24, 12, 12, 12, 8, 8, 8, 8, 8],
    frozenRows: 3,
    conditionalFormats: [{ kind: 'textEquals', range: `J4:J${N + 3}`, text: 'Red', fill: '#FFC7CE', fontColor: '#9C0006' }],
    charts: [],
    dropdowns: [],
    print: { landscape: true },
  };
}

it(`renders ${N.toLocaleString('en-US')} rows × 10 columns quickly`, async () => {
  const tabs = [...sampleTabs().filter((t) => t.key !== 'data'), bigDataTab()];
  const file = path.resolve(__dirname, '../../out/xlsx-tests/perf/big.xlsx');
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const timer = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  const started = Date.now();
  const res = await renderWorkbookWithResult(tabs, file);
  const ms = Date.now() - started;
  clearInterval(timer);
  const mb = (peakHeap - heapBefore) / 1e6;
  console.log(
    `render ${N} rows: ${ms} ms (exceljs ${res.timings.exceljsMs} ms, package ${res.timings.packageMs} ms), ` +
      `peak extra heap ≈ ${mb.toFixed(0)} MB, file ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`,
  );
  expect(ms).toBeLessThan(8000);
  expect(mb).toBeLessThan(1000);

  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const sheet2 = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  expect(sheet2.match(/<row /g)).toHaveLength(N + 3);
  expect(sheet2).not.toContain('<f>'); // the look-alike formulas in names stay text
  expect(sheet2).toContain(`<c r="D${N + 3}"`);
}, 60_000);
