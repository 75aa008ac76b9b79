/** Field bugs in the tabs: honest period labels, the exact annual check, user-facing table names. */
import { parseCsv } from '../../core/src/data/csv';
import { dayFromIso } from '../../core/src/dates';
import { makePeriod } from '../../core/src/data/period';
import { buildReportModel } from '../../core/src/data/report-model';
import { buildBoardReport } from '../../core/src/reports';
import { asOfLine, isAnnual, monthsText, periodLengthText } from '../../core/src/reports/layout';
import { smallTables } from '../data/fixtures';

const period = (from: string, to: string) => makePeriod(dayFromIso(from)!, dayFromIso(to)!);

describe('period length label', () => {
  it('whole months only when to is exactly from + N months', () => {
    expect(periodLengthText(period('2024-01-01', '2025-01-01'))).toBe('12 months');
    expect(periodLengthText(period('2024-03-15', '2024-04-15'))).toBe('1 month');
    expect(periodLengthText(period('2024-02-29', '2025-02-28'))).toBe('12 months'); // + 12 months clamps to Feb 28
  });
  it('a period one day short of a year is not "12 months"', () => {
    // 2024-01-01 up to (not including) 2024-12-31: 11 months + 30/31, 365 days.
    expect(periodLengthText(period('2024-01-01', '2024-12-31'))).toBe('11.97 months, 365 days');
    expect(asOfLine(period('2024-01-01', '2024-12-31'))).toBe('As of 2024-12-30 (period from 2024-01-01 to 2024-12-31, 11.97 months, 365 days)');
    expect(periodLengthText(period('2024-01-01', '2025-01-02'))).toBe('12.03 months, 367 days');
  });
  it('under a month, days', () => {
    expect(periodLengthText(period('2024-01-01', '2024-01-02'))).toBe('1 day');
    expect(periodLengthText(period('2024-02-01', '2024-02-15'))).toBe('14 days');
  });
  it('monthsText never rounds a fraction to a whole number', () => {
    expect(monthsText(12)).toBe('12 months');
    expect(monthsText(1)).toBe('1 month');
    expect(monthsText(11 + 30 / 31)).toBe('11.97 months');
    expect(monthsText(11.9999)).toBe('11.9999 months');
    expect(monthsText(0.5)).toBe('0.50 months');
  });
});

describe('annual check', () => {
  it('is exact: to = from + 12 months', () => {
    expect(isAnnual(period('2024-01-01', '2025-01-01'))).toBe(true);
    expect(isAnnual(period('2023-07-15', '2024-07-15'))).toBe(true);
    expect(isAnnual(period('2024-01-01', '2024-12-31'))).toBe(false);
    expect(isAnnual(period('2024-01-01', '2025-01-02'))).toBe(false);
    expect(isAnnual(period('2024-01-01', '2024-01-02'))).toBe(false);
  });
  it('the Board Report warns and does not rate a period one day short of a year', () => {
    const tab = buildBoardReport(buildReportModel(smallTables(), { from: '2024-01-01', to: '2024-12-31' }));
    const texts = tab.rows.map((r) => r.map((c) => (c && typeof c.value === 'string' ? c.value : '')).join(' '));
    expect(texts[1]).toBe('As of 2024-12-30 (period from 2024-01-01 to 2024-12-31, 11.97 months, 365 days)');
    expect(texts.some((t) => t.includes('This period is 11.97 months, 365 days, not 12 months.'))).toBe(true);
    expect(tab.conditionalFormats ?? []).toHaveLength(0);
    const annual = buildBoardReport(buildReportModel(smallTables(), { from: '2024-01-01', to: '2025-01-01' }));
    expect((annual.conditionalFormats ?? []).length).toBeGreaterThan(0);
  });
});

describe('Data quality labels use the user-facing table names', () => {
  it('"Churn events: unparsable date", never "churnEvents"', () => {
    const tables = smallTables();
    tables.churnEvents = parseCsv('churn_event_id,account_id,churn_date\nCH1,B,2024-05-01\nCH9,C,sometime\n', 'churn.csv');
    const tab = buildBoardReport(buildReportModel(tables, { from: '2024-01-01', to: '2025-01-01' }));
    const labels = tab.rows.map((r) => (r[0] && typeof r[0].value === 'string' ? r[0].value : ''));
    expect(labels).toContain('Churn events: unparsable date');
    expect(labels).toContain('Subscriptions: unparsable date');
    for (const l of labels) expect(l).not.toMatch(/churnEvents|\bsubscriptions:|\btickets:/);
  });
});
