/**
 * Compares a recalculated workbook (sheet name → raw CSV values from LibreOffice) with the
 * `expected` figure core attached to every formula cell of the tab descriptions.
 */
import type { TabDescription } from '../../core/src/reports/tab-model';
import { cellAddress } from '../../core/src/reports/a1';

export interface FormulaMismatch {
  where: string;
  formula: string;
  expected: unknown;
  got: string | undefined;
}

/** A number as LibreOffice's CSV export writes it ("1,234.5", "73.98%", "$1,200"). */
export function csvNumber(text: string): number {
  const t = text.trim().replace(/[$,]/g, '');
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

export function checkFormulas(
  tabs: readonly TabDescription[],
  finalNames: readonly string[],
  sheets: Map<string, string[][]>,
): { checked: number; mismatches: FormulaMismatch[] } {
  const mismatches: FormulaMismatch[] = [];
  let checked = 0;
  tabs.forEach((tab, t) => {
    const values = sheets.get(finalNames[t]);
    tab.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell?.formula) return;
        checked++;
        const got = values?.[r]?.[c];
        const expected = cell.expected ?? '';
        const ok =
          typeof expected === 'number'
            ? Math.abs(csvNumber(got ?? '') - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
            : (got ?? '') === String(expected);
        if (!ok) mismatches.push({ where: `${finalNames[t]}!${cellAddress(r, c)}`, formula: cell.formula, expected, got });
      }),
    );
  });
  return { checked, mismatches };
}
