// Builds the Google Sheets Apps Script project in sheets-addon/dist/ (pushed by `clasp push`, see .clasp.json).
// Called by scripts/build.mjs (before build-sheets-sidebar.mjs).
//
//   00_cs_core.js     esbuild IIFE of sheets-addon/src/core-bundle.ts: `var CSCore = (() => {...})();`
//                     (core + the Sheets adapter; no module system in Apps Script)
//   10_functions.js   GENERATED from core/src/registry.ts: one top-level `function ID(...)` per catalogue
//                     entry, each under its @customfunction JSDoc (Sheets shows it while typing)
//   20_server.js      only when the sidebar/server entry exists (sheets-addon/src/main.ts, else
//                     sheets-addon/src/server/index.ts): an IIFE `var CSServer = ...` whose footer declares one
//                     top-level `function NAME() { return CSServer.NAME.apply(this, arguments); }` per named
//                     export (onOpen, onInstall, showSidebar, google.script.run targets)
//   appsscript.json   copied from the repository root
//
// File names sort in load order, and .clasp.json's filePushOrder says the same.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIST = path.join(ROOT, 'sheets-addon/dist');
export const CORE_FILE = '00_cs_core.js';
export const FUNCTIONS_FILE = '10_functions.js';
export const SERVER_FILE = '20_server.js';
const SERVER_ENTRIES = ['sheets-addon/src/main.ts', 'sheets-addon/src/server/index.ts'];
// Apps Script V8 runs modern JS, but lowering a little costs nothing and avoids surprises.
const TARGET = 'es2019';

/** JS words that cannot be parameter names (registry params are snake_case, e.g. QUICK_RATIO's `new`). */
const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends ' +
  'false finally for function if implements import in instanceof interface let new null package private protected ' +
  'public return static super switch this throw true try typeof var void while with yield await arguments eval').split(' '));

export const paramName = (name) => (RESERVED.has(name) ? `${name}_value` : name);

/** Text that is safe inside a JSDoc block comment, on one line. */
const doc = (text) => String(text).replace(/\*\//g, '*\u200b/').replace(/\s*\n\s*/g, ' ').trim();

const JSDOC_TYPES = {
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  date: 'Date|string',
  any: '*',
  matrix: 'number|Array<Array<number>>',
};

function paramType(p) {
  if (p.dimensionality === 'matrix') {
    const inner = p.type === 'number' ? 'number' : p.type === 'date' ? 'Date|string' : p.type === 'string' ? 'string' : '*';
    return `${inner}|Array<Array<${inner}>>`;
  }
  return JSDOC_TYPES[p.type] ?? '*';
}

function formatResult(result) {
  if (Array.isArray(result)) return `{${result.map((row) => row.map((v) => JSON.stringify(v)).join(', ')).join('; ')}}`;
  return JSON.stringify(result);
}

export const ROW_ERROR_NOTE = 'In a spilled column a row\'s error shows as its text.';

function customFunctionSource(spec, limits) {
  const names = spec.params.map((p) => paramName(p.name));
  const lines = ['/**', ` * ${doc(spec.summary)}`];
  // Host notes come from the registry (Sheets ones only); vectorised functions always say how a row's error shows.
  const notes = spec.hostNotes.filter((n) => n.host === 'sheets').map((n) => n.note);
  if (spec.vectorised) notes.unshift(ROW_ERROR_NOTE);
  if (spec.vectorised) {
    notes.push(`Returns at most ${limits.MAX_RESULT_CELLS.toLocaleString('en-US')} cells; for larger data use the sidebar's tab generation.`);
  }
  for (const n of notes) lines.push(` * ${doc(n)}`);
  lines.push(` * Example: ${doc(spec.example.formula)} returns ${doc(formatResult(spec.example.result))}.`);
  lines.push(' *');
  spec.params.forEach((p, i) => {
    const name = p.optional ? `[${names[i]}]` : names[i];
    const dflt = p.default !== undefined ? ` Optional; default ${JSON.stringify(p.default)}.` : p.optional ? ' Optional.' : '';
    lines.push(` * @param {${paramType(p)}} ${name} ${doc(p.description)}${dflt}`);
  });
  const returnType = spec.returns.type === 'matrix' ? 'Array<Array<number|string>>' : spec.returns.type;
  lines.push(` * @return {${returnType}} ${doc(spec.returns.description)}`);
  lines.push(` * @example ${doc(spec.example.formula)}`);
  lines.push(' * @customfunction');
  lines.push(' */');
  lines.push(`function ${spec.id}(${names.join(', ')}) {`);
  lines.push(`  return CSCore.callFromSheets(${JSON.stringify(spec.id)}, arguments);`);
  lines.push('}');
  return lines.join('\n');
}

/** Evaluate the built core bundle the way Apps Script does (one global scope) and read its registry. */
function loadCore(code) {
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: CORE_FILE });
  const core = vm.runInContext('CSCore', context);
  if (!core || !Array.isArray(core.REGISTRY)) throw new Error(`${CORE_FILE} does not define CSCore.REGISTRY`);
  return core;
}

