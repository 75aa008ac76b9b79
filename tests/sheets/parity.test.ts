/**
 * Cross-host parity: for the whole catalogue and one shared table of inputs (every registry example plus
 * edge inputs), the BUILT Sheets wrappers (sheets-addon/dist in one vm context, Sheets argument shapes),
 * core (registry invoke) and, once built, the BUILT Excel functions (excel-addin/dist/functions.js in a vm
 * with a CustomFunctions stand-in, Excel web argument shapes) give identical values and identical error
 * kinds. Sheets' error kind is read from the thrown message's prefix ("#NUM!: …") or a row's text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { CellError } from '../../core/src/errors';
import { dayFromIso, excelSerialFromDay } from '../../core/src/dates';
import { REGISTRY, type FunctionSpec } from '../../core/src/registry';
import { REPO, kindOfMessage, loadAppsScriptProject, midnightIn, type LoadedProject } from '../helpers/apps-script-vm';

const ZONE = 'Europe/London';
const EXCEL_BUILD_MODULE = path.join(REPO, 'scripts/build-excel-functions.mjs');
const EXCEL_BUNDLE = path.join(REPO, 'excel-addin/dist/functions.js');

// Host-neutral inputs: markers for what each host encodes differently.
const BLANK = { blank: true } as const;
const OMIT = { omitted: true } as const;
const DATE = (iso: string) => ({ date: iso });
type Neutral = unknown;

const col = (...v: Neutral[]) => v.map((x) => [x]);
const row = (...v: Neutral[]) => [v];

/** The shared table: [id, label, neutral args]. Registry examples are added below. */
const EDGE_CASES: [string, string, Neutral[]][] = [
  ['NRR', 'ranges summed, text numbers', [col(600000, '$400,000'), col(100000, BLANK), '25,000', 25000]],
  ['NRR', 'starting 0', [0, 1, 0, 0]],
  ['NRR', 'negative churn', [1000, 0, 0, -1]],
  ['NRR', 'losses exceed base', [1000, 0, 600, 600]],
  ['NRR', 'mixed currencies', ['$1,000', '€100', 0, 0]],
  ['NRR', 'error value in input', [1000, '#N/A', 0, 0]],
  ['GRR', 'published example F16', [10000000, 400000, 600000]],
  ['GRR', 'blank starting', [BLANK, 0, 0]],
  ['NRR_COHORT', 'new logos excluded F12', [col(1000, 500, 0), col(1100, 0, 400)]],
  ['NRR_COHORT', 'blanks', [col(1000, BLANK, 500), col(1100, 400, BLANK)]],
  ['NRR_COHORT', 'all start 0', [col(0, 0), col(900, 300)]],
  ['NRR_COHORT', 'shape mismatch', [col(1, 2, 3), row(1, 2, 3)]],
  ['NRR_COHORT', 'unparsable text', [col(1000, 'abc'), col(1100, 0)]],
  ['NRR_COHORT', 'currency text scalars F19', ['$1,000,000.00', '$1,100,000.00']],
  ['GRR_COHORT', 'lost account F13', [col(1200, 1200), col(1200, 0)]],
  ['GRR_COHORT', 'negative end', [col(1200, 1200), col(1200, -1)]],
  ['LOGO_RETENTION', 'blank end means lost', [col(100, 100, 100, BLANK), col(100, BLANK, 0, 50)]],
  ['LOGO_RETENTION', 'no cohort', [col(BLANK), col(5)]],
  ['MRR_MOVEMENTS', 'blanks and new', [col(1000, BLANK, 800), col(BLANK, 400, 900)]],
  ['MRR_MOVEMENTS', 'negative start', [col(-1, 5), col(1, 5)]],
  ['MRR_MOVEMENTS', 'shape mismatch', [col(1, 2), col(1, 2, 3)]],
  ['QUICK_RATIO', 'no losses', [100, 0, 0, 0]],
  ['QUICK_RATIO', 'ranges', [col(10000, 10000), 8000, col(1000, 2000), 5000]],
  ['NPS', 'blank skipped F1', [col(10, 9, BLANK, 3)]],
  ['NPS', 'typed zero F1', [col(10, 9, 0, 3)]],
  ['NPS', 'text only F3', [row('abc', 'n/a')]],
  ['NPS', 'single cell F4', [9]],
  ['NPS', 'row F4', [row(9, 3)]],
  ['NPS', 'N/A skipped F6', [col(10, 9, BLANK, 3, 'N/A')]],
  ['NPS', 'score 11 F6', [col(10, 11)]],
  ['NPS', 'score 9.5 F6', [9.5]],
  ['NPS', 'booleans skipped', [col(true, 9, false)]],
  ['NPS', 'error literal in range', [col(9, '#DIV/0!')]],
  ['CSAT', 'with blanks F7', [col(5, 5, 5, 5, 5, 5, 3, 3, 1, 1, BLANK, BLANK)]],
  ['CSAT', 'scale 10 satisfied 9', [col(10, 9, 8, 1), 10, 9]],
  ['CSAT', 'omitted scale, given satisfied_from', [col(5, 4, 3, 1), OMIT, 5]],
  ['CSAT', 'out of scale', [col(5, 6)]],
  ['CSAT', 'fraction', [col(4.5)]],
  ['CSAT', 'nothing answered', [col(BLANK, 'x')]],
  ['CSAT_MEAN', 'scale 10', [col(10, 7, 4), 10]],
  ['CSAT_MEAN', 'nothing answered', [BLANK]],
  ['CES', 'default scale 7', [col(7, 1, BLANK)]],
  ['CES', 'out of range', [col(8)]],
  ['CS_HEALTH', 'blank component F10', [row(80, 60, BLANK), row(0.5, 0.3, 0.2)]],
  ['CS_HEALTH', 'all weights 0 F10', [row(80, 60, BLANK), row(0, 0, 0)]],
  ['CS_HEALTH', 'published F11, column weights', [row(47, 59, 21), col(20, 15, 22)]],
  ['CS_HEALTH', 'several rows with an error row and a blank row', [[[80, 60, BLANK], [BLANK, BLANK, BLANK], [101, 5, 5], [BLANK, BLANK, 90]], row(1, 1, 2)]],
  ['CS_HEALTH', 'negative weight', [row(50, 50), row(1, -1)]],
  ['CS_HEALTH', 'blank weight', [row(50, 50), row(1, BLANK)]],
  ['CS_HEALTH_BAND', 'edges and blanks', [col(49.99, 50, 74.99, 75, BLANK, 'x')]],
  ['CS_HEALTH_BAND', 'per-row thresholds', [col(40, 60, 80), col(30, 70, 90), 85]],
  ['CS_HEALTH_BAND', 'thresholds reversed', [60, 80, 70]],
  ['CS_TIER', 'defaults F2', [150000]],
  ['CS_TIER', 'omitted optionals F2', [150000, OMIT, OMIT, OMIT, OMIT]],
  ['CS_TIER', 'raise capped at one step', [5000, 'High', 'High']],
  ['CS_TIER', 'words case and spaces', [col(5000, 20000), '  high ', 'transactional']],
  ['CS_TIER', 'negative and blank rows', [col(150000, -5, BLANK, 15000)]],
  ['CS_TIER', 'unknown word', [5000, 'Huge']],
  ['CS_TIER', 'custom thresholds', [col(50000, 9000), OMIT, OMIT, 50000, 10000]],
  ['CS_TIER', 'thresholds reversed', [50000, OMIT, OMIT, 10000, 50000]],
  ['CS_TIER', 'per-row complexity', [col(5000, 5000, 5000), col('High', 'Medium', BLANK)]],
  ['CSM_HEADCOUNT', 'low touch default', [150, 'Low']],
  ['CSM_HEADCOUNT', 'custom ratio', [100, 'Tech Touch', 250]],
  ['CSM_HEADCOUNT', 'unknown tier', [100, 'Gold']],
  ['COST_TO_SERVE', 'zero arr', [100, 0]],
  ['COST_TO_SERVE', 'text numbers', ['$1,200', '12,000']],
  ['COST_TO_SERVE_CHECK', 'band edges', ['Low Touch', 0.05]],
  ['COST_TO_SERVE_CHECK', 'tech never below', ['tech touch', 0]],
  ['COST_TO_SERVE_CHECK', 'above', ['High Touch', 0.2500001]],
  ['CS_BENCHMARK', 'lower is better', ['CES', col(1.5, 2, 3, BLANK)]],
  ['CS_BENCHMARK', 'aliases per row', [col('logo', 'TIME_TO_VALUE', 'health_score'), col(0.9, 20, 85)]],
  ['CS_BENCHMARK', 'unknown metric, single', ['ARPU', 1]],
  ['CS_BENCHMARK', 'unknown metric, column', ['ARPU', col(1, 2)]],
  ['NRR_TARGET', 'default low end', ['Mid-market']],
  ['NRR_TARGET', 'alias and tier name', ['high touch', 'HIGH']],
  ['NRR_TARGET', 'unknown segment', ['Galaxy']],
  ['TIME_TO_VALUE', 'dates across DST', [DATE('2024-03-01'), DATE('2024-04-01')]],
  ['TIME_TO_VALUE', 'dates and ISO text per row', [col(DATE('2024-01-15'), '2024-02-10', DATE('2024-12-31')), col('2024-02-04', DATE('2024-02-01'), BLANK)]],
  ['TIME_TO_VALUE', 'before start', [DATE('2024-02-04'), DATE('2024-01-15')]],
  ['TIME_TO_VALUE', 'bad text', ['yesterday', '2024-01-01']],
  ['TIME_TO_VALUE', 'blank value date', [DATE('2024-01-15'), BLANK]],
];

