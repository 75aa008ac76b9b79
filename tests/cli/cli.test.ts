/**
 * The cs-sheets command as a user runs it: the bundled bin, real files, exit codes, stdout/stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ALL_TAB_NAMES } from '../helpers/tab-names';

const BIN = join(__dirname, '..', '..', 'cli', 'bin', 'cs-sheets.js');
const SAMPLE = join(__dirname, '..', '..', 'samples', 'ravenstack');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'cs-cli-'));

/** Two accounts A1, A2 with these names and ARR 1,200 / 2,400 from 2024-01-01: the input options for calendar 2024. */
function twoAccounts(dir: string, name1: string, name2: string): string[] {
  writeFileSync(join(dir, 'accounts.csv'), `account_id,account_name\nA1,${name1}\nA2,${name2}\n`);
  writeFileSync(join(dir, 'subs.csv'), 'account_id,start_date,end_date,arr\nA1,2024-01-01,,1200\nA2,2024-01-01,,2400\n');
  return ['--accounts', join(dir, 'accounts.csv'), '--subscriptions', join(dir, 'subs.csv'), '--from', '2024-01-01', '--to', '2025-01-01'];
}

describe('cs-sheets metrics --json', () => {
  const args = ['metrics', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--tickets', join(SAMPLE, 'support_tickets.csv'), '--from', '2024-01-01', '--to', '2025-01-01', '--json'];

  it('prints exactly one JSON object with every field reports.md lists', () => {
    const r = run(args);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.period).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    for (const key of ['cohortAccounts', 'startArr', 'endArr', 'nrr', 'grr', 'logoRetention', 'csat', 'csatMean']) {
      expect(typeof m[key]).toBe('number');
    }
    expect(Object.keys(m.movements).sort()).toEqual(['churn', 'contraction', 'expansion', 'new', 'starting']);
    expect(m.movements.starting).toBe(m.startArr);
    expect(Object.keys(m.tiers).sort()).toEqual(['High Touch', 'Low Touch', 'Tech Touch']);
    // Twelve month-ends fall inside calendar 2024.
    expect(Object.keys(m.mrrByMonth)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
  });

  it('gives null for figures whose input was not given', () => {
    const r = run(['metrics', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--from', '2024-01-01', '--to', '2025-01-01', '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.csat).toBeNull();
    expect(m.csatMean).toBeNull();
  });

  it('reads a CSV with a byte-order mark and an .xlsx copy to the same figures', async () => {
    const dir = tmp();
    const csv = readFileSync(join(SAMPLE, 'subscriptions.csv'), 'utf8');
    writeFileSync(join(dir, 'bom.csv'), '\uFEFF' + csv);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Billing');
    for (const line of csv.trim().split('\n')) sheet.addRow(line.split(','));
    await book.xlsx.writeFile(join(dir, 'subs.xlsx'));
    const period = ['--from', '2024-01-01', '--to', '2025-01-01', '--json'];
    const plain = JSON.parse(run(['metrics', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), ...period]).stdout);
    const bom = run(['metrics', '--subscriptions', join(dir, 'bom.csv'), ...period]);
    const xlsx = run(['metrics', '--subscriptions', join(dir, 'subs.xlsx'), ...period]);
    expect(bom.code).toBe(0);
    expect(xlsx.code).toBe(0);
    expect(JSON.parse(bom.stdout)).toEqual(plain);
    expect(JSON.parse(xlsx.stdout)).toEqual(plain);
  });
});

describe('bad input: one line naming the file and column, exit code 2, no partial output', () => {
  function expectCleanFailure(args: string[], out: string, mustMention: RegExp[]) {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    for (const m of mustMention) expect(r.stderr).toMatch(m);
    expect(existsSync(out)).toBe(false);
    return r;
  }

  it('a missing file', () => {
    const dir = tmp();
    const out = join(dir, 'report.xlsx');
    expectCleanFailure(['report', '--subscriptions', join(dir, 'nope.csv'), '--out', out], out, [/nope\.csv/]);
  });

  it('a column that cannot be mapped', () => {
    const dir = tmp();
    const subs = join(dir, 'billing.csv');
    writeFileSync(subs, 'customer,begin,amount\nA,2024-01-01,100\n');
    const out = join(dir, 'report.xlsx');
    expectCleanFailure(['report', '--subscriptions', subs, '--out', out], out, [/billing\.csv/, /columns seen: customer, begin, amount/i]);
    expect(readdirSync(dir)).toEqual(['billing.csv']); // no temporary file left behind either
  });

  it('a date column that does not parse', () => {
    const dir = tmp();
    const subs = join(dir, 'subs.csv');
    writeFileSync(subs, 'account_id,start_date,end_date,mrr\nA,soon,,100\nB,later,,200\n');
    const out = join(dir, 'report.xlsx');
    expectCleanFailure(['report', '--subscriptions', subs, '--out', out], out, [/subs\.csv/, /start_date/]);
  });

  it('an output path that is a folder, or that is one of the inputs', () => {
    const dir = tmp();
    const folder = join(dir, 'already.xlsx');
    require('node:fs').mkdirSync(folder);
    let r = run(['report', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--out', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already\.xlsx: is a folder/);
    const input = join(dir, 'subs.xlsx');
    writeFileSync(input, 'not really');
    r = run(['report', '--subscriptions', input, '--out', input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is also an input file/);
    expect(readFileSync(input, 'utf8')).toBe('not really');
  });

  it('options given twice, or that do not fit the command', () => {
    const subs = join(SAMPLE, 'subscriptions.csv');
    expect(run(['metrics', '--subscriptions', subs, '--subscriptions', subs, '--json']).stderr).toMatch(/--subscriptions is given twice/);
    expect(run(['metrics', '--subscriptions', subs, '--json', '--out', 'x.xlsx']).stderr).toMatch(/writes no file/);
    expect(run(['report', '--subscriptions', subs, '--json', '--out', 'x.xlsx']).code).toBe(2);
  });

  it('a --qbr account id that is not in the data', () => {
    const dir = tmp();
    const out = join(dir, 'r.xlsx');
    expectCleanFailure(['report', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--qbr', 'A-nothere', '--out', out], out, [/--qbr A-nothere: no account with that id/]);
  });

  it('a quoted field that never closes and would swallow the rows after it', () => {
    const dir = tmp();
    const subs = join(dir, 'subs.csv');
    writeFileSync(subs, 'id,account,start,end,mrr\nS1,A1,2023-01-01,,100\nS2,"A2,2023-01-01,,100\nS3,A3,2023-01-01,,100\n');
    const out = join(dir, 'r.xlsx');
    expectCleanFailure(['report', '--subscriptions', subs, '--out', out], out, [/subs\.csv: row 3: a quoted field opens there and never closes/]);
  });

  it('an existing --out file that is not a workbook is left alone', () => {
    const dir = tmp();
    const out = join(dir, 'notes.xlsx');
    writeFileSync(out, 'hello');
    const r = run(['report', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/notes\.xlsx: exists but cannot be read as an \.xlsx workbook/);
    expect(readFileSync(out, 'utf8')).toBe('hello');
    expect(readdirSync(dir)).toEqual(['notes.xlsx']);
  });

  it('an impossible period', () => {
    const dir = tmp();
    const out = join(dir, 'r.xlsx');
    expectCleanFailure(['report', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--from', '2025-01-01', '--to', '2024-01-01', '--out', out], out, [/--from/]);
  });
});

describe('cs-sheets report', () => {
  it('writes the four tabs and prints the summary', async () => {
    const dir = tmp();
    const out = join(dir, 'nested', 'report.xlsx');
    const r = run(['report', '--accounts', join(SAMPLE, 'accounts.csv'), '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--from', '2024-01-01', '--to', '2025-01-01', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/NRR\s+\d+\.\d%/);
    expect(r.stdout).toMatch(/High Touch\s+\d+/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(ALL_TAB_NAMES);
  });

  it('prints the tab names as written, made unique where two accounts share a name (F20)', () => {
    const dir = tmp();
    const r = run(['report', ...twoAccounts(dir, 'Dup Co', 'Dup Co'), '--qbr', 'A1', 'A2', '--out', join(dir, 'r.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('QBR - Dup Co, Success Plan - Dup Co, QBR - Dup Co (2), Success Plan - Dup Co (2)');
  });

  it('run again without --qbr, removes the QBR tabs of the earlier run (they would read the new Data tab)', async () => {
    const dir = tmp();
    const out = join(dir, 'r.xlsx');
    const common = ['report', ...twoAccounts(dir, 'Alpha Ltd', 'Beta Ltd'), '--out', out];
    expect(run([...common, '--qbr', 'A1']).code).toBe(0);
    const r = run(common);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Removed tabs of an earlier run that this one does not make: QBR - Alpha Ltd, Success Plan - Alpha Ltd');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(ALL_TAB_NAMES);
  });

  it('says which rows were left out of the figures: in the summary, and on stderr beside the JSON', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'subs.csv'), 'subscription_id,account_id,start_date,end_date,arr\nS1,A1,2024-02-01,,1200\nS2,A2,2024-13-01,,6000\nS3,A3,2023-06-01,,2400\n');
    const m = run(['metrics', '--subscriptions', join(dir, 'subs.csv'), '--from', '2024-01-01', '--to', '2025-01-01', '--json']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).startArr).toBe(2400);
    expect(m.stderr).toBe('cs-sheets: note: 1 Subscriptions row: unparsable date (e.g. S2)\n');
    const r = run(['report', '--subscriptions', join(dir, 'subs.csv'), '--from', '2024-01-01', '--to', '2025-01-01', '--out', join(dir, 'r.xlsx')]);
    expect(r.stdout).toContain('1 account in the cohort');
    expect(r.stdout).toContain('Rows left out of the figures (also in Data quality on the Board Report):\n    1 Subscriptions row: unparsable date (e.g. S2)\n');
  });

  it('accepts --flag=value', () => {
    const r = run(['metrics', `--subscriptions=${join(SAMPLE, 'subscriptions.csv')}`, '--from=2024-01-01', '--to=2025-01-01', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).period).toEqual({ from: '2024-01-01', to: '2025-01-01' });
  });

  it('adds its tabs to an existing workbook without touching the user\'s tabs (F21, F20)', async () => {
    const dir = tmp();
    const out = join(dir, 'book.xlsx');
    const user = new ExcelJS.Workbook();
    const sheet1 = user.addWorksheet('Sheet1');
    sheet1.addRow(['Region', 'Owner', 'Target']);
    sheet1.addRow(['EMEA', 'Kim', 1200]);
    sheet1.addRow(['APAC', 'Lee', -500]);
    user.addWorksheet('coverage model').getCell('A1').value = 'my own notes';
    await user.xlsx.writeFile(out);
    const args = ['report', '--subscriptions', join(SAMPLE, 'subscriptions.csv'), '--from', '2024-01-01', '--to', '2025-01-01', '--out', out];
    expect(run(args).code).toBe(0);
    expect(run(args).code).toBe(0); // regenerating replaces our tabs, never adds more
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Sheet1', 'coverage model', 'Coverage Model (2)', ...ALL_TAB_NAMES.slice(1)]);
    expect(book.getWorksheet('Sheet1')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toEqual([
      ['Region', 'Owner', 'Target'],
      ['EMEA', 'Kim', 1200],
      ['APAC', 'Lee', -500],
    ]);
    expect(book.getWorksheet('coverage model')!.getCell('A1').value).toBe('my own notes');
  });

  it('reads a Windows-1252 CSV (Excel\'s "CSV (Comma delimited)") with a warning, keeping accents apart', () => {
    const dir = tmp();
    const subs = join(dir, 'ansi.csv');
    const text = 'account_id,start_date,end_date,mrr\nM\u00fcller GmbH,2023-01-01,,"\u20ac100"\nM\u00e4ller GmbH,2023-01-01,,"\u20ac200"\nCaf\u00e9,2023-01-01,,"\u20ac300"\n';
    const bytes = Buffer.from([...text].map((ch) => (ch === '\u20ac' ? 0x80 : ch.charCodeAt(0))));
    writeFileSync(subs, bytes);
    const r = run(['metrics', '--subscriptions', subs, '--from', '2024-01-01', '--to', '2025-01-01', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ansi\.csv is not UTF-8: read it as Windows-1252/);
    const m = JSON.parse(r.stdout);
    expect(m.cohortAccounts).toBe(3);
    expect(m.startArr).toBe(12 * (100 + 200 + 300));
  });

  it('shows progress on stderr for long inputs', () => {
    const dir = tmp();
    const subs = join(dir, 'long.csv');
    const lines = ['account_id,start_date,end_date,mrr'];
    for (let i = 0; i < 60_000; i++) lines.push(`A${i % 5000},2024-0${1 + (i % 9)}-15,,${100 + (i % 50)}`);
    writeFileSync(subs, lines.join('\n'));
    const r = run(['report', '--subscriptions', subs, '--out', join(dir, 'r.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Reading long\.csv/);
    expect(r.stderr).toMatch(/60,000 rows/);
    expect(r.stderr).toMatch(/Writing/);
  });

  it('prints usage with --help and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/half-open/);
    expect(r.stdout).toMatch(/2024-01-01 --to 2025-01-01 is calendar 2024/);
  });
});
