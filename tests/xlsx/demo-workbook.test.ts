/**
 * The main job end to end: `npm run demo` on the RavenStack sample writes out/cs-report.xlsx;
 * LibreOffice recalculates it and every formula cell must equal the figure core computed.
 * The tabs are also rendered to PNG (out/render/demo/) for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportModel } from '../../core/src/data/report-model';
import type { InputTables } from '../../core/src/data/model';
import { buildAllTabs } from '../../core/src/reports';
import { readTable } from '../../cli/src/read-tables';
import { resolveTabNames } from '../../core/src/reports/tab-names';
import { recalculate, renderToPng } from '../helpers/libreoffice';
import { checkFormulas } from '../helpers/formula-check';
import { ALL_TAB_NAMES } from '../helpers/tab-names';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'out', 'cs-report.xlsx');
const SAMPLE = join(ROOT, 'samples', 'ravenstack');

let demo: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  rmSync(OUT, { force: true });
  demo = spawnSync('npm', ['run', '--silent', 'demo'], { cwd: ROOT, encoding: 'utf8' });
});

it('npm run demo writes out/cs-report.xlsx and prints NRR, GRR, logo retention and accounts per tier', () => {
  expect(demo.stderr).toBe('');
  expect(demo.status).toBe(0);
  for (const label of [/NRR\s+\d+\.\d%/, /GRR\s+\d+\.\d%/, /Logo ret\.\s+\d+\.\d%/, /High Touch\s+\d+/, /Low Touch\s+\d+/, /Tech Touch\s+\d+/]) {
    expect(demo.stdout).toMatch(label);
  }
  expect(readFileSync(OUT).subarray(0, 2).toString()).toBe('PK');
});

it('recalculates in LibreOffice to core’s figures, cell by cell', async () => {
  // The demo's own inputs and period, read in-process to get core's expected figures.
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.demo as string;
  const arg = (flag: string) => new RegExp(`${flag} (\\S+)`).exec(script)?.[1];
  const files = { accounts: '--accounts', subscriptions: '--subscriptions', tickets: '--tickets', usage: '--usage', churnEvents: '--churn' };
  const tables: InputTables = {};
  for (const [kind, flag] of Object.entries(files)) {
    const path = arg(flag);
    if (path) tables[kind as keyof InputTables] = await readTable(join(ROOT, path));
  }
  expect(Object.keys(tables)).toHaveLength(5);
  expect(arg('--from')).toBe('2024-01-01');
  expect(arg('--to')).toBe('2025-01-01');
  expect(arg('--accounts')).toBe('samples/ravenstack/accounts.csv');
  const model = buildReportModel(tables, { from: arg('--from'), to: arg('--to') });
  const qbr = arg('--qbr');
  expect(qbr).toBe('A-dcc3f1');
  const tabs = buildAllTabs(model, { qbrAccountIds: [qbr as string] });
  const names = resolveTabNames(tabs).map((d) => d.name);
  // reports.md's tabs, with a QBR and a Success Plan tab for the sample account (Company_314) before Definitions.
  expect(names).toEqual([...ALL_TAB_NAMES.slice(0, 5), 'QBR - Company_314', 'Success Plan - Company_314', ...ALL_TAB_NAMES.slice(5)]);

  const sheets = await recalculate(OUT);
  expect([...sheets.keys()].sort()).toEqual([...names].sort());
  const { checked, mismatches } = checkFormulas(tabs, names, sheets);
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(60);
  // The Board Report's headline formulas compute the figures metrics --json prints.
  const board = tabs[names.indexOf('Board Report')];
  const boardFigures = board.rows.flat().filter((c) => c?.formula).map((c) => c?.expected);
  for (const figure of [model.metrics.nrr, model.metrics.grr, model.metrics.logoRetention, model.metrics.startArr, model.metrics.endArr]) {
    expect(boardFigures).toContain(figure);
  }
});

it('renders every tab to PNG for a person to look at', async () => {
  const pages = await renderToPng(OUT, join(ROOT, 'out', 'render', 'demo'));
  expect(pages.length).toBeGreaterThanOrEqual(9);
});
