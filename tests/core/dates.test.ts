import {
  addMonthsToDay,
  dayFromDate,
  dayFromExcelSerial,
  dayFromIso,
  dayFromPlainIso,
  dayFromParts,
  excelSerialFromDay,
  firstOfMonth,
  isoFromDay,
  lastDayOfMonth,
  monthKey,
} from '../../core/src/dates';
import fc from 'fast-check';

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(dayFromIso('1969-12-31')).toBe(-1);
    expect(dayFromIso('2000-01-01')).toBe(10957);
    expect(isoFromDay(19782)).toBe('2024-02-29');
  });
  it('maps Excel serials: 25569 is 1970-01-01, 36526 is 2000-01-01, the fraction is dropped', () => {
    expect(dayFromExcelSerial(25569)).toBe(0);
    expect(dayFromExcelSerial(36526.75)).toBe(dayFromIso('2000-01-01'));
    expect(excelSerialFromDay(dayFromIso('2000-01-01')!)).toBe(36526);
  });
  it('accepts a date with a time part, taking the date as written', () => {
    expect(dayFromIso('2024-03-10 23:59')).toBe(dayFromIso('2024-03-10'));
    expect(dayFromIso('2023-07-28 3:00')).toBe(dayFromIso('2023-07-28')); // as in RavenStack's closed_at
    expect(dayFromIso('2024-03-10T23:59:59.123Z')).toBe(dayFromIso('2024-03-10'));
    expect(dayFromIso('2024-03-10T01:00:00+14:00')).toBe(dayFromIso('2024-03-10'));
  });
  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '24-01-01', '2024/01/01', '2024-1-1', 'x', '2024-01-01 25:00'])(
    'rejects %p',
    (text) => expect(dayFromIso(text)).toBeNull(),
  );
  it('round-trips ISO text and day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719528, max: 2932896 }), (day) => {
        expect(dayFromIso(isoFromDay(day))).toBe(day);
      }),
      { numRuns: 10000 },
    );
  });
  it('agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2600 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        expect(dayFromParts(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86400000);
      }),
      { numRuns: 10000 },
    );
  });
  it('reads a Date in a given IANA zone', () => {
    const instant = new Date('2024-03-10T03:00:00Z');
    expect(isoFromDay(dayFromDate(instant, 'America/New_York'))).toBe('2024-03-09');
    expect(isoFromDay(dayFromDate(instant, 'Asia/Tokyo'))).toBe('2024-03-10');
    expect(isoFromDay(dayFromDate(instant, 'UTC'))).toBe('2024-03-10');
  });
  it('reads a Date by its local calendar fields by default', () => {
    expect(isoFromDay(dayFromDate(new Date(2024, 6, 4)))).toBe('2024-07-04');
  });
  it('adds months, clamping to the month end', () => {
    const d = (iso: string) => dayFromIso(iso)!;
    expect(isoFromDay(addMonthsToDay(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoFromDay(addMonthsToDay(d('2023-01-31'), 1))).toBe('2023-02-28');
    expect(isoFromDay(addMonthsToDay(d('2024-03-31'), -1))).toBe('2024-02-29');
    expect(isoFromDay(addMonthsToDay(d('2024-11-15'), 3))).toBe('2025-02-15');
    expect(isoFromDay(addMonthsToDay(d('2024-01-15'), -13))).toBe('2022-12-15');
  });
  it('gives month keys and month edges', () => {
    const day = dayFromIso('2024-02-10')!;
    expect(monthKey(day)).toBe('2024-02');
    expect(isoFromDay(firstOfMonth(day))).toBe('2024-02-01');
    expect(isoFromDay(lastDayOfMonth(day))).toBe('2024-02-29');
    expect(isoFromDay(lastDayOfMonth(dayFromIso('2100-02-01')!))).toBe('2100-02-28');
  });
});

describe('dayFromPlainIso (the date reader\'s fast path)', () => {
  it('agrees with dayFromIso on every day of 1999–2032 and refuses what is not a plain valid date', () => {
    for (let d = dayFromIso('1999-01-01') as number; d <= (dayFromIso('2032-12-31') as number); d++) {
      const text = isoFromDay(d);
      if (dayFromPlainIso(text) !== d) throw new Error(`${text}: ${dayFromPlainIso(text)}`);
    }
    for (const text of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '2024-1-011', '2024/01/01', ' 2024-01-1', '2024-01-0x', '+024-01-01', '2024-01-01 ']) {
      expect([text, dayFromPlainIso(text)]).toEqual([text, null]);
    }
    expect(dayFromPlainIso('2024-02-29')).toBe(dayFromIso('2024-02-29'));
  });
});