const CASES: [string, string, Neutral[]][] = [
  ...REGISTRY.map((s): [string, string, Neutral[]] => [s.id, `registry example ${s.example.formula}`, [...s.example.args]]),
  ...EDGE_CASES,
];

// ---- host shapes -------------------------------------------------------------------------------
const isMarker = (v: unknown, key: string) => typeof v === 'object' && v !== null && !Array.isArray(v) && key in v;

function mapCells(v: Neutral, cell: (x: Neutral) => unknown): unknown {
  return Array.isArray(v) ? v.map((r) => (Array.isArray(r) ? r.map(cell) : cell(r))) : cell(v);
}

/** Sheets: "" blanks, undefined omitted, Dates (of the given realm) at midnight in the spreadsheet zone, scalar for one cell. */
function sheetsArgs(args: Neutral[], makeDate: (ms: number) => Date): unknown[] {
  const cell = (x: Neutral): unknown => {
    if (isMarker(x, 'blank')) return '';
    if (isMarker(x, 'omitted')) return undefined;
    if (isMarker(x, 'date')) return makeDate(midnightIn((x as { date: string }).date, ZONE));
    return x;
  };
  return args.map((a) => {
    const v = mapCells(a, cell);
    return Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v;
  });
}

/** Excel (web): matrix parameters always 2-D, null for blanks and omitted arguments, serial dates. */
function excelArgs(spec: FunctionSpec, args: Neutral[]): unknown[] {
  const cell = (x: Neutral): unknown => {
    if (isMarker(x, 'blank') || isMarker(x, 'omitted')) return null;
    if (isMarker(x, 'date')) return excelSerialFromDay(dayFromIso((x as { date: string }).date)!);
    return x;
  };
  return spec.params.map((p, i) => {
    if (i >= args.length) return null;
    const v = mapCells(args[i], cell);
    return p.dimensionality === 'matrix' && !Array.isArray(v) ? [[v]] : v;
  });
}

