/**
 * Synthetic books of business for the Excel renderer and task pane tests, as the grids a host
 * range holds (header row first). Dates are Excel serial numbers, as Excel passes them.
 */
import { dayFromIso, excelSerialFromDay } from '../../core/src/dates';
import type { InputTables, RawTable } from '../../core/src/data/model';

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);

export interface BookOptions {
  /** Names of the first accounts (the rest are "Account <n>"). */
  names?: string[];
}

/**
 * `n` accounts, each with one subscription: account i (1-based) pays 1,000 × (i mod 7 + 1) MRR
 * from 2023-06-01; every 10th account churns on 2024-07-01.
 */
export function accountGrid(n: number, options: BookOptions = {}): unknown[][] {
  const grid: unknown[][] = [['Account ID', 'Account Name', 'Segment', 'CSM']];
  const segments = ['Enterprise', 'Mid-market', 'SMB'];
  for (let i = 1; i <= n; i++) {
    grid.push([`AC-${i}`, options.names?.[i - 1] ?? `Account ${i}`, segments[i % 3], i % 2 ? 'Kim' : 'Lee']);
  }
  return grid;
}

export function subscriptionGrid(n: number): unknown[][] {
  const grid: unknown[][] = [['Subscription ID', 'Customer', 'Start', 'End', 'Monthly amount']];
  for (let i = 1; i <= n; i++) {
    grid.push([`S-${i}`, `AC-${i}`, serial('2023-06-01'), i % 10 === 0 ? serial('2024-07-01') : '', 1000 * ((i % 7) + 1)]);
  }
  return grid;
}

export function gridTable(source: string, grid: unknown[][]): RawTable {
  return { source, headers: grid[0].map(String), rows: grid.slice(1) };
}

export function book(n: number, options: BookOptions = {}): InputTables {
  return {
    accounts: gridTable('Accounts!A1', accountGrid(n, options)),
    subscriptions: gridTable('Subscriptions!A1', subscriptionGrid(n)),
  };
}
