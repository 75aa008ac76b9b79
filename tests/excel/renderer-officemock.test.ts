/**
 * The Excel renderer (excel-addin/src/renderer) run through office-addin-mock: `Excel` is an
 * OfficeMockObject built from the seed in tests/helpers/excel-officemock.ts, and `generateTabs`
 * calls `Excel.run` on it as the task pane does. The seed records every values / formulas /
 * numberFormat write per range address, the formats, charts, conditional formats, names and each
 * `context.sync()`, so the tests compare what was written with the tab descriptions cell by cell.
 */
import { buildTabs } from '../../core/src/app';
import { buildAllTabs } from '../../core/src/reports';
import { DEFAULT_BLOCK_CELLS, DEFAULT_BLOCK_CHARS, STYLE_LOOKS, markerName } from '../../core/src/reports/render-plan';
import { GENERATED_MARKER, type TabDescription } from '../../core/src/reports/tab-model';
import { generateTabs, readMarkers, widthInPoints, type RenderedTab } from '../../excel-addin/src/renderer/render';
import { book } from '../helpers/excel-data';
import { NOT_LOADED, NOT_SYNCED, OfficeMockWorkbook, colLetters, parseA1, withGlobalExcel } from '../helpers/excel-officemock';
import { INJECTION_NAME, sevenAccounts } from '../reports/fixtures';

const MRR = { subscriptions: { mrr: 'Monthly amount' } };
const FIVE_MB = 5 * 1024 * 1024;

function tabsFor(n: number, keys: string[]): TabDescription[] {
  const r = buildTabs({ tables: book(n), overrides: MRR, from: '2024-01-01', to: '2025-01-01', tabs: keys });
  if (!r.ok) throw new Error(r.error);
  return r.tabs;
}

/** Excel.run(renderTabs) against the mock; the syncs it made. */
async function generate(wb: OfficeMockWorkbook, tabs: readonly TabDescription[]) {
  const before = wb.syncs.length;
  const runs = wb.runs;
  const drawn = await withGlobalExcel(wb, () => generateTabs(tabs));
  expect(wb.runs).toBe(runs + 1);
  return { drawn, syncs: wb.syncs.length - before, records: wb.syncs.slice(before) };
}

function gridWidth(tab: TabDescription): number {
  let width = Math.max(1, tab.columnWidths.length);
  for (const r of tab.rows) if (r && r.length > width) width = r.length;
  return width;
}

/** A formula as the sheet should hold it: "=" + the formula with {{sheet:key}} → 'Final name' (written out here, not core's). */
function expectedFormula(formula: string, nameOf: (key: string) => string): string {
  const f = formula.trim().replace(/\{\{sheet:([a-z0-9-]+)\}\}/g, (_m, key: string) => `'${nameOf(key).replace(/'/g, "''")}'`);
  return f.startsWith('=') ? f : `=${f}`;
}

/** Every cell of the description against the recorded sheet; returns the mismatches. */
function compareCells(wb: OfficeMockWorkbook, tab: TabDescription, sheet: string, nameOf: (k: string) => string) {
  const bad: unknown[] = [];
  const counts = { formulas: 0, text: 0, numbers: 0, formats: 0 };
  const width = gridWidth(tab);
  for (let r = 0; r < Math.max(1, tab.rows.length); r++) {
    for (let c = 0; c < width; c++) {
      const cell = tab.rows[r]?.[c];
      const a1 = `${colLetters(c)}${r + 1}`;
      const got = wb.cellAt(sheet, a1);
      const want: Record<string, unknown> = { numberFormat: cell?.format ?? 'General' };
      if (cell?.format) counts.formats++;
      if (cell && typeof cell.formula === 'string' && cell.formula.trim() !== '') {
        want.formula = expectedFormula(cell.formula, nameOf);
        want.value = null;
        counts.formulas++;
      } else if (cell?.value === null || cell?.value === undefined || cell.value === '' || (typeof cell.value === 'number' && !Number.isFinite(cell.value))) {
        want.value = null;
      } else {
        want.value = cell.value;
        if (typeof cell.value === 'string') counts.text++;
        if (typeof cell.value === 'number') counts.numbers++;
      }
      const have: Record<string, unknown> = { numberFormat: got?.numberFormat };
      if (got?.formula !== undefined) have.formula = got.formula;
      have.value = got?.value ?? null;
      if (JSON.stringify(have) !== JSON.stringify(want) || got?.parsedAs !== undefined) bad.push({ a1, want, have, parsedAs: got?.parsedAs });
    }
  }
  return { bad, counts };
}

