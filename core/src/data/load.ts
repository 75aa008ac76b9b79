/**
 * Mapping and cleaning: raw tables → LoadedData (typed, column-wise records).
 *
 * Rules (reports.md "The user's data"):
 * - ids are trimmed and compared case-insensitively;
 * - ARR is used where a row has ARR, else 12 × MRR; MRR is used for month-end MRR, else ARR / 12;
 * - skipped rows are counted by table and reason, with up to 5 examples: missing id,
 *   missing date, unparsable date, trial, no MRR or ARR (both blank or missing; an explicit
 *   0 is a valid 0), zero-length subscription (end ≤ start),
 *   unknown account (only when an accounts table is given), unknown subscription,
 *   duplicate account id, CSAT/NPS scores outside their scale;
 * - a required date column in which no row parses, a negative or non-numeric amount,
 *   a flag that is not TRUE/FALSE, yes/no or 1/0, mixed currency symbols and unknown
 *   complexity / strategic-value words are InputErrors naming the file, column and row.
 */
import { InputError } from '../errors';
import { displayValue } from '../normalise/cells';
import { COMPLEXITY_LEVELS, STRATEGIC_LEVELS } from '../metrics/tiering';
import { BLANK_CELL, cellText, makeDayReader, NOT_A_NUMBER, NUMBER, numberRead, readNumberValue } from './cells';
import { mapRequiredColumns, type ColumnMapping, type ColumnOverrides, type FieldName } from './columns';
import { FLAG_WORDS, parseFlag } from './flags';
import {
  OPEN_END,
  type AccountRecord,
  type ChurnEventColumns,
  type InputTables,
  type LoadedData,
  type RawTable,
  rowCountOf,
  rowNumberOf,
  rowOf,
  type SkipCount,
  type SubscriptionColumns,
  type TableKind,
  type TicketColumns,
  type UsageColumns,
} from './model';

export interface LoadOptions {
  /** Per table, field → header (or 0-based index, or null to leave unmapped). */
  columnOverrides?: ColumnOverrides;
  /** IANA zone in which Date cells are read. Default UTC (exceljs reads dates as UTC midnight). */
  timeZone?: string;
  onProgress?: (message: string) => void;
}

export const SKIP_REASONS = {
  missingId: 'missing id',
  missingDate: 'missing date',
  unparsableDate: 'unparsable date',
  trial: 'trial',
  noAmount: 'no MRR or ARR',
  zeroLength: 'zero-length subscription',
  unknownAccount: 'unknown account',
  unknownSubscription: 'unknown subscription',
  duplicateAccount: 'duplicate account id',
  csatOutOfScale: 'CSAT score not an integer 1–5',
  npsOutOfScale: 'NPS score not an integer 0–10',
} as const;

const MAX_EXAMPLES = 5;

class SkipCounter {
  private readonly counts = new Map<string, SkipCount>();
  add(table: TableKind, reason: string, example: string): void {
    const key = `${table}\u0000${reason}`;
    let c = this.counts.get(key);
    if (!c) {
      c = { table, reason, count: 0, examples: [] };
      this.counts.set(key, c);
    }
    c.count++;
    if (c.examples.length < MAX_EXAMPLES && example && !c.examples.includes(example)) c.examples.push(example);
  }
  list(): SkipCount[] {
    return [...this.counts.values()];
  }
}

/** A subscription's label: its id, or "row N" (its spreadsheet row) when it has none. */
const rowLabel = (id: string, rowNumber: number) => (id !== '' ? id : `row ${rowNumber}`);

