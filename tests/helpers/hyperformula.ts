/**
 * A real formula engine for tests: HyperFormula 3.5 with the whole catalogue registered
 * FROM THE REGISTRY (one FunctionPlugin whose implementedFunctions loop over REGISTRY).
 * Values cross the boundary the way a host passes them: ranges as 2-D arrays, empty cells
 * as null (Excel web), HyperFormula errors as core CellErrors, and back again.
 */
import {
  ArraySize,
  CellError as HfCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
} from 'hyperformula';
import { CellError, type ErrorCode } from '../../core/src/errors';
import { REGISTRY, type FunctionResult, type FunctionSpec } from '../../core/src/registry';

const TO_HF: Record<ErrorCode, ErrorType> = {
  '#VALUE!': ErrorType.VALUE,
  '#DIV/0!': ErrorType.DIV_BY_ZERO,
  '#NUM!': ErrorType.NUM,
  '#N/A': ErrorType.NA,
};
const FROM_HF: Partial<Record<ErrorType, ErrorCode>> = {
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.NA]: '#N/A',
};

export function coreErrorFromHf(e: HfCellError): CellError {
  const code = FROM_HF[e.type];
  return code ? new CellError(code, e.message ?? '') : new CellError('#VALUE!', `input holds #${e.type}`);
}

export function hfErrorFromCore(e: CellError): HfCellError {
  return new HfCellError(TO_HF[e.code], e.message);
}

/** One HyperFormula scalar → what a host would pass. */
function hostScalar(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof HfCellError) return coreErrorFromHf(v);
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: number }).val; // DateNumber, PercentNumber…
  return v;
}

/** An evaluated argument → host shape: a range becomes a 2-D array, a scalar stays scalar (like Sheets). */
export function hostValue(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map(hostScalar));
  return hostScalar(v);
}

function hfCell(v: unknown): unknown {
  return v instanceof CellError ? hfErrorFromCore(v) : v;
}

function hfResult(result: FunctionResult): unknown {
  if (Array.isArray(result)) return SimpleRangeValue.onlyValues(result.map((row) => row.map(hfCell)) as never);
  return hfCell(result);
}

const methodName = (spec: FunctionSpec) => `cs_${spec.id.toLowerCase()}`;

type Ast = { args: unknown[] };
type PluginThis = {
  evaluateAst(ast: unknown, state: unknown): unknown;
  arraySizeForAst(ast: unknown, state: unknown): ArraySize;
};

export class CatalogPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = {};
}

for (const spec of REGISTRY) {
  const method = methodName(spec);
  CatalogPlugin.implementedFunctions[spec.id] = {
    method,
    parameters: spec.params.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional })),
    vectorizationForbidden: true,
    ...(spec.spill ? { sizeOfResultArrayMethod: `${method}Size` } : {}),
  };
  const proto = CatalogPlugin.prototype as unknown as Record<string, unknown>;
  proto[method] = function (this: PluginThis, ast: Ast, state: unknown) {
    const args = ast.args.map((a) => hostValue(this.evaluateAst(a, state)));
    return hfResult(spec.invoke(args));
  };
  const spill = spec.spill;
  if (spill) {
    proto[`${method}Size`] = function (this: PluginThis, ast: Ast, state: unknown) {
      if ('fixed' in spill) return new ArraySize(spill.fixed[1], spill.fixed[0]);
      const rows = Math.max(1, ...spill.rowsFrom.filter((i) => i < ast.args.length).map((i) => this.arraySizeForAst(ast.args[i], state).height));
      return new ArraySize(1, rows);
    };
  }
}

let registered = false;

/** Register the catalogue once per process. */
export function registerCatalogue(): void {
  if (registered) return;
  const names = Object.fromEntries(REGISTRY.map((f) => [f.id, f.id]));
  HyperFormula.registerFunctionPlugin(CatalogPlugin, { enGB: names });
  registered = true;
}

/** A HyperFormula instance over one sheet of raw cell contents, with the catalogue available. */
export function buildEngine(sheet: unknown[][]): HyperFormula {
  registerCatalogue();
  return HyperFormula.buildFromArray(sheet as never, { licenseKey: 'gpl-v3', smartRounding: false });
}
