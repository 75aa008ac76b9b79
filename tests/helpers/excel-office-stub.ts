/**
 * The stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the headless
 * task pane test: `Office.onReady` and `Excel.run` over the in-memory workbook of excel-fake.ts,
 * seeded from `window.__CS_SEED__` and exposed as `window.__csWorkbook` for assertions.
 * Bundled by esbuild (iife) in tests/excel/taskpane.test.ts.
 */
import { fakeExcel, newWorkbook, putValues, type FakeTable } from './excel-fake';

interface Seed {
  sheets: Record<string, unknown[][]>;
  tables?: FakeTable[];
  selection: { sheet: string; address: string };
}

const w = window as unknown as Record<string, unknown>;
const seed = w.__CS_SEED__ as Seed;
const model = newWorkbook(Object.keys(seed.sheets));
for (const [name, grid] of Object.entries(seed.sheets)) putValues(model, name, 'A1', grid);
model.tables = seed.tables ?? [];
model.selection = seed.selection;
w.__csWorkbook = model;
w.Excel = fakeExcel(model);
w.CustomFunctions = { associate: () => undefined, Error: class {}, ErrorCode: {} };
w.Office = {
  onReady: (cb?: (info: unknown) => void) => {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    setTimeout(() => cb?.(info), 0);
    return Promise.resolve(info);
  },
  context: { requirements: { isSetSupported: () => true } },
  HostType: { Excel: 'Excel' },
};
