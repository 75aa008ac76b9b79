/**
 * A hand-written in-memory Excel (the office-js subset the renderer and task pane use), for jest
 * and — bundled by esbuild — as the stand-in Office.js of the headless task pane test.
 *
 * Why not office-addin-mock: it is a property bag seeded per test; it has no workbook behind the
 * API (a value written through one `getRange` is not read back through another, sheets are not
 * added or deleted, `getItemOrNullObject`/`isNullObject`, collections' `items`, defined names,
 * charts and conditional formats do not exist), so it cannot show F21 (a user's Sheet1 unchanged,
 * exactly 20 rows left after a regenerate) or a cell's formula vs text.
 *
 * Faithful where it matters:
 * - text written through `values`/`formulas` is parsed as Excel parses typed input ("=…" is a
 *   formula, "-500" a number, "TRUE" a boolean, a leading apostrophe makes text);
 * - a matrix must match the range's shape; `getItem` of a missing sheet throws ItemNotFound;
 * - properties read back (`name`, `values`, `items`, `isNullObject` …) must have been loaded and
 *   synced, else PropertyNotLoaded is thrown, as in office-js;
 * - every `context.sync()` is counted, with an estimate of its request size (Excel on the web caps
 *   a request at 5 MB).
 * Writes are applied when queued rather than at sync; the renderer never relies on either order.
 */

