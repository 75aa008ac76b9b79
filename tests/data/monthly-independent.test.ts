/**
 * Month-by-month MRR (reports.md "Month by month (MRR)") against calculations written here,
 * sharing no code with core/src/data:
 * 1. a tiny subscriptions table whose movements and cohorts were worked out by hand;
 * 2. the RavenStack CSVs, read with a plain split-based reader (the files have no quoted
 *    fields), dates compared as ISO text and month ends from JavaScript's Date: calendar 2024's
 *    twelve months of movements, and one cohort row in full.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawTable } from '../../core/src/data/model';
import { buildReportModel } from '../../core/src/data/report-model';
import { ravenstackModel } from '../helpers/ravenstack';
import { monthlyCaseSubscriptions } from './fixtures';

// ------------------------------------------------------------------------------------------
// 1. Hand-made: period 2024-01-01 to 2024-07-01 (January to June); the table is in ./fixtures.ts.


const HAND_MONTHS = [
  { month: '2024-01', starting: 100, new: 270, expansion: 0, contraction: 0, churn: 0, reactivation: 0, ending: 370, activeAccounts: 3, newAccounts: 2, churnedAccounts: 0, reactivatedAccounts: 0 },
  { month: '2024-02', starting: 370, new: 300, expansion: 0, contraction: 0, churn: 70, reactivation: 0, ending: 600, activeAccounts: 3, newAccounts: 1, churnedAccounts: 1, reactivatedAccounts: 0 },
  { month: '2024-03', starting: 600, new: 0, expansion: 50, contraction: 0, churn: 200, reactivation: 0, ending: 450, activeAccounts: 2, newAccounts: 0, churnedAccounts: 1, reactivatedAccounts: 0 },
  { month: '2024-04', starting: 450, new: 0, expansion: 0, contraction: 180, churn: 0, reactivation: 0, ending: 270, activeAccounts: 2, newAccounts: 0, churnedAccounts: 0, reactivatedAccounts: 0 },
  { month: '2024-05', starting: 270, new: 0, expansion: 0, contraction: 50, churn: 0, reactivation: 80, ending: 300, activeAccounts: 3, newAccounts: 0, churnedAccounts: 0, reactivatedAccounts: 1 },
  { month: '2024-06', starting: 300, new: 40, expansion: 0, contraction: 0, churn: 0, reactivation: 0, ending: 340, activeAccounts: 4, newAccounts: 1, churnedAccounts: 0, reactivatedAccounts: 0 },
];

const HAND_COHORTS = [
  { month: '2023-11', accounts: 1, mrr: [100, 100, 100, 100, 150, 150, 100, 100], logos: [1, 1, 1, 1, 1, 1, 1, 1] },
  { month: '2024-01', accounts: 2, mrr: [270, 200, 0, 0, 80, 80], logos: [2, 1, 0, 0, 1, 1] },
  { month: '2024-02', accounts: 1, mrr: [300, 300, 120, 120, 120], logos: [1, 1, 1, 1, 1] },
  { month: '2024-06', accounts: 1, mrr: [40], logos: [1] },
];

function handMadeModel() {
  return buildReportModel({ subscriptions: monthlyCaseSubscriptions() }, { from: '2024-01-01', to: '2024-07-01' });
}

describe('month-by-month MRR of a hand-made subscriptions table', () => {
  const model = handMadeModel();

  it('gives the hand-computed movements, month by month', () => {
    expect(model.monthly).toEqual(HAND_MONTHS);
  });

  it('gives the hand-computed cohorts, from the first month of data to the period’s last month', () => {
    expect(model.cohorts).toEqual(HAND_COHORTS);
    expect(Object.fromEntries(model.accounts.map((a) => [a.id, a.cohort]))).toEqual({
      A: '2023-11',
      B: '2024-01',
      C: '2024-02',
      D: '2024-06',
      E: '2024-01',
    });
  });
});

// ------------------------------------------------------------------------------------------
// 2. RavenStack, calendar 2024, computed independently.

const DIR = join(__dirname, '../../samples/ravenstack');
type Row = Record<string, string>;
function readPlain(file: string): Row[] {
  const lines = readFileSync(join(DIR, file), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    const row: Row = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}

/** "YYYY-MM" → the ISO date of its last day, from JavaScript's calendar (day 0 of the next month). */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
function addMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

interface Independent {
  months: string[];
  /** month → movements */
  movements: Map<string, { starting: number; new: number; expansion: number; contraction: number; churn: number; reactivation: number; ending: number; active: number }>;
  /** cohort month → account ids */
  cohortMembers: Map<string, string[]>;
  /** account → month → month-end MRR */
  mrr: Map<string, Map<string, number>>;
}

