/**
 * The Excel renderer (excel-addin/src/renderer) against the in-memory Excel of
 * tests/helpers/excel-fake.ts (office-addin-mock has no workbook behind its API; see that file).
 */
import { buildTabs } from '../../core/src/app';
import { hostFormula, markerName } from '../../core/src/reports/render-plan';
import { GENERATED_MARKER, type TabDescription } from '../../core/src/reports/tab-model';
import { renderTabs } from '../../excel-addin/src/renderer/render';
import { book } from '../helpers/excel-data';
import { cellAt, fakeContext, findSheet, formatAt, newWorkbook, putValues, sheetGrid, type FakeWorkbook } from '../helpers/excel-fake';
import { columnLetters } from '../../core/src/reports/a1';

const MRR = { subscriptions: { mrr: 'Monthly amount' } };
const INJECTION = '=HYPERLINK("http://x.test","y")';

function tabsFor(n: number, keys: string[], names?: string[]): TabDescription[] {
  const r = buildTabs({ tables: book(n, { names }), overrides: MRR, from: '2024-01-01', to: '2025-01-01', tabs: keys });
  if (!r.ok) throw new Error(r.error);
  return r.tabs;
}

async function generate(wb: FakeWorkbook, tabs: TabDescription[]) {
  const before = wb.syncs.length;
  const drawn = await renderTabs(fakeContext(wb), tabs);
  return { drawn, syncs: wb.syncs.length - before, requests: wb.syncs.slice(before) };
}

/** Every cell of the description is in the sheet: formulas as formulas, text as text, numbers as numbers, formats. */
function expectDrawn(wb: FakeWorkbook, tab: TabDescription, sheetName: string, nameOf: (k: string) => string) {
  tab.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const a1 = `${columnLetters(c)}${r + 1}`;
      const got = cellAt(wb, sheetName, a1);
      if (cell.formula) {
        expect({ a1, formula: got?.formula }).toEqual({ a1, formula: hostFormula(cell.formula, nameOf) });
      } else if (cell.value !== null && cell.value !== undefined && cell.value !== '') {
        expect({ a1, value: got?.value, formula: got?.formula }).toEqual({ a1, value: cell.value, formula: undefined });
      }
      if (cell.format) expect({ a1, format: got?.numberFormat }).toEqual({ a1, format: cell.format });
    }),
  );
}