describe('office-addin-mock seed: load/sync behaviour the renderer relies on', () => {
  it('collections and their items read as "not loaded" until load + sync', async () => {
    const wb = new OfficeMockWorkbook(['Sheet1', 'Plan']);
    const ctx = wb.context;
    expect(ctx.workbook.worksheets.items).toBe(NOT_LOADED);
    ctx.workbook.worksheets.load('items/name');
    expect(ctx.workbook.worksheets.items).toBe(NOT_SYNCED);
    await ctx.sync();
    const items = ctx.workbook.worksheets.items;
    expect(items.map((s: { name: string }) => s.name)).toEqual(['Sheet1', 'Plan']);
    expect(items[0].visibility).toBe(NOT_LOADED); // only what was loaded
    const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
    missing.load('isNullObject');
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    const range = ctx.workbook.worksheets.getItem('Plan').getRange('B2:C3');
    expect(range.address).toBe(NOT_LOADED);
    range.formulas = [
      ['=1+1', "'=text"],
      [-500, 'x'],
    ];
    expect(wb.cellAt('Plan', 'B2')).toBeUndefined(); // nothing reaches the workbook before sync
    range.load('address');
    await ctx.sync();
    expect(range.address).toBe('Plan!B2:C3');
    expect(wb.cellAt('Plan', 'B2')).toMatchObject({ formula: '=1+1' });
    expect(wb.cellAt('Plan', 'C2')).toMatchObject({ value: '=text', quotePrefix: true });
    expect(wb.cellAt('Plan', 'B3')).toMatchObject({ value: -500 });
    expect(() => (ctx.workbook.worksheets.getItem('Plan').getRange('A1:B1').values = [[1]])).toThrow(/InvalidArgument/);
  });
});

