/**
 * The BUILT excel-addin/dist/functions.js, loaded in a fresh `vm` context that has nothing but a stand-in
 * `CustomFunctions` (no Office, no DOM), the way Excel's runtime offers it; plus Excel-shaped arguments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

export const ROOT = join(__dirname, '..', '..');
export const DIST = join(ROOT, 'excel-addin', 'dist');

/** CustomFunctions.ErrorCode with its real string values (platform-facts §1.3, @types/custom-functions-runtime). */
export const ERROR_CODE = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** Stand-in for CustomFunctions.Error: records the code, the message, and whether a message was passed at all. */
export class StandInError {
  readonly code: string;
  readonly message?: string;
  readonly messagePassed: boolean;
  constructor(code: string, ...rest: [message?: string]) {
    this.code = code;
    this.messagePassed = rest.length > 0;
    if (rest.length > 0) this.message = rest[0];
  }
}

export interface LoadedFunctions {
  /** The ids passed to CustomFunctions.associate, in call order. */
  associatedIds: string[];
  functions: Map<string, (...args: unknown[]) => unknown>;
  context: vm.Context;
}

export function loadFunctions(withCustomFunctions = true): LoadedFunctions {
  const associatedIds: string[] = [];
  const functions = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = {
    Error: StandInError,
    ErrorCode: { ...ERROR_CODE },
    associate(idOrMap: string | Record<string, (...a: unknown[]) => unknown>, fn?: (...a: unknown[]) => unknown) {
      const pairs = typeof idOrMap === 'string' ? [[idOrMap, fn!] as const] : Object.entries(idOrMap);
      for (const [id, f] of pairs) {
        associatedIds.push(id);
        functions.set(id, f);
      }
    },
  };
  const context = vm.createContext(withCustomFunctions ? { CustomFunctions } : {});
  vm.runInContext(readFileSync(join(DIST, 'functions.js'), 'utf8'), context, { filename: 'functions.js' });
  return { associatedIds, functions, context };
}

/** Copies arrays made inside the vm context into this realm (errors stay StandInError instances). */
function plain(v: unknown): unknown {
  return Array.isArray(v) ? Array.from(v, plain) : v;
}

/**
 * Calls an associated function as Excel does. Returns its value, or the CustomFunctions.Error it threw
 * (Excel shows a thrown CustomFunctions.Error as that error value).
 */
export function callerFor(loaded: LoadedFunctions) {
  return (id: string, ...args: unknown[]): unknown => {
    const fn = loaded.functions.get(id);
    if (!fn) throw new Error(`${id} was not associated`);
    try {
      return plain(fn(...args));
    } catch (e) {
      if (e instanceof StandInError) return e;
      throw e;
    }
  };
}

/** How Excel passes input (spec/functions.md "How input arrives"): matrices always, null when omitted. */
export interface ExcelHost {
  name: string;
  /** A blank cell inside a range: 0 on desktop, null on the web. */
  blank: 0 | null;
}
export const WEB: ExcelHost = { name: 'Excel web', blank: null };
export const DESKTOP: ExcelHost = { name: 'Excel desktop', blank: 0 };
export const EXCEL_HOSTS = [WEB, DESKTOP];
/** An omitted optional argument. */
export const OMITTED = null;
export const BLANK = Symbol('blank');

type In = unknown;
const cellFor = (host: ExcelHost, v: In) => (v === BLANK ? host.blank : v);
/** A column range (any[][], N×1). */
export const col = (host: ExcelHost, ...values: In[]): unknown[][] => values.map((v) => [cellFor(host, v)]);
/** A row range (any[][], 1×N). */
export const row = (host: ExcelHost, ...values: In[]): unknown[][] => [values.map((v) => cellFor(host, v))];
/** One value given to an any[][] parameter: Excel passes a 1×1 matrix. */
export const one = (v: In): unknown[][] => [[v]];

/** The Excel serial number of an ISO calendar day (days since 1899-12-30). */
export function serial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

export function expectExcelError(result: unknown, code: string, message?: string | RegExp): void {
  expect(result).toBeInstanceOf(StandInError);
  const e = result as StandInError;
  expect(e.code).toBe(code);
  if (code === ERROR_CODE.divisionByZero || code === ERROR_CODE.invalidNumber) {
    // Excel cannot show a message with #DIV/0! or #NUM!: none is passed.
    expect(e.messagePassed).toBe(false);
    expect(e.message).toBeUndefined();
  } else if (typeof message === 'string') {
    expect(e.message).toBe(message);
  } else if (message) {
    expect(e.message).toMatch(message);
  }
}
