import { TAB_BUILDERS, buildAllTabs } from '../../core/src/reports';
import { GENERATED_MARKER } from '../../core/src/reports/tab-model';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { fieldCaseF12, sevenAccounts } from './fixtures';
import { allCells, evaluate, formulaCells, parseA1, sameValue } from './helpers';
import { ALL_TAB_NAMES } from '../helpers/tab-names';
import { functionNames, PORTABLE_FUNCTIONS } from './helpers';


const models = { 'seven accounts, 12 months': sevenAccounts(), 'F12, 6 months, no owners': fieldCaseF12() };


describe.each(Object.entries(models))('every tab (%s)', (_name, model) => {
  const tabs = buildAllTabs(model);

  it('comes in the order reports.md lists the tabs, as the registry does', () => {
    expect(tabs.map((t) => t.name)).toEqual(ALL_TAB_NAMES);
    expect(tabs.map((t) => t.key)).toEqual(['coverage-model', 'board-report', 'health-scores', 'mrr-movements', 'cohorts', 'definitions', 'data']);
    expect(TAB_BUILDERS.map((b) => [b.key, b.title])).toEqual(tabs.map((t) => [t.key, t.name]));
  });

  it.each(tabs.map((t) => [t.name, t] as [string, TabDescription]))('%s has the shared look', (_n, tab) => {
    expect(tab.rows[0][0]).toEqual({ value: tab.name, style: 'title' });
    expect(tab.rows[1][0]?.value).toBe(
      `As of ${model.period.asOf} (period from ${model.period.from} to ${model.period.to}, ${model.period.months} months)`,
    );
    expect(tab.rows[1][0]?.style).toBe('subtitle');
    expect(tab.rows[2][0]).toEqual({ value: GENERATED_MARKER, style: 'note' });
    // The last frozen row is a header row, with every used cell bold (style 'header').
    expect(tab.frozenRows).toBeGreaterThan(3);
    const headerRow = tab.rows[tab.frozenRows - 1].filter((c) => c);
    expect(headerRow.length).toBeGreaterThan(1);
    for (const c of headerRow) expect(c?.style).toBe('header');
    expect(tab.print).toEqual({ landscape: true });
    const usedColumns = Math.max(...tab.rows.map((r) => r.length));
    expect(tab.columnWidths.length).toBeGreaterThanOrEqual(usedColumns);
    for (const w of tab.columnWidths) expect(w).toBeGreaterThanOrEqual(8);
  });

  it('uses only the portable functions in every formula', () => {
    const cells = formulaCells(tabs);
    expect(cells.length).toBeGreaterThan(40);
    const offenders = cells.flatMap(({ tab, cell }) =>
      functionNames(cell.formula)
        .filter((f) => !PORTABLE_FUNCTIONS.has(f.toUpperCase()))
        .map((f) => `${tab.name}: ${f} in ${cell.formula}`),
    );
    expect(offenders).toEqual([]);
    for (const { cell } of cells) {
      expect(cell.formula.startsWith('=')).toBe(false);
      expect(cell.expected).not.toBeUndefined();
    }
  });

  it('writes formulas that a spreadsheet computes to core’s figures (HyperFormula)', () => {
    const value = evaluate(tabs, { arrayArithmetic: true });
    const wrong = formulaCells(tabs)
      .map(({ tab, row, col, cell }) => ({ where: `${tab.name}!${row + 1}:${col + 1}`, formula: cell.formula, expected: cell.expected, got: value(tab, row, col) }))
      .filter((x) => !sameValue(x.got, x.expected));
    expect(wrong).toEqual([]);
  });

  it('uses array arithmetic only inside SUMPRODUCT, as Excel 2010 and LibreOffice require', () => {
    // Without array arithmetic, SUMPRODUCT cells are set to their expected constants and every
    // other formula must still compute the same figure.
    const value = evaluate(tabs, { arrayArithmetic: false, replaceWithExpected: (f) => f.includes('SUMPRODUCT') });
    const wrong = formulaCells(tabs)
      .filter(({ cell }) => !cell.formula.includes('SUMPRODUCT'))
      .map(({ tab, row, col, cell }) => ({ where: `${tab.name}!${row + 1}:${col + 1}`, expected: cell.expected, got: value(tab, row, col) }))
      .filter((x) => !sameValue(x.got, x.expected));
    expect(wrong).toEqual([]);
  });

  it('points charts and conditional formats at cells inside the tab', () => {
    for (const tab of tabs) {
      const ranges = [
        ...tab.conditionalFormats.map((f) => f.range),
        ...tab.charts.flatMap((c) => [c.categories, ...c.series.map((s) => s.values)]),
      ];
      for (const range of ranges) {
        for (const end of range.split(':')) {
          const [r, c] = parseA1(end);
          expect(r).toBeLessThan(tab.rows.length);
          expect(c).toBeLessThan(tab.columnWidths.length);
        }
      }
    }
  });

  it('refers from formulas only to tabs that are built', () => {
    const keys = new Set(tabs.map((t) => t.key));
    for (const { cell } of formulaCells(tabs)) {
      for (const m of cell.formula.matchAll(/\{\{sheet:([a-z0-9-]+)\}\}/g)) expect(keys.has(m[1])).toBe(true);
    }
  });

  it('never writes a formula-looking text as a formula: every text value is a plain value cell', () => {
    for (const { cell } of allCells(tabs)) {
      if (cell.formula !== undefined) expect(cell.value).toBeUndefined();
    }
  });
});
