/**
 * Health components derived from events (reports.md, "3. Health Scores"), on a small book whose
 * every figure is worked out by hand below. The period ends (exclusive) on 2024-04-01, so the
 * window is 2024-01-02 ≤ date < 2024-04-01 (January 2–31 is 30 days, February 2024 29, March 31).
 */
import { parseCsv } from '../../core/src/data/csv';
import { deriveHealthComponents, seatsAtDay } from '../../core/src/data/health-components';
import { loadTables } from '../../core/src/data/load';
import type { InputTables, LoadedData } from '../../core/src/data/model';
import { dayFromIso } from '../../core/src/dates';

const D1 = dayFromIso('2024-04-01') as number;

const ACCOUNTS = `Account ID,Account Name,Seats,Adoption,Support
X1,One,,,
X2,Two,5,,45
X3,Three,,,
X4,Four,,70,
X5,Five,,,
`;

// X1: S1 (10 seats) is active on D1; S2 ends on D1 (not active); S3 starts on D1 (active): 20 seats.
// X2: blank seats on its subscription, so the accounts table's 5. X4, X5: no seats anywhere.
const SUBSCRIPTIONS = `subscription_id,account_id,start_date,end_date,mrr_amount,seats
S1,X1,2023-01-01,,100,10
S2,X1,2023-01-01,2024-04-01,100,99
S3,X1,2024-04-01,,100,10
S4,X3,2023-01-01,,100,10
S5,X4,2023-01-01,,100,
S6,X2,2023-01-01,,100,
S7,X5,2023-01-01,,100,
`;

// X1: f0, f1 (twice), f2 in the window → 3 features; uses 10+5+5+20 = 40, errors 2+0+0+2 = 4 → stability 90.
//     U5 is on D1 and U6 the day before the window: both left out.
// X2: f0 → 1 feature (f4 was used 0 times); uses 10, errors 10 → stability 0.
// X3: one row on D1 − 90 exactly (inside): 1 feature; uses 4, errors 1 → stability 75.
const USAGE = `usage_id,account_id,usage_date,feature_name,usage_count,error_count
U1,X1,2024-03-01,f0,10,2
U2,X1,2024-03-05,f1,5,0
U3,X1,2024-03-06,f1,5,0
U4,X1,2024-02-10,f2,20,2
U5,X1,2024-04-01,f3,50,50
U6,X1,2024-01-01,f4,50,50
U7,X2,2024-03-01,f0,10,10
U8,X2,2024-03-02,f4,0,0
U9,X3,2024-01-02,f0,4,1
`;

// X1: 2 tickets + 1 escalation (3) = 5 over 20 seats = 0.25 per seat; CSAT 5, 4, 2 → 2 of 3 satisfied.
// X2: one escalation = 3 over 5 seats = 0.6 per seat (the highest); no CSAT score.
// X3: no ticket, 10 seats → 0 per seat. X4: 1 ticket but no seats; CSAT 5 (T7 is before the window).
const TICKETS = `ticket_id,account_id,submitted_at,satisfaction_score,escalation_flag
T1,X1,2024-03-01,5,FALSE
T2,X1,2024-03-02,4,FALSE
T3,X1,2024-03-03,2,TRUE
T4,X1,2024-04-01,1,TRUE
T5,X2,2024-02-01,,TRUE
T6,X4,2024-03-15,5,FALSE
T7,X4,2023-12-31,1,FALSE
`;

function load(parts: Partial<Record<keyof InputTables, string>>): LoadedData {
  const tables: InputTables = {};
  for (const [kind, csv] of Object.entries(parts)) tables[kind as keyof InputTables] = parseCsv(csv as string, `${kind}.csv`);
  return loadTables(tables);
}

const full = () => load({ accounts: ACCOUNTS, subscriptions: SUBSCRIPTIONS, usage: USAGE, tickets: TICKETS });

/** Components of one account as [adoption, support, satisfaction, stability], null where blank. */
function componentsOf(data: LoadedData, id: string, d1 = D1): (number | null)[] {
  const h = deriveHealthComponents(data, d1);
  const a = data.accountIndex.get(id.toLowerCase()) as number;
  return (['adoption', 'support', 'satisfaction', 'stability'] as const).map((k) =>
    Number.isNaN(h.components[k][a]) ? null : h.components[k][a],
  );
}

