/**
 * Excel custom functions from the registry (core/src/registry.ts), used by
 * scripts/build-excel-functions.mjs and by the tests:
 * - `renderFunctionsSource` writes functions.generated.ts: one top-level `function` per registry
 *   entry with the JSDoc that custom-functions-metadata reads, plus `registerAll` (the associate calls);
 * - `finishMetadata` completes what the metadata generator cannot emit (allowErrorForDataTypeAny,
 *   parameter names that are reserved words in TypeScript) and checks the result against the registry.
 * Pure: no fs, no host API.
 */
import type { FunctionExample, FunctionSpec, ParamSpec } from '../../../core/src/registry';

export const GENERATED_HEADER =
  '// GENERATED from core/src/registry.ts by scripts/build-excel-functions.mjs: do not edit; regenerate with `npm run build`.';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval any'
  ).split(' '),
);

/** The TypeScript identifier for a registry parameter (`new` → `new_`); Excel still shows the registry name. */
export function tsParamName(name: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`parameter name ${JSON.stringify(name)} is not an identifier`);
  return RESERVED.has(name) ? `${name}_` : name;
}

/** Text that goes inside a JSDoc comment unchanged, or a build error naming the problem. */
function jsdocText(where: string, text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.includes('*/') || flat.includes('@') || flat.startsWith('{') || flat.startsWith('-')) {
    throw new Error(`${where}: text cannot go into JSDoc as is (contains "*/", "@" or starts with "{"/"-"): ${flat}`);
  }
  return flat;
}

function formatValue(v: number | string): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** "=CS.NRR(1000000, 150000, 25000, 25000) → 1.1", or "→ spills {…}" for a 2-D result. */
export function excelExample(example: FunctionExample, namespace: string): string {
  const formula = example.formula.replace(/^=\s*([A-Z_][A-Z0-9_.]*)\(/, `=${namespace}.$1(`);
  const r = example.result;
  const result = Array.isArray(r) ? `spills {${r.map((row) => row.map(formatValue).join(', ')).join('; ')}}` : formatValue(r);
  return `${formula} → ${result}`;
}

/** The function's help text in Excel: summary, the Excel host notes, and the example. */
export function excelDescription(spec: FunctionSpec, namespace: string): string {
  const parts = [spec.summary, ...spec.hostNotes.filter((n) => n.host === 'excel').map((n) => n.note)];
  parts.push(`Example: ${excelExample(spec.example, namespace)}`);
  return jsdocText(spec.id, parts.join(' '));
}

/** A parameter's help text in Excel (the registry's description; Excel limits it to 128 characters). */
export function excelParamDescription(spec: FunctionSpec, p: ParamSpec): string {
  return jsdocText(`${spec.id}(${p.name})`, p.description);
}

function paramDecl(p: ParamSpec): string {
  // `any` so that blanks, text, booleans and error values reach core's normaliser unconverted.
  return `${tsParamName(p.name)}${p.optional ? '?' : ''}: ${p.dimensionality === 'matrix' ? 'any[][]' : 'any'}`;
}

function renderFunction(spec: FunctionSpec, namespace: string): string {
  const params = spec.params.map((p) => tsParamName(p.name));
  const returns = spec.returns.type === 'matrix' ? 'any[][]' : 'any';
  return [
    '/**',
    ` * ${excelDescription(spec, namespace)}`,
    ` * @customfunction ${spec.id}`,
    ...spec.params.map((p) => ` * @param ${tsParamName(p.name)} - ${excelParamDescription(spec, p)}`),
    ` * @returns ${jsdocText(`${spec.id} returns`, spec.returns.description)}`,
    ' */',
    `export function ${spec.id}(${spec.params.map(paramDecl).join(', ')}): ${returns} {`,
    `  return adapt(${JSON.stringify(spec.id)}, [${params.join(', ')}]);`,
    '}',
  ].join('\n');
}

/** The whole functions.generated.ts. */
export function renderFunctionsSource(registry: readonly FunctionSpec[], namespace: string): string {
  const ids = registry.map((f) => f.id);
  for (const id of ids) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(id)) throw new Error(`function id ${id} is not usable as a TypeScript function name`);
  }
  return [
    GENERATED_HEADER,
    '/* eslint-disable */',
    '// One top-level function per registry entry (custom-functions-metadata reads only top-level function',
    `// declarations); Excel shows them as =${namespace}.<ID>. Each body calls the one adapter.`,
    "import { adapt } from './adapter';",
    '',
    ...registry.map((f) => renderFunction(f, namespace) + '\n'),
    '/** Registers every function above under its registry id (esbuild has no metadata plugin to do it). */',
    'export function registerAll(associate: (id: string, fn: (...args: any[]) => unknown) => void): void {',
    ...ids.map((id) => `  associate(${JSON.stringify(id)}, ${id});`),
    '}',
    '',
    `/** The registry ids, in registry order. */`,
    `export const FUNCTION_IDS: readonly string[] = ${JSON.stringify(ids)};`,
    '',
  ].join('\n');
}

