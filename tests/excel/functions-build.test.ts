/**
 * The Excel functions build: the generated source is what the registry gives, and any
 * custom-functions-metadata error fails the build (run on small sources in a temp dir with the build's
 * own metadataFromSource).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY } from '../../core/src/registry';
import { GENERATED_HEADER, renderFunctionsSource } from '../../excel-addin/src/functions/generate';
import { ROOT } from './helpers-functions';

const BUILD_MODULE = join(ROOT, 'scripts', 'build-excel-functions.mjs');

/** Runs the build module's metadataFromSource on `source` in a child node; returns its exit and output. */
function metadataOf(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-meta-'));
  const file = join(dir, 'functions.ts');
  writeFileSync(file, source);
  const script =
    `import { metadataFromSource } from ${JSON.stringify(BUILD_MODULE)};\n` +
    `const r = await metadataFromSource(${JSON.stringify(file)});\n` +
    `process.stdout.write(JSON.stringify(r.metadata));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('functions.generated.ts', () => {
  const onDisk = readFileSync(join(ROOT, 'excel-addin', 'src', 'functions', 'functions.generated.ts'), 'utf8');

  it('says it is generated, in its first line', () => {
    expect(onDisk.split('\n')[0]).toBe(GENERATED_HEADER);
    expect(GENERATED_HEADER).toMatch(/GENERATED .*do not edit.*npm run build/);
  });

  it('is exactly what the registry gives (regenerate with npm run build)', () => {
    expect(onDisk).toBe(renderFunctionsSource(REGISTRY, 'CS'));
  });

  it('has one top-level function per registry id, each calling the adapter, and the associate calls', () => {
    for (const f of REGISTRY) {
      expect(onDisk).toMatch(new RegExp(`^export function ${f.id}\\(`, 'm'));
      expect(onDisk).toContain(`@customfunction ${f.id}\n`);
      expect(onDisk).toContain(`  return adapt("${f.id}", [`);
      expect(onDisk).toContain(`  associate("${f.id}", ${f.id});`);
    }
  });
});

describe('custom-functions-metadata in the build', () => {
  const good = `
/**
 * Adds one. Example: =CS.PLUS_ONE(1) → 2
 * @customfunction PLUS_ONE
 * @param x - A number.
 * @example this tag is not supported by the metadata generator
 * @returns x + 1.
 */
export function PLUS_ONE(x: any): any { return x + 1; }
`;

  it('passes a good source (the check can pass) and keeps only the untagged text as the description', () => {
    const r = metadataOf(good);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.functions[0].id).toBe('PLUS_ONE');
    // an unknown tag such as @example is dropped: hence "Example: …" in the description text
    expect(m.functions[0].description).toBe('Adds one. Example: =CS.PLUS_ONE(1) → 2');
    expect(m.functions[0].parameters[0]).toEqual({ description: 'A number.', name: 'x', type: 'any' });
  });

  it('fails on a metadata error (a duplicate id), naming it', () => {
    const bad = good + good.replace('export function PLUS_ONE', 'export function PLUS_ONE_AGAIN');
    const r = metadataOf(bad);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/custom-functions-metadata found \d+ error\(s\)/);
    expect(r.stderr).toMatch(/duplicate id: PLUS_ONE/);
  });

  it('fails on a metadata error (an invalid id)', () => {
    const r = metadataOf(good.replace('@customfunction PLUS_ONE', '@customfunction PLUS-ONE'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/custom-functions-metadata found \d+ error\(s\)/);
  });

  it('fails when a source has no custom function at all', () => {
    const r = metadataOf('export function f() { return 1; }\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no @customfunction/);
  });
});
