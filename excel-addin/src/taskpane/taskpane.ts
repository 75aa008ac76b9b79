/**
 * The CS Sheets task pane: pick the source table per kind (a named table or the current region of
 * the selection), check the detected column mapping, choose the period and draw a tab.
 * The pane flow is core/src/app (shared with the Sheets sidebar); drawing is ../renderer.
 * All user text goes through textContent, never innerHTML (F23).
 */
import {
  buildTabs,
  checkPeriod,
  defaultPeriod,
  detectMapping,
  listTableKinds,
  listTabs,
  setOverride,
  firstRowOfAddress,
  tableFromGrid,
  type ColumnOverrides,
  type FieldName,
  type InputTables,
  type RawTable,
  type TableKind,
} from '../../../core/src/app';
import { generateTabs } from '../renderer/render';

/** Where a table kind's data comes from: a named table, or a fixed address (the selection's region when picked). */
type Source = { type: 'table'; name: string } | { type: 'range'; address: string } | null;

interface State {
  sources: Partial<Record<TableKind, Source>>;
  tables: InputTables;
  overrides: ColumnOverrides;
  from: string;
  to: string;
  workbookTables: string[];
  busy: boolean;
}

const state: State = { sources: {}, tables: {}, overrides: {}, from: '', to: '', workbookTables: [], busy: false };

