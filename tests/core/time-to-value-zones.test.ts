/**
 * TIME_TO_VALUE under several process time zones. Jest cannot change the zone of its own
 * process, so the cases are bundled with esbuild and run in child processes with TZ set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { TTV_PAIRS } from './time-to-value-cases';

const ZONES: [string, number][] = [
  ['Pacific/Auckland', -780],
  ['America/Los_Angeles', 480],
  ['Europe/London', 0],
  ['Asia/Kolkata', -330],
  ['America/St_Johns', 210],
];

let dir: string;
let bundle: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttv-zones-'));
  bundle = join(dir, 'runner.js');
  // The runner's describe/it are never called; stub them for the shared module.
  buildSync({
    entryPoints: [join(__dirname, 'ttv-zone-runner.ts')],
    bundle: true,
    platform: 'node',
    outfile: bundle,
    logLevel: 'error',
    banner: { js: 'globalThis.describe = globalThis.it = globalThis.expect = () => {};' },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ZONES)('TIME_TO_VALUE with the process in %s', (zone, offset) => {
  it('gives whole calendar days for Sheets Dates, Excel serials and ISO text', () => {
    const run = spawnSync(process.execPath, [bundle], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { tz: string; offset: number; results: [string, unknown][] };
    expect(out.offset).toBe(offset); // the zone really applied
    const expected = TTV_PAIRS.flatMap(([a, b, days]) =>
      ['sheets', 'excel', 'iso', 'mixed'].map((shape) => [`${shape} ${a} ${b}`, [[days]]]),
    );
    expect(out.results).toEqual(expected);
  });
});
