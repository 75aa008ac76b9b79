/**
 * The add-on's server side against the Apps Script fakes: lifecycle (onOpen in AuthMode.NONE,
 * onInstall), the sidebar, the google.script.run targets (plain JSON, ISO dates), the built
 * project (top-level entry points in one global scope) and the fakes' own rejections.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as server from '../../sheets-addon/src/server';
import { GENERATED_METADATA_KEY } from '../../sheets-addon/src/renderer/render';
import { loadAppsScriptProject, midnightIn, SHEETS_DIST } from '../helpers/apps-script-vm';
import { AUTH_MODE, FakeEnv, assertScriptRunLegal, type FakeSheet } from '../helpers/sheets-fakes';

let env: FakeEnv;
let uninstall: () => void;
beforeEach(() => {
  env = new FakeEnv({ timeZone: 'America/New_York', sheetNames: ['Accounts', 'Subscriptions', 'Notes'] });
  uninstall = env.install();
});
afterEach(() => uninstall());

/** The user's correction: "Started" is the start date. */
const FIX = { subscriptions: { startDate: 'Started' } };
const sheet = (name: string): FakeSheet => env.spreadsheet.sheets.find((s) => s.name === name)!;
const nyDate = (iso: string) => new Date(midnightIn(iso, 'America/New_York'));

/** Accounts and subscriptions as a user has them: Date cells (midnight in the spreadsheet's zone), numbers, text. */
function fillUserData(): void {
  const acc = sheet('Accounts');
  acc.rangeA1('A1:D4').setValues([
    ['Customer ID', 'Company', 'Segment', 'Owner'],
    ['C1', 'Acme', 'Enterprise', 'Alice'],
    ['C2', "'<img src=x onerror=alert(1)>", 'SMB', 'Bob'],
    ['C3', "'=HYPERLINK(\"http://x.test\",\"y\")", 'SMB', 'Bob'],
  ]);
  const subs = sheet('Subscriptions');
  subs.rangeA1('A1:E5').setValues([
    ['Sub ID', 'Customer ID', 'Started', 'Cancelled At', 'Monthly Revenue'],
    ['S1', 'C1', nyDate('2023-06-01'), '', 10000],
    ['S2', 'C2', nyDate('2023-09-15'), nyDate('2024-05-20'), 2000],
    ['S3', 'C3', nyDate('2024-03-01'), '', 500],
    ['S4', 'C1', new Date(midnightIn('2024-02-01', 'America/New_York') + 9.5 * 3600_000), '', 1000],
  ]);
  sheet('Notes').rangeA1('A1').setValue('remember the QBR');
}

