import { HyperFormula } from 'hyperformula';
import type { Cell, CellValue, TabDescription } from '../../core/src/reports/tab-model';
import { resolveSheetRefs } from '../../core/src/reports/tab-model';

/** 0-based [row, col] of an A1 address such as "B7". */
export function parseA1(address: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (!m) throw new Error(`not an A1 address: ${address}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

export function cellAt(tab: TabDescription, address: string): Cell | undefined {
  const [r, c] = parseA1(address);
  return tab.rows[r]?.[c] ?? undefined;
}

/** 0-based index of the first row whose column-A value equals `label`. */
export function rowOf(tab: TabDescription, label: string): number {
  const i = tab.rows.findIndex((row) => row[0]?.value === label);
  if (i < 0) throw new Error(`no row labelled ${label} in ${tab.name}`);
  return i;
}

export interface FormulaCell {
  tab: TabDescription;
  row: number;
  col: number;
  cell: Cell & { formula: string };
}

export function formulaCells(tabs: TabDescription[]): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const tab of tabs) {
    tab.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell && typeof cell.formula === 'string') out.push({ tab, row: r, col: c, cell: cell as FormulaCell['cell'] });
      }),
    );
  }
  return out;
}

export function allCells(tabs: TabDescription[]): { tab: TabDescription; row: number; col: number; cell: Cell }[] {
  const out: { tab: TabDescription; row: number; col: number; cell: Cell }[] = [];
  for (const tab of tabs) tab.rows.forEach((row, r) => row.forEach((cell, c) => cell && out.push({ tab, row: r, col: c, cell })));
  return out;
}

export type Evaluated = (tab: TabDescription, row: number, col: number) => unknown;

/**
 * Builds a HyperFormula workbook from the descriptions (one sheet per tab, sheet references
 * resolved to quoted tab names) and returns a reader of computed values.
 * `replaceWithExpected` turns matching formula cells into their expected constant first.
 */
export function evaluate(
  tabs: TabDescription[],
  opts: { arrayArithmetic: boolean; replaceWithExpected?: (formula: string) => boolean },
): Evaluated {
  const nameOf = (key: string) => {
    const t = tabs.find((x) => x.key === key);
    if (!t) throw new Error(`formula refers to a tab that was not built: ${key}`);
    return t.name;
  };
  const sheets: Record<string, (CellValue | string)[][]> = {};
  for (const tab of tabs) {
    sheets[tab.name] = tab.rows.map((row) =>
      row.map((cell) => {
        if (!cell) return null;
        if (typeof cell.formula === 'string') {
          if (opts.replaceWithExpected?.(cell.formula)) return literal(cell.expected ?? null);
          return '=' + resolveSheetRefs(cell.formula, nameOf);
        }
        return literal(cell.value ?? null);
      }),
    );
  }
  const hf = HyperFormula.buildFromSheets(sheets, {
    licenseKey: 'gpl-v3',
    useArrayArithmetic: opts.arrayArithmetic,
    smartRounding: false,
  });
  return (tab, row, col) => {
    const sheet = hf.getSheetId(tab.name);
    if (sheet === undefined) throw new Error(`no sheet ${tab.name}`);
    return hf.getCellValue({ sheet, row, col });
  };
}

/** Text always goes in as text (the apostrophe prefix), as renderers guarantee. */
function literal(v: CellValue): CellValue {
  return typeof v === 'string' ? `'${v}` : v;
}

export function sameValue(actual: unknown, expected: CellValue | undefined): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return actual === expected;
}

/** The functions reports.md allows in generated tabs (Excel 2010+, Google Sheets and LibreOffice 7.4 all know them). */
export const PORTABLE_FUNCTIONS = new Set([
  'SUM', 'SUMIFS', 'COUNTIFS', 'AVERAGEIFS', 'SUMPRODUCT', 'INDEX', 'MATCH',
  'IF', 'IFERROR', 'MIN', 'MAX', 'ROUND', 'AND', 'OR',
]);

/** Function names in a formula, ignoring text inside string literals. */
export function functionNames(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/\{\{sheet:[a-z0-9-]+\}\}/g, 'S');
  return [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1]);
}
