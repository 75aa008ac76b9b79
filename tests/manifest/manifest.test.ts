/**
 * manifest.xml validated offline against the official add-in manifest schemas
 * (../shared/schemas/office-addin-manifest, with its Runtimes patch applied to a temporary copy),
 * plus what a schema cannot check: every resid resolves and the namespace is set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

describe('manifest.xml URLs map to files that the build writes to excel-addin/dist/', () => {
  const DIST = join(ROOT, 'excel-addin', 'dist');
  const urls = [...new Set([...manifest.matchAll(/DefaultValue="(https:\/\/localhost:3000\/[^"]*)"/g)].map((m) => m[1]))];
  const fileOf = (url: string) => join(DIST, ...new URL(url).pathname.split('/').filter(Boolean));

  it('lists the functions script, the metadata, the task pane and the icons', () => {
    expect(urls.map((u) => new URL(u).pathname).sort()).toEqual(
      ['/assets/icon-16.png', '/assets/icon-32.png', '/assets/icon-64.png', '/assets/icon-80.png', '/functions.js', '/functions.json', '/taskpane.html'].sort(),
    );
  });

  it('points Functions.Script.Url and Functions.Metadata.Url at the built functions.js and functions.json', () => {
    expect(manifest).toMatch(/<bt:Url id="Functions.Script.Url" DefaultValue="https:\/\/localhost:3000\/functions.js"\/>/);
    expect(manifest).toMatch(/<bt:Url id="Functions.Metadata.Url" DefaultValue="https:\/\/localhost:3000\/functions.json"\/>/);
    expect(existsSync(join(DIST, 'functions.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')).functions.length).toBeGreaterThan(0);
  });

  it.each(urls)('%s exists in excel-addin/dist/', (url) => {
    expect(existsSync(fileOf(url))).toBe(true);
  });
});
