/**
 * The Apps Script manifest: the root appsscript.json and the copy the build puts in
 * sheets-addon/dist/ run on V8, ask for exactly the two narrow scopes, and are the same file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ROOT_MANIFEST = join(ROOT, 'appsscript.json');
const DIST_MANIFEST = join(ROOT, 'sheets-addon', 'dist', 'appsscript.json');

const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
];

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { runtimeVersion?: unknown; oauthScopes?: unknown };

describe.each([
  ['appsscript.json', ROOT_MANIFEST],
  ['sheets-addon/dist/appsscript.json', DIST_MANIFEST],
])('%s', (_label, file) => {
  it('runs on the V8 runtime', () => {
    expect(read(file).runtimeVersion).toBe('V8');
  });

  it('asks for exactly spreadsheets.currentonly and script.container.ui', () => {
    const scopes = read(file).oauthScopes;
    expect(Array.isArray(scopes)).toBe(true);
    expect([...(scopes as string[])].sort()).toEqual([...SCOPES].sort());
    expect(new Set(scopes as string[]).size).toBe((scopes as string[]).length);
  });
});

it('the built manifest is identical to the root one', () => {
  expect(readFileSync(DIST_MANIFEST, 'utf8')).toBe(readFileSync(ROOT_MANIFEST, 'utf8'));
});
