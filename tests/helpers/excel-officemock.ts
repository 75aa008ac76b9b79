/**
 * An office-addin-mock (4.0) seed for the Excel renderer: `new OfficeMockObject(seed)` is the
 * global `Excel`, so `Excel.run(cb)` hands the renderer a mocked RequestContext.
 *
 * office-addin-mock is a property bag: it gives load/sync tracking for seeded scalars ("Error,
 * property was not loaded" until `load` + `sync`), nested objects, and seed functions as methods
 * (called with `this` = the mock object, hence `function (this: any)`). It has no workbook behind
 * it, and 4.0 has no public addMockFunction/setMock (only the constructor's seed), so every
 * method the renderer calls is a seed function here, and the objects they return (sheets, ranges,
 * charts, conditional formats, name items) are new OfficeMockObjects built from seeds at call
 * time. This file keeps the small workbook those functions act on and RECORDS what is written:
 *
 * - `range.values` / `range.formulas` / `range.numberFormat` assignments, per range address, in
 *   assignment order (accessor properties on the range mock), shape-checked against the range;
 * - every other property assigned on a range (format.font.bold, format.fill.color,
 *   format.columnWidth, format.borders.<edge>.style, dataValidation.rule, columnHidden …), read
 *   off the mock objects at `context.sync()`;
 * - sheets added / renamed / deleted, defined names, charts, conditional formats, freeze panes,
 *   page layout, activation, clears, suspendApiCalculationUntilNextSync;
 * - every `context.sync()`, with the batch's estimated request size.
 *
 * As in office-js, nothing reaches the workbook until `context.sync()`: queued writes and method
 * effects are applied at the sync, in the order they were queued (property writes other than
 * values/formulas/numberFormat are applied at the end of their batch). Collections' `items` are
 * snapshots taken at the sync after `load('items/…')`, and each item's scalars go through the
 * mock's own load/sync tracking, so reading an unloaded one gives the mock's error string.
 * Text written through values/formulas is parsed as Excel parses typed input ("=…" a formula,
 * "'…" quote-prefixed text, "-500" a number), so a test sees what the cell would hold.
 */
import { OfficeMockObject } from 'office-addin-mock';

export const NOT_LOADED = 'Error, property was not loaded';
export const NOT_SYNCED = 'Error, context.sync() was not called';
const isMockError = (v: unknown): boolean => v === NOT_LOADED || v === NOT_SYNCED;

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/* ------------------------------------------------------------------------------------------ */
/* A1                                                                                          */

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function colLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** "B3", "A1:N101", "$A$1", "C:C", "3:3", optionally "Sheet!…" → rectangle (0-based). */
export function parseA1(a1: string): Rect {
  const local = (a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1).replace(/\$/g, '').trim();
  const [a, b = a] = local.split(':');
  const rows = /^(\d+)$/;
  const cols = /^([A-Za-z]{1,3})$/;
  const cell = /^([A-Za-z]{1,3})(\d+)$/;
  if (rows.test(a) && rows.test(b)) return norm({ top: Number(a) - 1, bottom: Number(b) - 1, left: 0, right: MAX_COLS - 1 });
  if (cols.test(a) && cols.test(b)) return norm({ top: 0, bottom: MAX_ROWS - 1, left: colIndex(a), right: colIndex(b) });
  const p = cell.exec(a);
  const q = cell.exec(b);
  if (!p || !q) throw new Error(`InvalidArgument: not an A1 address "${a1}"`);
  return norm({ top: Number(p[2]) - 1, left: colIndex(p[1]), bottom: Number(q[2]) - 1, right: colIndex(q[1]) });
}

function norm(r: Rect): Rect {
  const out = { top: Math.min(r.top, r.bottom), bottom: Math.max(r.top, r.bottom), left: Math.min(r.left, r.right), right: Math.max(r.left, r.right) };
  if (out.top < 0 || out.left < 0 || out.bottom >= MAX_ROWS || out.right >= MAX_COLS) throw new Error(`InvalidArgument: outside the sheet ${JSON.stringify(r)}`);
  return out;
}

