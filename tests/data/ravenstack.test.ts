/**
 * RavenStack, the real sample input: the data layer against an independent calculation.
 * The expected side reads the CSVs with a plain split-based reader (the files have no
 * quoted fields) and compares ISO date text directly, sharing no code with the data layer.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportModel } from '../../core/src/data/report-model';
import { ravenstackTables } from '../helpers/ravenstack';

const DIR = join(__dirname, '../../samples/ravenstack');
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');

// ---------- the independent side ----------
type Row = Record<string, string>;
function readPlain(file: string): Row[] {
  const lines = text(file).replace(/^\ufeff/, '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    const row: Row = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}

const accountsRows = readPlain('accounts.csv');
const subsRows = readPlain('subscriptions.csv');
const ticketRows = readPlain('support_tickets.csv');

const isTrue = (s: string) => s.toLowerCase() === 'true';
const knownAccounts = new Set(accountsRows.map((a) => a.account_id.toLowerCase()));
const paidSubs = subsRows.filter(
  (s) => !isTrue(s.is_trial) && knownAccounts.has(s.account_id.toLowerCase()) && (s.end_date === '' || s.end_date > s.start_date),
);
const activeOn = (s: Row, date: string) => s.start_date <= date && (s.end_date === '' || date < s.end_date);
const arrOf = (s: Row) => (s.arr_amount !== '' ? Number(s.arr_amount) : 12 * Number(s.mrr_amount));
const mrrOf = (s: Row) => (s.mrr_amount !== '' ? Number(s.mrr_amount) : Number(s.arr_amount) / 12);

function arrByAccount(date: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of accountsRows) out.set(a.account_id.toLowerCase(), 0);
  for (const s of paidSubs) if (activeOn(s, date)) out.set(s.account_id.toLowerCase(), out.get(s.account_id.toLowerCase())! + arrOf(s));
  return out;
}

const tierOf = (arr: number) => (arr >= 100000 ? 'High Touch' : arr >= 15000 ? 'Low Touch' : 'Tech Touch');
const segmentOfTier: Record<string, string> = { 'High Touch': 'Enterprise', 'Low Touch': 'Mid-market', 'Tech Touch': 'SMB' };

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function expected(from: string, to: string, segment?: string) {
  const start = arrByAccount(from);
  const end = arrByAccount(to);
  let cohort = 0, kept = 0, startSum = 0, endSum = 0, capped = 0, expansion = 0, contraction = 0, churn = 0, newArr = 0, endTotal = 0;
  const tiers: Record<string, { accounts: number; arr: number }> = {
    'High Touch': { accounts: 0, arr: 0 },
    'Low Touch': { accounts: 0, arr: 0 },
    'Tech Touch': { accounts: 0, arr: 0 },
  };
  for (const [id, s] of start) {
    const e = end.get(id)!;
    if (segment && segmentOfTier[tierOf(s)] !== segment) continue;
    endTotal += e;
    if (e > 0) {
      tiers[tierOf(e)].accounts += 1;
      tiers[tierOf(e)].arr += e;
    }
    if (s > 0) {
      cohort += 1;
      startSum += s;
      endSum += e;
      capped += Math.min(s, e);
      if (e > 0) kept += 1;
      if (e > s) expansion += e - s;
      else if (e > 0 && e < s) contraction += s - e;
      else if (e === 0) churn += s;
    } else newArr += e;
  }
  const scores = ticketRows
    .filter((t) => t.submitted_at.slice(0, 10) >= from && t.submitted_at.slice(0, 10) < to && t.satisfaction_score !== '')
    .map((t) => Number(t.satisfaction_score));
  const mrrAt = (month: string) => paidSubs.filter((s) => activeOn(s, lastDayOf(month))).reduce((sum, s) => sum + mrrOf(s), 0);
  return {
    cohortAccounts: cohort,
    startArr: startSum,
    endArr: endTotal,
    nrr: endSum / startSum,
    grr: capped / startSum,
    logoRetention: kept / cohort,
    movements: { starting: startSum, expansion, contraction, churn, new: newArr },
    tiers,
    csat: scores.filter((x) => x >= 4).length / scores.length,
    csatMean: scores.reduce((a, b) => a + b, 0) / scores.length,
    mrrAt,
  };
}

// ---------- the data layer ----------
const input = ravenstackTables();

describe.each([
  ['2024-01-01', '2025-01-01', ['2024-01', '2024-06', '2024-12']],
  ['2023-07-01', '2024-07-01', ['2023-07', '2023-12', '2024-06']],
])('RavenStack %s → %s', (from, to, months) => {
  const model = buildReportModel(input, { from, to });
  const m = model.metrics;
  const x = expected(from, to);

  it('matches the independent start/end ARR, cohort and ratios', () => {
    expect(m.period).toEqual({ from, to });
    expect(m.cohortAccounts).toBe(x.cohortAccounts);
    expect(m.startArr).toBeCloseTo(x.startArr, 4);
    expect(m.endArr).toBeCloseTo(x.endArr, 4);
    expect(m.nrr!).toBeCloseTo(x.nrr, 10);
    expect(m.grr!).toBeCloseTo(x.grr, 10);
    expect(m.logoRetention!).toBeCloseTo(x.logoRetention, 10);
  });

  it('matches the independent ARR movements', () => {
    for (const k of ['starting', 'expansion', 'contraction', 'churn', 'new'] as const) {
      expect(m.movements[k]).toBeCloseTo(x.movements[k], 4);
    }
    expect(m.movements.starting).toBe(m.startArr);
  });

  it('matches the independent tiers at D1', () => {
    for (const t of ['High Touch', 'Low Touch', 'Tech Touch'] as const) {
      expect(m.tiers[t].accounts).toBe(x.tiers[t].accounts);
      expect(m.tiers[t].arr).toBeCloseTo(x.tiers[t].arr, 4);
    }
  });

  it('matches the independent CSAT share and mean', () => {
    expect(m.csat!).toBeCloseTo(x.csat, 10);
    expect(m.csatMean!).toBeCloseTo(x.csatMean, 10);
  });

  it('matches the independent month-end MRR', () => {
    expect(Object.keys(m.mrrByMonth)).toHaveLength(12);
    expect(Object.keys(m.mrrByMonth)[0]).toBe(from.slice(0, 7));
    for (const month of months) expect(m.mrrByMonth[month]).toBeCloseTo(x.mrrAt(month), 4);
  });

  it('matches the independent retention by segment (tier at D0, no segment column)', () => {
    for (const seg of ['Enterprise', 'Mid-market', 'SMB'] as const) {
      const xs = expected(from, to, seg);
      const ms = model.bySegment[seg];
      expect(ms.cohortAccounts).toBe(xs.cohortAccounts);
      expect(ms.startArr).toBeCloseTo(xs.startArr, 4);
      if (xs.cohortAccounts > 0) expect(ms.nrr!).toBeCloseTo(xs.nrr, 10);
    }
  });
});

describe.each([
  ['2024-01-01', '2025-01-01'],
  ['2023-07-01', '2024-07-01'],
])('cs-sheets metrics --json on RavenStack %s → %s (the command a user runs)', (from, to) => {
  const bin = join(__dirname, '../../cli/bin/cs-sheets.js');
  const run = spawnSync(
    process.execPath,
    [bin, 'metrics', '--subscriptions', join(DIR, 'subscriptions.csv'), '--tickets', join(DIR, 'support_tickets.csv'), '--from', from, '--to', to, '--json'],
    { encoding: 'utf8' },
  );
  const x = expected(from, to);

  it('prints the independent figures, and on stderr only the rows it left out', () => {
    const trials = subsRows.filter((s) => isTrue(s.is_trial)).length;
    const zero = subsRows.filter((s) => !isTrue(s.is_trial) && s.end_date !== '' && s.end_date <= s.start_date).length;
    expect(run.stderr.split('\n').map((l) => l.replace(/ \(e\.g\. .*\)$/, ''))).toEqual([
      `cs-sheets: note: ${trials} Subscriptions rows: trial`,
      `cs-sheets: note: ${zero} Subscriptions rows: zero-length subscription`,
      '',
    ]);
    const m = JSON.parse(run.stdout);
    expect(m.period).toEqual({ from, to });
    expect(m.cohortAccounts).toBe(x.cohortAccounts);
    expect(m.startArr).toBeCloseTo(x.startArr, 4);
    expect(m.endArr).toBeCloseTo(x.endArr, 4);
    expect(m.nrr).toBeCloseTo(x.nrr, 10);
    expect(m.grr).toBeCloseTo(x.grr, 10);
    expect(m.logoRetention).toBeCloseTo(x.logoRetention, 10);
    for (const k of ['starting', 'expansion', 'contraction', 'churn', 'new'] as const) expect(m.movements[k]).toBeCloseTo(x.movements[k], 4);
    for (const t of ['High Touch', 'Low Touch', 'Tech Touch'] as const) {
      expect(m.tiers[t].accounts).toBe(x.tiers[t].accounts);
      expect(m.tiers[t].arr).toBeCloseTo(x.tiers[t].arr, 4);
    }
    expect(m.csat).toBeCloseTo(x.csat, 10);
    expect(m.csatMean).toBeCloseTo(x.csatMean, 10);
    expect(Object.keys(m.mrrByMonth)).toHaveLength(12);
    for (const [month, mrr] of Object.entries(m.mrrByMonth)) expect(mrr).toBeCloseTo(x.mrrAt(month), 4);
  });
});

describe('RavenStack defaults and data quality', () => {
  it('defaults to the 12 months ending the month after the latest start or end date', () => {
    let latest = '';
    for (const s of subsRows) for (const d of [s.start_date, s.end_date]) if (d > latest) latest = d;
    const [y, mo] = latest.split('-').map(Number);
    const to = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 10);
    const from = new Date(Date.UTC(y - 1, mo, 1)).toISOString().slice(0, 10);
    const model = buildReportModel(input);
    expect(model.period).toEqual({ from, to, asOf: lastDayOf(latest.slice(0, 7)), months: 12 });
    expect(model.period.from).toBe('2024-01-01');
    expect(model.period.to).toBe('2025-01-01');
  });

  it('counts trials and zero-length subscriptions as skipped rows', () => {
    const model = buildReportModel(input, { from: '2024-01-01', to: '2025-01-01' });
    const trials = subsRows.filter((s) => isTrue(s.is_trial)).length;
    const zero = subsRows.filter((s) => !isTrue(s.is_trial) && s.end_date !== '' && s.end_date <= s.start_date).length;
    const skipped = Object.fromEntries(model.dataQuality.skipped.map((s) => [`${s.table}: ${s.reason}`, s.count]));
    expect(skipped['subscriptions: trial']).toBe(trials);
    expect(skipped['subscriptions: zero-length subscription']).toBe(zero);
    expect(model.dataQuality.zeroLengthSubscriptions.count).toBe(zero);
    expect(model.data.subscriptions!.count).toBe(paidSubs.length);
    expect(model.data.usage!.count).toBe(25000);
    expect(model.accounts).toHaveLength(accountsRows.length);
    expect(model.currency).toBeNull();
  });
});
