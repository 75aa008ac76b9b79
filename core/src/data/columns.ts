/**
 * Header mapping: which column of a user's table holds which canonical field.
 * Headers are compared after normalisation (case, spacing and punctuation ignored;
 * a trailing currency code or "amount" is also ignored: "MRR (USD)" is MRR).
 * The result is plain data so a sidebar can show it and hand back an override.
 */
import { InputError } from '../errors';
import { TABLE_LABELS, type RawTable, type TableKind } from './model';

export type FieldName =
  | 'accountId'
  | 'name'
  | 'arr'
  | 'mrr'
  | 'startArr'
  | 'endArr'
  | 'segment'
  | 'owner'
  | 'renewalDate'
  | 'complexity'
  | 'strategicValue'
  | 'seats'
  | 'nps'
  | 'healthAdoption'
  | 'healthSupport'
  | 'healthSatisfaction'
  | 'healthStability'
  | 'healthScore'
  | 'subscriptionId'
  | 'startDate'
  | 'endDate'
  | 'trial'
  | 'plan'
  | 'ticketId'
  | 'date'
  | 'csat'
  | 'escalation'
  | 'usageId'
  | 'feature'
  | 'count'
  | 'errors'
  | 'churnEventId'
  | 'reason'
  | 'reactivation';

export interface FieldDef {
  field: FieldName;
  /** How messages and the sidebar name the field: "account id", "MRR". */
  label: string;
  /** Header spellings, most specific first. Normalised before comparing. */
  aliases: string[];
}

const ACCOUNT_ID = ['account id', 'acct id', 'account', 'customer id', 'customer', 'company id', 'client id', 'account number', 'customer number', 'organization id', 'org id', 'tenant id'];
const MRR = ['mrr', 'mrr amount', 'monthly recurring revenue', 'monthly revenue', 'current mrr'];
const ARR = ['arr', 'arr amount', 'annual recurring revenue', 'annual revenue', 'current arr'];
const SEATS = ['seats', 'seat count', 'number of seats', 'licenses', 'licences', 'licensed seats', 'users'];

