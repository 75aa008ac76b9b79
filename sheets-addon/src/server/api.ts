/**
 * google.script.run targets. Each takes plain JSON from the sidebar and returns plain JSON
 * (ISO dates as text, never a Date), { ok: false, error } on failure. The pane logic itself is
 * core's (core/src/app: detectMapping, defaultPeriod, buildTabs, planRender via the renderer).
 */
import {
  buildTabs,
  checkPeriod,
  defaultPeriod,
  detectMapping,
  errorText,
  listTableKinds,
  listTabs,
  TABLE_KINDS,
  type BuildSummary,
  type MappingView,
  type PeriodView,
  type TabChoice,
  type TableKindInfo,
} from '../../../core/src/app';
import type { ColumnOverrides } from '../../../core/src/data/columns';
import type { InputTables, TableKind } from '../../../core/src/data/model';
import { renderTabs, type RenderedTab } from '../renderer/render';
import { listSources, plainCell, readSource, type SourceList, type SourceRef } from './sources';

export type Failure = { ok: false; error: string };

const PREVIEW_ROWS = 5;

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function failure(e: unknown): Failure {
  return { ok: false, error: errorText(e) };
}

export type Sources = Partial<Record<TableKind, SourceRef>>;

function readAll(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sources: Sources): InputTables {
  const tables: InputTables = {};
  for (const kind of TABLE_KINDS) {
    const ref = sources[kind];
    if (ref) tables[kind] = readSource(ss, ref);
  }
  return tables;
}

export interface SidebarInit {
  ok: true;
  tabs: TabChoice[];
  kinds: TableKindInfo[];
  sources: SourceList;
}

/** Everything the sidebar shows on opening: tab buttons, table kinds with their fields, the sources. */
export function csSidebarInit(): SidebarInit | Failure {
  try {
    return { ok: true, tabs: listTabs(), kinds: listTableKinds(), sources: listSources(active()) };
  } catch (e) {
    return failure(e);
  }
}

export function csListSources(): ({ ok: true } & SourceList) | Failure {
  try {
    return { ok: true, ...listSources(active()) };
  } catch (e) {
    return failure(e);
  }
}

/** One source as a RawTable (dates as ISO text), at most `maxRows` data rows when given. */
export function csReadSource(ref: SourceRef, maxRows?: number): ({ ok: true; source: string; headers: string[]; rows: (string | number | boolean)[][]; rowCount: number }) | Failure {
  try {
    const t = readSource(active(), ref);
    const rows = (maxRows === undefined ? t.rows : t.rows.slice(0, Math.max(0, maxRows))) as (string | number | boolean)[][];
    return { ok: true, source: t.source, headers: t.headers, rows, rowCount: t.rows.length };
  } catch (e) {
    return failure(e);
  }
}

export interface MappingRequest {
  sources: Sources;
  overrides?: ColumnOverrides;
}

export interface MappingResponse {
  ok: true;
  mapping: MappingView;
  /** The first rows of each table as text, for the sidebar's preview. */
  previews: Partial<Record<TableKind, { headers: string[]; rows: string[][] }>>;
  /** The default period (null when the tables do not give one yet). */
  period: PeriodView | null;
  periodError?: string;
}

/** The detected column mapping of the chosen sources (with the user's corrections), previews and the default period. */
export function csDetectMapping(request: MappingRequest): MappingResponse | Failure {
  try {
    const ss = active();
    const tables = readAll(ss, request.sources ?? {});
    const overrides = request.overrides ?? {};
    const mapping = detectMapping(tables, overrides);
    const previews: MappingResponse['previews'] = {};
    for (const kind of TABLE_KINDS) {
      const t = tables[kind];
      if (t) previews[kind] = { headers: t.headers, rows: t.rows.slice(0, PREVIEW_ROWS).map((r) => r.map((v) => String(plainCell(v, 'Etc/UTC')))) };
    }
    let period: PeriodView | null = null;
    let periodError: string | undefined;
    if (mapping.ok) {
      const p = defaultPeriod(tables, overrides);
      if (p.ok) period = p.period;
      else periodError = p.error;
    }
    return periodError === undefined ? { ok: true, mapping, previews, period } : { ok: true, mapping, previews, period, periodError };
  } catch (e) {
    return failure(e);
  }
}

export interface GenerateRequest {
  sources: Sources;
  overrides?: ColumnOverrides;
  /** ISO dates; empty → the default period. `to` is exclusive. */
  from?: string;
  to?: string;
  tabs: string[];
}

export interface GenerateResponse {
  ok: true;
  tabs: RenderedTab[];
  summary: BuildSummary;
}

/** Build the selected tabs (and the Data tab their formulas read) and draw them. */
export function csGenerateTabs(request: GenerateRequest): GenerateResponse | Failure {
  try {
    if (request.from || request.to) {
      const p = checkPeriod(request.from ?? '', request.to ?? '');
      if (!p.ok) return p;
    }
    const ss = active();
    const tables = readAll(ss, request.sources ?? {});
    const built = buildTabs({
      tables,
      overrides: request.overrides ?? {},
      from: request.from,
      to: request.to,
      timeZone: ss.getSpreadsheetTimeZone(),
      tabs: request.tabs ?? [],
    });
    if (!built.ok) return built;
    const tabs = renderTabs(ss, built.tabs);
    return { ok: true, tabs, summary: built.summary };
  } catch (e) {
    return failure(e);
  }
}
