/** Time: TIME_TO_VALUE in whole calendar days (vectorised). */
import { CellError, numError } from '../errors';
import { CallContext, readColumn, readDate, readPerRow } from '../normalise';
import { column, type CallOptions, type CellValue } from './common';

/**
 * value_date − start_date in calendar days. Dates are turned into day numbers first
 * (Sheets Date → its day in options.timeZone; Excel serial → integer part; ISO text → that day).
 * Blank value_date → "" (not reached yet).
 */
export function timeToValue(startDate: unknown, valueDate: unknown, options?: CallOptions): CellValue[][] | CellError {
  const ctx = new CallContext(options);
  // Both inputs are per-row: each is one value or one column; the taller one sets the rows.
  const startGrid = readColumn(startDate, 'start_date');
  if (startGrid instanceof CellError) return startGrid;
  const valueGrid = readColumn(valueDate, 'value_date');
  if (valueGrid instanceof CellError) return valueGrid;
  const main = valueGrid.rows > startGrid.rows ? valueGrid : startGrid;
  const starts = readPerRow(startDate, 'start_date', main);
  if (starts instanceof CellError) return starts;
  const ends = readPerRow(valueDate, 'value_date', main);
  if (ends instanceof CellError) return ends;
  return column(main.rows, (r) => {
    const end = readDate(ends(r), 'value_date', ctx);
    if (end instanceof CellError) return end;
    const start = readDate(starts(r), 'start_date', ctx);
    if (start instanceof CellError) return start;
    if (end === null || start === null) return '';
    if (end < start) return numError('value_date is before start_date');
    return end - start;
  });
}
