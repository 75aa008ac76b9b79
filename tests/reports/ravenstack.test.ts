/**
 * End to end on the bundled sample: the data layer's figures and the tabs' formulas must agree
 * once a spreadsheet (HyperFormula here) recalculates them.
 */
import { buildAllTabs } from '../../core/src/reports';
import { ravenstackModel } from '../helpers/ravenstack';
import { evaluate, formulaCells, sameValue } from './helpers';


it('computes every formula to core’s figure on the RavenStack sample, calendar 2024', () => {
  const model = ravenstackModel('2024-01-01', '2025-01-01');
  const tabs = buildAllTabs(model);
  const value = evaluate(tabs, { arrayArithmetic: true });
  const cells = formulaCells(tabs);
  expect(cells.length).toBeGreaterThan(80);
  const wrong = cells
    .map(({ tab, row, col, cell }) => ({ where: `${tab.name}!R${row + 1}C${col + 1}`, expected: cell.expected, got: value(tab, row, col) }))
    .filter((x) => !sameValue(x.got, x.expected));
  expect(wrong).toEqual([]);
});
