/**
 * A hand-made pair of tabs exercising everything the .xlsx renderer draws:
 * a Data tab (user text that looks like formulas, a negative number) and a Summary tab whose
 * formulas reach the Data tab through sheetRef, one per allowed function, with charts,
 * colour bands, a colour scale, dropdowns and an input cell.
 */
import { FORMATS, sheetRef, type Cell, type TabDescription } from '../../core/src/reports/tab-model';

export const INJECTION_NAME = '=HYPERLINK("http://x.test","y")';

export interface Account {
  id: string;
  name: string;
  segment: 'Enterprise' | 'Mid-market' | 'SMB';
  arr: number;
  health: number;
  status: 'Green' | 'Yellow' | 'Red';
}

export const ACCOUNTS: Account[] = [
  { id: 'A1', name: 'Acme 1', segment: 'Enterprise', arr: 120000, health: 82, status: 'Green' },
  { id: 'A2', name: INJECTION_NAME, segment: 'Mid-market', arr: 45000, health: 55, status: 'Yellow' },
  { id: 'A3', name: '@Acme 1', segment: 'SMB', arr: 8000, health: 30, status: 'Red' },
  { id: 'A4', name: '+44 Ltd', segment: 'Enterprise', arr: 200000, health: 71, status: 'Green' },
  { id: 'A5', name: '-500 Co', segment: 'SMB', arr: -500, health: 12, status: 'Red' },
  { id: 'A6', name: "Beta's", segment: 'Mid-market', arr: 60000, health: 48, status: 'Yellow' },
];

const t = (value: string, style?: Cell['style']): Cell => (style ? { value, style } : { value });
const f = (formula: string, expected: Cell['expected'], format?: string, style?: Cell['style']): Cell => ({
  formula,
  expected,
  ...(format ? { format } : {}),
  ...(style ? { style } : {}),
});

/** Data rows sit at spreadsheet rows 4..9. */
const FIRST = 4;
const LAST = FIRST + ACCOUNTS.length - 1;

export function dataTab(): TabDescription {
  return {
    key: 'data',
    name: "Data's tab",
    rows: [
      [t('Data', 'title')],
      [t('As of 2024-12-31', 'subtitle')],
      ['Account ID', 'Name', 'Segment', 'ARR', 'Health', 'Status'].map((h) => t(h, 'header')),
      ...ACCOUNTS.map((a): Cell[] => [
        { value: a.id },
        { value: a.name },
        { value: a.segment },
        { value: a.arr, format: FORMATS.currency },
        { value: a.health, format: FORMATS.integer },
        { value: a.status },
      ]),
      [],
      [t('Values computed by core; other tabs refer to them.', 'note')],
    ],
    columnWidths: [12, 34, 14, 14, 10, 10],
    frozenRows: 3,
    conditionalFormats: [
      { kind: 'textEquals', range: `F${FIRST}:F${LAST}`, text: 'Red', fill: '#FFC7CE', fontColor: '#9C0006' },
      { kind: 'textEquals', range: `F${FIRST}:F${LAST}`, text: 'Yellow', fill: '#FFEB9C', fontColor: '#9C5700' },
      { kind: 'textEquals', range: `F${FIRST}:F${LAST}`, text: 'Green', fill: '#C6EFCE', fontColor: '#006100' },
      { kind: 'colorScale', range: `E${FIRST}:E${LAST}`, minColor: '#F8696B', midColor: '#FFEB84', maxColor: '#63BE7B' },
    ],
    charts: [],
    dropdowns: [],
    print: { landscape: false },
  };
}

