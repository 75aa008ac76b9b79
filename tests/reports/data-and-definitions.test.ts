import { buildAllTabs, buildDataTab, buildDefinitions } from '../../core/src/reports';
import { DATA_COLUMNS, dataRanges } from '../../core/src/reports/data-tab';
import { FORMATS, GENERATED_MARKER } from '../../core/src/reports/tab-model';
import { INJECTION_NAME, fieldCaseF12, sevenAccounts } from './fixtures';
import { cellAt, evaluate, formulaCells, rowOf, sameValue } from './helpers';

describe('Data tab', () => {
  const model = sevenAccounts();
  const tab = buildDataTab(model);

  it('has the marker, a frozen header row on row 5 and one row per account', () => {
    expect(tab.key).toBe('data');
    expect(tab.rows[2][0]?.value).toBe(GENERATED_MARKER);
    expect(tab.frozenRows).toBe(5);
    expect(tab.frozenColumns).toBe(2);
    expect(tab.rows[4].map((c) => c?.value)).toEqual(DATA_COLUMNS.map((c) => c.header));
    expect(tab.rows[4].slice(0, 10).map((c) => c?.value)).toEqual([
      'Account id', 'Account name', 'Segment (at start)', 'CSM / owner', 'Tier at start', 'Tier at end',
      'ARR at start', 'ARR at end', 'In cohort (1/0)', 'Active at end (1/0)',
    ]);
    expect(tab.rows).toHaveLength(5 + 7);
  });

  it('writes every per-account figure as a value, never a formula', () => {
    expect(formulaCells([tab])).toEqual([]);
    expect(tab.rows[6].slice(0, 10)).toEqual([
      { value: 'A2' },
      { value: INJECTION_NAME },
      { value: 'Enterprise' },
      { value: 'Alice' },
      { value: 'High Touch' },
      { value: 'Low Touch' },
      { value: 120_000, format: FORMATS.currency },
      { value: 90_000, format: FORMATS.currency },
      { value: 1, format: FORMATS.integer },
      { value: 1, format: FORMATS.integer },
    ]);
    const newLogo = tab.rows[rowOf(tab, 'A6')];
    expect(newLogo[3]).toBeNull(); // no owner
    expect(newLogo[8]?.value).toBe(0);
    expect(tab.rows[rowOf(tab, 'A4')][9]?.value).toBe(0);
  });

  it('keeps names that look like formulas or mentions as literal text, also in a spreadsheet', () => {
    expect(cellAt(tab, 'B7')).toEqual({ value: INJECTION_NAME });
    expect(cellAt(tab, 'B8')).toEqual({ value: '@Acme 1' });
    const tabs = buildAllTabs(model);
    const value = evaluate(tabs, { arrayArithmetic: true });
    expect(value(tabs.find((t) => t.key === 'data')!, 6, 1)).toBe(INJECTION_NAME);
    expect(value(tabs.find((t) => t.key === 'data')!, 7, 1)).toBe('@Acme 1');
  });

  it('gives other tabs absolute, bounded ranges over exactly the account rows', () => {
    expect(dataRanges(model).endArr).toBe('{{sheet:data}}!$H$6:$H$12');
    expect(dataRanges(model).segment).toBe('{{sheet:data}}!$C$6:$C$12');
    const empty = { ...model, accounts: [] };
    expect(dataRanges(empty).startArr).toBe('{{sheet:data}}!$G$6:$G$6');
    expect(buildDataTab(empty).rows[5][0]?.value).toMatch(/No accounts/);
  });
});

describe('Definitions tab', () => {
  const tab = buildDefinitions(fieldCaseF12());
  const texts = tab.rows.flat().map((c) => String(c?.value ?? '')).join('\n');

  it('lists each metric with its formula in words and its source', () => {
    expect(tab.rows[tab.frozenRows - 1].map((c) => c?.value)).toEqual(['Metric', 'Formula in words', 'Source']);
    for (const metric of ['Net revenue retention (NRR)', 'Gross revenue retention (GRR)', 'Logo retention', 'Cost to serve', 'CSM load', 'Health score']) {
      const row = tab.rows[rowOf(tab, metric)];
      expect(row[1]?.value).toBeTruthy();
      expect(row[2]?.value).toBeTruthy();
    }
    expect(tab.rows[rowOf(tab, 'Net revenue retention (NRR)')][2]?.value).toMatch(/SaaS Metrics Standards Board/);
  });

  it('states the derivation rules, including the health component rules', () => {
    for (const rule of ['Revenue at a date', 'Half-open period', 'Default period', 'Cleaning: MRR and ARR', 'Month-end MRR', 'Health: adoption', 'Health: support', 'Health: satisfaction', 'Health: stability', 'Health: missing data']) {
      expect(tab.rows[rowOf(tab, rule)][1]?.value).toBeTruthy();
    }
    expect(texts).toMatch(/start ≤ date < end/);
    expect(texts).toMatch(/each escalation counts as 3 tickets/);
    expect(texts).toMatch(/2024-01-01 up to but not including 2024-07-01 \(6 months\)/);
  });
});

describe('the HyperFormula check', () => {
  it('fails when a formula does not compute core’s figure', () => {
    const tabs = buildAllTabs(sevenAccounts());
    const board = tabs[1];
    const nrr = board.rows[6][4]!;
    board.rows[6][4] = { ...nrr, formula: nrr.formula!.replace(/\$H\$6/g, '$G$6').replace(/\$H\$12/g, '$G$12') };
    const value = evaluate(tabs, { arrayArithmetic: true });
    expect(value(board, 6, 4)).toBe(1);
    expect(sameValue(value(board, 6, 4), nrr.expected)).toBe(false);
  });
});
