#!/usr/bin/env node
// Entry point of the `cs-sheets` command; the code lives in cli/src and is bundled by `npm run build`.
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const NODE_FLAGS = require('./node-flags');

const bundle = path.join(__dirname, '..', '..', 'dist', 'cli', 'cs-sheets.js');
try {
  require.resolve(bundle);
} catch {
  process.stderr.write('cs-sheets: not built yet; run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}

if (NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  require(bundle).main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  // Run once more with the flags; stdio, arguments and the exit code pass straight through.
  const child = spawnSync(process.execPath, [...NODE_FLAGS, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}
