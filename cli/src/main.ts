/**
 * `cs-sheets`: the headless build. Reads the user's files, builds the same tab descriptions
 * the add-ins draw, and writes them to an .xlsx (report) or prints the figures (metrics --json).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../core/src/errors';
import { rowCountOf, TABLE_LABELS, type InputTables, type PeriodMetrics, type SkipCount, type TableKind } from '../../core/src/data/model';
import { loadTables } from '../../core/src/data/load';
import { inputsOf, modelFromData } from '../../core/src/data/report-model';
import { buildAllTabs } from '../../core/src/reports';
import { TIERS } from '../../core/src/metrics/tiering';
import { parseArgs, USAGE, type CliOptions } from './args';
import { readTable } from './read-tables';
import { renderWorkbookWithResult } from './xlsx/render-workbook';

/** Inputs at least this long get progress lines on stderr. */
const LONG_INPUT_ROWS = 50_000;

export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    return fail(err);
  }
  if (options.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const started = Date.now();
  const progress = new Progress(options.quiet);
  try {
    if (options.out) checkOutputPath(options);
    let tables: InputTables | undefined = await readInputs(options, progress);
    progress.step('Deriving ARR, periods and metrics');
    // buildReportModel in two steps, so the raw tables (a million row arrays) can be collected
    // once loaded instead of staying alive through derive, tabs and write.
    const data = loadTables(tables, {});
    const inputs = inputsOf(tables);
    tables = undefined;
    const model = modelFromData(data, inputs, { from: options.from, to: options.to });
    if (options.command === 'metrics') {
      process.stdout.write(JSON.stringify(model.metrics, null, 2) + '\n');
      // Stdout stays the JSON object; what was left out of it is said on stderr.
      for (const line of skippedLines(model.dataQuality.skipped)) process.stderr.write(`cs-sheets: note: ${line}\n`);
      return 0;
    }
    progress.step('Building tabs');
    const tabs = buildAllTabs(model, { qbrAccountIds: options.qbr });
    const out = options.out as string;
    // An existing workbook keeps the user's tabs: ours are added beside them or replaced whole.
    const existing = existsSync(out) ? out : undefined;
    progress.step(`${existing ? 'Updating' : 'Writing'} ${out}`);
    let finalNames: string[] = [];
    let removed: string[] = [];
    await writeAtomically(out, async (tmp) => {
      const result = await renderWorkbookWithResult(tabs, tmp, { existing, removeOtherGenerated: true });
      finalNames = result.tabs.map((t) => t.name);
      removed = result.removed;
    });
    // The names as written: legal, and made unique (" (2)") where two wanted names clash.
    process.stdout.write(summary(out, finalNames, model.metrics, model.currency, model.dataQuality.skipped, Date.now() - started));
    if (removed.length > 0) process.stdout.write(`Removed tabs of an earlier run that this one does not make: ${removed.join(', ')}\n`);
    return 0;
  } catch (err) {
    return fail(err);
  }
}

async function readInputs(options: CliOptions, progress: Progress): Promise<InputTables> {
  const tables: InputTables = {};
  for (const [kind, path] of Object.entries(options.files) as [TableKind, string][]) {
    progress.step(`Reading ${basename(path)}`);
    // Warnings show even with --quiet: they are about the figures, not progress.
    const table = await readTable(path, { onWarning: (message) => process.stderr.write(`cs-sheets: warning: ${message}\n`) });
    if (rowCountOf(table) >= LONG_INPUT_ROWS) progress.enable();
    progress.detail(`${rowCountOf(table).toLocaleString('en-US')} rows`);
    tables[kind] = table;
  }
  return tables;
}

/** The output must be an .xlsx path that is not a folder and not one of the inputs. */
function checkOutputPath(options: CliOptions): void {
  const out = resolve(options.out as string);
  if (existsSync(out) && statSync(out).isDirectory()) throw new InputError(`--out ${options.out}: is a folder; give a file name ending in .xlsx`);
  for (const input of Object.values(options.files)) {
    if (resolve(input) === out) throw new InputError(`--out ${options.out}: is also an input file; write the report to another file`);
  }
}

/** Writes through a temporary file in the same folder, so a failure never leaves a partial workbook. */
async function writeAtomically(out: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const folder = dirname(out);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  const tmp = join(folder, `.${basename(out)}.${process.pid}.tmp.xlsx`);
  try {
    await write(tmp);
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function summary(out: string, tabNames: string[], m: PeriodMetrics, currency: string | null, skipped: SkipCount[], elapsedMs: number): string {
  const pct = (x: number | null) => (x === null ? 'n/a (no cohort)' : `${(x * 100).toFixed(1)}%`);
  const money = (x: number) => `${currency ?? ''}${Math.round(x).toLocaleString('en-US')}`;
  const lines = [
    `Wrote ${out} (${tabNames.join(', ')}) in ${(elapsedMs / 1000).toFixed(1)} s`,
    `Period ${m.period.from} to ${m.period.to} (to is exclusive); ${m.cohortAccounts} account${m.cohortAccounts === 1 ? '' : 's'} in the cohort`,
    `  ARR        ${money(m.startArr)} -> ${money(m.endArr)}`,
    `  NRR        ${pct(m.nrr)}`,
    `  GRR        ${pct(m.grr)}`,
    `  Logo ret.  ${pct(m.logoRetention)}`,
    `  Accounts per tier at period end (ARR > 0):`,
    ...[...TIERS].reverse().map((t) => `    ${t.padEnd(10)} ${String(m.tiers[t].accounts).padStart(6)}   ${money(m.tiers[t].arr)} ARR`),
  ];
  const left = skippedLines(skipped);
  if (left.length > 0) lines.push('  Rows left out of the figures (also in Data quality on the Board Report):', ...left.map((l) => `    ${l}`));
  return lines.join('\n') + '\n';
}

/** One line per table and reason for the rows left out, with examples: "1 Subscriptions row: unparsable date (e.g. S7)". */
function skippedLines(skipped: SkipCount[]): string[] {
  return skipped.map(
    (s) =>
      `${s.count.toLocaleString('en-US')} ${TABLE_LABELS[s.table]} row${s.count === 1 ? '' : 's'}: ${s.reason}` +
      (s.examples.length > 0 ? ` (e.g. ${s.examples.join(', ')})` : ''),
  );
}

function fail(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`cs-sheets: error: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`cs-sheets: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

/** Step lines on stderr; shown only once an input turns out to be long. */
class Progress {
  private shown = false;
  private readonly pending: string[] = [];
  private readonly started = Date.now();
  constructor(private readonly quiet: boolean) {}

  enable(): void {
    if (this.quiet || this.shown) return;
    this.shown = true;
    for (const line of this.pending.splice(0)) process.stderr.write(line);
  }
  step(text: string): void {
    this.write(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${text}\n`);
  }
  detail(text: string): void {
    this.write(`        ${text}\n`);
  }
  private write(line: string): void {
    if (this.quiet) return;
    if (this.shown) process.stderr.write(line);
    else this.pending.push(line);
  }
}