describe('renderTabs draws every tab', () => {
  const wb = newWorkbook();
  const tabs = tabsFor(100, ['coverage-model', 'board-report', 'definitions'], ['Acme 1', INJECTION, '@Acme 1']);
  let drawn: Awaited<ReturnType<typeof generate>>['drawn'];
  beforeAll(async () => {
    ({ drawn } = await generate(wb, tabs));
  });
  const nameOf = (k: string) => drawn.find((d) => d.key === k)!.name;

  it('creates the four tabs beside Sheet1', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Coverage Model', 'Board Report', 'Definitions', 'Data']);
  });
  it.each(['coverage-model', 'board-report', 'definitions', 'data'])('%s: values, formulas and number formats', (key) => {
    const tab = tabs.find((t) => t.key === key)!;
    expectDrawn(wb, tab, nameOf(key), nameOf);
  });
  it('F22: a formula-looking name and "@Acme 1" are text, −500 stays a number', async () => {
    const data = findSheet(wb, 'Data')!;
    const grid = sheetGrid(data);
    const row = grid.findIndex((r) => r[0] === 'AC-2');
    expect(cellAt(wb, 'Data', `B${row + 1}`)).toMatchObject({ value: INJECTION, quotePrefix: true });
    expect(cellAt(wb, 'Data', `B${row + 1}`)!.formula).toBeUndefined();
    expect(cellAt(wb, 'Data', `B${row + 2}`)).toMatchObject({ value: '@Acme 1' });
    expect(cellAt(wb, 'Data', `B${row + 2}`)!.formula).toBeUndefined();
    const w2 = newWorkbook();
    const t: TabDescription = { key: 'x', name: 'X', rows: [[{ value: -500, format: '"$"#,##0' }, { value: '-500' }]], columnWidths: [10], frozenRows: 0, conditionalFormats: [], charts: [], dropdowns: [], print: { landscape: false } };
    await generate(w2, [t]);
    expect(cellAt(w2, 'X', 'A1')).toEqual({ value: -500, numberFormat: '"$"#,##0' });
    expect(cellAt(w2, 'X', 'B1')).toMatchObject({ value: '-500', quotePrefix: true });
  });
  it('bold headers, frozen header, column widths, print setup', () => {
    const board = tabs.find((t) => t.key === 'board-report')!;
    const s = findSheet(wb, 'Board Report')!;
    expect(s.frozen.rows).toBe(board.frozenRows);
    expect(formatAt(wb, 'Board Report', 'A1', 'font.bold')).toBe(true);
    const headerRow = board.rows.findIndex((r) => r.some((c) => c?.style === 'header'));
    expect(formatAt(wb, 'Board Report', `A${headerRow + 1}`, 'fill.color')).toBe('#D9E1F2');
    expect(formatAt(wb, 'Board Report', 'A1', 'columnWidth')).toBeCloseTo((board.columnWidths[0] * 7 + 5) * 0.75, 1);
    expect(s.pageLayout).toMatchObject({ orientation: board.print.landscape ? 'Landscape' : 'Portrait', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
  });
  it('conditional formats (status bands and colour scale) and charts', () => {
    for (const key of ['coverage-model', 'board-report']) {
      const tab = tabs.find((t) => t.key === key)!;
      const s = findSheet(wb, nameOf(key))!;
      expect(s.conditionalFormats).toHaveLength(tab.conditionalFormats.length);
      tab.conditionalFormats.forEach((cf, i) => {
        const type = { textEquals: 'CellValue', colorScale: 'ColorScale', formula: 'Custom' }[cf.kind];
        expect(s.conditionalFormats[i]).toMatchObject({ type });
        if (cf.kind === 'textEquals') expect(s.conditionalFormats[i].props['cellValue.rule']).toEqual({ formula1: `="${cf.text}"`, operator: 'EqualTo' });
      });
      expect(s.charts.map((c) => c.title)).toEqual(tab.charts.map((c) => c.title));
      tab.charts.forEach((c, i) => {
        expect(s.charts[i].series.map((x) => [x.name, x.values, x.xValues])).toEqual(c.series.map((x) => [x.name, x.values, c.categories]));
      });
    }
    const kinds = tabs.flatMap((t) => t.conditionalFormats.map((c) => c.kind));
    expect(kinds).toEqual(expect.arrayContaining(['textEquals']));
  });
  it('records a marker per tab (the .xlsx build\'s defined names)', () => {
    expect(wb.names.map((n) => [n.name, n.formula, n.comment])).toEqual(
      drawn.map((d) => [markerName(d.key), `='${d.name}'!$A$1`, GENERATED_MARKER]),
    );
  });
});

describe('round trips', () => {
  it('the sync count is the same at 100 and 10,000 accounts, and ≤ 5 per tab', async () => {
    const a = await generate(newWorkbook(), tabsFor(100, ['board-report']));
    const b = await generate(newWorkbook(), tabsFor(10_000, ['board-report']));
    expect(a.syncs).toBe(b.syncs);
    expect(a.syncs).toBe(1 + 2); // read names + one per tab (Board Report, Data)
    expect(a.syncs / 2).toBeLessThanOrEqual(5);
    for (const chars of b.requests) expect(chars).toBeLessThan(5_000_000);
    // Regenerating adds one sync (listing the reused tabs' charts).
    const wb = newWorkbook();
    await generate(wb, tabsFor(100, ['board-report']));
    expect((await generate(wb, tabsFor(10_000, ['board-report']))).syncs).toBe(4);
  });
  it('at 200,000 accounts it grows by one sync per further block, each request under 5 MB', async () => {
    const tabs = tabsFor(200_000, ['data']);
    const wb = newWorkbook();
    const { drawn, syncs, requests } = await generate(wb, tabs);
    expect(drawn[0].blocks).toBeGreaterThan(1);
    expect(syncs).toBe(1 + drawn[0].blocks);
    for (const chars of requests) expect(chars).toBeLessThan(5_000_000);
    const data = findSheet(wb, 'Data')!;
    expect(cellAt(wb, 'Data', `A${drawn[0].rows}`)?.value).toBe('AC-200000');
    expect(data.cells.size).toBeGreaterThan(200_000 * 10);
  }, 300_000);
});

describe('Safe (F20, F21)', () => {
  it('F21: Sheet1!A1:C3 user data is unchanged after generating the Board Report with the cursor on A1', async () => {
    const wb = newWorkbook();
    const user = [
      ['Name', 'Amount', 'Note'],
      ['=keep', 1, 'x'],
      ['b', 2, 'y'],
    ];
    putValues(wb, 'Sheet1', 'A1', user);
    wb.selection = { sheet: 'Sheet1', address: 'A1' };
    await generate(wb, tabsFor(100, ['board-report']));
    expect(sheetGrid(findSheet(wb, 'Sheet1')!)).toEqual(user);
    expect(findSheet(wb, 'Sheet1')!.formats).toEqual([]);
    expect(findSheet(wb, 'Board Report')).toBeDefined();
  });
  it('F21: regenerating from 100 then 20 accounts leaves exactly 20 data rows', async () => {
    const wb = newWorkbook();
    await generate(wb, tabsFor(100, ['board-report']));
    const { drawn } = await generate(wb, tabsFor(20, ['board-report']));
    expect(drawn.map((d) => [d.name, d.replaced])).toEqual([
      ['Board Report', 'Board Report'],
      ['Data', 'Data'],
    ]);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Board Report', 'Data']);
    const ids = sheetGrid(findSheet(wb, 'Data')!).filter((r) => typeof r[0] === 'string' && /^AC-\d+$/.test(r[0] as string));
    expect(ids).toHaveLength(20);
    expect(findSheet(wb, 'Board Report')!.charts).toHaveLength(tabsFor(20, ['board-report'])[0].charts.length);
    expect(findSheet(wb, 'Board Report')!.conditionalFormats).toHaveLength(tabsFor(20, ['board-report'])[0].conditionalFormats.length);
    expect(wb.names).toHaveLength(2);
  });
  it('F20: a user tab "coverage model" gets "Coverage Model (2)" beside it, untouched, and regenerating reuses (2)', async () => {
    const wb = newWorkbook(['coverage model']);
    putValues(wb, 'coverage model', 'A1', [['mine']]);
    await generate(wb, tabsFor(10, ['coverage-model']));
    await generate(wb, tabsFor(10, ['coverage-model']));
    expect(wb.sheets.map((s) => s.name)).toEqual(['coverage model', 'Coverage Model (2)', 'Data']);
    expect(sheetGrid(findSheet(wb, 'coverage model')!)).toEqual([['mine']]);
  });
  it('a renamed tab of ours is found by its marker and replaced by the tab under its wanted name (resolveTabNames: stale)', async () => {
    const wb = newWorkbook();
    await generate(wb, tabsFor(10, ['definitions']));
    findSheet(wb, 'Definitions')!.name = 'My definitions';
    wb.names.find((n) => n.name === markerName('definitions'))!.formula = "='My definitions'!$A$1";
    const { drawn } = await generate(wb, tabsFor(10, ['definitions']));
    expect(drawn[0]).toMatchObject({ name: 'Definitions', replaced: undefined });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Definitions']);
    expect(wb.names.map((n) => n.formula)).toEqual(["='Definitions'!$A$1"]);
  });
});