describe('generateTabs through Excel.run (office-addin-mock): the seven-account model', () => {
  const wb = new OfficeMockWorkbook();
  const tabs = buildAllTabs(sevenAccounts());
  let drawn: RenderedTab[];
  let syncs = 0;
  beforeAll(async () => {
    ({ drawn, syncs } = await generate(wb, tabs));
  });
  const nameOf = (k: string) => {
    const d = drawn.find((x) => x.key === k);
    if (!d) throw new Error(`no tab ${k}`);
    return d.name;
  };
  const tabOf = (k: string) => tabs.find((t) => t.key === k)!;

  it('adds every tab beside Sheet1, one sync to read the workbook and one per tab', () => {
    expect(tabs.map((t) => t.key)).toEqual(expect.arrayContaining(['coverage-model', 'board-report', 'definitions', 'data']));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', ...tabs.map((t) => t.name)]);
    expect(drawn.map((d) => [d.key, d.name, d.blocks])).toEqual(tabs.map((t) => [t.key, t.name, 1]));
    expect(syncs).toBe(1 + tabs.length);
  });

  it.each(['board-report', 'coverage-model', 'definitions', 'data'])('%s: values, formulas and number formats, cell by cell', (key) => {
    const tab = tabOf(key);
    const { bad, counts } = compareCells(wb, tab, nameOf(key), nameOf);
    expect(bad).toEqual([]);
    expect(counts.text).toBeGreaterThan(0);
    if (key !== 'definitions') expect(counts.formats).toBeGreaterThan(0);
    if (key === 'board-report' || key === 'coverage-model') expect(counts.formulas).toBeGreaterThan(0);
  });

  it('the other tabs (all of buildAllTabs) match cell by cell too', () => {
    const others = tabs.filter((t) => !['board-report', 'coverage-model', 'definitions', 'data'].includes(t.key));
    for (const tab of others) expect({ key: tab.key, bad: compareCells(wb, tab, nameOf(tab.key), nameOf).bad }).toEqual({ key: tab.key, bad: [] });
  });

  it('formulas refer to the drawn tabs by their final names, and each block is one write of the used range', () => {
    const sheetNames = new Set(wb.sheets.map((s) => s.name));
    for (const tab of tabs) {
      const name = nameOf(tab.key);
      const writes = wb.writes(name);
      const lastCol = colLetters(gridWidth(tab) - 1);
      // one block: numberFormat then formulas, both A1:<last>N
      expect(writes.map((w) => [w.property, w.address])).toEqual([
        ['numberFormat', `A1:${lastCol}${tab.rows.length}`],
        ['formulas', `A1:${lastCol}${tab.rows.length}`],
      ]);
      for (const w of wb.writes(name, 'formulas')) {
        for (const row of w.data as unknown[][]) {
          for (const v of row) {
            if (typeof v !== 'string' || !v.startsWith('=')) continue;
            expect(v).not.toContain('{{sheet:');
            for (const m of v.matchAll(/'((?:[^']|'')+)'!/g)) expect(sheetNames.has(m[1].replace(/''/g, "'"))).toBe(true);
          }
        }
      }
    }
    const board = wb.writes(nameOf('board-report'), 'formulas')[0].data as unknown[][];
    expect(board.flat().some((v) => typeof v === 'string' && v.includes(`'${nameOf('data')}'!`))).toBe(true);
  });

  it('F22: text starting with "=" (and "@") is written as quote-prefixed text, never a formula; −500 stays a number', async () => {
    const data = tabOf('data');
    const r = data.rows.findIndex((row) => row.some((c) => c?.value === INJECTION_NAME));
    const c = data.rows[r].findIndex((cell) => cell?.value === INJECTION_NAME);
    expect(r).toBeGreaterThan(0);
    const a1 = `${colLetters(c)}${r + 1}`;
    expect(wb.cellAt('Data', a1)).toMatchObject({ value: INJECTION_NAME, quotePrefix: true });
    expect(wb.cellAt('Data', a1)!.formula).toBeUndefined();
    const ra = data.rows.findIndex((row) => row.some((cell) => cell?.value === '@Acme 1'));
    const ca = data.rows[ra].findIndex((cell) => cell?.value === '@Acme 1');
    expect(wb.cellAt('Data', `${colLetters(ca)}${ra + 1}`)).toMatchObject({ value: '@Acme 1', quotePrefix: true });
    expect(wb.cellAt('Data', `${colLetters(ca)}${ra + 1}`)!.formula).toBeUndefined();

    const w2 = new OfficeMockWorkbook();
    const t: TabDescription = {
      key: 'x',
      name: 'X',
      rows: [[{ value: -500, format: '"$"#,##0' }, { value: '-500' }, { value: '=1+1' }, { value: "'quoted" }]],
      columnWidths: [10],
      frozenRows: 0,
      conditionalFormats: [],
      charts: [],
      dropdowns: [],
      print: { landscape: false },
    };
    await generate(w2, [t]);
    expect(w2.cellAt('X', 'A1')).toEqual({ value: -500, input: -500, numberFormat: '"$"#,##0' });
    expect(w2.cellAt('X', 'B1')).toMatchObject({ value: '-500', quotePrefix: true, numberFormat: 'General' });
    expect(w2.cellAt('X', 'C1')).toMatchObject({ value: '=1+1', quotePrefix: true });
    expect(w2.cellAt('X', 'C1')!.formula).toBeUndefined();
    expect(w2.cellAt('X', 'D1')).toMatchObject({ value: "'quoted", quotePrefix: true });
  });

  it('styles, column widths, frozen rows and print setup', () => {
    for (const tab of tabs) {
      const name = nameOf(tab.key);
      const bad: unknown[] = [];
      tab.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell?.style) return;
          const look = STYLE_LOOKS[cell.style];
          const a1 = `${colLetters(c)}${r + 1}`;
          const want = { bold: look.bold, fill: look.fill, color: look.color };
          const have = {
            bold: look.bold === undefined ? undefined : wb.formatAt(name, a1, 'format.font.bold'),
            fill: look.fill === undefined ? undefined : wb.formatAt(name, a1, 'format.fill.color'),
            color: look.color === undefined ? undefined : wb.formatAt(name, a1, 'format.font.color'),
          };
          if (JSON.stringify(have) !== JSON.stringify(want)) bad.push({ a1, style: cell.style, want, have });
        }),
      );
      expect(bad).toEqual([]);
      tab.columnWidths.forEach((w, c) => {
        if (w > 0) expect(wb.formatAt(name, `${colLetters(c)}1`, 'format.columnWidth')).toBeCloseTo((w * 7 + 5) * 0.75, 2);
        if (w > 0) expect(wb.formatAt(name, `${colLetters(c)}1`, 'format.columnWidth')).toBe(widthInPoints(w));
      });
      const s = wb.sheet(name)!;
      expect(s.frozen).toEqual({ rows: tab.frozenRows, columns: tab.frozenColumns ?? 0 });
      expect(s.pageLayout).toMatchObject({
        orientation: tab.print.landscape ? 'Landscape' : 'Portrait',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      });
      if (tab.frozenRows > 0) expect(s.pageLayout.printTitleRows).toBe(`$1:$${tab.frozenRows}`);
    }
    expect(wb.sheet(nameOf('coverage-model'))!.activated).toBe(1);
  });

  it('conditional formats, dropdowns and charts as described', () => {
    let cfs = 0;
    let charts = 0;
    for (const tab of tabs) {
      const name = nameOf(tab.key);
      const got = wb.conditionalFormats(name);
      expect(got).toHaveLength(tab.conditionalFormats.length);
      tab.conditionalFormats.forEach((cf, i) => {
        cfs++;
        expect(got[i].range).toBe(parseA1ToText(cf.range));
        if (cf.kind === 'textEquals') {
          expect(got[i].type).toBe('CellValue');
          expect(got[i].props['cellValue.rule']).toEqual({ formula1: `="${cf.text.replace(/"/g, '""')}"`, operator: 'EqualTo' });
        } else if (cf.kind === 'colorScale') {
          expect(got[i].type).toBe('ColorScale');
          expect(got[i].props['colorScale.criteria']).toMatchObject({ minimum: { type: 'LowestValue' }, maximum: { type: 'HighestValue' } });
        } else {
          expect(got[i].type).toBe('Custom');
          expect(got[i].props['custom.rule.formula']).toBe(expectedFormula(cf.formula, nameOf));
        }
      });
      const drawnCharts = wb.charts(name);
      expect(drawnCharts.map((c) => c.title)).toEqual(tab.charts.map((c) => c.title));
      tab.charts.forEach((c, i) => {
        charts++;
        expect(drawnCharts[i].type).toBe({ column: 'ColumnClustered', bar: 'BarClustered', line: 'Line' }[c.kind]);
        expect(drawnCharts[i].series).toEqual(c.series.map((s) => ({ name: s.name, values: parseA1ToText(s.values), xValues: parseA1ToText(c.categories) })));
        expect(drawnCharts[i].legend).toEqual({ position: 'Bottom', visible: c.series.length > 1 });
      });
      for (const d of tab.dropdowns) {
        const [first] = parseA1ToText(d.range).split(':');
        const rule = wb.formatAt(name, first, 'dataValidation.rule') as { list: { source: string } };
        expect(rule.list.source.startsWith('=') ? rule.list.source : rule.list.source.split(',')).toEqual(
          rule.list.source.startsWith('=') ? expect.stringMatching(/^=\$[A-Z]+\$1:\$[A-Z]+\$\d+$/) : d.options,
        );
      }
    }
    expect(cfs).toBeGreaterThan(0);
    expect(charts).toBeGreaterThan(0);
  });

  it('records one marker (defined name) per tab, readable back with readMarkers', async () => {
    expect(wb.definedNames()).toEqual(
      drawn.map((d) => ({
        name: markerName(d.key),
        // as Excel reports it: quoted only when the name needs it
        formula: /^[A-Za-z_][A-Za-z0-9_.]*$/.test(d.name) ? `=${d.name}!$A$1` : `='${d.name}'!$A$1`,
        comment: GENERATED_MARKER,
      })),
    );
    const markers = await withGlobalExcel(wb, () => Excel.run((ctx) => readMarkers(ctx)));
    expect(markers).toEqual(drawn.map((d) => ({ key: d.key, sheet: d.name })));
  });

  it('suspends calculation in every batch that writes cells; every request is under 5 MB', () => {
    for (const s of wb.syncs) {
      if (s.writes.length > 0) expect(s.calculationSuspended).toBe(true);
      expect(s.requestChars).toBeLessThan(FIVE_MB);
    }
    expect(wb.syncs[0].writes).toEqual([]);
  });
});