function independent(): Independent {
  const known = new Set(readPlain('accounts.csv').map((a) => a.account_id.toLowerCase()));
  const subs = readPlain('subscriptions.csv').filter(
    (s) =>
      s.is_trial.toLowerCase() !== 'true' &&
      known.has(s.account_id.toLowerCase()) &&
      (s.end_date === '' || s.end_date > s.start_date) &&
      Number(s.mrr_amount) > 0,
  );
  const firstMonth = subs.map((s) => s.start_date.slice(0, 7)).sort()[0];
  const allMonths: string[] = [];
  for (let m = firstMonth; m <= '2024-12'; m = addMonth(m, 1)) allMonths.push(m);

  const mrr = new Map<string, Map<string, number>>();
  for (const month of allMonths) {
    const day = lastDayOf(month);
    for (const s of subs) {
      if (!(s.start_date <= day && (s.end_date === '' || day < s.end_date))) continue;
      const id = s.account_id.toLowerCase();
      if (!mrr.has(id)) mrr.set(id, new Map());
      const byMonth = mrr.get(id)!;
      byMonth.set(month, (byMonth.get(month) ?? 0) + Number(s.mrr_amount));
    }
  }

  const months = allMonths.filter((m) => m >= '2024-01' && m <= '2024-12');
  const movements: Independent['movements'] = new Map();
  for (const m of months) movements.set(m, { starting: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, ending: 0, active: 0 });
  const cohortMembers = new Map<string, string[]>();
  for (const [id, byMonth] of mrr) {
    const at = (m: string) => byMonth.get(m) ?? 0;
    const positive = allMonths.filter((m) => at(m) > 0);
    if (positive.length > 0) {
      const c = positive[0];
      cohortMembers.set(c, [...(cohortMembers.get(c) ?? []), id]);
    }
    for (const m of months) {
      const prevMonth = addMonth(m, -1);
      const before = at(prevMonth);
      const now = at(m);
      const x = movements.get(m)!;
      x.starting += before;
      x.ending += now;
      if (now > 0) x.active++;
      if (before === 0 && now > 0) {
        const everBefore = allMonths.some((e) => e < m && at(e) > 0);
        if (everBefore) x.reactivation += now;
        else x.new += now;
      } else if (before > 0 && now === 0) x.churn += before;
      else if (before > 0 && now > before) x.expansion += now - before;
      else if (before > 0 && now < before) x.contraction += before - now;
    }
  }
  return { months, movements, cohortMembers, mrr };
}

describe('month-by-month MRR of RavenStack, calendar 2024, against an independent calculation', () => {
  const model = ravenstackModel();
  const x = independent();

  it('has the twelve months of 2024', () => {
    expect(x.months).toHaveLength(12);
    expect(model.monthly.map((m) => m.month)).toEqual(x.months);
  });

  it.each(['starting', 'new', 'expansion', 'contraction', 'churn', 'reactivation', 'ending'] as const)('matches %s MRR in every month', (field) => {
    for (const m of model.monthly) expect([m.month, m[field]]).toEqual([m.month, x.movements.get(m.month)![field]]);
  });

  it('matches the accounts with MRR at each month-end, and the figures are not trivial', () => {
    for (const m of model.monthly) expect(m.activeAccounts).toBe(x.movements.get(m.month)!.active);
    const total = (f: 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation') => x.months.reduce((s, m) => s + x.movements.get(m)![f], 0);
    for (const f of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) expect(total(f)).toBeGreaterThan(0);
  });

  it('satisfies starting + new + expansion − contraction − churn + reactivation = ending, and starting = last month’s ending', () => {
    model.monthly.forEach((m, i) => {
      expect(m.starting + m.new + m.expansion - m.contraction - m.churn + m.reactivation).toBeCloseTo(m.ending, 6);
      if (i > 0) expect(m.starting).toBe(model.monthly[i - 1].ending);
    });
  });

  it('matches one cohort row in full (2024-03): accounts, month-end MRR and logos up to 2024-12', () => {
    const month = '2024-03';
    const members = x.cohortMembers.get(month)!;
    const after = x.months.filter((m) => m >= month);
    const mrr = after.map((m) => members.reduce((s, id) => s + (x.mrr.get(id)!.get(m) ?? 0), 0));
    const logos = after.map((m) => members.filter((id) => (x.mrr.get(id)!.get(m) ?? 0) > 0).length);
    const row = model.cohorts.find((c) => c.month === month)!;
    expect(row).toEqual({ month, accounts: members.length, mrr, logos });
    expect(mrr).toHaveLength(10);
  });

  it('matches every cohort’s size, from the first month of data', () => {
    const sizes = [...x.cohortMembers.entries()].map(([m, ids]) => [m, ids.length]).sort();
    expect(model.cohorts.map((c) => [c.month, c.accounts])).toEqual(sizes);
  });
});