// ---- outcomes: values and error kinds, comparable across hosts -----------------------------------
type Outcome = { value: unknown } | { error: string; message?: string };

function normalise(result: unknown, errorOf: (x: unknown) => { kind: string; message?: string } | null): Outcome {
  const cell = (x: unknown): unknown => {
    const e = errorOf(x);
    return e ? { error: e.kind } : x;
  };
  if (Array.isArray(result)) {
    // One result cell that is an error: Sheets throws it; Excel/core return it in a 1×1 array.
    if (result.length === 1 && Array.isArray(result[0]) && result[0].length === 1) {
      const e = errorOf(result[0][0]);
      if (e) return { error: e.kind, message: e.message };
    }
    return { value: result.map((r: unknown[]) => r.map(cell)) };
  }
  const e = errorOf(result);
  return e ? { error: e.kind, message: e.message } : { value: result };
}

const coreError = (x: unknown) => (x instanceof CellError ? { kind: x.code, message: x.toString() } : null);
const sheetsRowError = (x: unknown) => {
  if (typeof x !== 'string') return null;
  const kind = kindOfMessage(x);
  return kind ? { kind, message: x } : null;
};

let sheets: LoadedProject;
beforeAll(() => {
  sheets = loadAppsScriptProject({ spreadsheetTimeZone: ZONE });
});

function runCore(spec: FunctionSpec, args: Neutral[]): Outcome {
  return normalise(spec.invoke(sheetsArgs(args, (ms) => new Date(ms)), { timeZone: ZONE }), coreError);
}

function runSheets(spec: FunctionSpec, args: Neutral[]): Outcome {
  const fn = sheets.global<(...a: unknown[]) => unknown>(spec.id);
  const shaped = sheetsArgs(args, sheets.date);
  while (shaped.length && shaped[shaped.length - 1] === undefined) shaped.pop(); // Sheets passes nothing for trailing omitted args
  try {
    return normalise(fn(...shaped), sheetsRowError);
  } catch (e) {
    const message = (e as Error).message;
    return { error: kindOfMessage(message) ?? `not an error kind: ${message}`, message };
  }
}

