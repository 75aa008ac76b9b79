/**
 * TabDescription.filledDown claims that a column holds one formula moved down row by row; the
 * .xlsx writer then stores it once as a shared formula. These tests check the claim cell by cell
 * with a reference shifter of their own, so a wrong claim cannot pass into a workbook.
 */
import { buildAllTabs } from '../../core/src/reports';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { ravenstackModel } from '../helpers/ravenstack';
import { fieldCaseF12, sevenAccounts } from './fixtures';

/** Move the relative row numbers of every A1 reference outside "text" down by `k` rows. */
function shiftDown(formula: string, k: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part // a text literal
        : part.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g, (all, c$: string, col: string, r$: string, row: string, at: number) =>
            // Not part of a longer name (SUMIFS, a sheet placeholder) and not an absolute row.
            at > 0 && /[A-Za-z0-9_.]/.test(part[at - 1]) ? all : r$ === '$' ? all : `${c$}${col}${r$}${Number(row) + k}`,
          ),
    )
    .join('');
}

describe('shiftDown (the test helper)', () => {
  it('shifts relative rows only, outside text', () => {
    expect(shiftDown('IF(A5="B5",SUM($E$4:$H$4,E5:H5),{{sheet:data}}!F8)', 2)).toBe('IF(A7="B5",SUM($E$4:$H$4,E7:H7),{{sheet:data}}!F10)');
    expect(shiftDown('COUNTIFS($D$6:$D$9,">0")+LOG10(C3)', 1)).toBe('COUNTIFS($D$6:$D$9,">0")+LOG10(C4)');
  });
});

function checkRuns(tab: TabDescription): number {
  let checked = 0;
  for (const run of tab.filledDown ?? []) {
    const master = tab.rows[run.firstRow]?.[run.col]?.formula;
    expect(typeof master).toBe('string');
    for (let r = run.firstRow; r <= run.lastRow; r++) {
      const formula = tab.rows[r]?.[run.col]?.formula;
      if (formula !== shiftDown(master as string, r - run.firstRow)) {
        throw new Error(`${tab.name} row ${r + 1} column ${run.col + 1}: ${formula} is not ${master} moved down ${r - run.firstRow} rows`);
      }
      checked++;
    }
  }
  return checked;
}

const models = {
  'seven accounts': () => sevenAccounts(),
  'F12, no owners': () => fieldCaseF12(),
  'RavenStack 2024': () => ravenstackModel(),
};

describe.each(Object.entries(models))('filled-down formula columns (%s)', (_name, model) => {
  const tabs = buildAllTabs(model());

  it('hold, in every cell, the first cell\'s formula moved down', () => {
    const checked = tabs.reduce((n, tab) => n + checkRuns(tab), 0);
    const health = tabs.find((t) => t.key === 'health-scores') as TabDescription;
    // Tier, ARR, score, band and motion over every account row of Health Scores.
    const accounts = model().accounts.length;
    expect(health.filledDown).toHaveLength(accounts > 1 ? 5 : 0);
    expect(checked).toBe(accounts > 1 ? 5 * accounts : 0);
  });

  it('lie inside their tab and do not overlap', () => {
    for (const tab of tabs) {
      const seen = new Set<string>();
      for (const run of tab.filledDown ?? []) {
        expect(run.firstRow).toBeLessThan(run.lastRow);
        expect(run.lastRow).toBeLessThan(tab.rows.length);
        for (let r = run.firstRow; r <= run.lastRow; r++) {
          const key = `${r}:${run.col}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }
    }
  });
});
