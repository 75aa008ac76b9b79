/**
 * The built sidebar (sheets-addon/dist/Sidebar.html) in headless Chromium. google.script.run is a
 * stand-in with the real chain (withSuccessHandler / withFailureHandler, asynchronous) whose calls
 * run the REAL server functions (sheets-addon/src/server) in Node against the SpreadsheetApp fakes,
 * and refuse what google.script.run refuses (a Date, a function, a class instance).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as server from '../../sheets-addon/src/server';
import { midnightIn } from '../helpers/apps-script-vm';
import { FakeEnv, assertScriptRunLegal, type FakeSheet } from '../helpers/sheets-fakes';
import { BUTTON_TAB_NAMES } from '../helpers/tab-names';

const REPO = path.resolve(__dirname, '../..');
const HTML = path.join(REPO, 'sheets-addon/dist/Sidebar.html');
const SHOT = path.join(REPO, 'out/sheets-sidebar.png');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGE_URL = 'https://sidebar.cs-sheets.test/';
const INJECTED = '<img src=x onerror=alert(1)>';

const haveBrowser = existsSync(CHROMIUM);
const maybe = haveBrowser ? describe : describe.skip;

let browser: Browser;
let env: FakeEnv;
let uninstall: () => void;
let failNext: string | null = null;
const serverCalls: string[] = [];

const sheet = (name: string): FakeSheet => env.spreadsheet.sheets.find((s) => s.name === name)!;

function userData(): void {
  const ny = (iso: string) => new Date(midnightIn(iso, 'America/New_York'));
  sheet('Accounts').rangeA1('A1:C4').setValues([
    ['Customer ID', 'Company', 'Segment'],
    ['C1', 'Acme', 'Enterprise'],
    ['C2', `'${INJECTED}`, 'SMB'],
    ['C3', 'Gamma', 'SMB'],
  ]);
  sheet('Subscriptions').rangeA1('A1:E4').setValues([
    ['Sub ID', 'Customer ID', 'Started', 'Cancelled At', 'Monthly Revenue'],
    ['S1', 'C1', ny('2023-06-01'), '', 10000],
    ['S2', 'C2', ny('2023-09-15'), ny('2024-05-20'), 2000],
    ['S3', 'C3', ny('2024-03-01'), '', 500],
  ]);
  sheet('Notes').rangeA1('A1').setValue('remember the QBR');
}

const SERVER = server as unknown as Record<string, (...args: unknown[]) => unknown>;
const SERVER_NAMES = Object.keys(server).filter((k) => typeof SERVER[k] === 'function');

async function openSidebar(): Promise<{ page: Page; dialogs: string[]; errors: string[]; fetched: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height: 1000 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // The page is served as HtmlService would serve it; nothing else may be fetched (only project files exist).
  const html = readFileSync(HTML, 'utf8');
  const fetched: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === PAGE_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    fetched.push(url);
    return route.abort();
  });
  await page.exposeFunction('__serverCall', (name: string, argsJson: string) => {
    serverCalls.push(name);
    if (failNext) {
      const message = failNext;
      failNext = null;
      throw new Error(message);
    }
    const fn = SERVER[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    const result = fn(...(JSON.parse(argsJson) as unknown[]));
    assertScriptRunLegal(result);
    return JSON.stringify(result ?? null);
  });
  await page.addInitScript((names: string[]) => {
    type Handler = ((v: unknown) => void) | null;
    const w = window as unknown as { __serverCall: (n: string, a: string) => Promise<string>; google: unknown };
    const runner = (success: Handler, failure: Handler): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        withSuccessHandler: (fn: Handler) => runner(fn, failure),
        withFailureHandler: (fn: Handler) => runner(success, fn),
      };
      for (const name of names) {
        r[name] = (...args: unknown[]) => {
          // Asynchronous like the real one: returns nothing, answers later.
          setTimeout(() => {
            w.__serverCall(name, JSON.stringify(args)).then(
              (json) => success && success(JSON.parse(json)),
              (e: Error) => failure && failure(new Error(String(e.message).replace(/^Error: /, ''))),
            );
          }, 5);
        };
      }
      return r;
    };
    w.google = { script: { run: runner(null, null) } };
  }, SERVER_NAMES);
  await page.goto(PAGE_URL);
  return { page, dialogs, errors, fetched };
}

maybe('the sidebar in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(() => {
    env = new FakeEnv({ timeZone: 'America/New_York', sheetNames: ['Accounts', 'Subscriptions', 'Notes'] });
    uninstall = env.install();
    userData();
    serverCalls.length = 0;
    failNext = null;
  });
  afterEach(() => uninstall());

  test('sources, mapping correction, F23 text only, period, generate, screenshot', async () => {
    const { page, dialogs, errors, fetched } = await openSidebar();
    // 1. sources suggested from the headers and sheet names
    await page.waitForFunction(() => (document.getElementById('source-subscriptions') as HTMLSelectElement | null)?.value === 'sheet:Subscriptions');
    expect(await page.inputValue('#source-accounts')).toBe('sheet:Accounts');
    const optionTexts = await page.$$eval('#source-tickets option', (os) => os.map((o) => o.textContent));
    expect(optionTexts).toEqual(['— none —', 'Accounts (3 rows)', 'Subscriptions (3 rows)', 'Notes (0 rows)']);

    // 2. the mapping: "Started" is not recognised; the problem is named
    await page.waitForSelector('#problems li');
    expect(await page.textContent('#problems')).toContain('Subscriptions (Subscriptions): choose the column for start date');
    const start = 'table[data-kind="subscriptions"] select[data-field="startDate"]';
    expect(await page.$eval(start, (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('— not used —');
    expect(await page.$eval('table[data-kind="subscriptions"] select[data-field="mrr"]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('Monthly Revenue');

    // F23: the account name is shown as text, no img element, no alert
    const cells = await page.$$eval('.preview td', (tds) => tds.map((td) => td.textContent));
    expect(cells).toContain(INJECTED);
    expect(await page.$$('img')).toHaveLength(0);

    // change a mapping: Started is the start date
    await page.selectOption(start, { label: 'Started' });
    await page.waitForFunction(() => !document.getElementById('problems'));
    await page.waitForFunction(() => (document.getElementById('from') as HTMLInputElement).value === '2023-06-01');
    expect(await page.inputValue('#to')).toBe('2024-06-01');
    expect(await page.$eval(start, (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('Started');
    expect(await page.getAttribute(`${start} >> xpath=ancestor::tr`, 'class')).toBe('changed');

    // 3. period typed by the user
    await page.fill('#from', '2024-01-01');
    await page.fill('#to', '2025-01-01');
    await page.dispatchEvent('#to', 'change');
    expect(await page.textContent('#period-note')).toBe('2024-01-01 up to and including 2024-12-31 (the "to" day is not in the period).');

    // 4. generate the Board Report: the tabs appear in the (fake) spreadsheet, the sidebar says so
    const buttons = await page.$$eval('#tabs button', (bs) => bs.map((b) => b.textContent));
    expect(buttons).toEqual([...BUTTON_TAB_NAMES.map((name) => `Generate ${name}`), 'Generate all tabs']);
    await page.click('button[data-tab="board-report"]');
    await page.waitForFunction(() => (document.getElementById('result')?.textContent ?? '').includes('Board Report'));
    expect(await page.$$eval('#result li', (lis) => lis.map((li) => li.textContent))).toEqual(['Board Report (new)', 'Data (new)']);
    expect(await page.textContent('#result')).toContain('Done: 3 accounts, 2024-01-01 to 2025-01-01 (as of 2024-12-31).');
    expect(env.spreadsheet.sheets.map((s) => s.name)).toEqual(['Accounts', 'Subscriptions', 'Notes', 'Board Report', 'Data']);
    expect(sheet('Data').cell(7, 2)).toEqual(expect.objectContaining({ value: INJECTED }));
    expect(sheet('Data').cell(7, 2)?.formula).toBeUndefined();
    expect(serverCalls).toContain('csGenerateTabs');
    expect(await page.$$('img')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
    expect(await page.textContent('#error')).toBe('');

    mkdirSync(path.dirname(SHOT), { recursive: true });
    await page.screenshot({ path: SHOT, fullPage: true });
    await page.close();
  });

  test('errors are shown clearly: a server answer { ok: false } and a thrown server error', async () => {
    const { page, dialogs } = await openSidebar();
    await page.waitForSelector('#problems li');
    // generating while the start date is unmapped: the server's message, as text
    await page.click('#generate-all');
    await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '');
    expect(await page.textContent('#error')).toBe('Subscriptions (Subscriptions): choose the column for start date');
    expect(await page.getAttribute('#error', 'role')).toBe('alert');
    expect(await page.isVisible('#error')).toBe(true);
    // the controls are usable again after the failure
    expect(await page.isEnabled('#generate-all')).toBe(true);

    // a thrown error in the server (e.g. a timeout) reaches the failure handler
    failNext = `Exception: Service Spreadsheets timed out while accessing document. ${INJECTED}`;
    await page.click('#refresh');
    await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '').includes('timed out'));
    expect(await page.textContent('#error')).toBe(`Exception: Service Spreadsheets timed out while accessing document. ${INJECTED}`);
    expect(await page.$$('img')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('the current region around the selection can be the source', async () => {
    env.spreadsheet.select('Subscriptions', 'B2');
    const { page } = await openSidebar();
    await page.waitForSelector('#source-subscriptions option[value="range:Subscriptions!A1:E4"]', { state: 'attached' });
    await page.selectOption('#source-subscriptions', 'range:Subscriptions!A1:E4');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#mapping h3')).some((h) => (h.textContent ?? '').includes('Subscriptions!A1:E4')));
    expect(await page.$$eval('#mapping h3', (hs) => hs.map((h) => h.textContent))).toContain('Subscriptions: Subscriptions!A1:E4 (3 rows)');
    await page.close();
  });
});