function expectComponents(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual.map((x) => x === null)).toEqual(expected.map((x) => x === null));
  actual.forEach((x, k) => {
    if (x !== null) expect(x).toBeCloseTo(expected[k] as number, 9);
  });
}

describe('health components over the 90 days before the period end', () => {
  const data = full();
  const h = deriveHealthComponents(data, D1);

  it('uses the window D1 − 90 ≤ date < D1', () => {
    expect(h.window).toEqual({ from: dayFromIso('2024-01-02'), to: D1 });
  });

  it('takes seats from the subscriptions active on D1, else from the accounts table', () => {
    const seats = seatsAtDay(data, D1);
    const at = (id: string) => seats[data.accountIndex.get(id.toLowerCase()) as number];
    expect(at('X1')).toBe(20);
    expect(at('X2')).toBe(5);
    expect(at('X3')).toBe(10);
    expect(at('X4')).toBeNaN();
  });

  it('normalises adoption and support by the highest account', () => {
    expect(h.maxFeatures).toBe(3);
    expect(h.maxTicketsPerSeat).toBeCloseTo(0.6, 12);
  });

  it('X1: adoption 100, support 100 × (1 − 0.25 / 0.6), satisfaction 2 of 3, stability 1 − 4 / 40', () => {
    expectComponents(componentsOf(data, 'X1'), [100, (100 * 7) / 12, 200 / 3, 90]);
  });

  it('X2: support from the accounts table (45) over the derived 0; no CSAT answer is a blank', () => {
    expectComponents(componentsOf(data, 'X2'), [100 / 3, 45, null, 0]);
    const a = data.accountIndex.get('x2') as number;
    expect(h.fromTable.support[a]).toBe(1);
    expect(h.fromTable.adoption[a]).toBe(0);
  });

  it('X3: a row on D1 − 90 counts; no ticket with seats is full support', () => {
    expectComponents(componentsOf(data, 'X3'), [100 / 3, 100, null, 75]);
  });

  it('X4: adoption from the accounts table; no seats leaves support blank', () => {
    expectComponents(componentsOf(data, 'X4'), [70, null, 100, null]);
  });

  it('X5: no data at all → every component blank', () => {
    expectComponents(componentsOf(data, 'X5'), [null, null, null, null]);
  });
});

describe('edge cases', () => {
  it('without tickets or usage, only the accounts table’s components are there', () => {
    const data = load({ accounts: ACCOUNTS, subscriptions: SUBSCRIPTIONS });
    expectComponents(componentsOf(data, 'X1'), [null, null, null, null]);
    expectComponents(componentsOf(data, 'X2'), [null, 45, null, null]);
    expectComponents(componentsOf(data, 'X4'), [70, null, null, null]);
  });

  it('with no ticket in the window, every account with seats has support 100', () => {
    const data = load({ accounts: ACCOUNTS, subscriptions: SUBSCRIPTIONS, tickets: TICKETS });
    const later = dayFromIso('2024-09-01') as number;
    const h = deriveHealthComponents(data, later);
    expect(h.maxTicketsPerSeat).toBe(0);
    expect(componentsOf(data, 'X1', later)[1]).toBe(100);
    expect(componentsOf(data, 'X3', later)[1]).toBe(100);
    expect(componentsOf(data, 'X4', later)[1]).toBeNull();
  });

  it('more errors than uses gives stability 0, never below', () => {
    const data = load({
      accounts: ACCOUNTS,
      subscriptions: SUBSCRIPTIONS,
      usage: 'usage_id,account_id,usage_date,feature_name,usage_count,error_count\nU1,X1,2024-03-01,f0,2,5\n',
    });
    expectComponents(componentsOf(data, 'X1'), [100, null, null, 0]);
  });

  it('usage without a feature column gives no adoption, but still stability', () => {
    const data = load({
      accounts: ACCOUNTS,
      subscriptions: SUBSCRIPTIONS,
      usage: 'usage_id,account_id,usage_date,usage_count,error_count\nU1,X1,2024-03-01,8,2\n',
    });
    expectComponents(componentsOf(data, 'X1'), [null, null, null, 75]);
  });
});