export interface FakeCell {
  value: string | number | boolean | null;
  formula?: string;
  quotePrefix?: boolean;
  numberFormat?: string;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FormatOp {
  rect: Rect;
  props: Record<string, unknown>;
}

export interface FakeChart {
  name: string;
  type: string;
  title: string;
  source: string;
  series: { name: string; values: string; xValues?: string }[];
  position?: [string, string];
  legend: Record<string, unknown>;
}

export interface FakeConditionalFormat {
  range: string;
  type: string;
  props: Record<string, unknown>;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  formats: FormatOp[];
  charts: FakeChart[];
  conditionalFormats: FakeConditionalFormat[];
  validations: { range: string; rule: unknown }[];
  frozen: { rows: number; columns: number };
  pageLayout: Record<string, unknown>;
  activated: number;
}

export interface FakeName {
  name: string;
  formula: string;
  comment: string;
}

export interface FakeTable {
  name: string;
  sheet: string;
  address: string;
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  names: FakeName[];
  tables: FakeTable[];
  selection: { sheet: string; address: string };
  /** Every sync: the estimated request size in characters. */
  syncs: number[];
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/* ------------------------------------------------------------------------------------------ */
/* A1 helpers (self-contained so this file bundles alone for the browser).                     */

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

function parseCellRef(text: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`InvalidArgument: not a cell reference "${text}"`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function parseA1(a1: string): Rect {
  const local = a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1;
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(local);
  if (rows) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: MAX_COLS - 1 };
  const [a, b] = local.split(':');
  const p = parseCellRef(a);
  const q = b === undefined ? p : parseCellRef(b);
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

export function rectA1(r: Rect): string {
  const a = `${colLetters(r.left)}${r.top + 1}`;
  const b = `${colLetters(r.right)}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

const keyOf = (r: number, c: number) => `${r},${c}`;
const inside = (r: Rect, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/* ------------------------------------------------------------------------------------------ */

export function newWorkbook(sheetNames: string[] = ['Sheet1']): FakeWorkbook {
  return { sheets: sheetNames.map(newSheet), names: [], tables: [], selection: { sheet: sheetNames[0], address: 'A1' }, syncs: [] };
}

function newSheet(name: string): FakeSheet {
  return { name, cells: new Map(), formats: [], charts: [], conditionalFormats: [], validations: [], frozen: { rows: 0, columns: 0 }, pageLayout: {}, activated: 0 };
}

export function findSheet(wb: FakeWorkbook, name: string): FakeSheet | undefined {
  const up = name.toUpperCase();
  return wb.sheets.find((s) => s.name.toUpperCase() === up);
}

/** Put user data into a sheet (as typed: raw JS values). */
export function putValues(wb: FakeWorkbook, sheetName: string, topLeft: string, grid: unknown[][]): void {
  const sheet = findSheet(wb, sheetName) ?? (wb.sheets.push(newSheet(sheetName)), wb.sheets[wb.sheets.length - 1]);
  const { row, col } = parseCellRef(topLeft);
  grid.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v === null || v === undefined || v === '') sheet.cells.delete(keyOf(row + i, col + j));
      else sheet.cells.set(keyOf(row + i, col + j), { value: v as FakeCell['value'] });
    }),
  );
}

/** Excel's parse of typed input. */
export function parseInput(v: unknown): FakeCell | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  const text = String(v);
  if (text === '') return { value: '' };
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true };
  if (text.startsWith('=')) return { value: null, formula: text };
  if (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return { value: Number(text) };
  if (/^\s*(true|false)\s*$/i.test(text)) return { value: text.trim().toUpperCase() === 'TRUE' };
  if (text.startsWith('+') || text.startsWith('-') || text.startsWith('@')) return { value: null, formula: `=${text.replace(/^@/, '')}` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: 45000, numberFormat: 'yyyy-mm-dd' }; // a date serial (value not modelled)
  return { value: text };
}

export function cellAt(wb: FakeWorkbook, sheetName: string, a1: string): FakeCell | undefined {
  const s = findSheet(wb, sheetName);
  if (!s) throw new Error(`no sheet ${sheetName}`);
  const { row, col } = parseCellRef(a1);
  return s.cells.get(keyOf(row, col));
}

/** The last format op that set `prop` on the cell (e.g. "font.bold", "fill.color"). */
export function formatAt(wb: FakeWorkbook, sheetName: string, a1: string, prop: string): unknown {
  const s = findSheet(wb, sheetName)!;
  const { row, col } = parseCellRef(a1);
  let out: unknown;
  for (const op of s.formats) if (inside(op.rect, row, col) && prop in op.props) out = op.props[prop];
  return out;
}

/** The used rectangle of a sheet's cells (null when empty). */
export function usedRect(sheet: FakeSheet): Rect | null {
  let r: Rect | null = null;
  for (const k of sheet.cells.keys()) {
    const [row, col] = k.split(',').map(Number);
    if (!r) r = { top: row, left: col, bottom: row, right: col };
    else {
      r.top = Math.min(r.top, row);
      r.left = Math.min(r.left, col);
      r.bottom = Math.max(r.bottom, row);
      r.right = Math.max(r.right, col);
    }
  }
  return r;
}

/** A sheet's cells as a grid of stored values (formulas as their text). */
export function sheetGrid(sheet: FakeSheet): unknown[][] {
  const r = usedRect(sheet);
  if (!r) return [];
  const out: unknown[][] = [];
  for (let i = 0; i <= r.bottom; i++) {
    const row: unknown[] = [];
    for (let j = 0; j <= r.right; j++) {
      const c = sheet.cells.get(keyOf(i, j));
      row.push(c ? (c.formula ?? c.value) : null);
    }
    out.push(row);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* The office-js surface.                                                                      */

class Loadable {
  protected _loaded = new Map<string, unknown>();
  protected _pending: string[] = [];
  constructor(protected ctx: FakeContext) {}
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = props === undefined ? ['*'] : typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : Object.keys(props);
    for (const p of list) this._pending.push(p.trim());
    this.ctx._queueLoad(this);
    return this;
  }
  /** Called by sync: copy the requested properties. */
  _fill(): void {
    for (const p of this._pending) this._loadProp(p);
    this._pending = [];
  }
  protected _loadProp(_p: string): void {}
  protected _get<T>(prop: string): T {
    if (!this._loaded.has(prop)) throw new Error(`PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    return this._loaded.get(prop) as T;
  }
}

export class FakeContext {
  readonly workbook: FakeWorkbookApi;
  private loads: Loadable[] = [];
  private requestChars = 0;
  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
  }
  _queueLoad(x: Loadable): void {
    this.loads.push(x);
    this.requestChars += 40;
  }
  _charge(payload: unknown): void {
    this.requestChars += payload === undefined ? 20 : JSON.stringify(payload).length + 20;
  }
  async sync(): Promise<void> {
    const loads = this.loads;
    this.loads = [];
    for (const l of loads) l._fill();
    this.model.syncs.push(this.requestChars);
    this.requestChars = 0;
    await Promise.resolve();
  }
}

class FakeWorkbookApi {
  readonly worksheets: FakeWorksheets;
  readonly names: FakeNames;
  readonly tables: FakeTables;
  readonly application = { suspendApiCalculationUntilNextSync: () => undefined, suspendScreenUpdatingUntilNextSync: () => undefined };
  constructor(private ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.names = new FakeNames(ctx);
    this.tables = new FakeTables(ctx);
  }
  getSelectedRange(): FakeRange {
    const sel = this.ctx.model.selection;
    return new FakeRange(this.ctx, () => mustSheet(this.ctx.model, sel.sheet), parseA1(sel.address));
  }
}

function mustSheet(model: FakeWorkbook, name: string): FakeSheet {
  const s = findSheet(model, name);
  if (!s) throw new Error(`ItemNotFound: The requested resource doesn't exist (sheet "${name}").`);
  return s;
}

class FakeWorksheets extends Loadable {
  get items(): FakeWorksheet[] {
    return this._get('items');
  }
  protected _loadProp(p: string): void {
    if (p === '*' || p.startsWith('items')) {
      this._loaded.set('items', this.ctx.model.sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, () => s);
        w._preload();
        return w;
      }));
    }
  }
  getItem(name: string): FakeWorksheet {
    const s = mustSheet(this.ctx.model, name);
    return new FakeWorksheet(this.ctx, () => s);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const s = findSheet(this.ctx.model, name);
    return new FakeWorksheet(this.ctx, () => s ?? null);
  }
  getActiveWorksheet(): FakeWorksheet {
    return this.getItem(this.ctx.model.selection.sheet);
  }
  add(name: string): FakeWorksheet {
    if (findSheet(this.ctx.model, name)) throw new Error(`ItemAlreadyExists: A sheet named "${name}" already exists.`);
    if (name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) throw new Error(`InvalidArgument: sheet name "${name}"`);
    const s = newSheet(name);
    this.ctx.model.sheets.push(s);
    this.ctx._charge(name);
    return new FakeWorksheet(this.ctx, () => s);
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly target: () => FakeSheet | null,
  ) {
    super(ctx);
  }
  _preload(): void {
    this._loaded.set('name', this.sheet.name);
  }
  private get sheet(): FakeSheet {
    const s = this.target();
    if (!s) throw new Error('InvalidObjectPath: the sheet is a null object');
    return s;
  }
  protected _loadProp(p: string): void {
    const s = this.target();
    if (p === 'isNullObject') this._loaded.set('isNullObject', s === null);
    if (s && (p === '*' || p === 'name')) this._loaded.set('name', s.name);
    this._loaded.set('isNullObject', s === null);
  }
  get isNullObject(): boolean {
    return this._get('isNullObject');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    const s = this.sheet;
    const other = findSheet(this.ctx.model, v);
    if (other && other !== s) throw new Error(`ItemAlreadyExists: ${v}`);
    for (const n of this.ctx.model.names) n.formula = n.formula.split(quote(s.name)).join(quote(v));
    s.name = v;
    this.ctx._charge(v);
  }
  delete(): void {
    const s = this.sheet;
    if (this.ctx.model.sheets.length === 1) throw new Error('InvalidOperation: a workbook must keep one sheet');
    this.ctx.model.sheets = this.ctx.model.sheets.filter((x) => x !== s);
    for (const n of this.ctx.model.names) n.formula = n.formula.split(`${quote(s.name)}!`).join('#REF!');
    this.ctx._charge(null);
  }
  activate(): void {
    this.sheet.activated++;
    this.ctx.model.selection = { sheet: this.sheet.name, address: 'A1' };
    this.ctx._charge(null);
  }
  getRange(address?: string): FakeRange {
    const rect = address === undefined || address === '' ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseA1(address);
    return new FakeRange(this.ctx, () => this.sheet, rect);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, () => this.sheet, { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 });
  }
  getUsedRangeOrNullObject(): FakeRange {
    const r = usedRect(this.sheet);
    return new FakeRange(this.ctx, () => this.sheet, r ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }
  get freezePanes() {
    const s = () => this.sheet;
    const ctx = this.ctx;
    return {
      freezeRows: (n: number) => ((s().frozen = { rows: n, columns: 0 }), ctx._charge(n)),
      freezeColumns: (n: number) => ((s().frozen = { rows: 0, columns: n }), ctx._charge(n)),
      freezeAt: (r: FakeRange) => ((s().frozen = { rows: r.rect.bottom + 1, columns: r.rect.right + 1 }), ctx._charge(null)),
      unfreeze: () => ((s().frozen = { rows: 0, columns: 0 }), ctx._charge(null)),
    };
  }
  get charts() {
    return new FakeCharts(this.ctx, () => this.sheet);
  }
  get pageLayout() {
    const s = () => this.sheet;
    const ctx = this.ctx;
    return {
      set orientation(v: string) {
        s().pageLayout.orientation = v;
        ctx._charge(v);
      },
      set zoom(v: unknown) {
        s().pageLayout.zoom = v;
        ctx._charge(v);
      },
      setPrintTitleRows(v: string) {
        s().pageLayout.printTitleRows = v;
        ctx._charge(v);
      },
    };
  }
}

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