export const TABLE_FIELDS: Record<TableKind, FieldDef[]> = {
  accounts: [
    { field: 'accountId', label: 'account id', aliases: [...ACCOUNT_ID, 'id'] },
    { field: 'name', label: 'account name', aliases: ['account name', 'name', 'customer name', 'company name', 'company', 'client name', 'organization', 'organization name'] },
    { field: 'arr', label: 'ARR', aliases: ARR },
    { field: 'mrr', label: 'MRR', aliases: MRR },
    { field: 'startArr', label: 'start ARR', aliases: ['start arr', 'starting arr', 'arr start', 'beginning arr', 'opening arr', 'arr at start', 'prior arr', 'previous arr'] },
    { field: 'endArr', label: 'end ARR', aliases: ['end arr', 'ending arr', 'arr end', 'closing arr', 'arr at end'] },
    { field: 'segment', label: 'segment', aliases: ['segment', 'customer segment', 'account segment', 'market segment'] },
    { field: 'owner', label: 'CSM / owner', aliases: ['csm', 'owner', 'account owner', 'csm name', 'csm owner', 'customer success manager', 'cs owner', 'assigned csm'] },
    { field: 'renewalDate', label: 'renewal date', aliases: ['renewal date', 'renewal', 'next renewal', 'next renewal date', 'renews on', 'contract end date', 'contract end'] },
    { field: 'complexity', label: 'complexity', aliases: ['complexity', 'account complexity', 'technical complexity'] },
    { field: 'strategicValue', label: 'strategic value', aliases: ['strategic value', 'strategic', 'strategic importance'] },
    { field: 'seats', label: 'seats', aliases: SEATS },
    { field: 'nps', label: 'NPS', aliases: ['nps', 'nps score', 'net promoter score'] },
    { field: 'healthAdoption', label: 'adoption score', aliases: ['adoption', 'adoption score', 'health adoption', 'product adoption'] },
    { field: 'healthSupport', label: 'support score', aliases: ['support', 'support score', 'health support'] },
    { field: 'healthSatisfaction', label: 'satisfaction score', aliases: ['satisfaction', 'satisfaction score', 'health satisfaction'] },
    { field: 'healthStability', label: 'stability score', aliases: ['stability', 'stability score', 'health stability'] },
    { field: 'healthScore', label: 'health score', aliases: ['health score', 'health', 'overall health'] },
  ],
  subscriptions: [
    { field: 'subscriptionId', label: 'subscription id', aliases: ['subscription id', 'sub id', 'subscription', 'contract id', 'id'] },
    { field: 'accountId', label: 'account id', aliases: ACCOUNT_ID },
    { field: 'startDate', label: 'start date', aliases: ['start date', 'start', 'started at', 'started on', 'subscription start', 'subscription start date', 'begin date', 'effective date', 'period start', 'from'] },
    { field: 'endDate', label: 'end date', aliases: ['end date', 'end', 'ended at', 'ended on', 'subscription end', 'subscription end date', 'cancel date', 'cancelled at', 'canceled at', 'cancellation date', 'churn date', 'churned at', 'period end', 'to'] },
    { field: 'mrr', label: 'MRR', aliases: MRR },
    { field: 'arr', label: 'ARR', aliases: ARR },
    { field: 'trial', label: 'trial flag', aliases: ['is trial', 'trial', 'trial flag', 'on trial', 'free trial'] },
    { field: 'seats', label: 'seats', aliases: SEATS },
    { field: 'plan', label: 'plan', aliases: ['plan tier', 'plan', 'plan name', 'product', 'package', 'tier', 'sku'] },
  ],
  tickets: [
    { field: 'ticketId', label: 'ticket id', aliases: ['ticket id', 'response id', 'survey id', 'case id', 'id'] },
    { field: 'accountId', label: 'account id', aliases: ACCOUNT_ID },
    { field: 'date', label: 'date', aliases: ['submitted at', 'submitted', 'submitted on', 'date', 'created at', 'created', 'created on', 'response date', 'survey date', 'ticket date', 'opened at', 'opened', 'timestamp'] },
    { field: 'csat', label: 'satisfaction score', aliases: ['satisfaction score', 'csat', 'csat score', 'satisfaction', 'customer satisfaction', 'rating', 'score'] },
    { field: 'nps', label: 'NPS', aliases: ['nps', 'nps score', 'net promoter score', 'likelihood to recommend'] },
    { field: 'escalation', label: 'escalation flag', aliases: ['escalation flag', 'escalated', 'is escalated', 'escalation'] },
  ],
  usage: [
    { field: 'usageId', label: 'usage id', aliases: ['usage id', 'event id', 'id'] },
    { field: 'accountId', label: 'account id', aliases: ACCOUNT_ID },
    { field: 'subscriptionId', label: 'subscription id', aliases: ['subscription id', 'sub id', 'subscription'] },
    { field: 'date', label: 'date', aliases: ['usage date', 'date', 'event date', 'activity date', 'used at', 'used on', 'occurred at', 'timestamp', 'day'] },
    { field: 'feature', label: 'feature', aliases: ['feature name', 'feature', 'event name', 'event', 'module'] },
    { field: 'count', label: 'usage count', aliases: ['usage count', 'count', 'event count', 'uses', 'usage', 'events', 'quantity'] },
    { field: 'errors', label: 'error count', aliases: ['error count', 'errors', 'error', 'failures'] },
  ],
  churnEvents: [
    { field: 'churnEventId', label: 'churn event id', aliases: ['churn event id', 'event id', 'id'] },
    { field: 'accountId', label: 'account id', aliases: ACCOUNT_ID },
    { field: 'date', label: 'churn date', aliases: ['churn date', 'churned at', 'churned on', 'date', 'cancellation date', 'cancel date', 'event date'] },
    { field: 'reason', label: 'reason', aliases: ['reason code', 'reason', 'churn reason'] },
    { field: 'reactivation', label: 'reactivation flag', aliases: ['is reactivation', 'reactivation', 'reactivation flag'] },
  ],
};

/** A field → column override. A header (as written, or normalised), a 0-based index, or null to leave the field unmapped. */
export type ColumnOverride = string | number | null;
export type ColumnOverrides = Partial<Record<TableKind, Partial<Record<FieldName, ColumnOverride>>>>;

export interface ColumnMapping {
  kind: TableKind;
  source: string;
  headers: string[];
  /** Field → 0-based column index, for the fields that were found. */
  columns: Partial<Record<FieldName, number>>;
  /** Fields whose column came from the user's override. */
  overridden: FieldName[];
  /** Headers no field uses. */
  unused: string[];
}

const NOISE_TOKENS = new Set(['usd', 'eur', 'gbp', 'amount', 'amt', 'value', 'in']);