const sameValues = (a: Outcome, b: Outcome) => {
  expect('error' in a ? { error: a.error } : a).toEqual('error' in b ? { error: b.error } : b);
};

describe('Sheets wrappers and core give identical results on the shared table', () => {
  it('covers every registry function with its example and at least two edge inputs', () => {
    for (const spec of REGISTRY) expect(EDGE_CASES.filter(([id]) => id === spec.id).length).toBeGreaterThanOrEqual(2);
    expect(new Set(EDGE_CASES.map(([id]) => id))).toEqual(new Set(REGISTRY.map((s) => s.id)));
  });

  it.each(CASES)('%s: %s', (id, _label, args) => {
    const spec = REGISTRY.find((s) => s.id === id)!;
    const core = runCore(spec, args);
    const fromSheets = runSheets(spec, args);
    sameValues(fromSheets, core);
    // Sheets carries core's whole message ("#CODE: message"), not only its kind.
    if ('error' in core) expect((fromSheets as { message?: string }).message).toBe(core.message);
  });

  it('the table holds both values and every error kind', () => {
    const kinds = new Set(CASES.map(([id, , args]) => runCore(REGISTRY.find((s) => s.id === id)!, args)).map((o) => ('error' in o ? o.error : 'value')));
    expect([...kinds].sort()).toEqual(['#DIV/0!', '#N/A', '#NUM!', '#VALUE!', 'value']);
  });
});

// ---- Excel ------------------------------------------------------------------------------------------
const ERROR_CODE = {
  invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!',
  nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!',
} as const;

/** excel-addin/dist/functions.js in its own vm, with a CustomFunctions stand-in collecting associate() calls. */
function loadExcelFunctions(): { functions: Map<string, (...a: unknown[]) => unknown>; ErrorClass: new (code: string, message?: string) => { code: string; message?: string } } {
  const functions = new Map<string, (...a: unknown[]) => unknown>();
  class CustomFunctionsError extends Error {
    constructor(readonly code: string, message?: string) {
      super(message);
    }
  }
  const associate = (id: string | Record<string, (...a: unknown[]) => unknown>, fn?: (...a: unknown[]) => unknown) => {
    if (typeof id === 'string') functions.set(id.toUpperCase(), fn!);
    else for (const [k, f] of Object.entries(id)) functions.set(k.toUpperCase(), f);
  };
  const context = vm.createContext({
    CustomFunctions: { associate, Error: CustomFunctionsError, ErrorCode: ERROR_CODE },
    Office: { onReady: () => Promise.resolve({ host: 'Excel' }), actions: { associate: () => undefined } },
    console: { log: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined },
  });
  vm.runInContext(readFileSync(EXCEL_BUNDLE, 'utf8'), context, { filename: 'excel-addin/dist/functions.js' });
  return { functions, ErrorClass: CustomFunctionsError };
}

describe('Excel wrappers', () => {
  if (existsSync(EXCEL_BUNDLE)) {
    const excel = loadExcelFunctions();
    const excelError = (x: unknown) => (x instanceof excel.ErrorClass ? { kind: x.code, message: x.message } : null);

    it('register every registry function with CustomFunctions.associate', () => {
      expect([...excel.functions.keys()].sort()).toEqual(REGISTRY.map((s) => s.id).sort());
    });

    it.each(CASES)('%s: %s gives the Sheets result and error kind', async (id, _label, args) => {
      const spec = REGISTRY.find((s) => s.id === id)!;
      const fn = excel.functions.get(id);
      expect(fn).toBeDefined();
      let outcome: Outcome;
      try {
        outcome = normalise(await fn!(...excelArgs(spec, args)), excelError);
      } catch (e) {
        const err = excelError(e);
        outcome = err ? { error: err.kind } : { error: `thrown non-error: ${String(e)}` };
      }
      sameValues(outcome, runSheets(spec, args));
    });
  } else if (existsSync(EXCEL_BUILD_MODULE)) {
    it('are built (scripts/build-excel-functions.mjs exists, so npm run build must write excel-addin/dist/functions.js)', () => {
      throw new Error(
        `excel-addin/dist/functions.js is missing although scripts/build-excel-functions.mjs exists: ` +
          `run \`npm run build\` (jest's global setup runs it) and fix the Excel build; cross-host parity cannot be checked without it.`,
      );
    });
  } else {
    it('are not part of the build yet (no scripts/build-excel-functions.mjs); they join this test once it exists', () => {
      expect(existsSync(EXCEL_BUILD_MODULE)).toBe(false);
    });
  }
});
