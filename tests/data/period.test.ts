import { dayFromIso } from '../../core/src/dates';
import { defaultPeriodEnd, makePeriod, periodMonths, resolvePeriod } from '../../core/src/data/period';
import { InputError } from '../../core/src/errors';

const day = (s: string) => dayFromIso(s)!;

describe('reporting period', () => {
  it('is half-open: 2024-01-01 to 2025-01-01 is calendar 2024, as of 2024-12-31', () => {
    expect(makePeriod(day('2024-01-01'), day('2025-01-01'))).toEqual({ from: '2024-01-01', to: '2025-01-01', asOf: '2024-12-31', months: 12 });
  });

  it('counts months, fractional when not month-aligned', () => {
    expect(periodMonths(day('2024-01-01'), day('2024-04-01'))).toBe(3);
    expect(periodMonths(day('2024-01-15'), day('2024-02-15'))).toBe(1);
    expect(periodMonths(day('2024-02-01'), day('2024-02-15'))).toBeCloseTo(14 / 29, 10);
    expect(periodMonths(day('2023-07-01'), day('2024-07-01'))).toBe(12);
  });

  it('defaults to the 12 months ending at the first of the month after the latest date', () => {
    expect(defaultPeriodEnd(day('2024-12-31'))).toBe(day('2025-01-01'));
    expect(defaultPeriodEnd(day('2024-12-01'))).toBe(day('2025-01-01'));
    expect(defaultPeriodEnd(day('2024-02-29'))).toBe(day('2024-03-01'));
    expect(resolvePeriod({}, day('2024-10-05')).period).toMatchObject({ from: '2023-11-01', to: '2024-11-01' });
  });

  it('takes given bounds, and puts the other bound 12 months away when only one is given', () => {
    expect(resolvePeriod({ from: '2024-03-15', to: '2024-06-15' }, null).period).toMatchObject({ from: '2024-03-15', to: '2024-06-15', months: 3 });
    expect(resolvePeriod({ from: '2024-03-01' }, null).period.to).toBe('2025-03-01');
    expect(resolvePeriod({ to: '2024-03-01' }, null).period.from).toBe('2023-03-01');
  });

  it('rejects a bad date, an empty period and a default with no dates', () => {
    expect(() => resolvePeriod({ from: '2024-13-01', to: '2025-01-01' }, null)).toThrow("--from '2024-13-01' is not a date");
    expect(() => resolvePeriod({ from: '2025-01-01', to: '2025-01-01' }, null)).toThrow(InputError);
    expect(() => resolvePeriod({}, null)).toThrow('give --from and --to');
  });
});
