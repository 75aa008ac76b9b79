/**
 * The pane flow shared by the Excel task pane and the Sheets sidebar, host-neutral.
 *
 *   listTabs()                      the tab buttons (from TAB_BUILDERS)
 *   listTableKinds()                the source pickers: one per table kind, with its fields
 *   detectMapping(tables, overrides) per table: field → chosen header, candidates, missing fields
 *   setOverride(overrides, …)       a user's correction (pure: returns new overrides)
 *   defaultPeriod(tables, overrides) the period the CLI would use (ISO text)
 *   buildTabs(request)              the selected TabDescriptions (+ the tabs they refer to)
 *   planRender(tabs, existing)      final names (never a user's tab) + host-ready render plans
 *
 * Every input and output is plain JSON (no Dates, no class instances): Sheets' google.script.run
 * cannot carry Dates, and the task pane keeps state as JSON. Errors come back as text
 * ({ ok: false, error }) with the InputError message, never as exceptions.
 */
import { InputError } from '../errors';
import { mapColumns, missingRequired, normaliseHeader, TABLE_FIELDS, type ColumnOverride, type ColumnOverrides, type FieldName } from '../data/columns';
import { loadTables } from '../data/load';
import { TABLE_LABELS, type InputTables, type RawTable, type TableKind } from '../data/model';
import { buildReportModel, defaultPeriodOf } from '../data/report-model';
import { resolvePeriod } from '../data/period';
import { TAB_BUILDERS, type BuildOptions as TabBuildOptions } from '../reports';
import type { TabDescription } from '../reports/tab-model';
import { resolveTabNames, type ExistingTab, type TabNameDecision } from '../reports/tab-names';
import { planTabs, type RenderPlan, type RenderPlanOptions } from '../reports/render-plan';

export const TABLE_KINDS: readonly TableKind[] = ['accounts', 'subscriptions', 'tickets', 'usage', 'churnEvents'];

/** The key of the Data tab, which other tabs' formulas read. */
export const DATA_TAB_KEY = 'data';

export interface TabChoice {
  key: string;
  title: string;
  /** True for a tab that comes along when another needs it (Data) rather than a button of its own. */
  supporting: boolean;
}

/** The tabs a pane offers, in TAB_BUILDERS order. */
export function listTabs(): TabChoice[] {
  return TAB_BUILDERS.map((b) => ({ key: b.key, title: b.title, supporting: b.key === DATA_TAB_KEY }));
}

export interface TableKindInfo {
  kind: TableKind;
  label: string;
  /** The subscriptions table (or accounts with ARR columns) is what the tabs need; the rest are optional. */
  required: boolean;
  fields: { field: FieldName; label: string }[];
}

export function listTableKinds(): TableKindInfo[] {
  return TABLE_KINDS.map((kind) => ({
    kind,
    label: TABLE_LABELS[kind],
    required: kind === 'subscriptions',
    fields: TABLE_FIELDS[kind].map((d) => ({ field: d.field, label: d.label })),
  }));
}

export interface FieldMappingView {
  field: FieldName;
  label: string;
  /** The chosen header (its text as in the table), or null when no column is used. */
  header: string | null;
  /** 0-based column of the chosen header, or null. */
  index: number | null;
  /** The user chose (or cleared) this field. */
  overridden: boolean;
  /** Headers whose spelling matches one of the field's aliases, best first. */
  candidates: string[];
}

export interface TableMappingView {
  kind: TableKind;
  label: string;
  source: string;
  /** Every header of the table: the options of each field's dropdown. */
  headers: string[];
  rowCount: number;
  fields: FieldMappingView[];
  /** Required fields with no column, as messages name them ("start date", "MRR or ARR"). */
  missing: string[];
  /** Headers no field uses. */
  unused: string[];
  /** Set when an override names a column that does not exist (the message to show). */
  error?: string;
}

export interface MappingView {
  tables: TableMappingView[];
  /** True when every given table has its required fields. */
  ok: boolean;
  /** One line per problem, ready to show. */
  problems: string[];
}

function candidatesOf(kind: TableKind, field: FieldName, headers: string[]): string[] {
  const def = TABLE_FIELDS[kind].find((d) => d.field === field);
  if (!def) return [];
  const norm = headers.map((h) => normaliseHeader(h));
  const out: string[] = [];
  for (const alias of def.aliases) {
    const a = normaliseHeader(alias);
    norm.forEach((n, i) => {
      if ((n === a || (a.length >= 3 && n.includes(a))) && !out.includes(headers[i])) out.push(headers[i]);
    });
  }
  return out;
}