/** A row with nothing in it (a blank line, an empty sheet row) is not data: it is passed over, not counted. */
function isBlankRow(row: readonly unknown[]): boolean {
  for (const v of row) if (!(v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) return false;
  return true;
}

/**
 * Kept rows' labels: the ids' characters in one growing Uint16Array with offsets (and the data
 * row, for rows without an id). No string per row stays alive; a label is decoded when asked for.
 */
class LabelStore {
  private chars = new Uint16Array(1 << 16);
  private used = 0;
  private readonly offsets: Int32Array;
  private readonly rows: Int32Array;
  private count = 0;
  constructor(capacity: number) {
    this.offsets = new Int32Array(capacity + 1);
    this.rows = new Int32Array(capacity);
  }
  add(id: string, rowNumber: number): void {
    const len = id.length;
    if (this.used + len > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.used + len));
      grown.set(this.chars.subarray(0, this.used));
      this.chars = grown;
    }
    const chars = this.chars;
    let at = this.used;
    for (let q = 0; q < len; q++) chars[at++] = id.charCodeAt(q);
    this.used = at;
    const k = this.count++;
    this.offsets[k + 1] = at;
    this.rows[k] = rowNumber;
  }
  /** label(k) for the rows added, in order. */
  finish(): (k: number) => string {
    const chars = this.chars.slice(0, this.used);
    const offsets = this.offsets.slice(0, this.count + 1);
    const rows = this.rows.slice(0, this.count);
    return (k) => {
      const from = offsets[k], to = offsets[k + 1];
      if (to === from) return rowLabel('', rows[k]);
      let text = '';
      for (let at = from; at < to; at += 4096) text += String.fromCharCode(...chars.subarray(at, Math.min(to, at + 4096)));
      return text;
    };
  }
}

/** SubscriptionColumns with `plan` and `label` built from the codes and the label store on first use. */
function subscriptionColumns(
  count: number,
  account: Int32Array,
  start: Int32Array,
  end: Int32Array,
  arr: Float64Array,
  mrr: Float64Array,
  seats: Float64Array,
  planCode: Int32Array | null,
  plans: string[],
  labelOf: (k: number) => string,
): SubscriptionColumns {
  let plan: string[] | null | undefined;
  let label: string[] | undefined;
  return {
    count,
    account,
    start,
    end,
    arr,
    mrr,
    seats,
    planCode,
    plans,
    labelOf,
    get plan() {
      if (plan === undefined) plan = planCode ? Array.from(planCode, (c) => plans[c]) : null;
      return plan;
    },
    get label() {
      if (label === undefined) label = Array.from({ length: count }, (_, k) => labelOf(k));
      return label;
    },
  };
}

/** Reads one table's cells with messages that name the file, column and row. */
class TableReader {
  /** parseFlag by raw cell text: flag columns hold a handful of distinct texts. */
  private readonly flags = new Map<string, boolean | null>();
  constructor(
    readonly table: RawTable,
    readonly mapping: ColumnMapping,
    private readonly currency: CurrencySeen,
  ) {}
  col(field: FieldName): number {
    return this.mapping.columns[field] ?? -1;
  }
  header(col: number): string {
    return this.mapping.headers[col] ?? `column ${col + 1}`;
  }
  /** The spreadsheet row number of data row i. */
  rowNumber(i: number): number {
    return rowNumberOf(this.table, i);
  }
  where(col: number, i: number): string {
    return `${this.table.source}: column ${this.header(col)} row ${this.rowNumber(i)}`;
  }
  /** An amount ≥ 0, or null when blank. */
  money(row: unknown[], col: number, i: number): number | null {
    if (col < 0) return null;
    const v = row[col];
    const value = readNumberValue(v);
    const kind = numberRead.kind;
    if (kind === BLANK_CELL) return null;
    if (kind === NOT_A_NUMBER) throw new InputError(`${this.where(col, i)}: '${displayValue(v)}' is not an amount`);
    if (value < 0) throw new InputError(`${this.where(col, i)}: amounts cannot be negative ('${displayValue(v)}')`);
    const currency = numberRead.currency;
    if (currency !== null) this.currency.note(currency, this, col, i);
    return value;
  }
  /** A plain number (seats, counts, scores), or null when blank or not a number. */
  num(row: unknown[], col: number): number | null {
    if (col < 0) return null;
    const value = readNumberValue(row[col]);
    return numberRead.kind === NUMBER ? value : null;
  }
  flag(row: unknown[], col: number, i: number): boolean {
    if (col < 0) return false;
    const v = row[col];
    let f: boolean | null | undefined;
    if (typeof v === 'string') {
      f = this.flags.get(v);
      if (f === undefined) {
        f = parseFlag(v);
        if (f !== undefined && this.flags.size < 1024) this.flags.set(v, f);
      }
    } else f = parseFlag(v);
    if (f === undefined) throw new InputError(`${this.where(col, i)}: '${displayValue(v)}' is not a flag (${FLAG_WORDS})`);
    return f === true;
  }
  text(row: unknown[], col: number, timeZone: string): string {
    return col < 0 ? '' : cellText(row[col], timeZone);
  }
}

