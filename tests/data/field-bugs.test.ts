/** Field bugs in the data layer: silent $0 amounts, date / empty-file messages, table labels. */
import { parseCsv } from '../../core/src/data/csv';
import { loadTables } from '../../core/src/data/load';
import { TABLE_LABELS, skipLabel, type TableKind } from '../../core/src/data/model';
import { resolvePeriod } from '../../core/src/data/period';
import { buildReportModel } from '../../core/src/data/report-model';
import { InputError } from '../../core/src/errors';

const SUBS_HEADER = 'subscription_id,account_id,start_date,mrr_amount,arr_amount\n';

describe('a subscription row with no amount is skipped and counted, never $0', () => {
  it('blank MRR and ARR, a short row, an explicit 0', () => {
    const csv =
      'account_id,start_date,mrr,arr\n' +
      'A1,2023-01-01,,\n' + // blank MRR and ARR
      'A2,2023-01-01\n' + // short row: no amount columns at all
      'A3,2023-01-01,0,\n' + // explicit 0 (a trial-like free plan): a valid 0
      'A4,2023-01-01,,1200\n' +
      'A5,2023-01-01, , \n'; // spaces only: blank
    const data = loadTables({ subscriptions: parseCsv(csv, 'subs.csv') });
    const s = data.subscriptions!;
    expect(s.count).toBe(2);
    expect(Array.from(s.arr)).toEqual([0, 1200]);
    expect(Array.from(s.mrr)).toEqual([0, 100]);
    expect(data.accounts.filter((a) => s.account.includes(data.accountIndex.get(a.id.toLowerCase())!)).map((a) => a.id)).toEqual(['A3', 'A4']);
    expect(data.skipped).toEqual([{ table: 'subscriptions', reason: 'no MRR or ARR', count: 3, examples: ['row 2', 'row 3', 'row 6'] }]);
  });

  it('with only an ARR column mapped, a blank ARR is skipped too', () => {
    const data = loadTables({ subscriptions: parseCsv('account_id,start_date,arr\nA,2024-01-01,\nB,2024-01-01,0\n', 'subs.csv') });
    expect(Array.from(data.subscriptions!.arr)).toEqual([0]);
    expect(data.skipped.map((k) => [k.reason, k.count])).toEqual([['no MRR or ARR', 1]]);
  });

  it('reaches the report: ARR figures leave the row out and the Data quality count lists it', () => {
    const subs = parseCsv(SUBS_HEADER + 'S1,A,2023-01-01,100,\nS2,B,2023-01-01,,\nS3,C,2023-01-01,0,\n', 'subs.csv');
    const model = buildReportModel({ subscriptions: subs }, { from: '2024-01-01', to: '2025-01-01' });
    const skip = model.dataQuality.skipped.find((k) => k.reason === 'no MRR or ARR');
    expect(skip).toEqual({ table: 'subscriptions', reason: 'no MRR or ARR', count: 1, examples: ['S2'] });
    // A (100 MRR) is the only cohort account; B is not a silent $0 account, C's explicit 0 is no revenue.
    expect([model.metrics.cohortAccounts, model.metrics.startArr, model.metrics.endArr]).toEqual([1, 1200, 1200]);
  });

  it('other tables: a missing id is counted; a blank ticket score stays a blank, not a 0', () => {
    const tickets = parseCsv('ticket_id,account_id,submitted_at,satisfaction_score\nT1,,2024-01-01,5\nT2,A,2024-01-02,\nT3,A,2024-01-03,4\n', 't.csv');
    const churn = parseCsv('account_id,churn_date\n,2024-01-01\nA,2024-02-01\n', 'churn.csv');
    const data = loadTables({ tickets, churnEvents: churn });
    expect(data.tickets!.count).toBe(2);
    expect(Array.from(data.tickets!.csat).map((x) => (Number.isNaN(x) ? 'blank' : x))).toEqual(['blank', 4]);
    expect(data.skipped).toEqual([
      { table: 'tickets', reason: 'missing id', count: 1, examples: ['T1'] },
      { table: 'churnEvents', reason: 'missing id', count: 1, examples: ['row 2'] },
    ]);
  });
});

describe('messages say what is accepted and name the file', () => {
  it('an Excel serial in a CSV date column', () => {
    const subs = parseCsv('account_id,start_date,mrr\nA1,44927,10\nA2,44928,10\n', 'subs.csv');
    expect(() => loadTables({ subscriptions: subs })).toThrow(
      new InputError(
        "subs.csv: column start_date has no readable dates (e.g. '44927'); dates must be ISO text YYYY-MM-DD, optionally with a time " +
          "(2023-01-31 09:30), or real date cells in an .xlsx file. '44927' looks like a spreadsheet serial number exported as text: " +
          'format the column as dates (YYYY-MM-DD) before exporting.',
      ),
    );
    // The message never claims that spreadsheet serials are accepted in text.
    try {
      loadTables({ subscriptions: subs });
    } catch (e) {
      expect((e as Error).message).not.toMatch(/or spreadsheet dates/);
    }
  });

  it('an empty file says it is empty, for every table', () => {
    for (const kind of ['accounts', 'subscriptions', 'tickets', 'usage', 'churnEvents'] as TableKind[]) {
      for (const text of ['', '\n', ' , \n']) {
        const table = parseCsv(text, `${kind}.csv`);
        let message = '';
        try {
          loadTables({ [kind]: table });
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toMatch(new RegExp(`^${kind}\\.csv: the file is empty: it has no header row`));
        expect(message).not.toMatch(/columns seen: *$/);
      }
    }
  });

  it('a header-only file with no --from/--to names the file', () => {
    const subs = parseCsv(SUBS_HEADER, 'subs.csv');
    expect(() => buildReportModel({ subscriptions: subs })).toThrow(
      new InputError('no dates in subs.csv to derive a period from (no row has a subscription or event date); give --from and --to (YYYY-MM-DD)'),
    );
    const tickets = parseCsv('account_id,submitted_at\n', 'tickets.csv');
    expect(() => buildReportModel({ subscriptions: subs, tickets })).toThrow('no dates in subs.csv, tickets.csv to derive a period from');
    expect(() => resolvePeriod({}, null)).toThrow('no dates in the input to derive a period from');
  });
});

describe('user-facing table names', () => {
  it('every table kind has a label, and skip labels use it', () => {
    expect(TABLE_LABELS).toEqual({ accounts: 'Accounts', subscriptions: 'Subscriptions', tickets: 'Tickets', usage: 'Usage', churnEvents: 'Churn events' });
    expect(skipLabel({ table: 'churnEvents', reason: 'unparsable date' })).toBe('Churn events: unparsable date');
  });
  it('messages about a table use its label, not its internal key', () => {
    const churn = parseCsv('account_id,churn_date\nA,2024-01-01\n', 'churn.csv');
    expect(() => loadTables({ churnEvents: churn }, { columnOverrides: { churnEvents: { nope: 'x' } as never } })).toThrow(
      /^churn\.csv: the Churn events table has no field "nope"/,
    );
  });
});
