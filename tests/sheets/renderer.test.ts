/**
 * The Sheets renderer against the SpreadsheetApp fakes: each tab drawn as its description says,
 * constant call counts at 100 and 10,000 accounts, and the field reports F20, F21, F22.
 */
import { buildTabs } from '../../core/src/app';
import type { InputTables } from '../../core/src/data/model';
import { resolveSheetRefs, type TabDescription } from '../../core/src/reports/tab-model';
import { GENERATED_METADATA_KEY, renderTabs } from '../../sheets-addon/src/renderer/render';
import { FakeEnv, type FakeSheet } from '../helpers/sheets-fakes';

const ALL = ['coverage-model', 'board-report', 'definitions', 'data'];

/** n accounts, one subscription each; account i pays (i % 7 + 1) × 1,000 MRR from 2023-06-01. Every 5th ends 2024-06-15. */
function tables(n: number, names: (i: number) => string = (i) => `Account ${i}`): InputTables {
  const accounts: unknown[][] = [];
  const subs: unknown[][] = [];
  for (let i = 1; i <= n; i++) {
    accounts.push([`A${i}`, names(i), i % 3 === 0 ? 'Enterprise' : 'SMB', i % 2 ? 'Alice' : 'Bob']);
    subs.push([`S${i}`, `A${i}`, '2023-06-01', i % 5 === 0 ? '2024-06-15' : '', (i % 7 + 1) * 1000]);
  }
  return {
    accounts: { source: 'Accounts', headers: ['Account ID', 'Account Name', 'Segment', 'CSM'], rows: accounts },
    subscriptions: { source: 'Subscriptions', headers: ['Subscription ID', 'Account ID', 'Start Date', 'End Date', 'MRR'], rows: subs },
  };
}

function build(n: number, keys = ALL, names?: (i: number) => string): TabDescription[] {
  const r = buildTabs({ tables: tables(n, names), from: '2024-01-01', to: '2025-01-01', tabs: keys });
  if (!r.ok) throw new Error(r.error);
  return r.tabs;
}

let env: FakeEnv;
let uninstall: () => void;
beforeEach(() => {
  env = new FakeEnv();
  uninstall = env.install();
});
afterEach(() => uninstall());

const sheetNamed = (name: string): FakeSheet => env.spreadsheet.sheets.find((s) => s.name === name)!;
const ss = () => SpreadsheetApp.getActiveSpreadsheet();

function cellAt(sheet: FakeSheet, row0: number, col0: number) {
  return sheet.cell(row0 + 1, col0 + 1);
}