class CurrencySeen {
  symbol: string | null = null;
  /** The cell's place (reader.where) is only spelled out for the error. */
  note(symbol: string, reader: TableReader, col: number, i: number): void {
    if (this.symbol === null) this.symbol = symbol;
    else if (symbol !== this.symbol) throw new InputError(`${reader.where(col, i)}: mixed currencies: ${this.symbol} and ${symbol}`);
  }
}

/** Tracks whether a required date column has any readable date. */
class DateColumnCheck {
  parsed = 0;
  nonBlank = 0;
  example: unknown = undefined;
  constructor(
    private readonly reader: TableReader,
    private readonly col: number,
  ) {}
  see(v: unknown, day: number | null | undefined): void {
    if (day === null) return;
    this.nonBlank++;
    if (day === undefined) {
      if (this.example === undefined) this.example = v;
    } else this.parsed++;
  }
  finish(rows: number): void {
    if (rows === 0 || this.parsed > 0) return;
    const src = this.reader.table.source;
    const h = this.reader.header(this.col);
    if (this.nonBlank === 0) throw new InputError(`${src}: column ${h} has no dates (every row is blank)`);
    const example = displayValue(this.example);
    // A bare number in text (a CSV) is not read as a date: say so rather than hint at "spreadsheet dates".
    const serialHint = /^\d+(\.\d+)?$/.test(example.trim())
      ? ` '${example}' looks like a spreadsheet serial number exported as text: format the column as dates (YYYY-MM-DD) before exporting.`
      : '';
    throw new InputError(
      `${src}: column ${h} has no readable dates (e.g. '${example}'); dates must be ISO text YYYY-MM-DD, optionally with a time ` +
        `(2023-01-31 09:30), or real date cells in an .xlsx file.${serialHint}`,
    );
  }
}

const optional = (s: string) => (s === '' ? undefined : s);
const nn = (x: number | null) => (x === null ? undefined : x);

function checkWord(reader: TableReader, row: unknown[], col: number, i: number, words: Record<string, unknown>, what: string): string | undefined {
  if (col < 0) return undefined;
  const text = cellText(row[col]);
  if (text === '') return undefined;
  if (!(text.toLowerCase() in words)) {
    throw new InputError(`${reader.where(col, i)}: unknown ${what} '${displayValue(row[col])}'; accepted: ${Object.keys(words).join(', ')}`);
  }
  return text;
}