async function exportNames(entry) {
  const result = await build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', target: TARGET,
    write: false, metafile: true, outdir: 'out-metafile', logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs).filter((o) => o.entryPoint);
  return outputs.flatMap((o) => o.exports).filter((n) => n !== 'default');
}

export default async function buildSheetsFunctions() {
  mkdirSync(DIST, { recursive: true });
  for (const f of [CORE_FILE, FUNCTIONS_FILE, SERVER_FILE, 'appsscript.json']) rmSync(path.join(DIST, f), { force: true });

  // 1. core + adapter as one IIFE with a global name.
  const coreBuild = await build({
    entryPoints: [path.join(ROOT, 'sheets-addon/src/core-bundle.ts')],
    bundle: true, format: 'iife', globalName: 'CSCore', platform: 'neutral', target: TARGET,
    mainFields: ['module', 'main'], write: false, minify: false, legalComments: 'none', logLevel: 'warning',
    banner: { js: '// Generated by scripts/build-sheets-functions.mjs from sheets-addon/src/core-bundle.ts: do not edit.\n// CS Sheets core for Apps Script: defines the global CSCore used by 10_functions.js.' },
    outfile: path.join(DIST, CORE_FILE),
  });
  const coreCode = coreBuild.outputFiles[0].text;
  writeFileSync(path.join(DIST, CORE_FILE), coreCode);

  // 2. the custom-function wrappers, generated from the registry inside the bundle just built.
  const core = loadCore(coreCode);
  const ids = core.REGISTRY.map((s) => s.id);
  const header = [
    '// Generated by scripts/build-sheets-functions.mjs from core/src/registry.ts: do not edit.',
    `// ${ids.length} Google Sheets custom functions. Each is a top-level function (Apps Script finds custom functions`,
    '// only there) whose @customfunction JSDoc Sheets shows while typing; each calls CSCore (00_cs_core.js).',
    '',
  ].join('\n');
  const limits = { MAX_RESULT_CELLS: core.MAX_RESULT_CELLS, MAX_INPUT_CELLS: core.MAX_INPUT_CELLS };
  const body = core.REGISTRY.map((spec) => customFunctionSource(spec, limits)).join('\n\n');
  writeFileSync(path.join(DIST, FUNCTIONS_FILE), `${header}\n${body}\n`);

  // 3. the sidebar/server entry, when its author has written it: top-level functions for every export.
  const serverEntry = SERVER_ENTRIES.map((p) => path.join(ROOT, p)).find((p) => existsSync(p));
  if (serverEntry) {
    // The server entry is another engineer's work in progress: if it does not bundle, say so and leave
    // 20_server.js out (tests/sheets/functions.test.ts then fails naming it) instead of failing every build.
    try {
      await buildServer(serverEntry, ids);
    } catch (e) {
      rmSync(path.join(DIST, SERVER_FILE), { force: true });
      console.warn(`build-sheets-functions: ${path.relative(ROOT, serverEntry)} did not bundle, so ${SERVER_FILE} was not written:\n${e.message}`);
    }
  }

  // 4. the manifest.
  copyFileSync(path.join(ROOT, 'appsscript.json'), path.join(DIST, 'appsscript.json'));
}

async function buildServer(serverEntry, ids) {
  {
    const names = await exportNames(serverEntry);
    const clash = names.filter((n) => ids.includes(n) || n === 'CSCore' || n === 'CSServer');
    if (clash.length) throw new Error(`${path.relative(ROOT, serverEntry)} exports ${clash.join(', ')}, which clash with custom functions or globals`);
    const footer = names.map((n) => `function ${n}() {\n  return CSServer.${n}.apply(this, arguments);\n}`).join('\n');
    await build({
      entryPoints: [serverEntry],
      bundle: true, format: 'iife', globalName: 'CSServer', platform: 'neutral', target: TARGET,
      mainFields: ['module', 'main'], minify: false, legalComments: 'none', logLevel: 'warning',
      banner: { js: `// Generated by scripts/build-sheets-functions.mjs from ${path.relative(ROOT, serverEntry)}: do not edit.` },
      footer: { js: `// Top-level entry points (menu handlers, triggers, google.script.run targets).\n${footer}` },
      outfile: path.join(DIST, SERVER_FILE),
    });
  }
}

// Allow `node scripts/build-sheets-functions.mjs` on its own.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await buildSheetsFunctions();
}
