import { dayFromIso } from '../../core/src/dates';
import { loadTables } from '../../core/src/data/load';
import type { RawTable } from '../../core/src/data/model';
import { OPEN_END } from '../../core/src/data/model';
import { arrAtDay, buildReportModel } from '../../core/src/data/report-model';
import { InputError } from '../../core/src/errors';

const day = (s: string) => dayFromIso(s)!;
const subsTable = (rows: unknown[][], headers = ['account_id', 'start_date', 'end_date', 'mrr', 'arr', 'is_trial']): RawTable => ({
  source: 'subs.csv',
  headers,
  rows,
});

describe('loading subscriptions', () => {
  it('uses ARR where a row has it, else 12 × MRR; MRR where given, else ARR / 12', () => {
    const data = loadTables({
      subscriptions: subsTable([
        ['A', '2024-01-01', '', '100', '', 'FALSE'],
        ['A', '2024-01-01', '', '100', '1500', 'FALSE'],
        ['B', '2024-01-01', '', '', '2400', 'FALSE'],
        ['C', '2024-01-01', '', '0', '', 'FALSE'],
        ['D', '2024-01-01', '', '', '', 'FALSE'],
      ]),
    });
    const s = data.subscriptions!;
    // An explicit 0 is a valid 0; a row with no amount at all is skipped and counted.
    expect(Array.from(s.arr)).toEqual([1200, 1500, 2400, 0]);
    expect(Array.from(s.mrr)).toEqual([100, 100, 200, 0]);
    expect(Array.from(s.end)).toEqual([OPEN_END, OPEN_END, OPEN_END, OPEN_END]);
    expect(data.skipped).toEqual([{ table: 'subscriptions', reason: 'no MRR or ARR', count: 1, examples: ['row 6'] }]);
  });

  it('reads money text and records the one currency symbol', () => {
    const data = loadTables({ subscriptions: subsTable([['A', '2024-01-01', '', '$1,200', '', ''], ['B', '2024-01-01', '', '$1,000.50', '', 'no']]) });
    expect(Array.from(data.subscriptions!.arr)).toEqual([14400, 12006]);
    expect(data.currency).toBe('$');
  });

  it('rejects mixed currency symbols, naming the file, column and row', () => {
    expect(() => loadTables({ subscriptions: subsTable([['A', '2024-01-01', '', '$1,200', '', ''], ['B', '2024-01-01', '', '€1.200,00', '', '']]) })).toThrow(
      new InputError('subs.csv: column mrr row 3: mixed currencies: $ and €'),
    );
  });

  it('rejects a negative amount, naming the file, column and row', () => {
    expect(() => loadTables({ subscriptions: subsTable([['A', '2024-01-01', '', '100', '', ''], ['B', '2024-01-01', '', '', '(500)', '']]) })).toThrow(
      new InputError("subs.csv: column arr row 3: amounts cannot be negative ('(500)')"),
    );
    expect(() => loadTables({ subscriptions: subsTable([['A', '2024-01-01', '', '-5', '', '']]) })).toThrow('subs.csv: column mrr row 2: amounts cannot be negative');
    expect(() => loadTables({ subscriptions: subsTable([['A', '2024-01-01', '', 'lots', '', '']]) })).toThrow("subs.csv: column mrr row 2: 'lots' is not an amount");
  });

  it('accepts TRUE/FALSE, True/False, yes/no and 1/0 as the trial flag, and rejects other words', () => {
    const rows = ['TRUE', 'True', 'yes', '1', 'FALSE', 'False', 'no', '0', ''].map((f, i) => [`A${i}`, '2024-01-01', '', '10', '', f]);
    const data = loadTables({ subscriptions: subsTable(rows) });
    expect(data.subscriptions!.count).toBe(5);
    expect(data.skipped).toEqual([{ table: 'subscriptions', reason: 'trial', count: 4, examples: ['row 2', 'row 3', 'row 4', 'row 5'] }]);
    expect(() => loadTables({ subscriptions: subsTable([['A', '2024-01-01', '', '10', '', 'maybe']]) })).toThrow(
      "subs.csv: column is_trial row 2: 'maybe' is not a flag (TRUE/FALSE, yes/no or 1/0)",
    );
  });

  it('skips and counts rows with an unparsable or missing date, but fails when no row of a required date column parses', () => {
    const data = loadTables({
      subscriptions: subsTable([
        ['A', '2024-01-01', '2024-06-01', '10', '', ''],
        ['B', '31/01/2024', '', '10', '', ''],
        ['C', '', '', '10', '', ''],
        ['D', '2024-01-01', 'soon', '10', '', ''],
        ['', '2024-01-01', '', '10', '', ''],
      ]),
    });
    expect(data.subscriptions!.count).toBe(1);
    expect(data.skipped).toEqual([
      { table: 'subscriptions', reason: 'unparsable date', count: 2, examples: ['row 3', 'row 5'] },
      { table: 'subscriptions', reason: 'missing date', count: 1, examples: ['row 4'] },
      { table: 'subscriptions', reason: 'missing id', count: 1, examples: ['row 6'] },
    ]);
    expect(() => loadTables({ subscriptions: subsTable([['A', '01/31/2024', '', '10', '', ''], ['B', 'Jan 5', '', '10', '', '']]) })).toThrow(
      new InputError(
        "subs.csv: column start_date has no readable dates (e.g. '01/31/2024'); dates must be ISO text YYYY-MM-DD, " +
          'optionally with a time (2023-01-31 09:30), or real date cells in an .xlsx file.',
      ),
    );
    // An end-date column whose only non-blank value does not parse is a format problem too.
    expect(() => loadTables({ subscriptions: subsTable([['A', '2024-01-01', 'soon', '10', '', ''], ['B', '2024-01-01', '', '10', '', '']]) })).toThrow(
      "subs.csv: column end_date has no readable dates (e.g. 'soon')",
    );
    const tickets: RawTable = { source: 'tickets.csv', headers: ['account_id', 'submitted_at', 'csat'], rows: [['A', 'yesterday', '5']] };
    expect(() => loadTables({ tickets })).toThrow('tickets.csv: column submitted_at has no readable dates');
  });

  it('reads Dates (UTC midnight from exceljs), Excel serials and date-times', () => {
    const data = loadTables({
      subscriptions: subsTable([
        ['A', new Date(Date.UTC(2024, 0, 31)), 45688, 10, null, false], // 45688 = 2025-01-31
        ['B', '2024-02-01 9:30', '2024-03-01T00:00:00Z', 10, null, 0],
      ]),
    });
    const s = data.subscriptions!;
    expect(Array.from(s.start)).toEqual([day('2024-01-31'), day('2024-02-01')]);
    expect(Array.from(s.end)).toEqual([day('2025-01-31'), day('2024-03-01')]);
  });

  it('trims ids and compares them case-insensitively; skips ids that match no account', () => {
    const accounts: RawTable = { source: 'accounts.csv', headers: ['Customer ID', 'Name'], rows: [[' Acme-1 ', 'Acme'], ['acme-1', 'dup'], ['', 'x']] };
    const data = loadTables({
      accounts,
      subscriptions: subsTable([['ACME-1', '2024-01-01', '', '10', '', ''], ['other', '2024-01-01', '', '10', '', '']]),
    });
    expect(data.accounts.map((a) => a.id)).toEqual(['Acme-1']);
    expect(data.subscriptions!.count).toBe(1);
    expect(data.skipped).toEqual([
      { table: 'accounts', reason: 'duplicate account id', count: 1, examples: ['acme-1'] },
      { table: 'accounts', reason: 'missing id', count: 1, examples: ['row 4'] },
      { table: 'subscriptions', reason: 'unknown account', count: 1, examples: ['other'] },
    ]);
  });

  it('rejects unknown complexity words, listing the accepted ones', () => {
    const accounts: RawTable = { source: 'accounts.csv', headers: ['id', 'complexity'], rows: [['A', 'High'], ['B', 'huge']] };
    expect(() => loadTables({ accounts })).toThrow("accounts.csv: column complexity row 3: unknown complexity 'huge'; accepted: high, medium, low");
  });

  it('fails on an unmapped required column before reading rows', () => {
    const bad: RawTable = { source: 'accounts.csv', headers: ['a', 'b', 'c'], rows: [['1', '2', '3']] };
    expect(() => buildReportModel({ accounts: bad })).toThrow(new InputError('accounts.csv: no column looks like account id; columns seen: a, b, c'));
  });
});

