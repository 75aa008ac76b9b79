/**
 * RavenStack, calendar 2024: the derived health components against an independent calculation.
 * The independent side reads the CSVs with a plain split-based reader (the files have no quoted
 * fields), compares ISO date text directly and shares no code with the data layer. The window is
 * 2024-10-03 ≤ date < 2025-01-01 (90 days before the period end).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveHealthComponents } from '../../core/src/data/health-components';
import { dayFromIso } from '../../core/src/dates';
import { buildHealthScores } from '../../core/src/reports/health-scores';
import { ravenstackModel } from '../helpers/ravenstack';

const DIR = join(__dirname, '../../samples/ravenstack');
type Row = Record<string, string>;
function readPlain(file: string): Row[] {
  const lines = readFileSync(join(DIR, file), 'utf8').replace(/^\ufeff/, '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    const row: Row = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}

// ---------- the independent side ----------
const FROM = '2024-10-03';
const TO = '2025-01-01';
const inWindow = (date: string) => date.slice(0, 10) >= FROM && date.slice(0, 10) < TO;
const isTrue = (s: string) => s.toLowerCase() === 'true';

const accounts = readPlain('accounts.csv');
const subs = readPlain('subscriptions.csv');
const ids = accounts.map((a) => a.account_id.toLowerCase());
const known = new Set(ids);
const accountOfSub = new Map(subs.map((s) => [s.subscription_id.toLowerCase(), s.account_id.toLowerCase()]));

// Seats on the end date: non-trial subscriptions active on it (start ≤ D1 < end), else the accounts table.
const seats = new Map<string, number>();
for (const s of subs) {
  const id = s.account_id.toLowerCase();
  if (isTrue(s.is_trial) || !known.has(id) || (s.end_date !== '' && s.end_date <= s.start_date)) continue;
  if (s.start_date <= TO && (s.end_date === '' || TO < s.end_date) && s.seats !== '') seats.set(id, (seats.get(id) ?? 0) + Number(s.seats));
}
for (const a of accounts) if (!seats.has(a.account_id.toLowerCase()) && a.seats !== '') seats.set(a.account_id.toLowerCase(), Number(a.seats));

const features = new Map<string, Set<string>>();
const uses = new Map<string, number>();
const errors = new Map<string, number>();
for (const u of readPlain('feature_usage.csv')) {
  const id = accountOfSub.get(u.subscription_id.toLowerCase());
  if (!id || !known.has(id) || !inWindow(u.usage_date)) continue;
  if (!features.has(id)) features.set(id, new Set());
  if (u.feature_name !== '' && Number(u.usage_count) !== 0) features.get(id)!.add(u.feature_name);
  uses.set(id, (uses.get(id) ?? 0) + Number(u.usage_count));
  errors.set(id, (errors.get(id) ?? 0) + Number(u.error_count));
}
const tickets = new Map<string, number>();
const csat = new Map<string, number[]>();
for (const t of readPlain('support_tickets.csv')) {
  const id = t.account_id.toLowerCase();
  if (!known.has(id) || !inWindow(t.submitted_at)) continue;
  tickets.set(id, (tickets.get(id) ?? 0) + (isTrue(t.escalation_flag) ? 3 : 1));
  if (t.satisfaction_score !== '') csat.set(id, [...(csat.get(id) ?? []), Number(t.satisfaction_score)]);
}
const maxFeatures = Math.max(...[...features.values()].map((s) => s.size));
const perSeat = (id: string) => (tickets.get(id) ?? 0) / (seats.get(id) as number);
const maxPerSeat = Math.max(...ids.filter((id) => (seats.get(id) ?? 0) > 0).map(perSeat));

/** [adoption, support, satisfaction, stability], null where blank. */
function independent(id: string): (number | null)[] {
  const f = features.get(id);
  const scores = csat.get(id);
  const u = uses.get(id) ?? 0;
  return [
    f ? (100 * f.size) / maxFeatures : null,
    (seats.get(id) ?? 0) > 0 ? 100 * (1 - perSeat(id) / maxPerSeat) : null,
    scores ? (100 * scores.filter((s) => s >= 4).length) / scores.length : null,
    u > 0 ? Math.max(0, 100 * (1 - (errors.get(id) ?? 0) / u)) : null,
  ];
}

// ---------- core ----------
const model = ravenstackModel('2024-01-01', '2025-01-01');
const derived = deriveHealthComponents(model.data, dayFromIso(TO) as number);
const KEYS = ['adoption', 'support', 'satisfaction', 'stability'] as const;
function core(id: string): (number | null)[] {
  const a = model.data.accountIndex.get(id) as number;
  return KEYS.map((k) => (Number.isNaN(derived.components[k][a]) ? null : derived.components[k][a]));
}

const close = (x: number | null, y: number | null) => (x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9);

it('has data in the window: thousands of usage rows, hundreds of tickets', () => {
  expect([...features.keys()].length).toBeGreaterThan(300);
  expect([...tickets.values()].reduce((s, n) => s + n, 0)).toBeGreaterThan(200);
  expect(derived.maxFeatures).toBe(maxFeatures);
  expect(derived.maxTicketsPerSeat).toBeCloseTo(maxPerSeat, 12);
});

it.each(['a-2e4581', 'a-43a9e3', 'a-13466a', 'a-956988', 'a-b20d99'])('derives %s’s four components as the independent calculation does', (id) => {
  const mine = independent(id);
  expect(mine.some((x) => x !== null)).toBe(true);
  const got = core(id);
  expect(got.map((x, k) => close(x, mine[k]))).toEqual([true, true, true, true]);
});

it('derives every account’s components as the independent calculation does', () => {
  const wrong = ids.filter((id) => !core(id).every((x, k) => close(x, independent(id)[k])));
  expect(wrong).toEqual([]);
});

it('puts them on the Health Scores tab with the equal-weight composite, and lists the Red accounts', () => {
  const tab = buildHealthScores(model);
  const byId = new Map<string, number>();
  tab.rows.forEach((r, i) => {
    // The account table's rows (the ones with formulas) are the last occurrence of each id.
    if (typeof r[0]?.value === 'string' && r[8]?.formula) byId.set(r[0].value.toLowerCase(), i);
  });
  expect(byId.size).toBe(accounts.length);
  const reds: { id: string; arr: number; score: number }[] = [];
  for (const id of ids) {
    const comps = independent(id);
    const present = comps.filter((x): x is number => x !== null);
    const score = present.length ? present.reduce((s, x) => s + x, 0) / present.length : null;
    const row = tab.rows[byId.get(id) as number];
    comps.forEach((c, k) => (c === null ? expect(row[4 + k]).toBeNull() : expect(row[4 + k]?.value).toBeCloseTo(c, 9)));
    if (score === null) expect(row[8]?.expected).toBe('');
    else expect(row[8]?.expected as number).toBeCloseTo(score, 9);
    const arr = model.accounts[model.data.accountIndex.get(id) as number].endArr;
    if (score !== null && score < 50 && arr > 0) reds.push({ id, arr, score });
  }
  reds.sort((x, y) => y.arr - x.arr || x.score - y.score);
  const listed = tab.rows
    .slice(6)
    .filter((r) => r[9]?.value === 'Red')
    .map((r) => String(r[0]?.value).toLowerCase());
  expect(listed).toEqual(reds.map((r) => r.id));
});
