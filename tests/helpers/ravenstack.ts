/** The bundled RavenStack sample, read through core's CSV parser, for tests that need real data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../core/src/data/csv';
import type { InputTables, ReportModel } from '../../core/src/data/model';
import { buildReportModel } from '../../core/src/data/report-model';

export const RAVENSTACK_DIR = join(__dirname, '..', '..', 'samples', 'ravenstack');

const table = (file: string) => parseCsv(readFileSync(join(RAVENSTACK_DIR, file), 'utf8'), file);

export function ravenstackTables(): InputTables {
  return {
    accounts: table('accounts.csv'),
    subscriptions: table('subscriptions.csv'),
    tickets: table('support_tickets.csv'),
    usage: table('feature_usage.csv'),
    churnEvents: table('churn_events.csv'),
  };
}

/** The model of the demo's period, calendar 2024, unless another is given. */
export function ravenstackModel(from = '2024-01-01', to = '2025-01-01'): ReportModel {
  return buildReportModel(ravenstackTables(), { from, to });
}