/** The mapping of each given table, with the user's overrides applied. Never throws. */
export function detectMapping(tables: InputTables, overrides: ColumnOverrides = {}): MappingView {
  const views: TableMappingView[] = [];
  const problems: string[] = [];
  for (const kind of TABLE_KINDS) {
    const table = tables[kind];
    if (!table) continue;
    const headers = table.headers.map((h) => String(h ?? ''));
    let error: string | undefined;
    let mapping;
    try {
      mapping = mapColumns(kind, table, overrides[kind] ?? {});
    } catch (e) {
      error = errorText(e);
      mapping = mapColumns(kind, table, {});
    }
    const fields: FieldMappingView[] = TABLE_FIELDS[kind].map((d) => {
      const index = mapping.columns[d.field];
      return {
        field: d.field,
        label: d.label,
        header: index === undefined ? null : headers[index],
        index: index === undefined ? null : index,
        overridden: mapping.overridden.includes(d.field),
        candidates: candidatesOf(kind, d.field, headers),
      };
    });
    const missing = missingRequired(mapping);
    const view: TableMappingView = {
      kind,
      label: TABLE_LABELS[kind],
      source: table.source,
      headers,
      rowCount: table.rows.length,
      fields,
      missing,
      unused: mapping.unused,
    };
    if (error) {
      view.error = error;
      problems.push(error);
    }
    for (const m of missing) problems.push(`${TABLE_LABELS[kind]} (${table.source}): choose the column for ${m}`);
    views.push(view);
  }
  if (!tables.subscriptions && !tables.accounts) problems.push('Choose a Subscriptions table (or an Accounts table with ARR columns)');
  return { tables: views, ok: problems.length === 0, problems };
}

/**
 * A user's correction of one field: `header` is the header text to use, null to leave the field
 * unmapped, or undefined to go back to the detected column. Returns new overrides.
 */
export function setOverride(overrides: ColumnOverrides, kind: TableKind, field: FieldName, header: ColumnOverride | undefined): ColumnOverrides {
  const out: ColumnOverrides = {};
  for (const k of Object.keys(overrides) as TableKind[]) out[k] = { ...overrides[k] };
  const forKind = { ...(out[kind] ?? {}) };
  if (header === undefined) delete forKind[field];
  else forKind[field] = header;
  if (Object.keys(forKind).length === 0) delete out[kind];
  else out[kind] = forKind;
  return out;
}

export type Result<T> = ({ ok: true } & T) | { ok: false; error: string };

/** The text a pane shows for an error: an InputError's message as is, anything else prefixed. */
export function errorText(e: unknown): string {
  if (e instanceof InputError) return e.message;
  if (e instanceof Error) return `Unexpected error: ${e.message}`;
  return `Unexpected error: ${String(e)}`;
}

export interface PeriodView {
  from: string;
  to: string;
  /** The last day in the period (to is exclusive). */
  asOf: string;
  months: number;
}