describe('each tab is drawn as its description says', () => {
  test('values, formulas, number formats, styles, freeze, widths, rules, charts, dropdowns and the marker', () => {
    const tabs = build(30);
    const drawn = renderTabs(ss(), tabs);
    expect(drawn.map((d) => d.name)).toEqual(['Coverage Model', 'Board Report', 'Definitions', 'Data']);
    expect(env.spreadsheet.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Coverage Model', 'Board Report', 'Definitions', 'Data']);
    const nameOf = (k: string) => drawn.find((d) => d.key === k)!.name;
    for (const tab of tabs) {
      const sheet = sheetNamed(nameOf(tab.key));
      expect(sheet.metadata.map((m) => [m.getKey(), m.getValue()])).toEqual([[GENERATED_METADATA_KEY, tab.key]]);
      let formulas = 0;
      tab.rows.forEach((row, r) =>
        (row ?? []).forEach((cell, c) => {
          const got = cellAt(sheet, r, c);
          if (!cell || (cell.value === undefined && cell.formula === undefined) || cell.value === null || cell.value === '') {
            expect(got?.value ?? '').toBe('');
            expect(got?.formula).toBeUndefined();
            return;
          }
          if (cell.formula) {
            formulas++;
            expect(got?.formula).toBe(`=${resolveSheetRefs(cell.formula, nameOf)}`);
          } else {
            expect(got?.formula).toBeUndefined();
            expect(got?.value).toBe(cell.value);
          }
          expect(got?.numberFormat).toBe(cell.format ?? 'General');
          if (cell.style === 'header' || cell.style === 'title' || cell.style === 'total') expect(got?.fontWeight).toBe('bold');
        }),
      );
      if (tab.key !== 'definitions' && tab.key !== 'data') expect(formulas).toBeGreaterThan(0);
      expect(sheet.frozenRows).toBe(tab.frozenRows);
      tab.columnWidths.forEach((w, i) => expect(sheet.columnWidths.get(i + 1)).toBe(Math.round(w * 7 + 10)));
      expect(sheet.rules).toHaveLength(tab.conditionalFormats.length);
      tab.conditionalFormats.forEach((cf, i) => {
        const rule = sheet.rules[i];
        expect(rule.ranges.map((x) => x.a1())).toEqual([cf.range]);
        if (cf.kind === 'textEquals') expect(rule.condition).toEqual({ type: 'TEXT_EQ', values: [cf.text] });
        if (cf.kind === 'colorScale') expect(rule.gradient?.min).toBe(`#${cf.minColor.replace('#', '').slice(-6).toUpperCase()}`);
        if (cf.kind === 'formula') expect(rule.condition?.values[0]).toBe(`=${resolveSheetRefs(cf.formula, nameOf)}`);
      });
      expect(sheet.charts).toHaveLength(tab.charts.length);
      tab.charts.forEach((spec, i) => {
        const chart = sheet.charts[i];
        expect(chart.type).toBe(spec.kind.toUpperCase());
        expect(chart.ranges.map((x) => x.a1())).toEqual([spec.categories, ...spec.series.map((s) => s.values)]);
        expect(chart.position).toMatchObject({ row: spec.anchor.row + 1, col: spec.anchor.col + 1 });
        expect(chart.options.title).toBe(spec.title);
      });
      for (const d of tab.dropdowns) {
        const v = sheet.rangeA1(d.range).getDataValidations().flat();
        expect(v.every((x) => x !== null && x.criteria === 'VALUE_IN_LIST' && JSON.stringify(x.values[0]) === JSON.stringify(d.options))).toBe(true);
      }
    }
    // The tabs as a whole: the board report has a chart and status bands; the data tab has 30 account rows.
    expect(sheetNamed('Board Report').charts.length).toBeGreaterThan(0);
    const data = sheetNamed('Data');
    expect(data.content('A6')).toBe('A1');
    expect(data.content('A35')).toBe('A30');
    expect(data.content('A36')).toBeUndefined();
  });

  test('the grid grows past 1000 rows with one insertRowsAfter, not per row', () => {
    renderTabs(ss(), build(2500, ['data']));
    const data = sheetNamed('Data');
    expect(data.maxRows).toBeGreaterThanOrEqual(2505);
    expect(env.count('insertRowsAfter', 'Data')).toBe(1);
    expect(data.content('A2505')).toBe('A2500');
  });
});

describe('call counts do not grow with the rows', () => {
  function countsFor(n: number): Record<string, number> {
    const e = new FakeEnv();
    const un = e.install();
    try {
      renderTabs(SpreadsheetApp.getActiveSpreadsheet(), build(n));
      const out: Record<string, number> = {};
      for (const c of e.calls) {
        if (c.method === 'insertRowsAfter') continue; // only needed once the grid outgrows 1000 rows
        const k = `${c.target}.${c.method}${c.sheet ? `@${c.sheet}` : ''}`;
        out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    } finally {
      un();
    }
  }

  test('identical at 100 and 10,000 accounts, and at most 5 block writes of each kind per tab', () => {
    const small = countsFor(100);
    const large = countsFor(10_000);
    expect(large).toEqual(small);
    for (const [k, v] of Object.entries(large)) {
      if (/^Range\.(setValues|setFormulas|setNumberFormats)@/.test(k)) expect(v).toBeLessThanOrEqual(5);
    }
    expect(large['Range.setValues@Data']).toBe(1);
    expect(large['Range.setNumberFormats@Data']).toBe(1);
    // never a per-cell write
    expect(Object.keys(large).filter((k) => /Range\.(setValue|setFormula|setNumberFormat)@/.test(k))).toEqual([]);
  });
});

describe('F20: tab names', () => {
  test('a user tab "coverage model" (no marker) stays; ours is "Coverage Model (2)"', () => {
    const user = env.spreadsheet.insertSheet('coverage model');
    user.getRange('A1:B2').setValues([['mine', 1], ['x', 2]]);
    env.clearCalls();
    const drawn = renderTabs(ss(), build(10, ['coverage-model']));
    expect(drawn.find((d) => d.key === 'coverage-model')!.name).toBe('Coverage Model (2)');
    expect(user.content('A1')).toBe('mine');
    expect(user.content('B2')).toBe(2);
    expect(user.metadata).toEqual([]);
    expect(env.calls.filter((c) => c.sheet === 'coverage model' && /^set|clear|insert|delete|add/.test(c.method))).toEqual([]);
  });
});

describe('F21: never write over user data', () => {
  test('Sheet1!A1:C3 with the cursor on A1: Board Report generated into a new tab, Sheet1 unchanged', () => {
    const sheet1 = sheetNamed('Sheet1');
    const userData = [['Name', 'ARR', 'Note'], ['Acme', 1200, '=not a formula?'], ['Beta', -500, 'x']];
    sheet1.rangeA1('A1:C3').setValues(userData);
    env.spreadsheet.select('Sheet1', 'A1');
    const before = JSON.stringify([...sheet1.cells.entries()]);
    env.clearCalls();
    renderTabs(ss(), build(20, ['board-report']));
    expect(JSON.stringify([...sheet1.cells.entries()])).toBe(before);
    expect(env.calls.filter((c) => c.sheet === 'Sheet1' && !/^get/.test(c.method))).toEqual([]);
    expect(env.spreadsheet.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Board Report', 'Data']);
  });

  test('regenerating from 100 accounts, then 20, leaves exactly 20 data rows in the same tab', () => {
    renderTabs(ss(), build(100));
    const data = sheetNamed('Data');
    const sheetsBefore = env.spreadsheet.sheets.map((s) => s.name);
    expect(data.content('A105')).toBe('A100');
    renderTabs(ss(), build(20));
    expect(env.spreadsheet.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    expect(sheetNamed('Data')).toBe(data);
    const ids: unknown[] = [];
    for (let r = 6; r <= data.maxRows; r++) {
      const v = data.content(`A${r}`);
      if (v !== undefined && v !== '') ids.push(v);
    }
    expect(ids).toHaveLength(20);
    expect(ids[19]).toBe('A20');
    expect(data.contentBounds().lastRow).toBe(25);
    // no formats left behind either
    expect(data.cell(26, 7)?.numberFormat).toBeUndefined();
  });

  test('a sheet renamed to our name without our marker is never reused', () => {
    renderTabs(ss(), build(10, ['data']));
    const ours = sheetNamed('Data');
    ours.setName('Old data');
    const fake = env.spreadsheet.insertSheet('Data');
    fake.getRange('A1').setValue('user');
    const drawn = renderTabs(ss(), build(10, ['data']));
    // our old copy (renamed, still carrying the marker) is replaced whole; the user's "Data" stays
    expect(drawn[0].name).toBe('Data (2)');
    expect(fake.content('A1')).toBe('user');
    expect(env.spreadsheet.sheets.some((s) => s.name === 'Old data')).toBe(false);
  });
});

describe('F22: text is never a formula', () => {
  test('account names that look like formulas stay literal text; -500 stays a number', () => {
    const names = (i: number) => (i === 1 ? '=HYPERLINK("http://x.test","y")' : i === 2 ? '@Acme 1' : i === 3 ? '+1 (555) 0100' : i === 4 ? '-x' : `Account ${i}`);
    renderTabs(ss(), build(5, ['data'], names));
    const data = sheetNamed('Data');
    expect(data.cell(6, 2)).toMatchObject({ value: '=HYPERLINK("http://x.test","y")' });
    expect(data.cell(6, 2)?.formula).toBeUndefined();
    expect(data.cell(7, 2)?.value).toBe('@Acme 1');
    expect(data.cell(8, 2)?.value).toBe('+1 (555) 0100');
    expect(data.cell(9, 2)?.value).toBe('-x');
    for (let r = 6; r <= 10; r++) expect(data.cell(r, 2)?.formula).toBeUndefined();
  });

  test('a description with text "=…", "@…", "TRUE" and the number -500', () => {
    const tab: TabDescription = {
      key: 'probe',
      name: 'Probe',
      rows: [[{ value: '=1+1' }, { value: '@Acme 1' }, { value: -500 }, { value: 'TRUE' }, { value: '00123' }, { value: "'quoted" }]],
      columnWidths: [10],
      frozenRows: 0,
      conditionalFormats: [],
      charts: [],
      dropdowns: [],
      print: { landscape: false },
    };
    renderTabs(ss(), [tab]);
    const s = sheetNamed('Probe');
    expect([1, 2, 3, 4, 5, 6].map((c) => s.cell(1, c)?.value)).toEqual(['=1+1', '@Acme 1', -500, 'TRUE', '00123', "'quoted"]);
    expect([1, 2, 3, 4, 5, 6].map((c) => s.cell(1, c)?.formula)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

test('a tab whose formulas refer to a tab that is neither generated nor in the batch throws before writing', () => {
  const [board] = build(5, ['board-report']).filter((t) => t.key === 'board-report');
  env.clearCalls();
  expect(() => renderTabs(ss(), [board])).toThrow(/data/);
  expect(env.calls.filter((c) => /insertSheet|setValues/.test(c.method))).toEqual([]);
});

test('tabs that would take the spreadsheet past 10,000,000 cells are refused before anything is written', () => {
  env.spreadsheet.sheets[0].maxRows = 383_000; // 9.958 M cells of user sheet; four new tabs of 1000 × 26 pass the limit
  env.clearCalls();
  expect(() => renderTabs(ss(), build(10))).toThrow(/at most 10,000,000/);
  expect(env.calls.filter((c) => /insertSheet|setValues|clear/.test(c.method))).toEqual([]);
});
