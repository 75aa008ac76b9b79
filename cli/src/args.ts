import { dayFromIso } from '../../core/src/dates';
import { InputError } from '../../core/src/errors';
import type { TableKind } from '../../core/src/data/model';

/** Options shared by `report` and `metrics`. */
export interface CliOptions {
  command: 'report' | 'metrics' | 'help';
  files: Partial<Record<TableKind, string>>;
  from?: string;
  to?: string;
  qbr: string[];
  out?: string;
  json: boolean;
  quiet: boolean;
}

/** Flag → input table. `--churn` is our addition: churn events feed the Data Quality block. */
const FILE_FLAGS: Record<string, TableKind> = {
  '--accounts': 'accounts',
  '--subscriptions': 'subscriptions',
  '--tickets': 'tickets',
  '--usage': 'usage',
  '--churn': 'churnEvents',
};

export const USAGE = `Usage:
  cs-sheets report  [inputs] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--qbr ACCOUNT_ID ...] --out FILE.xlsx
  cs-sheets metrics [inputs] [--from YYYY-MM-DD] [--to YYYY-MM-DD] --json

Inputs (CSV, with or without a byte-order mark, or .xlsx; columns are recognised by their headers):
  --subscriptions F   billing export: account id, start date, end date, MRR and/or ARR, trial flag (required)
  --accounts F        one row per account: id, name, segment, owner, complexity, strategic value, seats ...
  --tickets F         support tickets / survey answers: account id, date, satisfaction score, escalation flag
  --usage F           product usage events: account or subscription id, date, feature, count, errors
  --churn F           churn events: account id, churn date (used by the Data Quality checks)

Period: half-open, from --from (inclusive) to --to (exclusive), so
  --from 2024-01-01 --to 2025-01-01 is calendar 2024. Without them the period is the 12 months
  ending at the first day of the month after the latest start or end date in the subscriptions.

Other options:
  --quiet             no progress lines on stderr
  -h, --help          this text

Exit codes: 0 success, 2 bad input (the message names the file and column).`;

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { command: 'help', files: {}, qbr: [], json: false, quiet: false };
  const [command, ...given] = argv;
  // "--from=2024-01-01" is the same as "--from 2024-01-01".
  const rest = given.flatMap((a) => (/^--[a-z-]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return options;
  if (command !== 'report' && command !== 'metrics') {
    throw new InputError(`unknown command '${command}'; expected 'report' or 'metrics'`);
  }
  options.command = command;
  const seen = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag.startsWith('-') && flag !== '--qbr') {
      if (seen.has(flag)) throw new InputError(`${flag} is given twice`);
      seen.add(flag);
    }
    const value = () => {
      const v = rest[i + 1];
      if (v === undefined || v.startsWith('--')) throw new InputError(`${flag} needs a value`);
      i++;
      return v;
    };
    if (flag in FILE_FLAGS) options.files[FILE_FLAGS[flag]] = value();
    else if (flag === '--from') options.from = checkIsoDate(flag, value());
    else if (flag === '--to') options.to = checkIsoDate(flag, value());
    else if (flag === '--out') options.out = value();
    else if (flag === '--json') options.json = true;
    else if (flag === '--quiet') options.quiet = true;
    else if (flag === '-h' || flag === '--help') options.command = 'help';
    else if (flag === '--qbr') {
      options.qbr.push(value());
      while (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) options.qbr.push(rest[++i]);
    } else throw new InputError(`unknown option '${flag}'`);
  }
  if (options.command === 'help') return options;
  if (!options.files.subscriptions) throw new InputError('--subscriptions FILE is required (the billing export)');
  if (options.command === 'report' && !options.out) throw new InputError('report needs --out FILE.xlsx');
  if (options.command === 'report' && !/\.xlsx$/i.test(options.out ?? '')) {
    throw new InputError(`--out ${options.out}: the output must be an .xlsx file`);
  }
  if (options.command === 'metrics' && !options.json) throw new InputError('metrics prints JSON: add --json');
  if (options.command === 'metrics' && options.out) throw new InputError('metrics prints to stdout and writes no file: drop --out, or use report');
  if (options.command === 'metrics' && options.qbr.length) throw new InputError('--qbr goes with report, not metrics');
  if (options.command === 'report' && options.json) throw new InputError('report writes a workbook: drop --json, or use metrics --json');
  if (options.from && options.to && options.from >= options.to) {
    throw new InputError(`--from ${options.from} must be before --to ${options.to}`);
  }
  return options;
}

function checkIsoDate(flag: string, text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || dayFromIso(text) === null) {
    throw new InputError(`${flag} ${text}: expected a date as YYYY-MM-DD`);
  }
  return text;
}
