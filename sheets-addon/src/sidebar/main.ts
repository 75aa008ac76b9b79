/**
 * The sidebar's client script (bundled by scripts/build-sheets-sidebar.mjs and inlined into
 * sheets-addon/dist/Sidebar.html). It talks to the server only through google.script.run
 * (sheets-addon/src/server/api.ts); all the pane logic is on the server (core/src/app).
 *
 * Every piece of user text (sheet names, headers, cell values, error messages) is put on the page
 * with textContent or as an <option>'s text, NEVER with innerHTML (field report F23).
 */
import { setOverride } from '../../../core/src/app/pane';
import type { ColumnOverrides, FieldName } from '../../../core/src/data/columns';
import type { TableKind } from '../../../core/src/data/model';
import type { GenerateResponse, MappingResponse, SidebarInit, Failure } from '../server/api';
import type { SourceRef, SourceList } from '../server/sources';

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: Error) => void): Runner;
  [server: string]: unknown;
}
declare const google: { script: { run: Runner } };

/** google.script.run as a promise. A thrown server error and an { ok: false } answer both reject with the message. */
export function call<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const v = value as { ok?: boolean; error?: string } | null;
        if (v && v.ok === false) reject(new Error(v.error ?? 'The server reported an error'));
        else resolve(value as T);
      })
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The add-on has no server function ${name}`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Tiny DOM helpers: text only.                                                                 */

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function option(value: string, text: string, selected = false): HTMLOptionElement {
  const o = el('option', { value }, text);
  o.selected = selected;
  return o;
}

const $ = (id: string) => document.getElementById(id)!;

function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/* ------------------------------------------------------------------------------------------ */
/* State                                                                                        */

interface State {
  init: SidebarInit | null;
  sources: Partial<Record<TableKind, SourceRef>>;
  overrides: ColumnOverrides;
  mapping: MappingResponse | null;
  busy: boolean;
  periodTouched: boolean;
}

const state: State = { init: null, sources: {}, overrides: {}, mapping: null, busy: false, periodTouched: false };

function showError(message: string | null): void {
  $('error').textContent = message ?? '';
}

function showProgress(message: string | null): void {
  const node = $('progress');
  clear(node);
  if (message) {
    node.appendChild(el('span', { class: 'spinner', 'aria-hidden': 'true' }));
    node.appendChild(el('span', {}, message));
  }
}

function setBusy(busy: boolean): void {
  state.busy = busy;
  document.querySelectorAll<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>('button, select, input').forEach((n) => {
    n.disabled = busy;
  });
}

async function withBusy<T>(message: string, job: () => Promise<T>): Promise<T | undefined> {
  showError(null);
  showProgress(message);
  setBusy(true);
  try {
    return await job();
  } catch (e) {
    showError(e instanceof Error ? e.message : String(e));
    return undefined;
  } finally {
    setBusy(false);
    showProgress(null);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* 1. Sources                                                                                   */

const NONE = '';

function refKey(ref: SourceRef | undefined): string {
  if (!ref) return NONE;
  return ref.type === 'sheet' ? `sheet:${ref.sheet}` : `range:${ref.sheet}!${ref.a1}`;
}

function refOf(key: string, list: SourceList): SourceRef | undefined {
  if (key.startsWith('sheet:')) return { type: 'sheet', sheet: key.slice(6) };
  if (key.startsWith('range:') && list.region) return { type: 'range', sheet: list.region.sheet, a1: list.region.a1 };
  return undefined;
}

function renderSources(): void {
  const init = state.init!;
  const list = init.sources;
  const box = $('sources');
  clear(box);
  for (const kind of init.kinds) {
    const block = el('div', { class: 'block' });
    const id = `source-${kind.kind}`;
    const label = el('label', { for: id }, kind.label);
    if (kind.required) label.appendChild(el('span', { class: 'badge required' }, 'needed'));
    block.appendChild(label);
    const select = el('select', { id, 'data-kind': kind.kind });
    const current = refKey(state.sources[kind.kind]);
    select.appendChild(option(NONE, kind.required ? '— choose a sheet —' : '— none —', current === NONE));
    for (const s of list.sheets) {
      const key = `sheet:${s.name}`;
      select.appendChild(option(key, `${s.name} (${Math.max(0, s.rows - 1)} rows)`, current === key));
    }
    if (list.region) {
      const key = `range:${list.region.sheet}!${list.region.a1}`;
      select.appendChild(option(key, `Current region: ${list.region.sheet}!${list.region.a1}`, current === key));
    }
    select.addEventListener('change', () => {
      const ref = refOf(select.value, list);
      if (ref) state.sources[kind.kind] = ref;
      else delete state.sources[kind.kind];
      delete state.overrides[kind.kind];
      void refreshMapping();
    });
    block.appendChild(select);
    box.appendChild(block);
  }
}

async function loadInit(): Promise<void> {
  const loaded = await withBusy('Reading your sheets…', async () => {
    const init = await call<SidebarInit>('csSidebarInit');
    state.init = init;
    // Keep choices that still exist; otherwise take the suggestions (by headers).
    const names = new Set(init.sources.sheets.map((s) => s.name));
    for (const kind of init.kinds.map((k) => k.kind)) {
      const ref = state.sources[kind];
      if (ref && !names.has(ref.sheet)) delete state.sources[kind];
      const suggested = init.sources.suggested[kind];
      if (!state.sources[kind] && suggested) state.sources[kind] = { type: 'sheet', sheet: suggested };
    }
    renderSources();
    renderTabButtons();
    return true;
  });
  // On failure the error stays on screen; the next step would clear it.
  if (loaded) await refreshMapping();
}

/* ------------------------------------------------------------------------------------------ */
/* 2. Mapping                                                                                   */

const UNUSED = '\u0000unused';

async function refreshMapping(): Promise<void> {
  if (Object.keys(state.sources).length === 0) {
    state.mapping = null;
    renderMapping();
    return;
  }
  await withBusy('Reading the columns…', async () => {
    state.mapping = await call<MappingResponse>('csDetectMapping', { sources: state.sources, overrides: state.overrides });
    const p = state.mapping.period;
    if (p && !state.periodTouched) {
      ($('from') as HTMLInputElement).value = p.from;
      ($('to') as HTMLInputElement).value = p.to;
    }
  });
  renderMapping();
  renderPeriodNote();
}

function renderMapping(): void {
  const box = $('mapping');
  clear(box);
  box.className = '';
  const m = state.mapping;
  if (!m) {
    box.className = 'gray';
    box.textContent = 'Pick a Subscriptions source above.';
    return;
  }
  if (m.mapping.problems.length > 0) {
    const ul = el('ul', { class: 'problems', id: 'problems' });
    for (const p of m.mapping.problems) ul.appendChild(el('li', {}, p));
    box.appendChild(ul);
  }
  for (const t of m.mapping.tables) {
    box.appendChild(el('h3', {}, `${t.label}: ${t.source} (${t.rowCount} rows)`));
    const table = el('table', { class: 'mapping', 'data-kind': t.kind });
    // Fields with a column, a correction or a problem first; the rest folded under "Other columns".
    const more = el('table', { class: 'mapping', 'data-kind': t.kind, 'data-more': 'true' });
    let moreCount = 0;
    for (const f of t.fields) {
      const missing = t.missing.includes(f.label);
      const shown = f.index !== null || f.overridden || missing;
      if (!shown) moreCount++;
      const tr = el('tr', { class: f.overridden ? 'changed' : missing ? 'missing' : '' });
      tr.appendChild(el('td', { class: 'field' }, f.label));
      const td = el('td');
      const select = el('select', { 'data-field': f.field, 'aria-label': `${t.label} ${f.label}` });
      select.appendChild(option(UNUSED, '— not used —', f.index === null));
      t.headers.forEach((h, i) => select.appendChild(option(String(i), h === '' ? `(column ${i + 1}, no header)` : h, f.index === i)));
      select.addEventListener('change', () => {
        const value = select.value === UNUSED ? null : t.headers[Number(select.value)];
        state.overrides = setOverride(state.overrides, t.kind, f.field as FieldName, value);
        void refreshMapping();
      });
      td.appendChild(select);
      tr.appendChild(td);
      (shown ? table : more).appendChild(tr);
    }
    box.appendChild(table);
    if (moreCount > 0) {
      const details = el('details');
      details.appendChild(el('summary', { class: 'gray' }, `Other columns (${moreCount} not used)`));
      details.appendChild(more);
      box.appendChild(details);
    }
    const preview = m.previews[t.kind];
    if (preview && preview.rows.length > 0) box.appendChild(previewTable(preview.headers, preview.rows));
  }
}

function previewTable(headers: string[], rows: string[][]): HTMLTableElement {
  const table = el('table', { class: 'preview' });
  const head = el('tr');
  const cols = Math.min(headers.length, 4);
  for (let c = 0; c < cols; c++) head.appendChild(el('th', { title: headers[c] }, headers[c]));
  table.appendChild(head);
  for (const r of rows) {
    const tr = el('tr');
    for (let c = 0; c < cols; c++) tr.appendChild(el('td', { title: r[c] ?? '' }, r[c] ?? ''));
    table.appendChild(tr);
  }
  return table;
}

/* ------------------------------------------------------------------------------------------ */
/* 3. Period                                                                                    */

function renderPeriodNote(): void {
  const from = ($('from') as HTMLInputElement).value;
  const to = ($('to') as HTMLInputElement).value;
  const note = $('period-note');
  if (!from || !to) {
    note.textContent = state.mapping?.periodError ?? 'Leave both empty for the 12 months up to the latest subscription date.';
    return;
  }
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  note.textContent = `${from} up to and including ${last.toISOString().slice(0, 10)} (the "to" day is not in the period).`;
}

/* ------------------------------------------------------------------------------------------ */
/* 4. Tabs                                                                                      */

function renderTabButtons(): void {
  const box = $('tabs');
  clear(box);
  const tabs = state.init!.tabs.filter((t) => !t.supporting);
  for (const t of tabs) {
    const b = el('button', { type: 'button', 'data-tab': t.key }, `Generate ${t.title}`);
    b.addEventListener('click', () => void generate([t.key]));
    box.appendChild(b);
  }
  const all = el('button', { type: 'button', class: 'action', id: 'generate-all' }, 'Generate all tabs');
  all.addEventListener('click', () => void generate(state.init!.tabs.map((t) => t.key)));
  box.appendChild(all);
}

async function generate(keys: string[]): Promise<void> {
  $('result').textContent = '';
  if (!state.sources.subscriptions && !state.sources.accounts) {
    showError('Choose the sheet that holds your subscriptions (or accounts with ARR) first.');
    return;
  }
  const titles = state.init!.tabs.filter((t) => keys.includes(t.key)).map((t) => t.title);
  const from = ($('from') as HTMLInputElement).value;
  const to = ($('to') as HTMLInputElement).value;
  const answer = await withBusy(`Generating ${titles.join(', ')}…`, () =>
    call<GenerateResponse>('csGenerateTabs', { sources: state.sources, overrides: state.overrides, from, to, tabs: keys }),
  );
  if (!answer) return;
  const box = $('result');
  clear(box);
  box.appendChild(el('div', {}, `Done: ${answer.summary.accounts} accounts, ${answer.summary.period.from} to ${answer.summary.period.to} (as of ${answer.summary.period.asOf}).`));
  const ul = el('ul');
  for (const t of answer.tabs) ul.appendChild(el('li', {}, t.replaced !== undefined ? `${t.name} (replaced)` : `${t.name} (new)`));
  box.appendChild(ul);
  for (const n of answer.summary.notes) box.appendChild(el('div', { class: 'small gray' }, n));
}

/* ------------------------------------------------------------------------------------------ */

function start(): void {
  $('refresh').addEventListener('click', () => void loadInit());
  for (const id of ['from', 'to']) {
    $(id).addEventListener('change', () => {
      state.periodTouched = true;
      renderPeriodNote();
    });
  }
  void loadInit();
}

export type { Failure };

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