describe('ARR at a date is half-open: start ≤ D < end', () => {
  const data = loadTables({
    subscriptions: subsTable([
      ['A', '2024-01-01', '2025-01-01', '100', '', ''], // active on D0, not on D1
      ['B', '2025-01-01', '', '200', '', ''], // starts on D1
      ['C', '2023-12-31', '2024-01-01', '300', '', ''], // ends on D0
    ]),
  });
  const subs = data.subscriptions!;
  it('counts a subscription on its start day but not on its end day', () => {
    expect(Array.from(arrAtDay(subs, 3, day('2024-01-01')))).toEqual([1200, 0, 0]);
    expect(Array.from(arrAtDay(subs, 3, day('2025-01-01')))).toEqual([0, 2400, 0]);
    expect(Array.from(arrAtDay(subs, 3, day('2023-12-31')))).toEqual([0, 0, 3600]);
  });
  it('gives start value ARR(D0) and end value ARR(D1)', () => {
    const m = buildReportModel({ subscriptions: subsTable(subsTableRows()) }, { from: '2024-01-01', to: '2025-01-01' }).metrics;
    expect(m.startArr).toBe(1200);
    expect(m.endArr).toBe(2400);
    expect(m.movements).toEqual({ starting: 1200, expansion: 0, contraction: 0, churn: 1200, new: 2400 });
    expect(m.mrrByMonth['2024-12']).toBe(100); // Dec 31 2024 < end 2025-01-01
  });
});

function subsTableRows(): unknown[][] {
  return [
    ['A', '2024-01-01', '2025-01-01', '100', '', ''],
    ['B', '2025-01-01', '', '200', '', ''],
    ['C', '2023-12-31', '2024-01-01', '300', '', ''],
  ];
}