const SEGMENTS = ['Enterprise', 'Mid-market', 'SMB'] as const;

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export function summaryTab(): TabDescription {
  const D = sheetRef('data');
  const col = (c: string) => `${D}!$${c}$${FIRST}:$${c}$${LAST}`;
  const totalArr = sum(ACCOUNTS.map((a) => a.arr));
  const bySeg = SEGMENTS.map((s) => ACCOUNTS.filter((a) => a.segment === s));
  const weighted = sum(ACCOUNTS.map((a) => a.arr * a.health)) / totalArr;

  const segmentRows: Cell[][] = SEGMENTS.map((s, i) => {
    const r = 5 + i; // spreadsheet rows 5..7
    const accts = bySeg[i];
    return [
      { value: s, style: 'label' },
      f(`COUNTIFS(${col('C')},A${r})`, accts.length, FORMATS.integer),
      f(`SUMIFS(${col('D')},${col('C')},A${r})`, sum(accts.map((a) => a.arr)), FORMATS.currency),
      f(`AVERAGEIFS(${col('E')},${col('C')},A${r})`, sum(accts.map((a) => a.health)) / accts.length, FORMATS.decimal1),
      f(`IFERROR(C${r}/$C$8,0)`, sum(accts.map((a) => a.arr)) / totalArr, FORMATS.percent),
    ];
  });
  const ent = bySeg[0];

  return {
    key: 'summary',
    name: 'Board: Report 2024/Q4',
    rows: [
      [t('Board Report', 'title')],
      [t('As of 2024-12-31', 'subtitle')],
      [],
      ['Segment', 'Accounts', 'ARR', 'Avg health', 'Share of ARR'].map((h) => t(h, 'header')),
      ...segmentRows,
      [
        t('Total', 'total'),
        f('SUM(B5:B7)', ACCOUNTS.length, FORMATS.integer, 'total'),
        f('SUM(C5:C7)', totalArr, FORMATS.currency, 'total'),
        f(`ROUND(SUMPRODUCT(${col('E')},${col('D')})/SUM(${col('D')}),2)`, Math.round(weighted * 100) / 100, FORMATS.decimal2, 'total'),
        f('SUM(E5:E7)', 1, FORMATS.percent, 'total'),
      ],
      [],
      [t('Checks', 'section')],
      [t('Largest ARR', 'label'), f(`MAX(${col('D')})`, Math.max(...ACCOUNTS.map((a) => a.arr)), FORMATS.currency)],
      [t('Smallest ARR', 'label'), f(`MIN(${col('D')})`, Math.min(...ACCOUNTS.map((a) => a.arr)), FORMATS.currency)],
      [t('ARR of A4', 'label'), f(`INDEX(${col('D')},MATCH("A4",${col('A')},0))`, 200000, FORMATS.currency)],
      [t('Name of A3', 'label'), f(`INDEX(${col('B')},MATCH("A3",${col('A')},0))`, '@Acme 1')],
      [
        t('Enterprise big and healthy?', 'label'),
        f(
          'IF(AND(C5>100000,D5>70),"Yes","No")',
          sum(ent.map((a) => a.arr)) > 100000 && sum(ent.map((a) => a.health)) / ent.length > 70 ? 'Yes' : 'No',
        ),
      ],
      [t('Any red?', 'label'), f(`IF(OR(COUNTIFS(${col('F')},"Red")>0,B8=0),"Review","OK")`, 'Review')],
      [t('Missing id', 'label'), f(`IFERROR(INDEX(${col('D')},MATCH("ZZ",${col('A')},0)),"not found")`, 'not found')],
      [t('Planning ratio (accounts per CSM)', 'label'), { value: 25, style: 'input', format: FORMATS.integer }],
      [t('CSM FTE', 'label'), f('ROUND(B8/B18,2)', Math.round((ACCOUNTS.length / 25) * 100) / 100, FORMATS.decimal2)],
      [t('Assumption: replace the planning ratio with your own.', 'note')],
      [t('Heads-up: SMB includes a negative ARR row.', 'warning')],
      ['Objective', 'Status', 'Signed?'].map((h) => t(h, 'header')),
      [{ value: 'Kickoff' }, { value: 'On track' }, { value: 'Yes, signed' }],
      [{ value: 'Renewal' }, { value: 'At risk' }, { value: 'Maybe' }],
    ],
    columnWidths: [34, 12, 14, 12, 14],
    frozenRows: 4,
    conditionalFormats: [
      { kind: 'formula', range: 'C5:C7', formula: 'C5<10000', fill: '#FFC7CE', fontColor: '#9C0006' },
      { kind: 'textEquals', range: 'B23:B24', text: 'At risk', fill: '#FFC7CE', fontColor: '#9C0006' },
    ],
    charts: [
      {
        kind: 'column',
        title: 'ARR by segment',
        categories: 'A5:A7',
        series: [{ name: 'ARR', values: 'C5:C7' }],
        anchor: { row: 3, col: 6, widthCols: 7, heightRows: 15 },
      },
      {
        kind: 'line',
        title: 'Average health by segment',
        categories: 'A5:A7',
        series: [{ name: 'Avg health', values: 'D5:D7' }],
        anchor: { row: 19, col: 6, widthCols: 7, heightRows: 12 },
      },
      {
        kind: 'bar',
        title: 'Accounts by segment',
        categories: 'A5:A7',
        series: [
          { name: 'Accounts', values: 'B5:B7' },
          { name: 'Avg health', values: 'D5:D7' },
        ],
        anchor: { row: 32, col: 6, widthCols: 7, heightRows: 12 },
      },
    ],
    dropdowns: [
      { range: 'B23:B24', options: ['Not started', 'On track', 'At risk', 'Done'] },
      { range: 'C23:C24', options: ['Yes, signed', 'No, pending', 'Maybe'] },
    ],
    print: { landscape: true },
  };
}

/** The tabs in render order (Summary first: it refers to Data, rendered after it). */
export function sampleTabs(): TabDescription[] {
  return [summaryTab(), dataTab()];
}
