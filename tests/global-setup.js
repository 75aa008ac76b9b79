// Jest global setup: bundle the CLI once so the CLI tests run what users run.
const { execFileSync } = require('node:child_process');
module.exports = async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
};
