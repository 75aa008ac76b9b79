/**
 * End to end on the bundled sample: the data layer's figures and the tabs' formulas must agree
 * once a spreadsheet (HyperFormula here) recalculates them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../core/src/data/csv';
import { buildReportModel } from '../../core/src/data/report-model';
import { buildAllTabs } from '../../core/src/reports';
import { evaluate, formulaCells, sameValue } from './helpers';

const dir = join(__dirname, '../../samples/ravenstack');
const table = (file: string) => parseCsv(readFileSync(join(dir, file), 'utf8'), file);

it('computes every formula to core’s figure on the RavenStack sample, calendar 2024', () => {
  const model = buildReportModel(
    {
      accounts: table('accounts.csv'),
      subscriptions: table('subscriptions.csv'),
      tickets: table('support_tickets.csv'),
      usage: table('feature_usage.csv'),
      churnEvents: table('churn_events.csv'),
    },
    { from: '2024-01-01', to: '2025-01-01' },
  );
  const tabs = buildAllTabs(model);
  const value = evaluate(tabs, { arrayArithmetic: true });
  const cells = formulaCells(tabs);
  expect(cells.length).toBeGreaterThan(80);
  const wrong = cells
    .map(({ tab, row, col, cell }) => ({ where: `${tab.name}!R${row + 1}C${col + 1}`, expected: cell.expected, got: value(tab, row, col) }))
    .filter((x) => !sameValue(x.got, x.expected));
  expect(wrong).toEqual([]);
});
