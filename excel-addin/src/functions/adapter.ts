/**
 * The one adapter between Excel's custom-functions runtime and core (every generated function calls it).
 *
 * In: what Excel passes to `any` / `any[][]` parameters goes to core unconverted (core's normaliser reads
 * blanks as 0 on desktop or null on the web, serial dates, text numbers, and error values: a
 * `CustomFunctions.Error` with its ErrorCode string, or a rich `{ type: "Error", errorType, basicValue }`).
 * The adapter's only change: `null` for an omitted optional argument becomes "omitted" (undefined), so the
 * registry default applies (Excel never applies TS default values).
 *
 * Out: a CellError becomes a thrown `CustomFunctions.Error` (a real error value, ISERROR() is TRUE); inside a
 * returned 2-D array (the vectorised functions' per-row errors) it becomes an error element. Only #VALUE! and
 * #N/A carry the message; #DIV/0! and #NUM! cannot. A blank result cell is "" (a returned null shows as 0).
 */
import { CellError, numError, type ErrorCode } from '../../../core/src/errors';
import { REGISTRY, type FunctionSpec } from '../../../core/src/registry';

const BY_ID = new Map<string, FunctionSpec>(REGISTRY.map((f) => [f.id, f]));

/** core's code → the CustomFunctions.ErrorCode member (read at run time: it is a runtime enum). */
const ERROR_CODE_KEY: Record<ErrorCode, 'invalidValue' | 'divisionByZero' | 'invalidNumber' | 'notAvailable'> = {
  '#VALUE!': 'invalidValue',
  '#DIV/0!': 'divisionByZero',
  '#NUM!': 'invalidNumber',
  '#N/A': 'notAvailable',
};
/** Excel shows a custom message only for these (platform-facts §1.3). */
const MESSAGE_ALLOWED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['#VALUE!', '#N/A']);

export function toExcelError(error: CellError): CustomFunctions.Error {
  const code = CustomFunctions.ErrorCode[ERROR_CODE_KEY[error.code] ?? 'invalidValue'];
  return MESSAGE_ALLOWED.has(error.code) && error.message
    ? new CustomFunctions.Error(code, error.message)
    : new CustomFunctions.Error(code);
}

/** Excel's arguments → core's: null in an optional position means omitted. */
export function coreArgs(spec: FunctionSpec, args: readonly unknown[]): unknown[] {
  return spec.params.map((p, i) => (p.optional && args[i] === null ? undefined : args[i]));
}

type Out = { ok: true; value: unknown } | { ok: false; error: CustomFunctions.Error };

/** One result cell for Excel: errors as error values, nothing as "", never NaN/Infinity. */
function excelCell(v: unknown): unknown {
  if (v instanceof CellError) return toExcelError(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return toExcelError(numError('values too large'));
  return v;
}

function compute(id: string, args: readonly unknown[]): Out {
  try {
    const spec = BY_ID.get(id);
    if (!spec) return { ok: false, error: toExcelError(new CellError('#VALUE!', `unknown function ${id}`)) };
    const result = spec.invoke(coreArgs(spec, args));
    if (Array.isArray(result)) return { ok: true, value: result.map((row) => (Array.isArray(row) ? row : [row]).map(excelCell)) };
    if (result instanceof CellError) return { ok: false, error: toExcelError(result) };
    if (typeof result === 'number' && !Number.isFinite(result)) return { ok: false, error: toExcelError(numError('values too large')) };
    return { ok: true, value: result ?? '' };
  } catch (e) {
    const message = e instanceof Error ? e.message : 'unknown';
    return { ok: false, error: toExcelError(new CellError('#VALUE!', `internal error in ${id}: ${message}`)) };
  }
}

/**
 * Runs registry function `id` on Excel's arguments. Returns a value or a 2-D array (error elements inside);
 * a whole-call error is thrown as a `CustomFunctions.Error`, which Excel shows as that error value.
 */
export function adapt(id: string, args: readonly unknown[]): any {
  const out = compute(id, args);
  if (!out.ok) throw out.error;
  return out.value;
}