/** "B3:C4" as Excel reports it (relative, no sheet). */
function parseA1ToText(a1: string): string {
  const r = parseA1(a1);
  const a = `${colLetters(r.left)}${r.top + 1}`;
  const b = `${colLetters(r.right)}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/**
 * render-plan's request-size estimate of one written cell (its documented rule: the input's JSON
 * size plus the number format plus a small per-cell overhead), used to check the block cuts.
 */
function cellChars(input: unknown, format: string): number {
  const v = typeof input === 'string' ? input.length + 3 : typeof input === 'number' ? String(input).length + 1 : 6;
  return v + format.length + 5;
}

/**
 * The block rule with render-plan's budget: a tab's rows are written in consecutive row blocks
 * (one formulas write + one numberFormat write of the full width, one sync each), and a new block
 * starts exactly when one more row would take the block over DEFAULT_BLOCK_CELLS cells or
 * DEFAULT_BLOCK_CHARS estimated characters. Returns the block count the rule gives.
 */
function expectBlockRule(wb: OfficeMockWorkbook, tab: TabDescription, sheet: string): number {
  const width = gridWidth(tab);
  const writes = wb.writes(sheet, 'formulas');
  const formats = wb.writes(sheet, 'numberFormat');
  expect(formats.map((w) => w.address)).toEqual(writes.map((w) => w.address));
  // all written rows, in order, with their estimated size
  const rowChars: number[] = [];
  let next = 0;
  writes.forEach((w, i) => {
    expect(w.rect).toMatchObject({ top: next, left: 0, right: width - 1 });
    expect(formats[i].sync).toBe(w.sync);
    expect(w.sync).toBe(writes[0].sync + i); // one sync per block
    const data = w.data as unknown[][];
    const fmt = formats[i].data as string[][];
    data.forEach((row, r) => rowChars.push(row.reduce<number>((n, v, c) => n + cellChars(v, fmt[r][c]), 0)));
    next += data.length;
  });
  expect(next).toBe(tab.rows.length);
  // the cuts the rule gives
  const expected: string[] = [];
  let top = 0;
  let rows = 0;
  let chars = 0;
  rowChars.forEach((c, r) => {
    if (rows > 0 && ((rows + 1) * width > DEFAULT_BLOCK_CELLS || chars + c > DEFAULT_BLOCK_CHARS)) {
      expected.push(`A${top + 1}:${colLetters(width - 1)}${top + rows}`);
      top = r;
      rows = 0;
      chars = 0;
    }
    rows++;
    chars += c;
  });
  expected.push(`A${top + 1}:${colLetters(width - 1)}${top + rows}`);
  expect(writes.map((w) => w.address)).toEqual(expected);
  for (const w of writes) {
    const cells = (w.rect.bottom - w.rect.top + 1) * width;
    expect(cells).toBeLessThanOrEqual(DEFAULT_BLOCK_CELLS);
  }
  return expected.length;
}

describe('round trips (context.sync count)', () => {
  const keys = ['coverage-model', 'board-report', 'definitions'];
  let small: Awaited<ReturnType<typeof generate>>;
  let large: Awaited<ReturnType<typeof generate>>;
  let largeTabs: TabDescription[];
  let largeWb: OfficeMockWorkbook;

  beforeAll(async () => {
    small = await generate(new OfficeMockWorkbook(), tabsFor(100, keys));
    largeWb = new OfficeMockWorkbook();
    largeTabs = tabsFor(10_000, keys);
    large = await generate(largeWb, largeTabs);
  }, 120_000);

  it('is identical at 100 and 10,000 accounts: one to read the workbook, one per tab', () => {
    expect(small.drawn.map((d) => d.key)).toEqual(['coverage-model', 'board-report', 'definitions', 'data']);
    expect(large.syncs).toBe(small.syncs);
    expect(small.syncs).toBe(1 + 4);
    expect(large.drawn.every((d) => d.blocks === 1)).toBe(true);
    for (const r of large.records) expect(r.requestChars).toBeLessThan(FIVE_MB);
    expect(largeWb.cellAt('Data', `A${large.drawn.find((d) => d.key === 'data')!.rows}`)?.value).toBe('AC-10000');
    for (const d of large.drawn) expect(expectBlockRule(largeWb, largeTabs.find((t) => t.key === d.key)!, d.name)).toBe(1);
  });

  it('regenerating over our own tabs adds exactly one sync (listing their charts), at any size', async () => {
    const a = new OfficeMockWorkbook();
    await generate(a, tabsFor(100, keys));
    const again = await generate(a, tabsFor(100, keys));
    expect(again.syncs).toBe(small.syncs + 1);
    expect(a.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Coverage Model', 'Board Report', 'Definitions', 'Data']);
    expect(a.definedNames()).toHaveLength(4);
    expect(a.charts('Board Report')).toHaveLength(tabsFor(100, ['board-report'])[0].charts.length);
  });

  it('at 200,000 accounts: one more sync per further block, as the block budget says', async () => {
    const tabs = tabsFor(200_000, ['board-report']);
    const wb = new OfficeMockWorkbook();
    const { drawn, syncs, records } = await generate(wb, tabs);
    const data = drawn.find((d) => d.key === 'data')!;
    const width = gridWidth(tabs.find((t) => t.key === 'data')!);
    expect(data.rows).toBeGreaterThan(200_000);
    expect(data.blocks).toBeGreaterThanOrEqual(Math.ceil((data.rows * width) / DEFAULT_BLOCK_CELLS));
    expect(data.blocks).toBeGreaterThan(1);
    expect(syncs).toBe(1 + drawn.reduce((n, d) => n + d.blocks, 0));
    // the same as at 100 accounts for the same tabs, plus one per further block
    const base = await generate(new OfficeMockWorkbook(), tabsFor(100, ['board-report']));
    expect(syncs).toBe(base.syncs + drawn.reduce((n, d) => n + d.blocks - 1, 0));
    for (const d of drawn) expect(expectBlockRule(wb, tabs.find((t) => t.key === d.key)!, d.name)).toBe(d.blocks);
    for (const r of records) {
      expect(r.requestChars).toBeLessThan(FIVE_MB);
      if (r.writes.length > 0) expect(r.calculationSuspended).toBe(true);
    }
    expect(wb.cellAt('Data', `A${data.rows}`)?.value).toBe('AC-200000');
  }, 300_000);
});