/** Cells per read request: Excel on the web caps a response at 5 MB. */
const READ_CELLS = 100_000;

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from taskpane.html`);
  return e;
}

function setStatus(text: string): void {
  byId('status').textContent = text;
}

function setError(text: string): void {
  const e = byId('error');
  e.textContent = text;
  e.hidden = text === '';
}

/* ------------------------------------------------------------------------------------------ */
/* Excel reads.                                                                                */

function splitAddress(address: string): { sheet: string; range: string } {
  const i = address.lastIndexOf('!');
  let sheet = address.slice(0, i);
  if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(i + 1) };
}

async function readRange(context: Excel.RequestContext, range: Excel.Range): Promise<{ address: string; grid: unknown[][] }> {
  range.load('address,rowCount,columnCount');
  await context.sync();
  const rows = range.rowCount;
  const cols = Math.max(1, range.columnCount);
  const step = Math.max(1, Math.floor(READ_CELLS / cols));
  const grid: unknown[][] = [];
  for (let top = 0; top < rows; top += step) {
    const n = Math.min(step, rows - top);
    const part = range.getCell(top, 0).getResizedRange(n - 1, cols - 1);
    part.load('values');
    await context.sync();
    for (const r of part.values) grid.push(r);
  }
  return { address: range.address, grid };
}

async function readSource(kind: TableKind, source: Source): Promise<RawTable | null> {
  if (!source) return null;
  return Excel.run(async (context) => {
    const range =
      source.type === 'table'
        ? context.workbook.tables.getItem(source.name).getRange()
        : context.workbook.worksheets.getItem(splitAddress(source.address).sheet).getRange(splitAddress(source.address).range);
    const { address, grid } = await readRange(context, range);
    return tableFromGrid(source.type === 'table' ? `${source.name} (${address})` : address, grid, firstRowOfAddress(address));
  }).catch((e: unknown) => {
    throw new Error(`Could not read the ${kind} data: ${e instanceof Error ? e.message : String(e)}`);
  });
}

async function selectionRegionAddress(): Promise<string> {
  return Excel.run(async (context) => {
    const region = context.workbook.getSelectedRange().getSurroundingRegion();
    region.load('address');
    await context.sync();
    return region.address;
  });
}

async function listWorkbookTables(): Promise<string[]> {
  return Excel.run(async (context) => {
    const tables = context.workbook.tables;
    tables.load('items/name');
    await context.sync();
    return tables.items.map((t) => t.name);
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Rendering the pane.                                                                         */

function renderSources(): void {
  const box = byId('source-rows');
  box.replaceChildren();
  for (const info of listTableKinds()) {
    const select = el('select', { id: `source-${info.kind}`, 'aria-label': `${info.label} data` });
    select.append(el('option', { value: '' }, info.required ? '— choose —' : '— not used —'));
    select.append(el('option', { value: 'selection' }, 'Current region of the selection'));
    for (const t of state.workbookTables) select.append(el('option', { value: `table:${t}` }, `Table ${t}`));
    const src = state.sources[info.kind];
    if (src?.type === 'range') {
      const o = el('option', { value: `range:${src.address}` }, src.address);
      select.append(o);
      select.value = `range:${src.address}`;
    } else if (src?.type === 'table') select.value = `table:${src.name}`;
    select.addEventListener('change', () => void onSourceChange(info.kind, select.value));
    box.append(el('div', { class: 'row' }, el('label', { for: select.id }, info.label + (info.required ? ' *' : '')), select));
  }
}

async function onSourceChange(kind: TableKind, value: string): Promise<void> {
  await run(async () => {
    if (value === '') state.sources[kind] = null;
    else if (value === 'selection') state.sources[kind] = { type: 'range', address: await selectionRegionAddress() };
    else if (value.startsWith('table:')) state.sources[kind] = { type: 'table', name: value.slice(6) };
    else if (value.startsWith('range:')) state.sources[kind] = { type: 'range', address: value.slice(6) };
    setStatus('Reading your data…');
    const table = await readSource(kind, state.sources[kind] ?? null);
    if (table) state.tables[kind] = table;
    else delete state.tables[kind];
    delete state.overrides[kind];
    renderSources();
    renderMapping();
    applyDefaultPeriod();
    setStatus(table ? `Read ${table.rows.length} rows from ${table.source}.` : '');
  });
}

function renderMapping(): void {
  const box = byId('mapping-tables');
  box.replaceChildren();
  const view = detectMapping(state.tables, state.overrides);
  if (view.tables.length === 0) {
    box.append(el('p', { class: 'hint' }, 'Choose your data above; the columns are recognised by their headers.'));
    return;
  }
  for (const t of view.tables) {
    const rows = t.fields
      .filter((f) => f.header !== null || t.missing.length > 0 || f.overridden)
      .map((f) => {
        const select = el('select', { id: `map-${t.kind}-${f.field}`, 'aria-label': `${t.label}: ${f.label}` });
        select.append(el('option', { value: '' }, '— none —'));
        t.headers.forEach((h, i) => {
          if (h !== '') select.append(el('option', { value: String(i) }, h));
        });
        select.value = f.index === null ? '' : String(f.index);
        select.addEventListener('change', () => {
          const header = select.value === '' ? null : t.headers[Number(select.value)];
          state.overrides = setOverride(state.overrides, t.kind, f.field as FieldName, header);
          renderMapping();
          applyDefaultPeriod();
        });
        return el('div', { class: `row${f.overridden ? ' changed' : ''}` }, el('label', { for: select.id }, f.label), select);
      });
    const problems = el('ul', { class: 'problems' }, ...t.missing.map((m) => el('li', {}, `Choose the column for ${m}.`)), t.error ? el('li', {}, t.error) : null);
    const card = el('div', { class: 'card', 'data-kind': t.kind }, el('h3', {}, `${t.label} `, el('span', { class: 'source' }, `${t.source} · ${t.rowCount} rows`)), ...rows, problems);
    const nameField = t.fields.find((f) => f.field === 'name' && f.index !== null);
    if (nameField && state.tables[t.kind]) {
      const names = state.tables[t.kind]!.rows.slice(0, 5).map((r) => String(r[nameField.index!] ?? ''));
      card.append(el('div', { class: 'preview' }, el('span', { class: 'hint' }, 'First accounts: '), el('ul', { id: `preview-${t.kind}` }, ...names.map((n) => el('li', {}, n)))));
    }
    box.append(card);
  }
}

function applyDefaultPeriod(): void {
  if (state.from && state.to) return;
  const view = detectMapping(state.tables, state.overrides);
  if (!view.ok) return;
  const p = defaultPeriod(state.tables, state.overrides);
  if (!p.ok) return;
  state.from = p.period.from;
  state.to = p.period.to;
  (byId('from') as HTMLInputElement).value = state.from;
  (byId('to') as HTMLInputElement).value = state.to;
  periodNote();
}

function periodNote(): void {
  const p = checkPeriod(state.from, state.to);
  byId('period-note').textContent = p.ok ? `As of ${p.period.asOf} (${Math.round(p.period.months * 10) / 10} months; "to" is not included).` : p.error;
}

function renderTabButtons(): void {
  const box = byId('tab-buttons');
  box.replaceChildren();
  for (const tab of listTabs()) {
    if (tab.supporting) continue;
    const b = el('button', { type: 'button', class: 'primary', 'data-tab': tab.key }, tab.title);
    b.addEventListener('click', () => void onGenerate([tab.key], tab.title));
    box.append(b);
  }
  box.append(el('p', { class: 'hint' }, 'The Data tab comes along: the other tabs’ formulas read it.'));
}

async function onGenerate(keys: string[], title: string): Promise<void> {
  await run(async () => {
    setStatus(`Building ${title}…`);
    const built = buildTabs({ tables: state.tables, overrides: state.overrides, from: state.from, to: state.to, tabs: keys });
    if (!built.ok) {
      setError(built.error);
      setStatus('');
      return;
    }
    const drawn = await generateTabs(built.tabs, { onProgress: setStatus });
    const notes = built.summary.notes.length > 0 ? ` Skipped: ${built.summary.notes.join('; ')}.` : '';
    setStatus(`Drew ${drawn.map((d) => d.name).join(', ')} for ${built.summary.accounts} accounts, ${built.summary.period.from} to ${built.summary.period.to}.${notes}`);
  });
}

async function run(task: () => Promise<void>): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  document.body.classList.add('busy');
  setError('');
  try {
    await task();
  } catch (e) {
    setError(e instanceof Error ? e.message : String(e));
    setStatus('');
  } finally {
    state.busy = false;
    document.body.classList.remove('busy');
  }
}

async function init(): Promise<void> {
  for (const id of ['from', 'to'] as const) {
    const input = byId(id) as HTMLInputElement;
    input.addEventListener('change', () => {
      state[id] = input.value.trim();
      periodNote();
    });
  }
  renderTabButtons();
  renderMapping();
  try {
    state.workbookTables = await listWorkbookTables();
  } catch (e) {
    setError(`Could not list the workbook's tables: ${e instanceof Error ? e.message : String(e)}`);
  }
  renderSources();
  setStatus('Choose your Subscriptions data (and Accounts, optional) to start.');
}

Office.onReady(() => {
  void init();
});