class FakeCharts extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected _loadProp(p: string): void {
    if (p === '*' || p.startsWith('items')) this._loaded.set('items', this.sheet().charts.map((c) => this.api(c)));
  }
  get items(): ReturnType<FakeCharts['api']>[] {
    return this._get('items');
  }
  add(type: string, source: FakeRange, _seriesBy?: string) {
    const sheet = this.sheet();
    const chart: FakeChart = { name: `Chart ${sheet.charts.length + 1}`, type, title: '', source: rectA1(source.rect), series: [{ name: '', values: rectA1(source.rect) }], legend: {} };
    sheet.charts.push(chart);
    this.ctx._charge(chart);
    return this.api(chart);
  }
  private api(chart: FakeChart) {
    const ctx = this.ctx;
    const sheet = this.sheet;
    const seriesApi = (s: FakeChart['series'][number]) => ({
      set name(v: string) {
        s.name = v;
        ctx._charge(v);
      },
      setValues: (r: FakeRange) => ((s.values = rectA1(r.rect)), ctx._charge(null)),
      setXAxisValues: (r: FakeRange) => ((s.xValues = rectA1(r.rect)), ctx._charge(null)),
    });
    return {
      name: chart.name,
      title: {
        set text(v: string) {
          chart.title = v;
          ctx._charge(v);
        },
      },
      legend: chart.legend,
      series: {
        getItemAt: (i: number) => seriesApi(chart.series[i]),
        add: (name: string) => {
          const s = { name, values: '' };
          chart.series.push(s);
          ctx._charge(name);
          return seriesApi(s);
        },
      },
      setPosition: (a: string, b: string) => ((chart.position = [a, b]), ctx._charge(null)),
      delete: () => {
        const s = sheet();
        s.charts = s.charts.filter((c) => c !== chart);
        ctx._charge(null);
      },
    };
  }
}

