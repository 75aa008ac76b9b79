/**
 * A large render stays complete and safe: a 100,000 × 10 Data tab (plus the sample Board tab with
 * charts) rendered in its own Node process from an esbuild bundle, as the CLI ships.
 * Speed and memory are measured by `npm run bench`, never asserted here.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';
import JSZip from 'jszip';
import { ROWS } from './perf-entry';

const DIR = path.resolve(__dirname, '../../out/xlsx-tests/perf');

it(`renders ${ROWS.toLocaleString('en-US')} rows × 10 columns with every row, text kept as text, and the charts`, async () => {
  fs.mkdirSync(DIR, { recursive: true });
  const bundle = path.join(DIR, 'perf-entry.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'perf-entry.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
    absWorkingDir: path.resolve(__dirname, '../..'),
  });
  const file = path.join(DIR, 'big.xlsx');
  const stdout = execFileSync(process.execPath, [bundle, file], { encoding: 'utf8', timeout: 60_000 });
  expect(stdout).toContain('"ms"');

  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const sheet2 = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  expect(sheet2.match(/<row /g)).toHaveLength(ROWS + 3);
  expect(sheet2).not.toContain('<f>'); // names that look like formulas stay text
  expect(Object.keys(zip.files).filter((f) => f.startsWith('xl/charts/'))).toHaveLength(3);
}, 90_000);
