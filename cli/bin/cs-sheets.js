#!/usr/bin/env node
// Entry point of the `cs-sheets` command; the code lives in cli/src and is bundled by `npm run build`.
const path = require('node:path');
const bundle = path.join(__dirname, '..', '..', 'dist', 'cli', 'cs-sheets.js');
try {
  require.resolve(bundle);
} catch {
  process.stderr.write('cs-sheets: not built yet; run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
