import {
  DEFAULT_BLOCK_CELLS,
  groupRuns,
  hostLiteral,
  keyOfMarkerName,
  markerFormula,
  markerName,
  planTab,
  planTabs,
  sheetOfMarkerFormula,
  storedText,
} from '../../core/src/reports/render-plan';
import { sheetRef, type TabDescription } from '../../core/src/reports/tab-model';
import { buildTabs } from '../../core/src/app';
import { book } from '../helpers/excel-data';

function tab(rows: TabDescription['rows'], extra: Partial<TabDescription> = {}): TabDescription {
  return { key: 't', name: 'T', rows, columnWidths: [10, 10, 10], frozenRows: 1, conditionalFormats: [], charts: [], dropdowns: [], print: { landscape: true }, ...extra };
}
const noRefs = (k: string): string => {
  throw new Error(`no tab ${k}`);
};

describe('hostLiteral: text a host would parse is quote-prefixed (F22)', () => {
  it.each([
    ['=HYPERLINK("http://x.test","y")', `'=HYPERLINK("http://x.test","y")`],
    ['@Acme 1', "'@Acme 1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-Acme', "'-Acme"],
    ["'quoted", "''quoted"],
    ['00123', "'00123"],
    ['2024-01-05', "'2024-01-05"],
    ['12%', "'12%"],
    ['$1,200', "'$1,200"],
    ['TRUE', "'TRUE"],
    ['#N/A', "'#N/A"],
    ['Jan 5', "'Jan 5"],
    ['Acme Corp', 'Acme Corp'],
    ['March Industries', 'March Industries'],
    ['', ''],
  ])('%s → %s', (text, host) => {
    expect(hostLiteral(text)).toBe(host);
    expect(storedText(String(hostLiteral(text)))).toBe(text);
  });
  it('numbers and booleans stay themselves; blanks and non-finite numbers are empty', () => {
    expect(hostLiteral(-500)).toBe(-500);
    expect(hostLiteral(0)).toBe(0);
    expect(hostLiteral(true)).toBe(true);
    expect(hostLiteral(null)).toBe('');
    expect(hostLiteral(undefined)).toBe('');
    expect(hostLiteral(Number.NaN)).toBe('');
  });
});

describe('planTab', () => {
  const t = tab(
    [
      [{ value: 'Title', style: 'title' }],
      [{ value: 'Name', style: 'header' }, { value: 'ARR', style: 'header' }, { value: 'Share', style: 'header' }],
      [{ value: '=evil()' }, { value: 100, format: '"$"#,##0' }, { formula: `B3/SUM(${sheetRef('data')}!$B$3:$B$4)`, format: '0.0%' }],
      [{ value: 'Beta' }, { value: -500, format: '"$"#,##0' }, { formula: 'B4/SUM(B3:B4)', format: '0.0%' }],
    ],
    { conditionalFormats: [{ kind: 'formula', range: 'C3:C4', formula: `C3>${sheetRef('data')}!$A$1`, fill: '#FFC7CE' }], charts: [{ kind: 'column', title: 'ARR', categories: 'A3:A4', series: [{ name: 'ARR', values: 'B3:B4' }], anchor: { row: 1, col: 4, widthCols: 6, heightRows: 10 } }], dropdowns: [{ range: 'A3', options: ['x', 'y'] }] },
  );
  const plan = planTab(t, 'My tab', (k) => (k === 'data' ? "Bob's Data" : noRefs(k)));

  it('writes a rectangular grid with escaped literals, numbers as numbers and resolved formulas', () => {
    expect(plan.width).toBe(3);
    expect(plan.rowCount).toBe(4);
    expect(plan.usedRange).toBe('A1:C4');
    expect(plan.blocks).toHaveLength(1);
    const b = plan.blocks[0];
    expect(b.range).toBe('A1:C4');
    expect(b.values).toEqual([
      ['Title', '', ''],
      ['Name', 'ARR', 'Share'],
      ["'=evil()", 100, ''],
      ['Beta', -500, ''],
    ]);
    expect(b.formulas![2][2]).toBe("=B3/SUM('Bob''s Data'!$B$3:$B$4)");
    expect(b.formulas![3][2]).toBe('=B4/SUM(B3:B4)');
    expect(b.formulas![2][0]).toBeNull();
    expect(b.input[2]).toEqual(["'=evil()", 100, "=B3/SUM('Bob''s Data'!$B$3:$B$4)"]);
    expect(b.numberFormats[2]).toEqual(['General', '"$"#,##0', '0.0%']);
  });
  it('groups styles and formats as rectangles', () => {
    expect(plan.styles).toEqual([
      { key: 'title', ranges: ['A1'] },
      { key: 'header', ranges: ['A2:C2'] },
    ]);
    expect(plan.formats).toEqual([
      { key: '"$"#,##0', ranges: ['B3:B4'] },
      { key: '0.0%', ranges: ['C3:C4'] },
    ]);
  });
  it('resolves conditional-format formulas, chart ranges and anchors, dropdowns, print', () => {
    expect(plan.conditionalFormats[0].formula).toBe("=C3>'Bob''s Data'!$A$1");
    expect(plan.charts[0]).toMatchObject({ kind: 'column', categories: 'A3:A4', series: [{ name: 'ARR', values: 'B3:B4' }], topLeft: 'E2', bottomRight: 'K12' });
    expect(plan.dropdowns).toEqual([{ range: 'A3', options: ['x', 'y'] }]);
    expect(plan.print).toEqual({ landscape: true, fitToPagesWide: 1, titleRows: 1 });
    expect(plan.frozenRows).toBe(1);
  });
  it('a block without formulas carries no formulas matrix', () => {
    const p = planTab(tab([[{ value: 1 }], [{ value: 2 }]]), 'x', noRefs);
    expect(p.blocks[0].formulas).toBeNull();
  });
});

describe('row blocks', () => {
  const rows = Array.from({ length: 10 }, (_, r) => [{ value: r }, { value: `r${r}` }, { value: r * 2 }]);
  it('cut the grid into whole rows under the cell budget, covering every row once', () => {
    const p = planTab(tab(rows), 'x', noRefs, { blockCells: 10 });
    expect(p.blocks.map((b) => [b.top, b.rowCount, b.range])).toEqual([
      [0, 3, 'A1:C3'],
      [3, 3, 'A4:C6'],
      [6, 3, 'A7:C9'],
      [9, 1, 'A10:C10'],
    ]);
    expect(p.blocks.flatMap((b) => b.values)).toEqual(rows.map((r) => r.map((c) => (typeof c.value === 'string' ? c.value : c.value))));
  });
  it('also cut by the estimated request size', () => {
    const p = planTab(tab(rows), 'x', noRefs, { blockChars: 200 });
    expect(p.blocks.length).toBeGreaterThan(1);
    expect(p.blocks.reduce((n, b) => n + b.rowCount, 0)).toBe(10);
  });
  it('the Data tab of 10,000 accounts is one block; of 200,000 accounts, several', () => {
    const small = buildTabs({ tables: book(10_000), overrides: { subscriptions: { mrr: 'Monthly amount' } }, from: '2024-01-01', to: '2025-01-01', tabs: ['data'] });
    if (!small.ok) throw new Error(small.error);
    const plan = planTabs(small.tabs, { data: 'Data' })[0];
    expect(plan.rowCount).toBeGreaterThan(10_000);
    expect(plan.blocks).toHaveLength(1);
    expect(plan.width * plan.rowCount).toBeLessThan(DEFAULT_BLOCK_CELLS);
  });
});

describe('groupRuns', () => {
  it('merges identical horizontal runs downwards only when they match exactly', () => {
    const s = (style: 'header' | 'total') => ({ style });
    const runs = groupRuns([[s('header'), s('header')], [s('header'), s('header')], [s('header'), null, s('total')]], (c) => c.style);
    expect(runs).toEqual([
      { key: 'header', ranges: ['A1:B2', 'A3'] },
      { key: 'total', ranges: ['C3'] },
    ]);
  });
});

describe('markers (the same defined names as the .xlsx build)', () => {
  it('round-trip key and sheet', () => {
    expect(markerName('board-report')).toBe('CS_GENERATED_board.report');
    expect(keyOfMarkerName('CS_GENERATED_board.report')).toBe('board-report');
    expect(keyOfMarkerName('cs_generated_data')).toBe('data');
    expect(keyOfMarkerName('MyName')).toBeUndefined();
    expect(markerFormula("Bob's tab")).toBe("='Bob''s tab'!$A$1");
    expect(sheetOfMarkerFormula("='Bob''s tab'!$A$1")).toBe("Bob's tab");
    expect(sheetOfMarkerFormula('=Data!$A$1')).toBe('Data');
    expect(sheetOfMarkerFormula('=#REF!$A$1')).toBeUndefined();
  });
});