export interface MetadataParam {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  [key: string]: unknown;
}
export interface MetadataFunction {
  id: string;
  name: string;
  description?: string;
  parameters: MetadataParam[];
  result: { type?: string; dimensionality?: string };
  [key: string]: unknown;
}
export interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: MetadataFunction[];
  [key: string]: unknown;
}

/**
 * The generator's functions.json → the shipped one:
 * - `allowErrorForDataTypeAny: true` when any registry parameter accepts errors. Excel defines it as a
 *   top-level property that applies to every `any`/`any[][]` parameter (every parameter here is `any`);
 *   the generator cannot emit it (platform-facts §1.1);
 * - parameter names back to the registry's (`new_` → `new`);
 * - checks: the ids, parameter names/order and descriptions match the registry; all parameters are `any`.
 * Throws on any mismatch, which fails the build.
 */
export function finishMetadata(raw: Metadata, registry: readonly FunctionSpec[], namespace: string): Metadata {
  const problems: string[] = [];
  const ids = raw.functions.map((f) => f.id);
  if (ids.join() !== registry.map((f) => f.id).join()) problems.push(`ids ${ids.join()} differ from the registry`);
  const functions = raw.functions.map((fn) => {
    const spec = registry.find((f) => f.id === fn.id);
    if (!spec) return fn;
    if (fn.description !== excelDescription(spec, namespace)) problems.push(`${fn.id}: description differs from the registry`);
    if (fn.parameters.length !== spec.params.length) problems.push(`${fn.id}: ${fn.parameters.length} parameters, registry has ${spec.params.length}`);
    const parameters = fn.parameters.map((p, i) => {
      const rp = spec.params[i];
      if (!rp) return p;
      if (p.name !== tsParamName(rp.name)) problems.push(`${fn.id}: parameter ${i + 1} is ${p.name}, registry has ${rp.name}`);
      if ((p.type ?? 'any') !== 'any') problems.push(`${fn.id}(${rp.name}): type ${p.type}, must be any`);
      if (p.description !== excelParamDescription(spec, rp)) problems.push(`${fn.id}(${rp.name}): description differs from the registry`);
      if (Boolean(p.optional) !== rp.optional) problems.push(`${fn.id}(${rp.name}): optional differs from the registry`);
      const wantDim = rp.dimensionality === 'matrix' ? 'matrix' : undefined;
      if (p.dimensionality !== wantDim) problems.push(`${fn.id}(${rp.name}): dimensionality ${p.dimensionality ?? 'scalar'}, registry has ${rp.dimensionality}`);
      return { ...p, name: rp.name };
    });
    return { ...fn, parameters };
  });
  if (problems.length) throw new Error(`functions.json does not match the registry:\n  ${problems.join('\n  ')}`);

  const acceptsErrors = registry.some((f) => f.params.some((p) => p.acceptsErrors));
  const { functions: _ignored, allowErrorForDataTypeAny: _old, ...rest } = raw;
  return { ...rest, ...(acceptsErrors ? { allowErrorForDataTypeAny: true } : {}), functions };
}
