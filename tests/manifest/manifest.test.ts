/**
 * manifest.xml validated offline against the official add-in manifest schemas
 * (../shared/schemas/office-addin-manifest, with its Runtimes patch applied to a temporary copy),
 * plus what a schema cannot check: every resid resolves and the namespace is set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCHEMAS = join(ROOT, '..', 'shared', 'schemas', 'office-addin-manifest');
const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

function patchedSchemas(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'oam-')), 'schemas');
  cpSync(SCHEMAS, dir, { recursive: true });
  for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
  execFileSync('patch', ['-s', '-d', dir, '-p0', '-i', join(SCHEMAS, 'optional-patches', 'taskpane-runtimes.patch')]);
  return dir;
}

describe('manifest.xml', () => {
  it('validates against the official schemas (with the Runtimes patch)', () => {
    const schemas = patchedSchemas();
    const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(schemas, 'OfficeAppManifestV1_1.xsd'), join(ROOT, 'manifest.xml')], { encoding: 'utf8' });
    expect(r.stderr.trim()).toMatch(/manifest\.xml validates$/);
    expect(r.status).toBe(0);
  });

  it('is rejected by the same check when an element is out of order (the check can fail)', () => {
    const schemas = patchedSchemas();
    const broken = join(mkdtempSync(join(tmpdir(), 'oam-bad-')), 'manifest.xml');
    // <Version> must follow <Id>.
    writeFileSync(broken, manifest.replace(/(<Id>[^<]*<\/Id>)(\s*)(<Version>[^<]*<\/Version>)/, '$3$2$1'));
    const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(schemas, 'OfficeAppManifestV1_1.xsd'), broken], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });

  it('resolves every resid to a resource', () => {
    const defined = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    const used = [...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((id) => !defined.has(id))).toEqual([]);
  });

  it('uses the shared runtime for both the functions page and the task pane, with namespace CS', () => {
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(manifest).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(manifest).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(manifest).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="CS"\/>/);
  });
});
