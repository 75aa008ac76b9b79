/**
 * TIME_TO_VALUE cases. They run in this process (tests/core/time-to-value.test.ts) and in child
 * processes under other TZ settings (time-to-value-zones.test.ts): the result must not depend on
 * the process time zone or on daylight-saving changes.
 */
import { dayFromIso, excelSerialFromDay } from '../../core/src/dates';
import { timeToValue } from '../../core/src/functions';
import { expectError } from './host-shapes';

/** A Sheets Date: midnight of that calendar day in the process's zone (the spreadsheet's zone here). */
const sheetsDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};
const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);

export const TTV_PAIRS: [string, string, number][] = [
      ['2024-01-15', '2024-02-04', 20],
      ['2024-03-09', '2024-03-11', 2], // US DST starts 2024-03-10
      ['2024-10-26', '2024-11-04', 9], // EU and US DST end
      ['2024-04-06', '2024-04-08', 2], // NZ/AU DST ends 2024-04-07
      ['2024-09-28', '2024-09-30', 2], // NZ DST starts 2024-09-29
      ['2023-12-31', '2025-01-01', 367],
      ['2024-02-28', '2024-03-01', 2],
      ['2024-05-05', '2024-05-05', 0],
    ];

/** Every host shape of each pair, computed in the current process: [label, result]. */
export function ttvResultsHere(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [a, b] of TTV_PAIRS) {
    out.push([`sheets ${a} ${b}`, timeToValue(sheetsDate(a), sheetsDate(b))]);
    out.push([`excel ${a} ${b}`, timeToValue([[serial(a) + 0.99]], [[serial(b) + 0.01]])]);
    out.push([`iso ${a} ${b}`, timeToValue(`${a} 23:59`, `${b}T00:01:00`)]);
    out.push([`mixed ${a} ${b}`, timeToValue(sheetsDate(a), serial(b))]);
  }
  return out;
}

export function timeToValueCases(): void {
  describe('TIME_TO_VALUE', () => {
    const pairs = TTV_PAIRS;

    it.each(pairs)('Sheets Dates %s → %s is %i days', (a, b, days) => {
      expect(timeToValue(sheetsDate(a), sheetsDate(b))).toEqual([[days]]);
    });
    it.each(pairs)('Excel serials %s → %s is %i days, ignoring the time of day', (a, b, days) => {
      expect(timeToValue([[serial(a) + 0.99]], [[serial(b) + 0.01]])).toEqual([[days]]);
    });
    it.each(pairs)('ISO text %s → %s is %i days', (a, b, days) => {
      expect(timeToValue(a, b)).toEqual([[days]]);
      expect(timeToValue(`${a} 23:59`, `${b}T00:01:00`)).toEqual([[days]]);
    });
    it.each(pairs)('mixed hosts %s → %s is %i days', (a, b, days) => {
      expect(timeToValue(sheetsDate(a), serial(b))).toEqual([[days]]);
      expect(timeToValue(serial(a), b)).toEqual([[days]]);
    });

    it('reads a Date in the spreadsheet zone given by the host, across a DST change', () => {
      // Midnight in Sydney on 2024-04-07 (AEDT, +11) and 2024-04-08 (AEST, +10): 25 hours apart.
      const a = new Date('2024-04-06T13:00:00Z');
      const b = new Date('2024-04-07T14:00:00Z');
      expect(timeToValue(a, b, { timeZone: 'Australia/Sydney' })).toEqual([[1]]);
      // Midnight in New York on 2024-03-10 (EST) and 2024-03-11 (EDT): 23 hours apart.
      expect(timeToValue(new Date('2024-03-10T05:00:00Z'), new Date('2024-03-11T04:00:00Z'), { timeZone: 'America/New_York' })).toEqual([[1]]);
    });

    it('gives "" for a blank value_date in every host shape', () => {
      expect(timeToValue(sheetsDate('2024-01-01'), '')).toEqual([['']]);
      expect(timeToValue([[serial('2024-01-01')]], [[null]])).toEqual([['']]);
      expect(timeToValue([[serial('2024-01-01')]], [[0]])).toEqual([['']]);
      expect(timeToValue('2024-01-01', undefined)).toEqual([['']]);
    });

    it('vectorises over rows with per-row errors', () => {
      const result = timeToValue(
        [[serial('2024-01-01')], [serial('2024-01-01')], [serial('2024-01-10')], ['not a date']],
        [[serial('2024-01-31')], [''], [serial('2024-01-01')], ['2024-02-01']],
      ) as unknown[][];
      expect(result[0][0]).toBe(30);
      expect(result[1][0]).toBe('');
      expectError(result[2][0], '#NUM!', 'value_date is before start_date');
      expectError(result[3][0], '#VALUE!', "start_date: 'not a date' is not a date (use YYYY-MM-DD)");
    });

    it('takes one start date for a column of value dates', () => {
      expect(timeToValue('2024-01-01', [['2024-01-02'], ['2024-01-31']])).toEqual([[1], [30]]);
    });

    it('rejects impossible ISO dates and an unknown time zone without throwing', () => {
      const [[a]] = timeToValue('2023-02-29', '2023-03-01') as unknown[][];
      expectError(a, '#VALUE!');
      const [[b]] = timeToValue(new Date(), new Date(), { timeZone: 'Mars/Olympus' }) as unknown[][];
      expectError(b, '#VALUE!', /unknown time zone/);
    });
  });
}