function formatProxy(ctx: FakeContext, record: (props: Record<string, unknown>) => void, prefix = ''): Record<string, unknown> {
  const handler: ProxyHandler<Record<string, unknown>> = {
    get(_t, prop: string) {
      if (prop === 'borders') {
        return { getItem: (edge: string) => formatProxy(ctx, record, `${prefix}borders.${edge}.`) };
      }
      if (prop === 'font' || prop === 'fill') return formatProxy(ctx, record, `${prefix}${prop}.`);
      throw new Error(`PropertyNotLoaded: ${prefix}${prop}`);
    },
    set(_t, prop: string, value: unknown) {
      record({ [`${prefix}${prop}`]: value });
      ctx._charge(value);
      return true;
    },
  };
  return new Proxy({}, handler);
}

export class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheetOf: () => FakeSheet,
    readonly rect: Rect,
  ) {
    super(ctx);
  }
  private get rows() {
    return this.rect.bottom - this.rect.top + 1;
  }
  private get cols() {
    return this.rect.right - this.rect.left + 1;
  }
  private checkShape(m: unknown[][], what: string): void {
    if (!Array.isArray(m) || m.length !== this.rows || m.some((r) => !Array.isArray(r) || r.length !== this.cols)) {
      throw new Error(`InvalidArgument: the ${what} matrix does not match the range ${rectA1(this.rect)} (${this.rows}×${this.cols})`);
    }
  }
  private writeInputs(m: unknown[][], what: string): void {
    this.checkShape(m, what);
    const s = this.sheetOf();
    m.forEach((r, i) =>
      r.forEach((v, j) => {
        const parsed = parseInput(v);
        if (parsed === null) return; // null leaves the cell unchanged
        const k = keyOf(this.rect.top + i, this.rect.left + j);
        const prev = s.cells.get(k);
        if (parsed.value === '' && !parsed.formula) {
          if (prev?.numberFormat) s.cells.set(k, { value: null, numberFormat: prev.numberFormat });
          else s.cells.delete(k);
          return;
        }
        s.cells.set(k, { ...parsed, numberFormat: parsed.numberFormat ?? prev?.numberFormat });
      }),
    );
    this.ctx._charge(m);
  }
  set values(m: unknown[][]) {
    this.writeInputs(m, 'values');
  }
  get values(): unknown[][] {
    return this._get('values');
  }
  set formulas(m: unknown[][]) {
    this.writeInputs(m, 'formulas');
  }
  get formulas(): unknown[][] {
    return this._get('formulas');
  }
  set numberFormat(m: unknown[][]) {
    this.checkShape(m, 'numberFormat');
    const s = this.sheetOf();
    m.forEach((r, i) =>
      r.forEach((f, j) => {
        if (f === null) return;
        const k = keyOf(this.rect.top + i, this.rect.left + j);
        const prev = s.cells.get(k);
        if (prev) prev.numberFormat = String(f);
        else if (f !== 'General') s.cells.set(k, { value: null, numberFormat: String(f) });
      }),
    );
    this.ctx._charge(m);
  }
  get address(): string {
    return this._get('address');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  protected _loadProp(p: string): void {
    const s = this.sheetOf();
    const grid = (f: (c: FakeCell | undefined) => unknown) =>
      Array.from({ length: this.rows }, (_, i) => Array.from({ length: this.cols }, (_, j) => f(s.cells.get(keyOf(this.rect.top + i, this.rect.left + j)))));
    const all = p === '*';
    if (all || p === 'values') this._loaded.set('values', grid((c) => (c ? (c.formula ? '' : c.value ?? '') : '')));
    if (all || p === 'formulas') this._loaded.set('formulas', grid((c) => (c ? (c.formula ?? c.value ?? '') : '')));
    if (all || p === 'address') this._loaded.set('address', `${quoteIfNeeded(s.name)}!${rectA1(this.rect)}`);
    if (all || p === 'rowCount') this._loaded.set('rowCount', this.rows);
    if (all || p === 'columnCount') this._loaded.set('columnCount', this.cols);
    if (all || p === 'isNullObject') this._loaded.set('isNullObject', false);
  }
  get format(): Record<string, unknown> {
    return formatProxy(this.ctx, (props) => this.sheetOf().formats.push({ rect: { ...this.rect }, props }));
  }
  set columnHidden(v: boolean) {
    this.sheetOf().formats.push({ rect: { ...this.rect }, props: { columnHidden: v } });
    this.ctx._charge(v);
  }
  get conditionalFormats() {
    const ctx = this.ctx;
    const s = this.sheetOf;
    const range = rectA1(this.rect);
    return {
      add: (type: string) => {
        const cf: FakeConditionalFormat = { range, type, props: {} };
        s().conditionalFormats.push(cf);
        ctx._charge(type);
        const sub = (name: string) => ({
          format: { fill: setter(cf, `${name}.fill`), font: setter(cf, `${name}.font`) },
          set rule(v: unknown) {
            cf.props[`${name}.rule`] = v;
            ctx._charge(v);
          },
          get rule() {
            return setter(cf, `${name}.rule`);
          },
          set criteria(v: unknown) {
            cf.props[`${name}.criteria`] = v;
            ctx._charge(v);
          },
        });
        return { cellValue: sub('cellValue'), colorScale: sub('colorScale'), custom: sub('custom') };
      },
      clearAll: () => {
        const sheet = s();
        sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => !overlaps(parseA1(c.range), this.rect));
        ctx._charge(null);
      },
    };
  }
  get dataValidation() {
    const s = this.sheetOf;
    const range = rectA1(this.rect);
    const ctx = this.ctx;
    const rect = this.rect;
    return {
      set rule(v: unknown) {
        s().validations.push({ range, rule: v });
        ctx._charge(v);
      },
      clear: () => {
        const sheet = s();
        sheet.validations = sheet.validations.filter((v) => !overlaps(parseA1(v.range), rect));
        ctx._charge(null);
      },
    };
  }
  clear(_applyTo?: string): void {
    const s = this.sheetOf();
    for (const k of [...s.cells.keys()]) {
      const [r, c] = k.split(',').map(Number);
      if (inside(this.rect, r, c)) s.cells.delete(k);
    }
    s.formats = s.formats.filter((op) => !(op.rect.top >= this.rect.top && op.rect.bottom <= this.rect.bottom && op.rect.left >= this.rect.left && op.rect.right <= this.rect.right));
    this.ctx._charge(null);
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, this.sheetOf, { top: 0, bottom: MAX_ROWS - 1, left: this.rect.left, right: this.rect.right });
  }
  getEntireRow(): FakeRange {
    return new FakeRange(this.ctx, this.sheetOf, { top: this.rect.top, bottom: this.rect.bottom, left: 0, right: MAX_COLS - 1 });
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetOf, { top: this.rect.top + row, bottom: this.rect.top + row, left: this.rect.left + col, right: this.rect.left + col });
  }
  getResizedRange(dr: number, dc: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetOf, { ...this.rect, bottom: this.rect.bottom + dr, right: this.rect.right + dc });
  }
  getSurroundingRegion(): FakeRange {
    const s = this.sheetOf();
    const filled = (r: number, c: number) => {
      const x = s.cells.get(keyOf(r, c));
      return !!x && (x.formula !== undefined || (x.value !== null && x.value !== ''));
    };
    const r: Rect = { top: this.rect.top, left: this.rect.left, bottom: this.rect.top, right: this.rect.left };
    for (let grew = true; grew; ) {
      grew = false;
      const rowHas = (row: number) => row >= 0 && Array.from({ length: r.right - r.left + 3 }, (_, i) => r.left - 1 + i).some((c) => c >= 0 && filled(row, c));
      const colHas = (col: number) => col >= 0 && Array.from({ length: r.bottom - r.top + 3 }, (_, i) => r.top - 1 + i).some((row) => row >= 0 && filled(row, col));
      if (rowHas(r.top - 1)) (r.top--, (grew = true));
      if (rowHas(r.bottom + 1)) (r.bottom++, (grew = true));
      if (colHas(r.left - 1)) (r.left--, (grew = true));
      if (colHas(r.right + 1)) (r.right++, (grew = true));
    }
    return new FakeRange(this.ctx, this.sheetOf, r);
  }
}