export function loadTables(tables: InputTables, options: LoadOptions = {}): LoadedData {
  const tz = options.timeZone ?? 'UTC';
  const progress = options.onProgress ?? (() => undefined);
  const overrides = options.columnOverrides ?? {};
  const skips = new SkipCounter();
  const currency = new CurrencySeen();
  const dayOf = makeDayReader(tz);
  const columns: Partial<Record<TableKind, ColumnMapping>> = {};
  const readers: Partial<Record<TableKind, TableReader>> = {};

  // Map every table first, so a missing column fails before any slow work.
  for (const kind of ['accounts', 'subscriptions', 'tickets', 'usage', 'churnEvents'] as TableKind[]) {
    const table = tables[kind];
    if (!table) continue;
    const mapping = mapRequiredColumns(kind, table, overrides[kind]);
    columns[kind] = mapping;
    readers[kind] = new TableReader(table, mapping, currency);
  }

  const accounts: AccountRecord[] = [];
  const accountIndex = new Map<string, number>();
  const hasAccountsTable = readers.accounts !== undefined;

  // ---- accounts
  const ar = readers.accounts;
  if (ar) {
    progress(`Loading accounts (${rowCountOf(ar.table).toLocaleString('en-US')} rows)`);
    const c = (f: FieldName) => ar.col(f);
    const [cId, cName, cArr, cMrr, cStart, cEnd] = [c('accountId'), c('name'), c('arr'), c('mrr'), c('startArr'), c('endArr')];
    const count = rowCountOf(ar.table);
    for (let i = 0; i < count; i++) {
      const row = rowOf(ar.table, i);
      if (isBlankRow(row)) continue;
      const id = ar.text(row, cId, tz);
      if (id === '') {
        skips.add('accounts', SKIP_REASONS.missingId, `row ${ar.rowNumber(i)}`);
        continue;
      }
      const key = id.toLowerCase();
      if (accountIndex.has(key)) {
        skips.add('accounts', SKIP_REASONS.duplicateAccount, id);
        continue;
      }
      const arr = ar.money(row, cArr, i);
      const mrr = ar.money(row, cMrr, i);
      const renewal = c('renewalDate') >= 0 ? dayOf(row[c('renewalDate')]) : null;
      const rec: AccountRecord = {
        id,
        name: optional(ar.text(row, cName, tz)) ?? id,
        inAccountsTable: true,
        segmentText: optional(ar.text(row, c('segment'), tz)),
        owner: optional(ar.text(row, c('owner'), tz)),
        renewalDay: renewal === null ? undefined : renewal,
        complexity: checkWord(ar, row, c('complexity'), i, COMPLEXITY_LEVELS, 'complexity'),
        strategicValue: checkWord(ar, row, c('strategicValue'), i, STRATEGIC_LEVELS, 'strategic value'),
        seats: nn(ar.num(row, c('seats'))),
        nps: nn(ar.num(row, c('nps'))),
        arr: arr !== null ? arr : mrr !== null ? mrr * 12 : undefined,
        startArr: nn(ar.money(row, cStart, i)),
        endArr: nn(ar.money(row, cEnd, i)),
        health: {
          adoption: nn(ar.num(row, c('healthAdoption'))),
          support: nn(ar.num(row, c('healthSupport'))),
          satisfaction: nn(ar.num(row, c('healthSatisfaction'))),
          stability: nn(ar.num(row, c('healthStability'))),
          score: nn(ar.num(row, c('healthScore'))),
        },
      };
      accountIndex.set(key, accounts.length);
      accounts.push(rec);
    }
  }

  /** Index of an id seen in an event table; −1 kept only when there is no accounts table. */
  const addAccount = (id: string, key: string): number => {
    const idx = accounts.length;
    accounts.push({ id, name: id, inAccountsTable: false, health: {} });
    accountIndex.set(key, idx);
    return idx;
  };

  // ---- subscriptions
  let subscriptions: SubscriptionColumns | null = null;
  let latestSubscriptionDay: number | null = null;
  const zeroLength = { count: 0, examples: [] as string[] };
  const usageBySubscription = readers.usage !== undefined && readers.usage.col('accountId') < 0;
  const subscriptionAccount = new Map<string, number>(); // lower-case subscription id → account (−1 unknown)
  const rawAccount = new Map<string, { index: number | undefined; text: string }>();
  const sr = readers.subscriptions;
  if (sr) {
    const n = rowCountOf(sr.table);
    progress(`Loading subscriptions (${n.toLocaleString('en-US')} rows)`);
    const account = new Int32Array(n), start = new Int32Array(n), end = new Int32Array(n);
    const arrA = new Float64Array(n), mrrA = new Float64Array(n), seatsA = new Float64Array(n);
    // Plans are stored as codes (first appearance among kept rows), labels as one string of ids
    // with offsets: a million kept rows leave no million strings alive once the raw table is dropped.
    const planCode: Int32Array | null = sr.col('plan') >= 0 ? new Int32Array(n) : null;
    const plans: string[] = [];
    const planByText = new Map<string, number>();
    const planByRaw = new Map<unknown, number>();
    const labels = new LabelStore(n);
    const [cId, cAcc, cStart, cEnd, cMrr, cArr, cTrial, cSeats, cPlan] = (
      ['subscriptionId', 'accountId', 'startDate', 'endDate', 'mrr', 'arr', 'trial', 'seats', 'plan'] as FieldName[]
    ).map((f) => sr.col(f));
    const startCheck = new DateColumnCheck(sr, cStart);
    const endCheck = cEnd >= 0 ? new DateColumnCheck(sr, cEnd) : null;
    let k = 0;
    let latest = -Infinity;
    // The previous row's account cell: exports sorted by account repeat it row after row.
    let lastRawAcc: unknown = undefined;
    let lastAcc: { index: number | undefined; text: string } | undefined;
    for (let i = 0; i < n; i++) {
      const row = rowOf(sr.table, i);
      if (isBlankRow(row)) continue;
      const subId = cId >= 0 ? cellText(row[cId]) : '';
      // Amounts and flags are validated on every row, skipped or not.
      const arrCell = sr.money(row, cArr, i);
      const mrrCell = sr.money(row, cMrr, i);
      const trial = sr.flag(row, cTrial, i);
      const rawAcc = row[cAcc];
      let acc: number | undefined;
      let accText: string;
      // Look the raw cell up before trimming and lower-casing it: few distinct texts, repeated row after row.
      const cached = typeof rawAcc === 'string' ? (rawAcc === lastRawAcc ? lastAcc : rawAccount.get(rawAcc)) : undefined;
      if (cached !== undefined) {
        lastRawAcc = rawAcc;
        lastAcc = cached;
        acc = cached.index;
        accText = cached.text;
      } else {
        accText = cellText(rawAcc);
        const accKey = accText.toLowerCase();
        acc = accountIndex.get(accKey);
        if (acc === undefined && !hasAccountsTable && accText !== '') acc = addAccount(accText, accKey);
        if (typeof rawAcc === 'string') rawAccount.set(rawAcc, { index: acc, text: accText });
      }
      if (usageBySubscription && subId !== '') subscriptionAccount.set(subId.toLowerCase(), acc ?? -1);

      const sv = row[cStart];
      const s = dayOf(sv);
      startCheck.see(sv, s);
      const ev = cEnd >= 0 ? row[cEnd] : undefined;
      const e = cEnd >= 0 ? dayOf(ev) : null;
      endCheck?.see(ev, e);
      if (typeof s === 'number' && s > latest) latest = s;
      if (typeof e === 'number' && e > latest) latest = e;

      if (accText === '') {
        skips.add('subscriptions', SKIP_REASONS.missingId, rowLabel(subId, sr.rowNumber(i)));
        continue;
      }
      if (s === null) {
        skips.add('subscriptions', SKIP_REASONS.missingDate, rowLabel(subId, sr.rowNumber(i)));
        continue;
      }
      if (s === undefined || e === undefined) {
        skips.add('subscriptions', SKIP_REASONS.unparsableDate, rowLabel(subId, sr.rowNumber(i)));
        continue;
      }
      if (trial) {
        skips.add('subscriptions', SKIP_REASONS.trial, rowLabel(subId, sr.rowNumber(i)));
        continue;
      }
      // A row with no amount at all (blank cells, or a short row) is not a $0 subscription.
      if (arrCell === null && mrrCell === null) {
        skips.add('subscriptions', SKIP_REASONS.noAmount, rowLabel(subId, sr.rowNumber(i)));
        continue;
      }
      const endDay = e === null ? OPEN_END : e;
      if (endDay <= s) {
        const label = rowLabel(subId, sr.rowNumber(i));
        skips.add('subscriptions', SKIP_REASONS.zeroLength, label);
        zeroLength.count++;
        if (zeroLength.examples.length < MAX_EXAMPLES) zeroLength.examples.push(label);
        continue;
      }
      if (acc === undefined) {
        skips.add('subscriptions', SKIP_REASONS.unknownAccount, accText);
        continue;
      }
      account[k] = acc;
      start[k] = s;
      end[k] = endDay;
      arrA[k] = arrCell !== null ? arrCell : (mrrCell as number) * 12;
      mrrA[k] = mrrCell !== null ? mrrCell : (arrCell as number) / 12;
      const seats = cSeats >= 0 ? sr.num(row, cSeats) : null;
      seatsA[k] = seats === null ? NaN : seats;
      if (planCode) {
        const rawPlan = row[cPlan];
        let code = planByRaw.get(rawPlan);
        if (code === undefined) {
          const text = cellText(rawPlan);
          code = planByText.get(text);
          if (code === undefined) {
            code = plans.length;
            plans.push(text);
            planByText.set(text, code);
          }
          if (typeof rawPlan === 'string' && planByRaw.size < 65536) planByRaw.set(rawPlan, code);
        }
        planCode[k] = code;
      }
      labels.add(subId, sr.rowNumber(i));
      k++;
    }
    startCheck.finish(n);
    if (endCheck && endCheck.nonBlank > 0) endCheck.finish(n);
    latestSubscriptionDay = latest === -Infinity ? null : latest;
    subscriptions = subscriptionColumns(
      k,
      account.slice(0, k),
      start.slice(0, k),
      end.slice(0, k),
      arrA.slice(0, k),
      mrrA.slice(0, k),
      seatsA.slice(0, k),
      planCode ? planCode.slice(0, k) : null,
      plans,
      labels.finish(),
    );
  }

  /** Resolve an event row's account: index, or −1 (kept) when there is no accounts table, or null (skip). */
  const resolve = (kind: TableKind, idText: string, rowLabel: string): number | null => {
    if (idText === '') {
      skips.add(kind, SKIP_REASONS.missingId, rowLabel);
      return null;
    }
    const idx = accountIndex.get(idText.toLowerCase());
    if (idx !== undefined) return idx;
    if (hasAccountsTable) {
      skips.add(kind, SKIP_REASONS.unknownAccount, idText);
      return null;
    }
    return -1;
  };

  let latestEvent = -Infinity;

  // ---- tickets
  let tickets: TicketColumns | null = null;
  const tr = readers.tickets;
  if (tr) {
    const n = rowCountOf(tr.table);
    progress(`Loading tickets (${n.toLocaleString('en-US')} rows)`);
    const account = new Int32Array(n), day = new Int32Array(n);
    const csat = new Float64Array(n), nps = new Float64Array(n), escalated = new Uint8Array(n);
    const accountText: string[] = [];
    const [cId, cAcc, cDate, cCsat, cNps, cEsc] = (['ticketId', 'accountId', 'date', 'csat', 'nps', 'escalation'] as FieldName[]).map((f) => tr.col(f));
    const check = new DateColumnCheck(tr, cDate);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = rowOf(tr.table, i);
      if (isBlankRow(row)) continue;
      const rowLabel = (cId >= 0 ? cellText(row[cId]) : '') || `row ${tr.rowNumber(i)}`;
      const esc = tr.flag(row, cEsc, i);
      const dv = row[cDate];
      const d = dayOf(dv);
      check.see(dv, d);
      const accText = cellText(row[cAcc]);
      const acc = resolve('tickets', accText, rowLabel);
      if (acc === null) continue;
      if (d === null || d === undefined) {
        skips.add('tickets', d === null ? SKIP_REASONS.missingDate : SKIP_REASONS.unparsableDate, rowLabel);
        continue;
      }
      let score = cCsat >= 0 ? tr.num(row, cCsat) : null;
      if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 5)) {
        skips.add('tickets', SKIP_REASONS.csatOutOfScale, rowLabel);
        score = null;
      }
      let npsScore = cNps >= 0 ? tr.num(row, cNps) : null;
      if (npsScore !== null && !(Number.isInteger(npsScore) && npsScore >= 0 && npsScore <= 10)) {
        skips.add('tickets', SKIP_REASONS.npsOutOfScale, rowLabel);
        npsScore = null;
      }
      account[k] = acc;
      accountText.push(accText);
      day[k] = d;
      if (d > latestEvent) latestEvent = d;
      csat[k] = score === null ? NaN : score;
      nps[k] = npsScore === null ? NaN : npsScore;
      escalated[k] = esc ? 1 : 0;
      k++;
    }
    check.finish(n);
    tickets = {
      count: k,
      account: account.slice(0, k),
      accountText,
      day: day.slice(0, k),
      csat: csat.slice(0, k),
      nps: nps.slice(0, k),
      escalated: escalated.slice(0, k),
    };
  }

  // ---- usage
  let usage: UsageColumns | null = null;
  const ur = readers.usage;
  if (ur) {
    const n = rowCountOf(ur.table);
    progress(`Loading usage (${n.toLocaleString('en-US')} rows)`);
    const account = new Int32Array(n), day = new Int32Array(n), feature = new Int32Array(n);
    const uses = new Float64Array(n), errors = new Float64Array(n);
    const features: string[] = [];
    const featureIndex = new Map<string, number>();
    const [cId, cAcc, cSub, cDate, cFeat, cCount, cErr] = (
      ['usageId', 'accountId', 'subscriptionId', 'date', 'feature', 'count', 'errors'] as FieldName[]
    ).map((f) => ur.col(f));
    const check = new DateColumnCheck(ur, cDate);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = rowOf(ur.table, i);
      if (isBlankRow(row)) continue;
      const rowLabel = (cId >= 0 ? cellText(row[cId]) : '') || `row ${ur.rowNumber(i)}`;
      const dv = row[cDate];
      const d = dayOf(dv);
      check.see(dv, d);
      let acc: number | null;
      if (cAcc >= 0) {
        acc = resolve('usage', cellText(row[cAcc]), rowLabel);
      } else {
        const subText = cellText(row[cSub]);
        const viaSub = subText === '' ? undefined : subscriptionAccount.get(subText.toLowerCase());
        if (subText === '') {
          skips.add('usage', SKIP_REASONS.missingId, rowLabel);
          acc = null;
        } else if (viaSub === undefined) {
          skips.add('usage', SKIP_REASONS.unknownSubscription, subText);
          acc = null;
        } else if (viaSub < 0 && hasAccountsTable) {
          skips.add('usage', SKIP_REASONS.unknownAccount, subText);
          acc = null;
        } else acc = viaSub;
      }
      if (acc === null) continue;
      if (d === null || d === undefined) {
        skips.add('usage', d === null ? SKIP_REASONS.missingDate : SKIP_REASONS.unparsableDate, rowLabel);
        continue;
      }
      account[k] = acc;
      day[k] = d;
      if (d > latestEvent) latestEvent = d;
      if (cFeat >= 0) {
        const f = cellText(row[cFeat]);
        if (f === '') feature[k] = -1;
        else {
          let fi = featureIndex.get(f);
          if (fi === undefined) {
            fi = features.length;
            features.push(f);
            featureIndex.set(f, fi);
          }
          feature[k] = fi;
        }
      } else feature[k] = -1;
      const u = ur.num(row, cCount);
      uses[k] = u === null ? NaN : u;
      const e = ur.num(row, cErr);
      errors[k] = e === null ? NaN : e;
      k++;
    }
    check.finish(n);
    usage = {
      count: k,
      account: account.slice(0, k),
      day: day.slice(0, k),
      feature: feature.slice(0, k),
      features,
      uses: uses.slice(0, k),
      errors: errors.slice(0, k),
    };
  }

  // ---- churn events
  let churnEvents: ChurnEventColumns | null = null;
  const cr = readers.churnEvents;
  if (cr) {
    const n = rowCountOf(cr.table);
    const account = new Int32Array(n), day = new Int32Array(n), reactivation = new Uint8Array(n);
    const [cId, cAcc, cDate, cReact] = (['churnEventId', 'accountId', 'date', 'reactivation'] as FieldName[]).map((f) => cr.col(f));
    const check = new DateColumnCheck(cr, cDate);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = rowOf(cr.table, i);
      if (isBlankRow(row)) continue;
      const rowLabel = (cId >= 0 ? cellText(row[cId]) : '') || `row ${cr.rowNumber(i)}`;
      const react = cr.flag(row, cReact, i);
      const dv = row[cDate];
      const d = dayOf(dv);
      check.see(dv, d);
      const acc = resolve('churnEvents', cellText(row[cAcc]), rowLabel);
      if (acc === null) continue;
      if (d === null || d === undefined) {
        skips.add('churnEvents', d === null ? SKIP_REASONS.missingDate : SKIP_REASONS.unparsableDate, rowLabel);
        continue;
      }
      account[k] = acc;
      day[k] = d;
      if (d > latestEvent) latestEvent = d;
      reactivation[k] = react ? 1 : 0;
      k++;
    }
    check.finish(n);
    churnEvents = { count: k, account: account.slice(0, k), day: day.slice(0, k), reactivation: reactivation.slice(0, k) };
  }

  return {
    accounts,
    accountIndex,
    subscriptions,
    tickets,
    usage,
    churnEvents,
    columns,
    skipped: skips.list(),
    zeroLength,
    latestSubscriptionDay,
    latestEventDay: latestEvent === -Infinity ? null : latestEvent,
    currency: currency.symbol,
  };
}

