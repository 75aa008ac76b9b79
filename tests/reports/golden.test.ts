/**
 * Golden files: each builder on a small hand-made input (sevenAccounts() from ./fixtures;
 * the QBR and Success Plan for account A1) must describe exactly the tab stored in
 * tests/reports/golden/<tab key>.json. See tests/reports/golden/README.md.
 *
 * UPDATE_GOLDEN=1 rewrites the files; otherwise they are only compared, and a missing
 * file fails the test (a normal run never creates one).
 *
 * Checked by hand against the fixture after the files were first generated:
 * - board-report.json: NRR expected 0.954216… = 396,000 / 415,000; GRR 0.853012… = 354,000 / 415,000;
 *   logo retention 0.8333… = 5 / 6; Starting ARR 415,000, Expansion 42,000, Contraction 31,000,
 *   Churn 30,000, New 20,000, Ending ARR 416,000 (415,000 + 42,000 − 31,000 − 30,000 + 20,000);
 *   Enterprise NRR 1.03125 = 330,000 / 320,000, Mid-market NRR 0.625 = 50,000 / 80,000,
 *   SMB NRR 1.0666… = 16,000 / 15,000.
 *   Overall target band from 1.1234… = (1.15 × 320,000 + 1.05 × 80,000 + 0.95 × 15,000) / 415,000.
 * - coverage-model.json: High Touch 1 account, ARR 240,000; Low Touch 160,000; Tech Touch 16,000;
 *   total 416,000; High Touch share 0.5769… = 240,000 / 416,000.
 * - qbr-a1.json: Acme Corp, ARR 200,000 at start → 240,000 at end (+40,000).
 * (The exact cells are listed in HAND_CHECKED below, so the hand check is kept as an assertion.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildQbr, buildSuccessPlan, TAB_BUILDERS } from '../../core/src/reports';
import type { Cell, CellValue, TabDescription } from '../../core/src/reports/tab-model';
import { sevenAccounts } from './fixtures';

const GOLDEN_DIR = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ACCOUNT = 'A1';

/** [row, col, value | "=formula", format, style, expected]; a literal text starting with = or ' gets a leading '. */
type GoldenCell = [number, number, CellValue, string | null, string | null, CellValue?];

interface Golden {
  key: string;
  name: string;
  frozenRows: number;
  frozenColumns: number | null;
  columnWidths: number[];
  print: TabDescription['print'];
  conditionalFormats: TabDescription['conditionalFormats'];
  charts: TabDescription['charts'];
  dropdowns: TabDescription['dropdowns'];
  cells: GoldenCell[];
}

function content(cell: Cell): CellValue {
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const v = cell.value ?? null;
  return typeof v === 'string' && /^[=']/.test(v) ? `'${v}` : v;
}

function serialise(tab: TabDescription): Golden {
  const cells: GoldenCell[] = [];
  tab.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const g: GoldenCell = [r, c, content(cell), cell.format ?? null, cell.style ?? null];
      if (cell.expected !== undefined) g.push(cell.expected);
      cells.push(g);
    }),
  );
  return {
    key: tab.key,
    name: tab.name,
    frozenRows: tab.frozenRows,
    frozenColumns: tab.frozenColumns ?? null,
    columnWidths: tab.columnWidths,
    print: tab.print,
    conditionalFormats: tab.conditionalFormats,
    charts: tab.charts,
    dropdowns: tab.dropdowns,
    cells,
  };
}

/** JSON with one cell per line, so a diff shows which cells changed. */
function toText(g: Golden): string {
  const { cells, ...rest } = g;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  return `${head},\n  "cells": [\n${cells.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]\n}\n`;
}

const CASES: [string, () => TabDescription][] = [
  ...TAB_BUILDERS.map((b): [string, () => TabDescription] => [b.key, () => b.build(sevenAccounts())]),
  [`qbr-${ACCOUNT.toLowerCase()}`, () => buildQbr(sevenAccounts(), ACCOUNT)],
  [`success-plan-${ACCOUNT.toLowerCase()}`, () => buildSuccessPlan(sevenAccounts(), ACCOUNT)],
];

describe.each(CASES)('golden %s', (key, build) => {
  const file = join(GOLDEN_DIR, `${key}.json`);

  it(`matches tests/reports/golden/${key}.json`, () => {
    const tab = build();
    expect(tab.key).toBe(key);
    const actual = serialise(tab);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, toText(actual));
    }
    if (!existsSync(file)) {
      throw new Error(`Golden file ${file} is missing. Run UPDATE_GOLDEN=1 npx jest tests/reports/golden, then review the new file.`);
    }
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(actual)));
    expect(text).toBe(toText(actual));
  });
});

/** [file, row, col, the figure worked out by hand from the fixture's comment]. */
const HAND_CHECKED: [string, number, number, CellValue][] = [
  ['board-report', 6, 1, 6], // cohort accounts A1–A5, A7
  ['board-report', 6, 2, 415_000],
  ['board-report', 6, 3, 396_000],
  ['board-report', 6, 4, 396_000 / 415_000], // NRR
  ['board-report', 6, 6, (1.15 * 320_000 + 1.05 * 80_000 + 0.95 * 15_000) / 415_000],
  ['board-report', 6, 10, 354_000 / 415_000], // GRR
  ['board-report', 6, 12, 5 / 6], // logo retention
  ['board-report', 7, 4, 330_000 / 320_000], // Enterprise NRR
  ['board-report', 7, 10, 290_000 / 320_000], // Enterprise GRR
  ['board-report', 8, 4, 50_000 / 80_000], // Mid-market NRR
  ['board-report', 9, 4, 16_000 / 15_000], // SMB NRR
  ['board-report', 16, 1, 42_000], // expansion
  ['board-report', 17, 1, 31_000], // contraction
  ['board-report', 18, 1, 30_000], // churn
  ['board-report', 19, 1, 20_000], // new
  ['board-report', 20, 1, 416_000], // ending ARR
  ['coverage-model', 6, 1, 1],
  ['coverage-model', 6, 2, 240_000],
  ['coverage-model', 7, 2, 160_000],
  ['coverage-model', 8, 2, 16_000],
  ['coverage-model', 9, 2, 416_000],
  ['qbr-a1', 11, 1, 200_000],
  ['qbr-a1', 11, 2, 240_000],
  ['qbr-a1', 20, 3, 40_000],
];

it('the golden files hold the figures checked by hand against the fixture', () => {
  for (const [key, row, col, figure] of HAND_CHECKED) {
    const file = join(GOLDEN_DIR, `${key}.json`);
    expect(existsSync(file)).toBe(true);
    const golden = JSON.parse(readFileSync(file, 'utf8')) as Golden;
    const cell = golden.cells.find(([r, c]) => r === row && c === col);
    expect({ key, row, col, expected: cell?.[5] }).toEqual({ key, row, col, expected: expect.closeTo(figure as number, 10) });
  }
});