function setter(cf: FakeConditionalFormat, prefix: string): Record<string, unknown> {
  return new Proxy({}, {
    set(_t, prop: string, v: unknown) {
      cf.props[`${prefix}.${prop}`] = v;
      return true;
    },
  });
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : quote(name);
}

class FakeNames extends Loadable {
  get items(): { name: string; formula: string; comment: string }[] {
    return this._get('items');
  }
  protected _loadProp(p: string): void {
    if (p === '*' || p.startsWith('items')) this._loaded.set('items', this.ctx.model.names.map((n) => ({ ...n })));
  }
  add(name: string, reference: FakeRange | string, comment = ''): void {
    if (this.ctx.model.names.some((n) => n.name.toUpperCase() === name.toUpperCase())) throw new Error(`ItemAlreadyExists: name ${name}`);
    const formula = typeof reference === 'string' ? reference : `=${quote(referenceSheet(reference))}!$${colLetters(reference.rect.left)}$${reference.rect.top + 1}`;
    this.ctx.model.names.push({ name, formula, comment });
    this.ctx._charge(name + formula + comment);
  }
  getItem(name: string) {
    const model = this.ctx.model;
    const n = model.names.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!n) throw new Error(`ItemNotFound: name ${name}`);
    return {
      delete: () => {
        model.names = model.names.filter((x) => x !== n);
        this.ctx._charge(null);
      },
    };
  }
}

function referenceSheet(r: FakeRange): string {
  return (r as unknown as { sheetOf: () => FakeSheet }).sheetOf().name;
}

class FakeTables extends Loadable {
  get items(): { name: string }[] {
    return this._get('items');
  }
  protected _loadProp(p: string): void {
    if (p === '*' || p.startsWith('items')) this._loaded.set('items', this.ctx.model.tables.map((t) => ({ name: t.name })));
  }
  getItem(name: string) {
    const t = this.ctx.model.tables.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!t) throw new Error(`ItemNotFound: table ${name}`);
    return { getRange: () => new FakeRange(this.ctx, () => mustSheet(this.ctx.model, t.sheet), parseA1(t.address)) };
  }
}

/** `Excel` global: `run` with a fresh context over the model. */
export function fakeExcel(model: FakeWorkbook) {
  return {
    run: async <T>(cb: (context: FakeContext) => Promise<T>): Promise<T> => cb(new FakeContext(model)),
  };
}

/** A context over the model, typed as office-js's for the renderer. */
export function fakeContext(model: FakeWorkbook): Excel.RequestContext {
  return new FakeContext(model) as unknown as Excel.RequestContext;
}
