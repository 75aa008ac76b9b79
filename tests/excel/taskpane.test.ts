/**
 * The task pane in headless Chromium: excel-addin/dist served at https://localhost:3000 and a
 * stand-in Office.js (tests/helpers/excel-office-stub.ts over the in-memory workbook) served in
 * place of the CDN URL; every other request is refused, so the page works offline.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { accountGrid, subscriptionGrid } from '../helpers/excel-data';
import { BUTTON_TAB_NAMES } from '../helpers/tab-names';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'excel-addin', 'dist');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const ORIGIN = 'https://localhost:3000';
const IMG_NAME = '<img src=x onerror=alert(1)>';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

type Wb = { sheets: { name: string; cells: unknown }[] };

describe('Excel task pane (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    const stub = await build({ entryPoints: [join(ROOT, 'tests/helpers/excel-office-stub.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2019' });
    const stubJs = stub.outputFiles[0].text;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 360, height: 1100 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: stubJs });
      if (url.startsWith(`${ORIGIN}/`)) {
        const file = join(DIST, new URL(url).pathname);
        if (file.startsWith(DIST) && existsSync(file)) return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
        if (file.endsWith('functions.js')) return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
        return route.fulfill({ status: 404, body: 'Not found' });
      }
      refused.push(url);
      return route.abort();
    });
    const seed = {
      sheets: { Accounts: accountGrid(30, { names: ['Acme 1', IMG_NAME] }), Subscriptions: subscriptionGrid(30), Notes: [['my notes']] },
      selection: { sheet: 'Subscriptions', address: 'B3' },
    };
    await page.addInitScript((s) => {
      (window as unknown as Record<string, unknown>).__CS_SEED__ = s;
    }, seed);
    await page.goto(`${ORIGIN}/taskpane.html`);
    await page.waitForSelector('#source-subscriptions option[value="selection"]', { state: 'attached' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with the tab buttons of TAB_BUILDERS (Data comes along)', async () => {
    expect(await page.$$eval('#tab-buttons button', (bs) => bs.map((b) => b.textContent))).toEqual(BUTTON_TAB_NAMES);
  });

  it('reads the selection regions, shows the mapping and takes a correction', async () => {
    await page.selectOption('#source-subscriptions', 'selection');
    await page.waitForSelector('.card[data-kind="subscriptions"]');
    expect(await page.textContent('.card[data-kind="subscriptions"] .problems')).toBe('Choose the column for MRR or ARR.');
    await page.evaluate(() => {
      ((window as unknown as Record<string, unknown>).__csWorkbook as { selection: unknown }).selection = { sheet: 'Accounts', address: 'B3' };
    });
    await page.selectOption('#source-accounts', 'selection');
    await page.waitForSelector('.card[data-kind="accounts"]');
    expect(await page.inputValue('#map-subscriptions-accountId')).toBe('1'); // "Customer"
    await page.selectOption('#map-subscriptions-mrr', { label: 'Monthly amount' });
    await page.waitForFunction(() => document.querySelector('.card[data-kind="subscriptions"] .problems')?.textContent === '');
    expect(await page.inputValue('#from')).toBe('2023-08-01');
    expect(await page.inputValue('#to')).toBe('2024-08-01');
    await page.fill('#from', '2024-01-01');
    await page.dispatchEvent('#from', 'change');
    await page.fill('#to', '2025-01-01');
    await page.dispatchEvent('#to', 'change');
    expect(await page.textContent('#period-note')).toContain('As of 2024-12-31');
  });

  it('F23: an account named <img src=x onerror=alert(1)> is shown as text; no img element', async () => {
    expect(await page.$$eval('#preview-accounts li', (li) => li.map((x) => x.textContent))).toEqual(['Acme 1', IMG_NAME, 'Account 3', 'Account 4', 'Account 5']);
    expect(await page.$$('img')).toHaveLength(0);
  });

  it('"Board Report" draws the tab into the workbook', async () => {
    await page.click('button[data-tab="board-report"]');
    await page.waitForFunction(() => /^Drew /.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.textContent('#status')).toContain('Drew Board Report, Data for 30 accounts, 2024-01-01 to 2025-01-01');
    const wb = await page.evaluate(() => {
      const m = (window as unknown as Record<string, unknown>).__csWorkbook as { sheets: { name: string; cells: Map<string, { value: unknown; formula?: string }> }[] };
      return m.sheets.map((s) => ({ name: s.name, a1: s.cells.get('0,0')?.value, formulas: [...s.cells.values()].filter((c) => c.formula).length, names: [...s.cells.values()].map((c) => c.value) }));
    });
    expect(wb.map((s) => s.name)).toEqual(['Accounts', 'Subscriptions', 'Notes', 'Board Report', 'Data']);
    expect(wb[3].a1).toBe('Board Report');
    expect(wb[3].formulas).toBeGreaterThan(10);
    expect(wb[4].names).toContain(IMG_NAME);
    expect(wb[2].names).toEqual(['my notes']);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.isHidden('#error')).toBe(true);
  });

  it('shows InputError text clearly', async () => {
    await page.fill('#from', '2025-01-01');
    await page.dispatchEvent('#from', 'change');
    await page.click('button[data-tab="definitions"]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toBe('the period is empty: from 2025-01-01 is not before to 2025-01-01 (to is exclusive)');
    await page.fill('#from', '2024-01-01');
    await page.dispatchEvent('#from', 'change');
  });

  it('no alert, no page error, no request left the machine; screenshot', async () => {
    await page.click('button[data-tab="board-report"]'); // regenerate: reuses our tabs
    await page.waitForFunction(() => /^Drew /.test(document.getElementById('status')?.textContent ?? ''));
    expect(await page.evaluate(() => ((window as unknown as Record<string, unknown>).__csWorkbook as Wb).sheets.map((s) => s.name))).toEqual(['Accounts', 'Subscriptions', 'Notes', 'Board Report', 'Data']);
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'out', 'excel-taskpane.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