/** The default period for the tables (12 months up to the month after the latest subscription date). */
export function defaultPeriod(tables: InputTables, overrides: ColumnOverrides = {}): Result<{ period: PeriodView }> {
  try {
    const data = loadTables(tables, { columnOverrides: overrides });
    const { from, to } = defaultPeriodOf(data);
    return { ok: true, period: checkPeriodBounds(from, to) };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}

function checkPeriodBounds(from?: string, to?: string): PeriodView {
  const { period } = resolvePeriod({ from: from || undefined, to: to || undefined }, null);
  return { from: period.from, to: period.to, asOf: period.asOf, months: period.months };
}

/** Check a period typed by the user (from inclusive, to exclusive). */
export function checkPeriod(from: string, to: string): Result<{ period: PeriodView }> {
  try {
    if (!from && !to) throw new InputError('Give a period: from and to (YYYY-MM-DD)');
    return { ok: true, period: checkPeriodBounds(from, to) };
  } catch (e) {
    return { ok: false, error: errorText(e).replace(/--(from|to)\b/g, '$1') };
  }
}

export interface BuildRequest {
  tables: InputTables;
  overrides?: ColumnOverrides;
  /** ISO dates; empty or missing → the default period. */
  from?: string;
  to?: string;
  /** IANA zone for Date cells (Sheets); Excel passes serial numbers. */
  timeZone?: string;
  /** Tab keys the user asked for; the tabs their formulas refer to (Data) come along. */
  tabs: string[];
  tabOptions?: TabBuildOptions;
}

export interface BuildSummary {
  period: PeriodView;
  accounts: number;
  /** Lines such as "Subscriptions: trial: 12 rows skipped". */
  notes: string[];
}

const SHEET_REF_KEYS = /\{\{sheet:([a-z0-9-]+)\}\}/g;

/** Keys of the generated tabs a tab's formulas refer to. */
export function referencedKeys(tab: TabDescription): string[] {
  const keys = new Set<string>();
  const scan = (f: string | undefined) => {
    if (!f || !f.includes('{{sheet:')) return;
    for (const m of f.matchAll(SHEET_REF_KEYS)) keys.add(m[1]);
  };
  for (const row of tab.rows) for (const cell of row ?? []) if (cell) scan(cell.formula);
  for (const cf of tab.conditionalFormats) if (cf.kind === 'formula') scan(cf.formula);
  keys.delete(tab.key);
  return [...keys];
}

/** Build the requested tabs and the tabs they depend on, in TAB_BUILDERS order. */
export function buildTabs(request: BuildRequest): Result<{ tabs: TabDescription[]; summary: BuildSummary }> {
  try {
    const unknown = request.tabs.filter((k) => !TAB_BUILDERS.some((b) => b.key === k));
    if (unknown.length > 0) throw new InputError(`Unknown tab "${unknown[0]}"; tabs: ${TAB_BUILDERS.map((b) => b.key).join(', ')}`);
    if (request.tabs.length === 0) throw new InputError('Choose at least one tab to generate');
    const mapping = detectMapping(request.tables, request.overrides ?? {});
    if (!mapping.ok) throw new InputError(mapping.problems[0]);
    const model = buildReportModel(request.tables, {
      from: request.from || undefined,
      to: request.to || undefined,
      columnOverrides: request.overrides,
      timeZone: request.timeZone,
    });
    const wanted = new Set(request.tabs);
    const built = new Map<string, TabDescription>();
    const queue = [...wanted];
    while (queue.length > 0) {
      const key = queue.shift()!;
      if (built.has(key)) continue;
      const builder = TAB_BUILDERS.find((b) => b.key === key);
      if (!builder) throw new Error(`A tab refers to "${key}", which has no builder`);
      const tab = builder.build(model, request.tabOptions);
      built.set(key, tab);
      for (const k of referencedKeys(tab)) if (!built.has(k)) queue.push(k);
    }
    const tabs = TAB_BUILDERS.filter((b) => built.has(b.key)).map((b) => built.get(b.key)!);
    const notes = model.dataQuality.skipped.map((s) => `${TABLE_LABELS[s.table]}: ${s.reason}: ${s.count} row${s.count === 1 ? '' : 's'} skipped`);
    const p = model.period;
    return {
      ok: true,
      tabs,
      summary: { period: { from: p.from, to: p.to, asOf: p.asOf, months: p.months }, accounts: model.accounts.length, notes },
    };
  } catch (e) {
    // The pane has fields, not command-line flags.
    return { ok: false, error: errorText(e).replace(/--(from|to)\b/g, '$1') };
  }
}

export interface RenderBatch {
  decisions: TabNameDecision[];
  plans: RenderPlan[];
}

/**
 * Final names for a batch (resolveTabNames against the workbook's tabs and our markers) and the
 * render plans. `existing` lists every tab of the workbook; `generatedKey` is set for ours.
 */
export function planRender(tabs: readonly TabDescription[], existing: readonly ExistingTab[], options: RenderPlanOptions = {}): RenderBatch {
  const decisions = resolveTabNames(
    tabs.map((t) => ({ key: t.key, name: t.name })),
    existing,
  );
  const names = new Map<string, string>();
  // Tabs outside the batch that formulas may refer to: our existing tabs, by key.
  for (const e of existing) if (e.generatedKey !== undefined && !names.has(e.generatedKey)) names.set(e.generatedKey, e.name);
  for (const d of decisions) names.set(d.key, d.name);
  return { decisions, plans: planTabs(tabs, names, options) };
}

/** The sheet row of a range address's first cell: "Data!B5:F100" → 5, whole rows "Data!5:9" → 5, whole columns "Data!A:F" → 1. */
export function firstRowOfAddress(address: string): number {
  const m = /^\$?[A-Z]*\$?(\d+)/i.exec(address.slice(address.lastIndexOf('!') + 1));
  return m ? Number(m[1]) : 1;
}

/**
 * A table from a host range: the first row is the header row; fully blank rows at the end are
 * dropped. `headerRow` is the sheet row of the range's first row, so messages name sheet rows.
 */
export function tableFromGrid(source: string, grid: readonly (readonly unknown[])[], headerRow = 1): RawTable {
  if (grid.length === 0) return { source, headers: [], rows: [], headerRow };
  const headers = grid[0].map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  let end = grid.length;
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  while (end > 1 && grid[end - 1].every(blank)) end--;
  return { source, headers, rows: grid.slice(1, end).map((r) => [...r]), headerRow };
}
