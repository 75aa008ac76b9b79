/** The README's function table lists every function of the registry, with its summary and example. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY } from '../../core/src/registry';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('<!-- functions:start'), readme.indexOf('<!-- functions:end -->'));

describe('README function table', () => {
  it.each(REGISTRY.map((f) => [f.id, f] as const))('lists %s with its summary and example', (_id, f) => {
    const row = table.split('\n').find((line) => line.startsWith(`| \`${f.id}(`));
    expect(row).toBeDefined();
    expect(row).toContain(f.summary);
    expect(row).toContain(f.example.formula);
  });

  it('lists no function the registry lacks', () => {
    const listed = [...table.matchAll(/^\| `([A-Z_]+)\(/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(REGISTRY.map((f) => f.id).sort());
  });
});
