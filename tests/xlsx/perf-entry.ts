/**
 * Run by performance.test.ts as an esbuild bundle in its own Node process (as the CLI ships),
 * because jest's module sandbox makes exceljs two to three times slower than it really is.
 * Prints one JSON line: {ms, exceljsMs, packageMs, maxRssMb, bytes}.
 */
import * as fs from 'fs';
import { FORMATS, type Cell, type TabDescription } from '../../core/src/reports/tab-model';
import { renderWorkbookWithResult } from '../../cli/src/xlsx/render-workbook';
import { sampleTabs } from './fixtures';

export const ROWS = 100_000;

export function bigDataTab(n = ROWS): TabDescription {
  const rows: Cell[][] = [
    [{ value: 'Data', style: 'title' }],
    [{ value: 'As of 2024-12-31', style: 'subtitle' }],
    ['Account ID', 'Name', 'Segment', 'ARR D0', 'ARR D1', 'Health', 'Share', 'Tickets', 'Churned', 'Band'].map(
      (h): Cell => ({ value: h, style: 'header' }),
    ),
  ];
  for (let i = 0; i < n; i++) {
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
    conditionalFormats: [{ kind: 'textEquals', range: `J4:J${n + 3}`, text: 'Red', fill: '#FFC7CE', fontColor: '#9C0006' }],
    charts: [],
    dropdowns: [],
    print: { landscape: true },
  };
}

async function run(file: string): Promise<void> {
  const tabs = [...sampleTabs().filter((t) => t.key !== 'data'), bigDataTab()];
  const started = Date.now();
  const res = await renderWorkbookWithResult(tabs, file);
  const ms = Date.now() - started;
  const out = {
    ms,
    exceljsMs: res.timings.exceljsMs,
    packageMs: res.timings.packageMs,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bytes: fs.statSync(file).size,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (require.main === module) {
  run(process.argv[2]).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