describe('lifecycle', () => {
  test('onOpen in AuthMode.NONE builds the add-on menu and touches nothing else', () => {
    env.authNone = true; // any document, sheet or properties access now throws
    server.onOpen({ authMode: AUTH_MODE.NONE });
    expect(env.calls.map((c) => `${c.target}.${c.method}`)).toEqual(['SpreadsheetApp.getUi', 'Ui.createAddonMenu', 'Menu.addItem', 'Menu.addToUi']);
    expect(env.ui.menus).toHaveLength(1);
    expect(env.ui.menus[0].addon).toBe(true);
    expect(env.ui.menus[0].items).toEqual([{ caption: 'Open CS Sheets', functionName: 'showSidebar' }]);
  });

  test('onInstall runs onOpen (the menu appears at once)', () => {
    server.onInstall({ authMode: AUTH_MODE.FULL });
    expect(env.ui.menus[0].items).toEqual([{ caption: 'Open CS Sheets', functionName: 'showSidebar' }]);
    expect(env.calls.filter((c) => c.target === 'Spreadsheet' || c.target === 'Sheet' || c.target === 'Range')).toEqual([]);
  });

  test('showSidebar serves the built Sidebar.html, titled, with everything inlined', () => {
    server.showSidebar();
    expect(env.ui.sidebars).toHaveLength(1);
    const html = env.ui.sidebars[0];
    expect(html.getTitle()).toBe('CS Sheets');
    const content = html.getContent();
    expect(content).toContain('google.script.run');
    expect(content).toMatch(/<style>[\s\S]*\.sidebar[\s\S]*<\/style>/);
    // Apps Script serves only project files: no external script, stylesheet or font.
    expect(content).not.toMatch(/<script[^>]+src=/i);
    expect(content).not.toMatch(/<link[^>]+href=/i);
    expect(content).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('google.script.run targets', () => {
  test('csSidebarInit: tabs, table kinds, the user sheets (not ours), the selection region and suggestions', () => {
    fillUserData();
    const generated = env.spreadsheet.insertSheet('Board Report');
    generated.addDeveloperMetadata(GENERATED_METADATA_KEY, 'board-report');
    env.spreadsheet.select('Subscriptions', 'B3');
    const init = server.csSidebarInit();
    assertScriptRunLegal(init);
    if (!init.ok) throw new Error(init.error);
    expect(init.tabs.map((t) => t.key)).toEqual(['coverage-model', 'board-report', 'health-scores', 'mrr-movements', 'cohorts', 'definitions', 'data']);
    expect(init.kinds.map((k) => k.kind)).toEqual(['accounts', 'subscriptions', 'tickets', 'usage', 'churnEvents']);
    expect(init.sources.sheets.map((s) => s.name)).toEqual(['Accounts', 'Subscriptions', 'Notes']);
    expect(init.sources.sheets[1]).toMatchObject({ rows: 5, columns: 5, headers: ['Sub ID', 'Customer ID', 'Started', 'Cancelled At', 'Monthly Revenue'] });
    expect(init.sources.region).toEqual({ sheet: 'Subscriptions', a1: 'A1:E5', rows: 5, columns: 5, headers: ['Sub ID', 'Customer ID', 'Started', 'Cancelled At', 'Monthly Revenue'] });
    expect(init.sources.suggested).toEqual({ subscriptions: 'Subscriptions', accounts: 'Accounts' });
    expect(init.sources.timeZone).toBe('America/New_York');
  });

  test('csReadSource: Dates become ISO text in the spreadsheet zone; no Date crosses', () => {
    fillUserData();
    const t = server.csReadSource({ type: 'sheet', sheet: 'Subscriptions' });
    assertScriptRunLegal(t);
    if (!t.ok) throw new Error(t.error);
    expect(t.headers).toEqual(['Sub ID', 'Customer ID', 'Started', 'Cancelled At', 'Monthly Revenue']);
    expect(t.rows).toEqual([
      ['S1', 'C1', '2023-06-01', '', 10000],
      ['S2', 'C2', '2023-09-15', '2024-05-20', 2000],
      ['S3', 'C3', '2024-03-01', '', 500],
      ['S4', 'C1', '2024-02-01T09:30:00', '', 1000],
    ]);
    // A region reads only its range.
    const r = server.csReadSource({ type: 'range', sheet: 'Subscriptions', a1: 'A1:C3' });
    if (!r.ok) throw new Error(r.error);
    expect(r.source).toBe('Subscriptions!A1:C3');
    expect(r.rows).toEqual([['S1', 'C1', '2023-06-01'], ['S2', 'C2', '2023-09-15']]);
    // The raw service would have sent Dates: the check this guards against.
    expect(() => assertScriptRunLegal(sheet('Subscriptions').rangeA1('A1:E5').getValues())).toThrow(/Date/);
  });

  test('csDetectMapping: detected columns, a user correction, previews and the default period', () => {
    fillUserData();
    const sources = { accounts: { type: 'sheet' as const, sheet: 'Accounts' }, subscriptions: { type: 'sheet' as const, sheet: 'Subscriptions' } };
    const m = server.csDetectMapping({ sources });
    assertScriptRunLegal(m);
    if (!m.ok) throw new Error(m.error);
    const subs = m.mapping.tables.find((t) => t.kind === 'subscriptions')!;
    const col = (f: string) => subs.fields.find((x) => x.field === f)!.header;
    // "Started" is no known spelling of a start date: reported by name, then corrected by the user.
    expect([col('accountId'), col('startDate'), col('endDate'), col('mrr')]).toEqual(['Customer ID', null, 'Cancelled At', 'Monthly Revenue']);
    expect(m.mapping.ok).toBe(false);
    expect(m.mapping.problems).toEqual(['Subscriptions (Subscriptions): choose the column for start date']);
    expect(m.period).toBeNull();
    const fixed = server.csDetectMapping({ sources, overrides: FIX });
    if (!fixed.ok) throw new Error(fixed.error);
    expect(fixed.mapping.ok).toBe(true);
    expect(fixed.mapping.tables[1].fields.find((f) => f.field === 'startDate')).toMatchObject({ header: 'Started', index: 2, overridden: true });
    const mm = fixed;
    // latest date 2024-05-20 → D1 = 2024-06-01, D0 = 2023-06-01
    expect(mm.period).toEqual({ from: '2023-06-01', to: '2024-06-01', asOf: '2024-05-31', months: 12 });
    expect(m.previews.accounts!.rows[1]).toEqual(['C2', '<img src=x onerror=alert(1)>', 'SMB', 'Bob']);
    // Correct a column: the end date is not used → every subscription still active
    const m2 = server.csDetectMapping({ sources, overrides: { subscriptions: { startDate: 'Started', endDate: null } } });
    if (!m2.ok) throw new Error(m2.error);
    const end = m2.mapping.tables.find((t) => t.kind === 'subscriptions')!.fields.find((f) => f.field === 'endDate')!;
    expect(end).toMatchObject({ header: null, overridden: true });
    // A required column left unmapped is reported by name.
    const m3 = server.csDetectMapping({ sources, overrides: { subscriptions: { startDate: 'Started', mrr: null } } });
    if (!m3.ok) throw new Error(m3.error);
    expect(m3.mapping.ok).toBe(false);
    expect(m3.mapping.problems.join('\n')).toMatch(/MRR/);
  });

  test('csGenerateTabs: draws the tabs beside the user sheets, which stay unchanged', () => {
    fillUserData();
    const before = ['Accounts', 'Subscriptions', 'Notes'].map((n) => JSON.stringify([...sheet(n).cells.entries()]));
    const sources = { accounts: { type: 'sheet' as const, sheet: 'Accounts' }, subscriptions: { type: 'sheet' as const, sheet: 'Subscriptions' } };
    const r = server.csGenerateTabs({ sources, overrides: FIX, from: '2024-01-01', to: '2025-01-01', tabs: ['board-report'] });
    assertScriptRunLegal(r);
    if (!r.ok) throw new Error(r.error);
    expect(r.tabs.map((t) => t.name)).toEqual(['Board Report', 'Data']);
    expect(r.summary).toMatchObject({ accounts: 3, period: { from: '2024-01-01', to: '2025-01-01', asOf: '2024-12-31' } });
    expect(['Accounts', 'Subscriptions', 'Notes'].map((n) => JSON.stringify([...sheet(n).cells.entries()]))).toEqual(before);
    const data = sheet('Data');
    const names = [6, 7, 8].map((row) => data.cell(row, 2));
    expect(names.map((c) => c?.value)).toEqual(['Acme', '<img src=x onerror=alert(1)>', '=HYPERLINK("http://x.test","y")']);
    expect(names.map((c) => c?.formula)).toEqual([undefined, undefined, undefined]);
    // ARR at end: C1 = 12 × (10,000 + 1,000), C2 churned, C3 = 12 × 500
    expect([6, 7, 8].map((row) => data.cell(row, 8)?.value)).toEqual([132000, 0, 6000]);
    // regenerate: same tabs replaced, nothing added
    const again = server.csGenerateTabs({ sources, overrides: FIX, from: '2024-01-01', to: '2025-01-01', tabs: ['board-report'] });
    if (!again.ok) throw new Error(again.error);
    expect(again.tabs.map((t) => t.replaced)).toEqual(['Board Report', 'Data']);
    expect(env.spreadsheet.sheets.map((s) => s.name)).toEqual(['Accounts', 'Subscriptions', 'Notes', 'Board Report', 'Data']);
  });

  test('errors come back as { ok: false, error } naming the problem', () => {
    fillUserData();
    const missing = server.csGenerateTabs({ sources: { subscriptions: { type: 'sheet', sheet: 'Notes' } }, tabs: ['board-report'] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatch(/Subscriptions \(Notes\): choose the column for/);
    const gone = server.csReadSource({ type: 'sheet', sheet: 'Nope' });
    expect(gone).toEqual({ ok: false, error: expect.stringMatching(/no sheet "Nope"/) });
    const badPeriod = server.csGenerateTabs({ sources: { subscriptions: { type: 'sheet', sheet: 'Subscriptions' } }, from: '2024-13-01', to: '2025-01-01', tabs: ['data'] });
    expect(badPeriod.ok).toBe(false);
    const none = server.csGenerateTabs({ sources: { subscriptions: { type: 'sheet', sheet: 'Subscriptions' } }, tabs: [] });
    expect(none).toEqual({ ok: false, error: 'Choose at least one tab to generate' });
  });
});

describe('the built project (sheets-addon/dist, one global scope as in Apps Script)', () => {
  const built = existsSync(path.join(SHEETS_DIST, '20_server.js')) && existsSync(path.join(SHEETS_DIST, 'Sidebar.html'));
  (built ? test : test.skip)('entry points are top-level functions and work against the fakes', () => {
    fillUserData();
    const g = globalThis as Record<string, unknown>;
    const names = ['SpreadsheetApp', 'HtmlService', 'Session', 'ScriptApp', 'Utilities', 'Charts', 'PropertiesService'];
    const project = loadAppsScriptProject({ globals: Object.fromEntries(names.map((n) => [n, g[n]])) });
    for (const fn of ['onOpen', 'onInstall', 'showSidebar', 'csSidebarInit', 'csListSources', 'csReadSource', 'csDetectMapping', 'csGenerateTabs']) {
      expect(project.run(`typeof ${fn}`)).toBe('function');
    }
    const source = readFileSync(path.join(SHEETS_DIST, '20_server.js'), 'utf8');
    expect(source).toMatch(/^function csGenerateTabs\(\) \{/m);
    env.authNone = true;
    project.run('onOpen({ authMode: "NONE" })');
    env.authNone = false;
    expect(env.ui.menus[0].items).toEqual([{ caption: 'Open CS Sheets', functionName: 'showSidebar' }]);
    const r = project.global<(req: unknown) => { ok: boolean; tabs?: { name: string }[] }>('csGenerateTabs')({
      sources: { subscriptions: { type: 'sheet', sheet: 'Subscriptions' } },
      overrides: FIX,
      tabs: ['data'],
    });
    expect(r.ok).toBe(true);
    expect(r.tabs!.map((t) => t.name)).toEqual(['Data']);
  });
});

describe('the fakes reject what the real service rejects', () => {
  test('setValues / setNumberFormats with the wrong dimensions', () => {
    const s = sheet('Notes');
    expect(() => s.getRange('A1:B2').setValues([[1, 2]])).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
    expect(() => s.getRange('A1:B2').setValues([[1, 2], [3]])).toThrow(/number of columns in the data does not match/);
    expect(() => s.getRange('A1:B1').setNumberFormats([['0']])).toThrow(/number of columns/);
    expect(() => s.getRange('A1').setValues([[{}]])).toThrow(/don't match the method signature/);
  });

  test('sheet names: duplicates (any case), over 100 characters, empty; ranges outside the grid', () => {
    expect(() => env.spreadsheet.insertSheet('accounts')).toThrow('A sheet with the name "accounts" already exists');
    expect(() => env.spreadsheet.insertSheet('x'.repeat(101))).toThrow(/at most 100/);
    expect(env.spreadsheet.insertSheet('x'.repeat(100)).name).toHaveLength(100);
    expect(() => sheet('Notes').setName('SUBSCRIPTIONS')).toThrow(/already exists/);
    expect(() => sheet('Notes').getRange(1001, 1, 1, 1)).toThrow(/outside the dimensions/);
    expect(() => sheet('Notes').getRange('AA1')).toThrow(/outside the dimensions/);
  });

  test('typed-input parsing: "=…" is a formula, "\'…" text, numeric text a number; setFormulas "" clears', () => {
    const s = sheet('Notes');
    s.getRange('A1:E1').setValues([['=1+1', "'=1+1", '-500', '1,200', '@Acme 1']]);
    expect(s.cell(1, 1)).toEqual({ formula: '=1+1' });
    expect(s.cell(1, 2)).toEqual({ value: '=1+1' });
    expect(s.cell(1, 3)).toEqual({ value: -500 });
    expect(s.cell(1, 4)).toEqual({ value: 1200 });
    expect(s.cell(1, 5)).toEqual({ value: '@Acme 1' });
    s.getRange('A1:B1').setFormulas([['', '=2']]);
    expect(s.cell(1, 1)).toEqual({});
    expect(s.cell(1, 2)).toEqual({ formula: '=2' });
  });

  test('the last sheet cannot be deleted; a rule needs a range and a format', () => {
    const only = new FakeEnv();
    expect(() => only.spreadsheet.deleteSheet(only.spreadsheet.sheets[0])).toThrow("You can't remove all the sheets");
    expect(() => SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('Red').setBackground('#f00').build()).toThrow(/at least one range/);
  });
});
