/** core/src/app: the pane flow shared by the Excel task pane and the Sheets sidebar. */
import { buildTabs, checkPeriod, defaultPeriod, detectMapping, firstRowOfAddress, listTabs, planRender, setOverride, tableFromGrid } from '../../core/src/app';
import { loadTables } from '../../core/src/data/load';
import { smallTables } from '../data/fixtures';
import { book } from '../helpers/excel-data';

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('listTabs', () => {
  it('lists TAB_BUILDERS, Data as a supporting tab', () => {
    expect(listTabs()).toEqual([
      { key: 'coverage-model', title: 'Coverage Model', supporting: false },
      { key: 'board-report', title: 'Board Report', supporting: false },
      { key: 'health-scores', title: 'Health Scores', supporting: false },
      { key: 'mrr-movements', title: 'MRR Movements', supporting: false },
      { key: 'cohorts', title: 'Cohorts', supporting: false },
      { key: 'definitions', title: 'Definitions', supporting: false },
      { key: 'data', title: 'Data', supporting: true },
    ]);
  });
});

describe('detectMapping', () => {
  it('shows field → header per table, with candidates, and is plain JSON', () => {
    const view = detectMapping(smallTables());
    expect(json(view)).toEqual(view);
    expect(view.ok).toBe(true);
    const subs = view.tables.find((t) => t.kind === 'subscriptions')!;
    const f = (name: string) => subs.fields.find((x) => x.field === name)!;
    expect(f('accountId')).toMatchObject({ header: 'account_id', index: 1, overridden: false });
    expect(f('mrr')).toMatchObject({ header: 'mrr_amount', candidates: ['mrr_amount'] });
    expect(subs.headers).toContain('plan');
  });
  it('reports a required field with no column, then accepts the user correction', () => {
    const tables = book(5);
    const before = detectMapping(tables);
    expect(before.ok).toBe(false);
    expect(before.problems).toEqual(['Subscriptions (Subscriptions!A1): choose the column for MRR or ARR']);
    const overrides = setOverride({}, 'subscriptions', 'mrr', 'Monthly amount');
    expect(overrides).toEqual({ subscriptions: { mrr: 'Monthly amount' } });
    const after = detectMapping(tables, overrides);
    expect(after.ok).toBe(true);
    expect(after.tables[1].fields.find((x) => x.field === 'mrr')).toMatchObject({ header: 'Monthly amount', index: 4, overridden: true });
    expect(setOverride(overrides, 'subscriptions', 'mrr', undefined)).toEqual({});
  });
  it('names an override that points at no column', () => {
    const view = detectMapping(book(2), { subscriptions: { mrr: 'Nope' } });
    expect(view.ok).toBe(false);
    expect(view.tables[1].error).toBe('Subscriptions!A1: no column "Nope" for MRR; columns seen: Subscription ID, Customer, Start, End, Monthly amount');
  });
});

describe('periods', () => {
  it('defaults to the 12 months up to the month after the latest subscription date', () => {
    // Latest date in SUBSCRIPTIONS_CSV: G-2 starts 2024-10-05 → to 2024-11-01.
    expect(defaultPeriod(smallTables())).toEqual({ ok: true, period: { from: '2023-11-01', to: '2024-11-01', asOf: '2024-10-31', months: 12 } });
  });
  it('checks typed bounds with a clear message', () => {
    expect(checkPeriod('2024-01-01', '2025-01-01')).toMatchObject({ ok: true, period: { asOf: '2024-12-31', months: 12 } });
    expect(checkPeriod('2024-13-01', '2025-01-01')).toEqual({ ok: false, error: "from '2024-13-01' is not a date; expected YYYY-MM-DD" });
    expect(checkPeriod('2025-01-01', '2024-01-01')).toEqual({ ok: false, error: 'the period is empty: from 2025-01-01 is not before to 2024-01-01 (to is exclusive)' });
  });
});

describe('buildTabs', () => {
  it('builds the requested tab plus the Data tab its formulas read', () => {
    const r = buildTabs({ tables: smallTables(), from: '2024-01-01', to: '2025-01-01', tabs: ['board-report'] });
    if (!r.ok) throw new Error(r.error);
    expect(r.tabs.map((t) => t.key)).toEqual(['board-report', 'data']);
    expect(r.summary.period).toEqual({ from: '2024-01-01', to: '2025-01-01', asOf: '2024-12-31', months: 12 });
    expect(json(r)).toEqual(r);
  });
  it('returns InputError text instead of throwing', () => {
    expect(buildTabs({ tables: book(3), tabs: ['board-report'] })).toEqual({ ok: false, error: 'Subscriptions (Subscriptions!A1): choose the column for MRR or ARR' });
    expect(buildTabs({ tables: smallTables(), tabs: ['qbr'] })).toMatchObject({ ok: false, error: expect.stringContaining('Unknown tab "qbr"') });
    expect(buildTabs({ tables: smallTables(), from: 'soon', tabs: ['data'] })).toEqual({ ok: false, error: "from 'soon' is not a date; expected YYYY-MM-DD" });
  });
});

describe('planRender', () => {
  it('never reuses a user tab; reuses our own tab for the same key', () => {
    const r = buildTabs({ tables: smallTables(), from: '2024-01-01', to: '2025-01-01', tabs: ['coverage-model'] });
    if (!r.ok) throw new Error(r.error);
    const batch = planRender(r.tabs, [{ name: 'coverage model' }, { name: 'Data', generatedKey: 'data' }]);
    expect(batch.decisions.map((d) => [d.key, d.name, d.replaces])).toEqual([
      ['coverage-model', 'Coverage Model (2)', undefined],
      ['data', 'Data', 'Data'],
    ]);
    const formulas = batch.plans[0].blocks.flatMap((b) => (b.formulas ?? []).flat()).filter((f): f is string => !!f);
    expect(formulas.some((f) => f.includes("'Data'!"))).toBe(true);
    expect(formulas.some((f) => f.includes('{{sheet:'))).toBe(false);
  });
});

describe('tableFromGrid', () => {
  it('takes the first row as headers and drops blank trailing rows', () => {
    expect(tableFromGrid('Sheet1!A1:B4', [['Account ID ', 'MRR'], ['A', 5], ['', ''], [null, '']])).toEqual({
      source: 'Sheet1!A1:B4',
      headers: ['Account ID', 'MRR'],
      rows: [['A', 5]],
      headerRow: 1,
    });
  });

  it('names sheet rows in messages when the range starts lower down, blank rows counted', () => {
    expect(firstRowOfAddress('Billing!B5:F100')).toBe(5);
    expect(firstRowOfAddress("'Q1!Data'!$C$12:$D$40")).toBe(12);
    expect(firstRowOfAddress('Billing!A:F')).toBe(1);
    expect(firstRowOfAddress('Billing!$5:$9')).toBe(5);
    const grid = [
      ['account_id', 'start_date', 'mrr'],
      ['A', '2024-01-01', '100'],
      ['', '', ''],
      ['B', '2024-01-01', '-5'],
    ];
    const table = tableFromGrid('Billing!B5:D8', grid, firstRowOfAddress('Billing!B5:D8'));
    expect(() => loadTables({ subscriptions: table })).toThrow('Billing!B5:D8: column mrr row 8: amounts cannot be negative');
  });
});
