/**
 * Deterministic synthetic billing export for the whole-build benchmark: N accounts and
 * about 10 subscriptions each, shaped like a real export (blank end dates, trials at 0,
 * currency text, several plans per account).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Small fast PRNG (mulberry32) so every run generates the same file. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLANS = ['Basic', 'Pro', 'Enterprise'] as const;
const PLAN_MRR = { Basic: 199, Pro: 899, Enterprise: 9500 };
const SEGMENTS = ['SMB', 'Mid-market', 'Enterprise'];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2022, 0, 1) / DAY_MS;
const SPAN_DAYS = 3 * 365;

const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(header + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

export async function generateInput(folder: string, accounts: number, subscriptionsPerAccount = 10): Promise<{ accounts: string; subscriptions: string }> {
  const random = prng(42);
  const accountsPath = `${folder}/accounts.csv`;
  const subscriptionsPath = `${folder}/subscriptions.csv`;
  await writeLines(accountsPath, 'Account ID,Account Name,Segment,CSM,Seats', accounts, (i) => {
    const segment = SEGMENTS[Math.floor(random() * 3)];
    return `ACC-${i},Company ${i},${segment},csm${i % 400}@example.test,${1 + Math.floor(random() * 200)}`;
  });
  const total = accounts * subscriptionsPerAccount;
  await writeLines(
    subscriptionsPath,
    'Subscription ID,Account ID,Start Date,End Date,Plan,MRR,Is Trial',
    total,
    (i) => {
      const account = Math.floor(i / subscriptionsPerAccount);
      const plan = PLANS[Math.floor(random() * 3)];
      const start = FIRST_DAY + Math.floor(random() * SPAN_DAYS);
      const ended = random() < 0.4;
      const end = ended ? iso(start + 30 + Math.floor(random() * 500)) : '';
      const trial = random() < 0.05;
      const mrr = trial ? 0 : Math.round(PLAN_MRR[plan] * (0.5 + random()));
      const mrrText = random() < 0.1 ? `"$${mrr.toLocaleString('en-US')}"` : String(mrr);
      return `SUB-${i},ACC-${account},${iso(start)},${end},${plan},${mrrText},${trial ? 'TRUE' : 'FALSE'}`;
    },
  );
  return { accounts: accountsPath, subscriptions: subscriptionsPath };
}