/** "Account ID" → "accountid"; "mrr_amount" → "mrramount". */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The header with noise words dropped: "MRR (USD)" → "mrr", "Seats #" → "seats". */
function looseHeader(header: string): string {
  const tokens = header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !NOISE_TOKENS.has(t));
  return tokens.join('');
}

const fieldDef = (kind: TableKind, field: FieldName) => TABLE_FIELDS[kind].find((d) => d.field === field);

/**
 * Map a table's headers to fields. Each header serves at most one field; fields are
 * served in TABLE_FIELDS order, each taking the header that matches its earliest alias
 * (exact normalised match first, then with noise words dropped). Overrides win.
 */
export function mapColumns(
  kind: TableKind,
  table: Pick<RawTable, 'headers' | 'source'>,
  overrides: Partial<Record<FieldName, ColumnOverride>> = {},
): ColumnMapping {
  const headers = table.headers.map((h) => String(h ?? ''));
  const exact = headers.map(normaliseHeader);
  const loose = headers.map(looseHeader);
  const taken = new Set<number>();
  const columns: Partial<Record<FieldName, number>> = {};
  const overridden: FieldName[] = [];

  for (const [field, value] of Object.entries(overrides) as [FieldName, ColumnOverride | undefined][]) {
    if (value === undefined) continue;
    if (!fieldDef(kind, field)) {
      throw new InputError(`${table.source}: the ${TABLE_LABELS[kind]} table has no field "${field}"; fields: ${TABLE_FIELDS[kind].map((d) => d.field).join(', ')}`);
    }
    overridden.push(field);
    if (value === null) continue;
    let index: number;
    if (typeof value === 'number') {
      index = Number.isInteger(value) && value >= 0 && value < headers.length ? value : -1;
    } else {
      index = headers.indexOf(value);
      if (index < 0) index = exact.indexOf(normaliseHeader(value));
    }
    if (index < 0) {
      throw new InputError(`${table.source}: no column "${value}" for ${fieldDef(kind, field)!.label}; columns seen: ${headers.join(', ')}`);
    }
    columns[field] = index;
    taken.add(index);
  }

  for (const def of TABLE_FIELDS[kind]) {
    if (overridden.includes(def.field)) continue;
    let found = -1;
    for (const forms of [exact, loose]) {
      for (const alias of def.aliases) {
        const a = normaliseHeader(alias);
        for (let i = 0; i < forms.length; i++) {
          if (!taken.has(i) && forms[i] === a) {
            found = i;
            break;
          }
        }
        if (found >= 0) break;
      }
      if (found >= 0) break;
    }
    if (found >= 0) {
      columns[def.field] = found;
      taken.add(found);
    }
  }
  const unused = headers.filter((_, i) => !taken.has(i));
  return { kind, source: table.source, headers, columns, overridden, unused };
}

/** The fields (or alternatives, "MRR or ARR") that a table kind cannot do without and that are missing. */
export function missingRequired(mapping: ColumnMapping): string[] {
  const has = (f: FieldName) => mapping.columns[f] !== undefined;
  const missing: string[] = [];
  switch (mapping.kind) {
    case 'accounts':
      if (!has('accountId')) missing.push('account id');
      break;
    case 'subscriptions':
      if (!has('accountId')) missing.push('account id');
      if (!has('startDate')) missing.push('start date');
      if (!has('mrr') && !has('arr')) missing.push('MRR or ARR');
      break;
    case 'usage':
      if (!has('accountId') && !has('subscriptionId')) missing.push('account id or subscription id');
      if (!has('date')) missing.push('date');
      break;
    case 'tickets':
    case 'churnEvents':
      if (!has('accountId')) missing.push('account id');
      if (!has('date')) missing.push('date');
      break;
  }
  return missing;
}

/** mapColumns, then an InputError naming the first required field that has no column. */
export function mapRequiredColumns(
  kind: TableKind,
  table: Pick<RawTable, 'headers' | 'source'>,
  overrides?: Partial<Record<FieldName, ColumnOverride>>,
): ColumnMapping {
  if (!table.headers.some((h) => h !== null && h !== undefined && String(h).trim() !== '')) {
    throw new InputError(`${table.source}: the file is empty: it has no header row (expected column names such as ${TABLE_FIELDS[kind][0].label})`);
  }
  const mapping = mapColumns(kind, table, overrides);
  const missing = missingRequired(mapping);
  if (missing.length > 0) {
    throw new InputError(`${table.source}: no column looks like ${missing[0]}; columns seen: ${mapping.headers.join(', ')}`);
  }
  return mapping;
}
