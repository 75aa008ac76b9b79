/** The data layer's fast paths (lazy CSV rows, number text, plan codes, label store) keep every result. */
import { parseCsvRows } from '../../core/src/data/csv';
import { readNumber } from '../../core/src/data/cells';
import { loadTables } from '../../core/src/data/load';
import type { RawTable } from '../../core/src/data/model';
import { monthIndexOfDay, subscriptionMonths } from '../../core/src/data/monthly';
import { buildReportModel } from '../../core/src/data/report-model';
import { partsFromDay } from '../../core/src/dates';

describe('CSV reading', () => {
  it('keeps every value of long runs of sequential ids, quoted or not', () => {
    const lines = ['id,acc,mrr'];
    for (let i = 0; i < 150_000; i++) lines.push(`SUB-${i},ACC-${Math.floor(i / 3)},${i % 7 === 0 ? `"$${(i % 5000).toLocaleString('en-US')}"` : i % 5000}`);
    const rows = parseCsvRows(lines.join('\n'));
    expect(rows.length).toBe(150_001);
    for (let i = 0; i < 150_000; i += 997) {
      expect(rows[i + 1]).toEqual([`SUB-${i}`, `ACC-${Math.floor(i / 3)}`, i % 7 === 0 ? `$${(i % 5000).toLocaleString('en-US')}` : String(i % 5000)]);
    }
  });
  it('quoted fields: doubled quotes, text after the closing quote, an unterminated quote, blank lines', () => {
    expect(parseCsvRows('a,b\n"x""y",z\n"p"q,r\n\n"",""\n"open')).toEqual([['a', 'b'], ['x"y', 'z'], ['pq', 'r'], ['', ''], ['open']]);
  });
});

describe('number text in tables', () => {
  it('reads plain, grouped and currency text as before', () => {
    expect(readNumber('213')).toEqual({ value: 213, currency: null });
    expect(readNumber('$6,060')).toEqual({ value: 6060, currency: '$' });
    expect(readNumber('-12.5')).toEqual({ value: -12.5, currency: null });
    expect(readNumber(' 1 200,50 €')).toEqual({ value: 1200.5, currency: '€' });
    expect(readNumber('  ')).toBeNull();
    expect(readNumber('abc')).toBeUndefined();
    expect(readNumber(Infinity)).toBeUndefined();
  });
});

describe('subscription plans and labels', () => {
  const subs = (rows: unknown[][], headers: string[]): RawTable => ({ source: 'subs.csv', headers, rows });
  it('codes plans by first appearance and labels rows without an id by row number', () => {
    const data = loadTables({
      subscriptions: subs(
        [
          ['A', '2024-01-01', '2024-06-01', ' Pro', '100'],
          ['A', '2024-02-01', '2024-07-01', 'Pro', '100'],
          ['B', '2024-01-01', '', 'Basic', '50'],
          ['B', '2024-03-05', '2024-03-20', '', '50'],
        ],
        ['account_id', 'start_date', 'end_date', 'plan', 'mrr'],
      ),
    });
    const s = data.subscriptions!;
    expect(Array.from(s.planCode!)).toEqual([0, 0, 1, 2]);
    expect(s.plans).toEqual(['Pro', 'Basic', '']);
    expect(s.plan).toEqual(['Pro', 'Pro', 'Basic', '']);
    expect(s.label).toEqual(['row 2', 'row 3', 'row 4', 'row 5']);
    const model = buildReportModel({ subscriptions: subs([['A', '2024-01-01', '2024-06-01', 'Pro', '100'], ['A', '2024-02-01', '2024-07-01', 'Pro', '100']], ['account_id', 'start_date', 'end_date', 'plan', 'mrr']) });
    expect(model.dataQuality.overlappingSubscriptions).toEqual({ count: 2, examples: ['row 2', 'row 3'] });
  });
  it('labels rows by their subscription id', () => {
    const data = loadTables({
      subscriptions: subs([['S-1', 'A', '2024-01-01', '', '10'], ['', 'A', '2024-01-01', '', '10'], ['Ünïcode-Ω', 'B', '2024-01-01', '', '10']], [
        'subscription_id',
        'account_id',
        'start_date',
        'end_date',
        'mrr',
      ]),
    });
    const s = data.subscriptions!;
    expect([s.labelOf(0), s.labelOf(1), s.labelOf(2)]).toEqual(['S-1', 'row 3', 'Ünïcode-Ω']);
  });
});

describe('subscription months', () => {
  it('match the calendar for every day, with and without the day table', () => {
    const ref = (d: number) => partsFromDay(d).year * 12 + partsFromDay(d).month - 1;
    const days = Array.from({ length: 4000 }, (_, i) => -1000 + i * 37);
    for (const d of days) expect(monthIndexOfDay(d)).toBe(ref(d));
    const start = Int32Array.from(days);
    const end = Int32Array.from(days, (d, i) => (i % 5 === 0 ? 2147483647 : d + 45));
    const months = subscriptionMonths({ count: days.length, start, end } as never);
    days.forEach((d, i) => {
      expect(months.start[i]).toBe(ref(d));
      if (i % 5 !== 0) expect(months.end[i]).toBe(ref(d + 45));
    });
    // A span too wide for the table (year 1 to 9999) uses the arithmetic.
    const wide = subscriptionMonths({ count: 2, start: Int32Array.of(-719162, 2932896), end: Int32Array.of(2147483647, 2932897) } as never);
    expect(Array.from(wide.start)).toEqual([ref(-719162), ref(2932896)]);
  });
});