/** Excel's way of writing a rectangle: "A1", "A1:N101", "C:C", "3:3". */
export function rectA1(r: Rect, absolute = false): string {
  const d = absolute ? '$' : '';
  if (r.top === 0 && r.bottom === MAX_ROWS - 1 && !(r.left === 0 && r.right === MAX_COLS - 1)) return `${d}${colLetters(r.left)}:${d}${colLetters(r.right)}`;
  if (r.left === 0 && r.right === MAX_COLS - 1 && !(r.top === 0 && r.bottom === MAX_ROWS - 1)) return `${d}${r.top + 1}:${d}${r.bottom + 1}`;
  const a = `${d}${colLetters(r.left)}${d}${r.top + 1}`;
  const b = `${d}${colLetters(r.right)}${d}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

const inside = (r: Rect, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** A sheet name as Excel writes it in a reference: quoted unless it is a plain identifier. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/* ------------------------------------------------------------------------------------------ */
/* What a cell holds after typed input                                                          */

export interface CellRecord {
  value: string | number | boolean | null;
  formula?: string;
  quotePrefix?: boolean;
  /** The text was turned into something else (a date, or a formula from + - @). */
  parsedAs?: 'date' | 'formula';
  numberFormat?: string;
  /** What was written, as given to values/formulas. */
  input?: unknown;
}

/** Excel's parse of one input written through `range.values` / `range.formulas`. */
export function parseInput(v: unknown): Omit<CellRecord, 'numberFormat'> | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v, input: v };
  const text = String(v);
  if (text === '') return { value: '', input: v };
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true, input: v };
  if (text.startsWith('=')) return { value: null, formula: text, input: v };
  if (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return { value: Number(text), input: v };
  if (/^\s*(true|false)\s*$/i.test(text)) return { value: text.trim().toUpperCase() === 'TRUE', input: v };
  if (/^[+\-@]/.test(text)) return { value: null, formula: `=${text.replace(/^@/, '')}`, parsedAs: 'formula', input: v };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: text, parsedAs: 'date', input: v };
  return { value: text, input: v };
}

/* ------------------------------------------------------------------------------------------ */
/* The recorded workbook                                                                       */

export type WrittenProperty = 'values' | 'formulas' | 'numberFormat';

/** One assignment of values / formulas / numberFormat to a range, as it reached the workbook. */
export interface RangeWrite {
  kind: 'write';
  seq: number;
  /** 1-based index of the sync that carried it. */
  sync: number;
  sheet: MockSheet;
  address: string;
  rect: Rect;
  property: WrittenProperty;
  /** The 2-D array written (or a single value applied to every cell). */
  data: unknown;
}

export interface FormatWrite {
  kind: 'format';
  seq: number;
  sync: number;
  sheet: MockSheet;
  address: string;
  rect: Rect;
  /** Property path on the range → value, e.g. "format.font.bold" → true. */
  props: Record<string, unknown>;
}

export interface ClearOp {
  kind: 'clear';
  seq: number;
  sync: number;
  sheet: MockSheet;
  rect: Rect;
  applyTo: string;
}

type Op = RangeWrite | FormatWrite | ClearOp;

export interface MockChart {
  id: number;
  type: string;
  source: string;
  seriesBy: string;
  mock: any;
  series: { mock: any; values?: string; xValues?: string }[];
  position?: [string, string];
}

export interface MockConditionalFormat {
  range: string;
  rect: Rect;
  type: string;
  mock: any;
}

export interface MockSheet {
  id: number;
  name: string;
  frozen: { rows: number; columns: number };
  charts: MockChart[];
  conditionalFormats: MockConditionalFormat[];
  /** Property path on the sheet's pageLayout → value; "printTitleRows" from setPrintTitleRows. */
  pageLayout: Record<string, unknown>;
  activated: number;
}

export interface MockName {
  name: string;
  sheet: MockSheet;
  rect: Rect;
  comment: string;
}

export interface SyncRecord {
  /** 1-based. */
  index: number;
  /** Estimated request size: JSON characters of everything written in the batch. */
  requestChars: number;
  /** suspendApiCalculationUntilNextSync was called in this batch. */
  calculationSuspended: boolean;
  /** The values/formulas/numberFormat writes of the batch. */
  writes: { sheet: string; address: string; property: WrittenProperty; rows: number; columns: number }[];
}

interface LiveRange {
  mock: any;
  sheet: MockSheet;
  rect: Rect;
  flushed: Map<string, unknown>;
}

/** Property paths on a range that are not formats. */
const RANGE_SCALARS = new Set(['address', 'addressLocal', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'cellCount']);

/** Non-error scalars and plain values of a mock tree, by dotted path. */
export function flattenMock(m: any, prefix = '', skip: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (o: any, p: string) => {
    for (const k of Object.keys(o)) {
      if (k.startsWith('_')) continue;
      const path = p ? `${p}.${k}` : k;
      if (skip.has(path)) continue;
      const v = o[k];
      if (typeof v === 'function' || v === undefined || isMockError(v)) continue;
      if (v instanceof OfficeMockObject) walk(v, path);
      else out[path] = v;
    }
  };
  walk(m, prefix);
  return out;
}

function itemProps(arg: unknown): string[] | undefined {
  if (arg === undefined) return undefined;
  const list = typeof arg === 'string' ? arg.split(',') : Array.isArray(arg) ? arg.flatMap((a) => String(a).split(',')) : undefined;
  if (!list) throw new Error('This mock supports load("items/…") with a string or an array');
  const out: string[] = [];
  for (const raw of list) {
    const p = raw.trim();
    if (p === 'items') return undefined;
    if (!p.startsWith('items/')) throw new Error(`This mock loads collection items only, not "${p}"`);
    out.push(p.slice('items/'.length));
  }
  return out;
}

/**
 * The workbook behind the seed. `excel` is the OfficeMockObject to install as the global `Excel`;
 * `context` is its RequestContext (for calling `renderTabs(context, …)` directly).
 */
export class OfficeMockWorkbook {
  readonly sheets: MockSheet[] = [];
  readonly names: MockName[] = [];
  readonly syncs: SyncRecord[] = [];
  readonly ops: Op[] = [];
  runs = 0;
  readonly excel: any;
  readonly context: any;

  private nextId = 1;
  private seq = 0;
  private pending: (() => void)[] = [];
  private batch: SyncRecord = this.newBatch();
  private readonly ranges: LiveRange[] = [];
  private readonly sheetMocks: { mock: any; sheet: MockSheet; seenName: string; flushed: Map<string, unknown> }[] = [];
  private readonly chartMocks: MockChart[] = [];
  /** Mocks whose seeded scalars go through the library's load/sync tracking. */
  private readonly live = new Set<any>();
  private readonly rangeMeta = new WeakMap<object, { sheet: MockSheet; rect: Rect }>();

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const n of sheetNames) this.sheets.push(this.newSheet(n));
    const wb = this;
    this.excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: this.worksheetsSeed(),
          names: this.namesSeed(),
          application: {
            calculationMode: 'Automatic',
            suspendApiCalculationUntilNextSync: function (this: any) {
              wb.batch.calculationSuspended = true;
            },
            suspendScreenUpdatingUntilNextSync: function (this: any) {},
          },
        },
        sync: async function (this: any) {
          await wb.sync();
        },
      },
      run: async function (this: any, callback: (context: any) => Promise<unknown>) {
        wb.runs++;
        return callback(this.context);
      },
    });
    this.context = this.excel.context;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Reading what was recorded                                                                */

  sheet(name: string): MockSheet | undefined {
    const up = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === up);
  }

  private need(name: string): MockSheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** The values/formulas/numberFormat writes that reached a sheet, in order. */
  writes(sheetName: string, property?: WrittenProperty): RangeWrite[] {
    const s = this.need(sheetName);
    return this.ops.filter((o): o is RangeWrite => o.kind === 'write' && o.sheet === s && (property === undefined || o.property === property));
  }

  /** What a cell holds: the last content write (values or formulas) and number format covering it. */
  cellAt(sheetName: string, a1: string): CellRecord | undefined {
    const s = this.need(sheetName);
    const { top: row, left: col } = parseA1(a1);
    let content: Omit<CellRecord, 'numberFormat'> | null | undefined;
    let format: string | undefined;
    let formatDone = false;
    for (let i = this.ops.length - 1; i >= 0 && (content === undefined || !formatDone); i--) {
      const op = this.ops[i];
      if (op.sheet !== s || !inside(op.rect, row, col)) continue;
      if (op.kind === 'clear') {
        const all = op.applyTo === 'All';
        if (content === undefined && (all || op.applyTo === 'Contents')) content = null;
        if (!formatDone && (all || op.applyTo === 'Formats')) formatDone = true;
        continue;
      }
      if (op.kind !== 'write') continue;
      const v = Array.isArray(op.data) ? (op.data as unknown[][])[row - op.rect.top][col - op.rect.left] : op.data;
      if (v === null || v === undefined) continue; // null leaves the cell unchanged
      if (op.property === 'numberFormat') {
        if (!formatDone) {
          format = String(v);
          formatDone = true;
        }
      } else if (content === undefined) {
        content = parseInput(v);
      }
    }
    if (!content && format === undefined) return undefined;
    const out: CellRecord = { ...(content ?? { value: null }) };
    if (out.value === '' && !out.formula) out.value = null;
    if (format !== undefined) out.numberFormat = format;
    return out;
  }

  /** The last value assigned to a range property path (e.g. "format.font.bold") covering the cell. */
  formatAt(sheetName: string, a1: string, path: string): unknown {
    const s = this.need(sheetName);
    const { top: row, left: col } = parseA1(a1);
    let out: unknown;
    for (const op of this.ops) {
      if (op.sheet !== s || !inside(op.rect, row, col)) continue;
      if (op.kind === 'clear' && (op.applyTo === 'All' || op.applyTo === 'Formats') && path.startsWith('format.')) out = undefined;
      if (op.kind === 'format' && path in op.props) out = op.props[path];
    }
    return out;
  }

  /** A sheet's charts as drawn: type, title, legend, series (name, values, x values), position. */
  charts(sheetName: string) {
    return this.need(sheetName).charts.map((c) => {
      const p = flattenMock(c.mock);
      return {
        type: c.type,
        source: c.source,
        title: p['title.text'],
        legend: { position: p['legend.position'], visible: p['legend.visible'] },
        series: c.series.map((s) => ({ name: flattenMock(s.mock).name, values: s.values, xValues: s.xValues })),
        position: c.position,
      };
    });
  }

  /** A sheet's conditional formats: range, type and every property set on them. */
  conditionalFormats(sheetName: string) {
    return this.need(sheetName).conditionalFormats.map((c) => ({ range: c.range, type: c.type, props: flattenMock(c.mock) }));
  }

  /** Defined names with their formulas as Excel reports them (following renames). */
  definedNames(): { name: string; formula: string; comment: string }[] {
    return this.names.map((n) => ({ name: n.name, formula: this.nameFormula(n), comment: n.comment }));
  }

  private nameFormula(n: MockName): string {
    return this.sheets.includes(n.sheet) ? `=${sheetPrefix(n.sheet.name)}!${rectA1(n.rect, true)}` : '=#REF!';
  }

  /* ---------------------------------------------------------------------------------------- */
  /* sync                                                                                     */

  private newBatch(): SyncRecord {
    return { index: 0, requestChars: 0, calculationSuspended: false, writes: [] };
  }

  private async sync(): Promise<void> {
    const record = this.batch;
    record.index = this.syncs.length + 1;
    this.batch = this.newBatch();
    const queued = this.pending;
    this.pending = [];
    this.syncs.push(record);
    this.currentSync = record;
    for (const effect of queued) effect();
    this.flushProperties(record);
    for (const m of this.live) await OfficeMockObject.prototype.sync.call(m);
    await new Promise((r) => setImmediate(r)); // the library's un-awaited per-property updates
  }

  private currentSync: SyncRecord = this.batch;

  private queue(effect: () => void): void {
    this.pending.push(effect);
  }

  private push<T extends Op>(op: Omit<T, 'seq' | 'sync'>): void {
    this.ops.push({ ...op, seq: ++this.seq, sync: this.currentSync.index } as T);
  }

  /** Property assignments other than values/formulas/numberFormat, read off the mocks. */
  private flushProperties(record: SyncRecord): void {
    for (const r of this.ranges) {
      if (!this.sheets.includes(r.sheet)) continue;
      const now = flattenMock(r.mock, '', RANGE_SCALARS);
      const changed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(now)) {
        if (r.flushed.get(k) === v) continue;
        r.flushed.set(k, v);
        changed[k] = v;
      }
      if (Object.keys(changed).length === 0) continue;
      record.requestChars += JSON.stringify(changed).length;
      this.push<FormatWrite>({ kind: 'format', sheet: r.sheet, address: rectA1(r.rect), rect: r.rect, props: changed });
    }
    for (const s of this.sheetMocks) {
      const name = s.mock.name;
      if (typeof name === 'string' && !isMockError(name) && name !== s.seenName) {
        s.seenName = name;
        if (this.sheets.some((x) => x !== s.sheet && x.name.toUpperCase() === name.toUpperCase())) throw new Error(`ItemAlreadyExists: a sheet named "${name}"`);
        s.sheet.name = name;
      }
      const layout = flattenMock(s.mock.pageLayout);
      for (const [k, v] of Object.entries(layout)) {
        if (s.flushed.get(k) === v) continue;
        s.flushed.set(k, v);
        s.sheet.pageLayout[k] = v;
      }
    }
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Seeds                                                                                    */

  private newSheet(name: string): MockSheet {
    return { id: this.nextId++, name, frozen: { rows: 0, columns: 0 }, charts: [], conditionalFormats: [], pageLayout: {}, activated: 0 };
  }

  private findLive(name: string): MockSheet | undefined {
    return this.sheet(name);
  }

  /** A collection seed whose `load("items/…")` snapshots `list()` at the next sync. */
  private collectionSeed(list: () => Record<string, unknown>[], extra: Record<string, unknown>): Record<string, unknown> {
    const wb = this;
    return {
      items: [],
      ...extra,
      load: function (this: any, arg?: unknown) {
        const props = itemProps(arg);
        if (isMockError(this.items)) this.items = NOT_SYNCED;
        wb.queue(() => {
          this.items = list().map((seed) => {
            const item = new OfficeMockObject(seed) as any;
            if (props) item.load(props);
            else item.load();
            wb.live.add(item);
            return item;
          });
        });
        return this;
      },
    };
  }

  private worksheetsSeed(): Record<string, unknown> {
    const wb = this;
    return this.collectionSeed(
      () => this.sheets.map((s) => ({ name: s.name, id: String(s.id), position: this.sheets.indexOf(s), visibility: 'Visible' })),
      {
        getItem: function (this: any, name: string) {
          const s = wb.findLive(name);
          if (!s) throw new Error(`ItemNotFound: no sheet "${name}"`);
          return wb.sheetMock(s);
        },
        getItemOrNullObject: function (this: any, name: string) {
          const s = wb.findLive(name);
          if (s) return wb.sheetMock(s);
          const nullSheet = new OfficeMockObject({ isNullObject: true, name: '' });
          wb.live.add(nullSheet);
          return nullSheet;
        },
        add: function (this: any, name?: string) {
          const wanted = name ?? `Sheet${wb.sheets.length + 1}`;
          if (wb.findLive(wanted)) throw new Error(`ItemAlreadyExists: a sheet named "${wanted}"`);
          if (wanted.length > 31 || /[\\/?*[\]:]/.test(wanted) || /^'|'$/.test(wanted) || wanted.trim() === '') throw new Error(`InvalidArgument: sheet name "${wanted}"`);
          const s = wb.newSheet(wanted);
          wb.sheets.push(s);
          return wb.sheetMock(s);
        },
      },
    );
  }

  private namesSeed(): Record<string, unknown> {
    const wb = this;
    const itemSeed = (n: MockName) => ({
      name: n.name,
      formula: wb.nameFormula(n),
      comment: n.comment,
      type: 'Range',
      visible: true,
      delete: function (this: any) {
        wb.queue(() => {
          const i = wb.names.indexOf(n);
          if (i >= 0) wb.names.splice(i, 1);
        });
      },
    });
    const itemMock = (n: MockName) => {
      const m = new OfficeMockObject(itemSeed(n));
      wb.live.add(m);
      return m;
    };
    return this.collectionSeed(() => this.names.map(itemSeed), {
      add: function (this: any, name: string, reference: unknown, comment?: string) {
        const meta = typeof reference === 'object' && reference !== null ? wb.rangeMeta.get(reference) : undefined;
        if (!meta) throw new Error('This mock adds names that refer to a Range object');
        const n: MockName = { name, sheet: meta.sheet, rect: meta.rect, comment: comment ?? '' };
        wb.queue(() => {
          if (wb.names.some((x) => x.name.toUpperCase() === name.toUpperCase())) throw new Error(`ItemAlreadyExists: a name "${name}"`);
          wb.names.push(n);
        });
        return itemMock(n);
      },
      getItem: function (this: any, name: string) {
        const n = wb.names.find((x) => x.name.toUpperCase() === name.toUpperCase());
        if (!n) throw new Error(`ItemNotFound: no name "${name}"`);
        return itemMock(n);
      },
    });
  }

  /** A new Worksheet proxy for `sheet` (as office-js gives a new proxy per getItem). */
  private sheetMock(sheet: MockSheet): any {
    const wb = this;
    const alive = () => {
      if (!wb.sheets.includes(sheet)) throw new Error(`ItemNotFound: the sheet "${sheet.name}" was deleted`);
    };
    const seed = {
      name: sheet.name,
      id: String(sheet.id),
      isNullObject: false,
      visibility: 'Visible',
      getRange: function (this: any, address?: string) {
        alive();
        return wb.rangeMock(sheet, address === undefined || address === '' ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseA1(address));
      },
      getRangeByIndexes: function (this: any, row: number, col: number, rows: number, cols: number) {
        alive();
        if (rows < 1 || cols < 1) throw new Error('InvalidArgument: empty range');
        return wb.rangeMock(sheet, norm({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }));
      },
      activate: function (this: any) {
        wb.queue(() => {
          alive();
          sheet.activated++;
        });
      },
      delete: function (this: any) {
        wb.queue(() => {
          alive();
          if (wb.sheets.length === 1) throw new Error('InvalidOperation: a workbook keeps one sheet');
          wb.sheets.splice(wb.sheets.indexOf(sheet), 1);
        });
      },
      freezePanes: {
        freezeAt: function (this: any, range: unknown) {
          const meta = wb.rangeMeta.get(range as object);
          if (!meta) throw new Error('freezeAt takes a Range');
          wb.queue(() => (sheet.frozen = { rows: meta.rect.bottom + 1, columns: meta.rect.right + 1 }));
        },
        freezeRows: function (this: any, n: number) {
          wb.queue(() => (sheet.frozen = { rows: n, columns: 0 }));
        },
        freezeColumns: function (this: any, n: number) {
          wb.queue(() => (sheet.frozen = { rows: 0, columns: n }));
        },
        unfreeze: function (this: any) {
          wb.queue(() => (sheet.frozen = { rows: 0, columns: 0 }));
        },
      },
      charts: this.collectionSeed(
        () =>
          sheet.charts.map((c) => ({
            name: `Chart ${c.id}`,
            id: String(c.id),
            chartType: c.type,
            delete: function (this: any) {
              wb.queue(() => {
                const i = sheet.charts.indexOf(c);
                if (i >= 0) sheet.charts.splice(i, 1);
              });
            },
          })),
        {
          add: function (this: any, type: string, source: unknown, seriesBy = 'Auto') {
            const meta = wb.rangeMeta.get(source as object);
            if (!meta) throw new Error('charts.add takes a source Range');
            return wb.chartMock(sheet, String(type), rectA1(meta.rect), String(seriesBy));
          },
        },
      ),
      pageLayout: {
        setPrintTitleRows: function (this: any, rows: string) {
          wb.queue(() => (sheet.pageLayout.printTitleRows = rows));
        },
      },
    };
    const mock = new OfficeMockObject(seed) as any;
    this.live.add(mock);
    this.sheetMocks.push({ mock, sheet, seenName: sheet.name, flushed: new Map() });
    return mock;
  }

  private rangeMock(sheet: MockSheet, rect: Rect): any {
    const wb = this;
    const address = rectA1(rect);
    const seed = {
      address: `${sheetPrefix(sheet.name)}!${address}`,
      rowCount: rect.bottom - rect.top + 1,
      columnCount: rect.right - rect.left + 1,
      format: {
        font: {},
        fill: {},
        protection: {},
        borders: {
          getItem: function (this: any, edge: string) {
            if (!(this[edge] instanceof OfficeMockObject)) this[edge] = new OfficeMockObject({});
            return this[edge];
          },
        },
      },
      conditionalFormats: {
        add: function (this: any, type: string) {
          const cf: MockConditionalFormat = {
            range: address,
            rect,
            type: String(type),
            mock: new OfficeMockObject({
              cellValue: { format: { fill: {}, font: {} } },
              colorScale: {},
              custom: { rule: {}, format: { fill: {}, font: {} } },
              dataBar: {},
              iconSet: {},
            }),
          };
          wb.queue(() => sheet.conditionalFormats.push(cf));
          return cf.mock;
        },
        clearAll: function (this: any) {
          wb.queue(() => {
            sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => !overlaps(c.rect, rect));
          });
        },
      },
      dataValidation: {
        clear: function (this: any) {
          wb.queue(() => wb.push<FormatWrite>({ kind: 'format', sheet, address, rect, props: { 'dataValidation.rule': undefined } }));
        },
      },
      clear: function (this: any, applyTo = 'All') {
        wb.queue(() => wb.push<ClearOp>({ kind: 'clear', sheet, rect, applyTo: String(applyTo) }));
      },
      getEntireColumn: function (this: any) {
        return wb.rangeMock(sheet, { top: 0, bottom: MAX_ROWS - 1, left: rect.left, right: rect.right });
      },
      getEntireRow: function (this: any) {
        return wb.rangeMock(sheet, { top: rect.top, bottom: rect.bottom, left: 0, right: MAX_COLS - 1 });
      },
      getCell: function (this: any, r: number, c: number) {
        return wb.rangeMock(sheet, norm({ top: rect.top + r, left: rect.left + c, bottom: rect.top + r, right: rect.left + c }));
      },
    };
    const mock = new OfficeMockObject(seed) as any;
    // values / formulas / numberFormat: recorded in assignment order, applied at the next sync.
    for (const property of ['values', 'formulas', 'numberFormat'] as const) {
      let assigned: unknown = NOT_LOADED;
      Object.defineProperty(mock, property, {
        configurable: true,
        enumerable: false,
        get: () => assigned,
        set: (data: unknown) => {
          checkShape(property, data, rect);
          assigned = data;
          wb.batch.requestChars += JSON.stringify(data).length;
          wb.batch.writes.push({ sheet: sheet.name, address, property, rows: rect.bottom - rect.top + 1, columns: rect.right - rect.left + 1 });
          wb.queue(() => {
            if (!wb.sheets.includes(sheet)) throw new Error(`ItemNotFound: the sheet "${sheet.name}" was deleted`);
            wb.push<RangeWrite>({ kind: 'write', sheet, address, rect, property, data });
          });
        },
      });
    }
    this.rangeMeta.set(mock, { sheet, rect });
    this.ranges.push({ mock, sheet, rect, flushed: new Map() });
    this.live.add(mock);
    return mock;
  }

  private chartMock(sheet: MockSheet, type: string, source: string, seriesBy: string): any {
    const wb = this;
    const seriesMock = (chart: MockChart, entry: MockChart['series'][number]) => {
      entry.mock = new OfficeMockObject({
        setValues: function (this: any, range: unknown) {
          entry.values = rectA1(wb.rangeMeta.get(range as object)!.rect);
        },
        setXAxisValues: function (this: any, range: unknown) {
          entry.xValues = rectA1(wb.rangeMeta.get(range as object)!.rect);
        },
      });
      return entry.mock;
    };
    const chart: MockChart = { id: this.nextId++, type, source, seriesBy, mock: undefined, series: [] };
    chart.series.push({ mock: undefined, values: source });
    seriesMock(chart, chart.series[0]);
    chart.mock = new OfficeMockObject({
      title: {},
      legend: {},
      axes: {},
      series: {
        getItemAt: function (this: any, i: number) {
          const s = chart.series[i];
          if (!s) throw new Error(`ItemNotFound: series ${i}`);
          return s.mock;
        },
        add: function (this: any, name?: string) {
          const entry = { mock: undefined, values: undefined } as MockChart['series'][number];
          chart.series.push(entry);
          const m = seriesMock(chart, entry);
          if (name !== undefined) m.name = name;
          return m;
        },
      },
      setPosition: function (this: any, topLeft: string, bottomRight?: string) {
        chart.position = [topLeft, bottomRight ?? topLeft];
      },
      delete: function (this: any) {
        wb.queue(() => {
          const i = sheet.charts.indexOf(chart);
          if (i >= 0) sheet.charts.splice(i, 1);
        });
      },
    });
    this.chartMocks.push(chart);
    wb.queue(() => sheet.charts.push(chart));
    return chart.mock;
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** office-js: a 2-D array must match the range's dimensions (a single value fills it). */
function checkShape(property: string, data: unknown, rect: Rect): void {
  if (data === null || data === undefined) throw new Error(`InvalidArgument: ${property} cannot be null`);
  if (!Array.isArray(data)) return;
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (data.length !== rows) throw new Error(`InvalidArgument: ${property} has ${data.length} rows for a range of ${rows}`);
  for (const r of data) {
    if (!Array.isArray(r) || r.length !== cols) throw new Error(`InvalidArgument: ${property} row of ${Array.isArray(r) ? r.length : 'non-array'} cells for a range of ${cols} columns`);
  }
}

/** Install `wb.excel` as the global Excel for the duration of `fn`. */
export async function withGlobalExcel<T>(wb: OfficeMockWorkbook, fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { Excel?: unknown };
  const before = g.Excel;
  g.Excel = wb.excel;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete g.Excel;
    else g.Excel = before;
  }
}
