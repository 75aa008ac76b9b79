/**
 * Loads the built Apps Script project (sheets-addon/dist) the way Apps Script runs it: every .js file
 * evaluated in ONE fresh vm context (one global scope, no module system), in clasp's push order
 * (.clasp.json filePushOrder first, then the rest by path), with minimal fakes of the services a
 * custom function may touch: SpreadsheetApp.getActive().getSpreadsheetTimeZone(), Session, Logger.
 * The renderer's SpreadsheetApp/HtmlService fakes (tests/helpers/sheets-fakes*.ts) can be passed as
 * `globals` to replace these.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

export const REPO = path.resolve(__dirname, '../..');
export const SHEETS_DIST = path.join(REPO, 'sheets-addon/dist');
export const CLASP_JSON = path.join(REPO, '.clasp.json');

export interface AppsScriptFakes {
  /** The spreadsheet's zone (SpreadsheetApp.getActive().getSpreadsheetTimeZone()). */
  spreadsheetTimeZone: string;
  /** The script's zone (Session.getScriptTimeZone(), from appsscript.json). */
  scriptTimeZone: string;
  /** How often the spreadsheet's zone was read. */
  zoneReads: number;
  logs: unknown[][];
}

export interface LoadedProject {
  context: vm.Context;
  /** The files evaluated, in order (relative to the repository). */
  files: string[];
  fakes: AppsScriptFakes;
  /** Evaluate an expression in the project's global scope. */
  run<T = unknown>(code: string): T;
  /** A global of the project (a top-level function, CSCore …). */
  global<T = unknown>(name: string): T;
  /** A Date made in the project's realm (as Sheets passes them) for an instant in ms. */
  date(ms: number): Date;
}

/** Script files under dir, recursively, relative to the repository root. */
function scriptFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...scriptFiles(full));
    else if (/\.(js|gs)$/.test(name)) out.push(path.relative(REPO, full));
  }
  return out;
}

/** The order clasp pushes (and Apps Script loads) the project's script files. */
export function pushOrder(): string[] {
  const config = existsSync(CLASP_JSON) ? JSON.parse(readFileSync(CLASP_JSON, 'utf8')) : {};
  const order: string[] = (config.filePushOrder ?? []).map((p: string) => path.normalize(p));
  const files = scriptFiles(SHEETS_DIST);
  return files.sort((a, b) => {
    const ia = order.indexOf(path.normalize(a));
    const ib = order.indexOf(path.normalize(b));
    if (ia === -1 && ib === -1) return a.localeCompare(b);
    if (ia === -1) return 1;
    if (ib === -1) return -1;
    return ia - ib;
  });
}

export function loadAppsScriptProject(
  options: { spreadsheetTimeZone?: string; scriptTimeZone?: string; globals?: Record<string, unknown> } = {},
): LoadedProject {
  const fakes: AppsScriptFakes = {
    spreadsheetTimeZone: options.spreadsheetTimeZone ?? 'Etc/UTC',
    scriptTimeZone: options.scriptTimeZone ?? 'Etc/UTC',
    zoneReads: 0,
    logs: [],
  };
  const spreadsheet = {
    getSpreadsheetTimeZone: () => {
      fakes.zoneReads++;
      return fakes.spreadsheetTimeZone;
    },
  };
  const sandbox: Record<string, unknown> = {
    SpreadsheetApp: { getActive: () => spreadsheet, getActiveSpreadsheet: () => spreadsheet },
    Session: { getScriptTimeZone: () => fakes.scriptTimeZone },
    Logger: { log: (...args: unknown[]) => void fakes.logs.push(args) },
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    ...options.globals,
  };
  const context = vm.createContext(sandbox);
  const files = pushOrder();
  if (files.length === 0) throw new Error(`no script files in ${SHEETS_DIST}: run npm run build`);
  for (const file of files) {
    vm.runInContext(readFileSync(path.join(REPO, file), 'utf8'), context, { filename: file });
  }
  const run = <T,>(code: string) => vm.runInContext(code, context) as T;
  const DateInRealm = run<DateConstructor>('Date');
  return {
    context,
    files,
    fakes,
    run,
    global: <T,>(name: string) => (context as Record<string, unknown>)[name] as T,
    date: (ms: number) => new DateInRealm(ms),
  };
}

/** The instant of midnight of an ISO day in an IANA zone (how Sheets builds a date cell's Date). */
export function midnightIn(iso: string, timeZone: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
  };
  let guess = utcMidnight - offsetAt(utcMidnight);
  guess = utcMidnight - offsetAt(guess);
  return guess;
}

/** The kind of a Sheets error, read from the thrown message ("#NUM!: …" → "#NUM!"), or null. */
export function kindOfMessage(text: string): string | null {
  const m = /^(#VALUE!|#DIV\/0!|#NUM!|#N\/A|#REF!|#NAME\?|#NULL!)(?::|$)/.exec(text);
  return m ? m[1] : null;
}
