/**
 * The hand-made per-account data set shared by the QBR and Success Plan tests (read through the
 * real loader; every figure the tests assert is worked out by hand from the CSV text below),
 * and small helpers over the tabs built from it.
 */
import { parseCsv } from '../../core/src/data/csv';
import { buildReportModel } from '../../core/src/data/report-model';
import type { ReportModel } from '../../core/src/data/model';
import type { TabDescription } from '../../core/src/reports/tab-model';
import { evaluate, formulaCells, functionNames, PORTABLE_FUNCTIONS, rowOf, sameValue } from './helpers';

export const INJECTION = '=HYPERLINK("http://x.test","y")';
export const F20_NAME = "101 - 7:30AM - Acme 1'";
export const LONG_NAME = 'Northwind Traders International Holdings'; // 40 characters

/**
 * Calendar 2024. A-1 "Acme Corp" (Enterprise, Alice, renews 2025-02-15):
 *   S-1 Basic 10 seats 100,000 until 2024-07-01, then S-2 Pro 15 seats 150,000 → ARR 100,000 → 150,000,
 *   one plan upgrade (Pro at a higher MRR), seats 10 → 15.
 *   Tickets in 2024: Jan (CSAT 5), Feb (4, escalated), Nov 20 (2, escalated), Dec (no score); one in 2023.
 *   Usage in 2024: Jan reports 10 + export 5 (1 error), Feb reports 4, Nov reports 20 (2 errors),
 *   Dec api 30 + export 10 (1 error); one row in 2023.
 */
export function handModel(): ReportModel {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const t = (text: string, name: string) => parseCsv(text, name);
  return buildReportModel(
    {
      accounts: t(
        [
          'account_id,account_name,csm,renewal_date,segment',
          'A-1,Acme Corp,Alice,2025-02-15,Enterprise',
          `A-2,${q(INJECTION)},Bob,,SMB`,
          `A-3,${q(F20_NAME)},,,`,
          `A-4,${LONG_NAME},,,`,
        ].join('\n'),
        'accounts.csv',
      ),
      subscriptions: t(
        [
          'subscription_id,account_id,start_date,end_date,plan,seats,arr',
          'S-1,A-1,2023-01-01,2024-07-01,Basic,10,100000',
          'S-2,A-1,2024-07-01,,Pro,15,150000',
          'S-3,A-2,2023-06-01,,Basic,5,20000',
          'S-4,A-3,2024-03-01,,Basic,3,5000',
          'S-5,A-4,2023-01-01,2024-06-01,Basic,2,8000',
        ].join('\n'),
        'subscriptions.csv',
      ),
      tickets: t(
        [
          'ticket_id,account_id,submitted_at,satisfaction_score,escalation_flag',
          'T-1,A-1,2024-01-15,5,FALSE',
          'T-2,A-1,2024-02-10,4,TRUE',
          'T-3,A-1,2024-11-20,2,TRUE',
          'T-4,A-1,2024-12-05,,FALSE',
          'T-5,A-1,2023-12-31,1,FALSE',
          'T-6,A-2,2024-05-05,3,FALSE',
        ].join('\n'),
        'tickets.csv',
      ),
      usage: t(
        [
          'usage_id,account_id,usage_date,feature_name,usage_count,error_count',
          'U-1,A-1,2024-01-05,reports,10,0',
          'U-2,A-1,2024-01-20,export,5,1',
          'U-3,A-1,2024-02-03,reports,4,0',
          'U-4,A-1,2024-11-10,reports,20,2',
          'U-5,A-1,2024-12-01,api,30,0',
          'U-6,A-1,2024-12-15,export,10,1',
          'U-7,A-1,2023-12-20,reports,99,0',
          'U-8,A-2,2024-12-01,reports,5,5',
        ].join('\n'),
        'usage.csv',
      ),
    },
    { from: '2024-01-01', to: '2025-01-01' },
  );
}

/** The value in column `col` (0-based) of the row labelled `label`: the expected figure of a formula, else the literal. */
export function figure(tab: TabDescription, label: string, col = 1): unknown {
  const cell = tab.rows[rowOf(tab, label)][col];
  return cell?.formula !== undefined ? cell.expected : cell?.value;
}

/** Every formula of `tabs` computed by HyperFormula, against its expected figure. */
export function wrongFormulas(tabs: TabDescription[], arrayArithmetic = true): unknown[] {
  const value = evaluate(tabs, {
    arrayArithmetic,
    replaceWithExpected: arrayArithmetic ? undefined : (f) => f.includes('SUMPRODUCT'),
  });
  return formulaCells(tabs)
    .filter(({ cell }) => arrayArithmetic || !cell.formula.includes('SUMPRODUCT'))
    .map(({ tab, row, col, cell }) => ({ where: `${tab.name}!${row + 1}:${col + 1}`, formula: cell.formula, expected: cell.expected, got: value(tab, row, col) }))
    .filter((x) => !sameValue(x.got, x.expected));
}

export function nonPortable(tabs: TabDescription[]): string[] {
  const formulas = [
    ...formulaCells(tabs).map((c) => c.cell.formula),
    ...tabs.flatMap((t) => t.conditionalFormats.flatMap((c) => (c.kind === 'formula' ? [c.formula] : []))),
  ];
  return formulas.flatMap((f) => functionNames(f).filter((n) => !PORTABLE_FUNCTIONS.has(n.toUpperCase())));
}

