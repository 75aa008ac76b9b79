/**
 * "Looks like finance work … readable": every figure fits its column (no ###), every label is
 * shown whole (not cut by the next cell), long text runs only over empty cells and ends inside
 * the tab's width (so printing one page wide is not shrunk by a note), headers fit the row
 * height the renderers give them, charts sit over empty cells, and each tab's used width stays
 * one readable landscape page.
 *
 * Widths are estimated with this file's own figures, measured on the LibreOffice PDF of the
 * demo (fallback font DejaVu Sans, wider than Calibri): one width unit is a digit of the 11 pt
 * font; 11 pt text takes ≈ 0.8 unit per character, 9 pt notes ≈ 0.7, bold a little more.
 */
import type { ReportModel } from '../../core/src/data/model';
import { buildAllTabs, buildDefinitions } from '../../core/src/reports';
import { DERIVATION_RULES, METRIC_DEFINITIONS } from '../../core/src/reports/definitions';
import { splitLines } from '../../core/src/reports/layout';
import type { Cell, TabDescription } from '../../core/src/reports/tab-model';
import { fieldCaseF12, sevenAccounts } from './fixtures';
import { parseA1, rowOf } from './helpers';
import { ravenstackModel } from '../helpers/ravenstack';

/** Width units per character of text, by cell style. */
const PER_CHAR: Record<string, number> = {
  title: 1.35,
  section: 1.0,
  subtitle: 0.8,
  note: 0.75,
  warning: 0.95,
  total: 0.95,
  header: 0.95,
  label: 0.85,
  input: 0.85,
  plain: 0.85,
};
const BOLD = new Set(['title', 'section', 'warning', 'total', 'header']);
/** Cell padding, in width units. */
const PAD = 1;
/** Widest used width (sum of column widths) that still prints one landscape page wide readably (~70%). */
const MAX_TAB_WIDTH = 200;

/** The text a number shows in the formats the tabs use. */
function shown(value: number, format: string | undefined): string {
  const grouped = (x: number, decimals: number) =>
    x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  if (format === undefined) return String(value);
  const pct = /^0(?:\.(0+))?%$/.exec(format);
  if (pct) return `${(value * 100).toFixed(pct[1]?.length ?? 0)}%`;
  const m = /^(?:"([^"]*)")?#,##0(?:\.(0+))?$/.exec(format);
  if (m) return `${m[1] ?? ''}${grouped(value, m[2]?.length ?? 0)}`;
  throw new Error(`format not covered by the layout test: ${format}`);
}

function occupied(cell: Cell | null | undefined): boolean {
  return !!cell && (cell.formula !== undefined || (cell.value !== null && cell.value !== undefined));
}

/** Greedy word wrap of a header into lines of `chars` characters. */
function wrappedLines(text: string, chars: number): number {
  let lines = 1;
  let line = 0;
  for (const word of text.split(/\s+/)) {
    if (line === 0) line = word.length;
    else if (line + 1 + word.length <= chars) line += 1 + word.length;
    else {
      lines++;
      line = word.length;
    }
  }
  return lines;
}

function problems(tab: TabDescription): string[] {
  const out: string[] = [];
  const widths = tab.columnWidths;
  const total = widths.reduce((s, w) => s + w, 0);
  const where = (r: number, c: number) => `${tab.name}!${String.fromCharCode(65 + c)}${r + 1}`;
  const chartAt = (r: number, c: number) =>
    tab.charts.some((ch) => r >= ch.anchor.row && r < ch.anchor.row + ch.anchor.heightRows && c >= ch.anchor.col && c < ch.anchor.col + ch.anchor.widthCols);

  if (total > MAX_TAB_WIDTH) out.push(`${tab.name}: used width ${total} > ${MAX_TAB_WIDTH}`);

  tab.rows.forEach((row, r) => {
    // Header rows: the renderer gives the row min(3, ⌈1.05 × length / width⌉) lines for its longest label.
    const headerCells = row.map((cell, c) => ({ cell, c })).filter(({ cell }) => cell?.style === 'header' && typeof cell.value === 'string' && cell.value !== '');
    const rowLines = Math.max(1, ...headerCells.map(({ cell, c }) => Math.min(3, Math.ceil(((cell!.value as string).length * 1.05) / Math.max(1, widths[c] ?? 9)))));

    row.forEach((cell, c) => {
      if (!occupied(cell)) return;
      if (chartAt(r, c)) out.push(`${where(r, c)} lies under a chart`);
      const style = cell!.style ?? 'plain';
      const own = widths[c] ?? 0;
      const value = cell!.formula !== undefined ? cell!.expected : cell!.value;

      if (typeof value === 'number') {
        const need = shown(value, cell!.format).length * (BOLD.has(style) ? 1.1 : 1) + PAD;
        if (need > own) out.push(`${where(r, c)} shows ### (${shown(value, cell!.format)} needs ${need.toFixed(1)}, column is ${own})`);
        return;
      }
      if (typeof value !== 'string' || value === '') return;

      if (style === 'header') {
        const lines = wrappedLines(value, (own - PAD) / PER_CHAR.header);
        const longestWord = Math.max(...value.split(/\s+/).map((w) => w.length)) * PER_CHAR.header + PAD;
        if (lines > rowLines || longestWord > own) out.push(`${where(r, c)} header "${value}" needs ${lines} lines, row has ${rowLines}`);
        return;
      }
      const need = value.length * (PER_CHAR[style] ?? PER_CHAR.plain) + PAD;
      if (need <= own) return;
      if (cell!.formula !== undefined) {
        out.push(`${where(r, c)} formula text "${value}" is cut off (needs ${need.toFixed(1)}, column is ${own})`);
        return;
      }
      // Literal text overflows to the right: only over empty cells, and only within the tab's width.
      let room = own;
      let next = c + 1;
      while (room < need) {
        if (next >= widths.length) {
          out.push(`${where(r, c)} "${value.slice(0, 40)}…" runs past the last column (needs ${need.toFixed(1)} from its column, has ${room})`);
          return;
        }
        if (occupied(row[next]) || chartAt(r, next)) {
          out.push(`${where(r, c)} "${value.slice(0, 40)}…" is cut off by the cell or chart at ${where(r, next)} (needs ${need.toFixed(1)}, has ${room})`);
          return;
        }
        room += widths[next];
        next++;
      }
    });
  });
  return out;
}

const ravenStack = (): ReportModel => ravenstackModel();

const models: [string, () => ReportModel][] = [
  ['seven accounts, $', sevenAccounts],
  ['F12, 6 months, no currency', fieldCaseF12],
  ['RavenStack calendar 2024', ravenStack],
];

describe.each(models)('readable layout (%s)', (_name, make) => {
  const model = make();
  const tabs = buildAllTabs(model);

  it.each(tabs.map((t) => [t.name, t] as [string, TabDescription]))('%s: figures fit, labels are whole, text stays inside the page', (_n, tab) => {
    expect(problems(tab)).toEqual([]);
  });

  it('puts no note column beside a table: the Board Report ends at its last figure column', () => {
    const board = tabs.find((t) => t.key === 'board-report')!;
    const header = board.rows[board.frozenRows - 1];
    expect(header.length).toBe(board.columnWidths.length);
    expect(header.map((c) => c?.value)).not.toContain('Note');
  });

  it('lists each data-quality fact once: zero-length subscriptions on one line, as skipped rows', () => {
    const board = tabs.find((t) => t.key === 'board-report')!;
    const start = rowOf(board, 'Data quality');
    const labels = board.rows.slice(start).map((r) => String(r[0]?.value ?? ''));
    expect(labels.filter((l) => /zero-length/i.test(l))).toEqual(['Subscriptions: zero-length (end ≤ start)']);
    const line = board.rows[start + labels.indexOf('Subscriptions: zero-length (end ≤ start)')];
    expect(line[2]?.value).toBe('Skipped');
    // Every check label is distinct.
    const checks = labels.slice(labels.indexOf('Check') + 1).filter((l) => l !== '');
    expect(new Set(checks).size).toBe(checks.length);
  });
});

describe('the layout check itself', () => {
  const tab: TabDescription = {
    key: 'x',
    name: 'X',
    rows: [
      [{ value: 121_915_296, format: '#,##0', style: 'total' }, { value: 'b' }],
      [{ value: 'A label far too long for column A', style: 'label' }, { value: 1 }],
      [{ value: 'A note that runs beyond the last column of the tab', style: 'note' }],
    ],
    columnWidths: [11, 12],
    frozenRows: 0,
    conditionalFormats: [],
    charts: [],
    dropdowns: [],
    print: { landscape: true },
  };

  it('finds ### in a bold figure, a label cut by its neighbour and a note past the last column', () => {
    const found = problems(tab);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/X!A1 shows ###/);
    expect(found[1]).toMatch(/X!A2 .* cut off by the cell or chart at X!B2/);
    expect(found[2]).toMatch(/X!A3 .* runs past the last column/);
  });

  it('formats figures as the spreadsheet shows them', () => {
    expect(shown(121_915_296, '"$"#,##0')).toBe('$121,915,296');
    expect(shown(2.904, '0.0%')).toBe('290.4%');
    expect(shown(0.0571, '#,##0.00')).toBe('0.06');
    expect(parseA1('N7')).toEqual([6, 13]);
  });
});

describe('long text split into lines', () => {
  it('keeps sentences together where they fit, breaks long ones between words, and loses no word', () => {
    const text = 'One short sentence. ' + 'word '.repeat(30).trim() + '. Last one.';
    const lines = splitLines(text, 40);
    expect(lines[0]).toBe('One short sentence.');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.join(' ')).toBe(text);
    expect(lines[lines.length - 1].endsWith('word. Last one.')).toBe(true);
  });

  it('shows every definition whole on the Definitions tab, over as many rows as it needs', () => {
    const tab = buildDefinitions(fieldCaseF12());
    const whole = (name: string) => {
      const r = rowOf(tab, name);
      const parts = [tab.rows[r][1]?.value];
      for (let i = r + 1; i < tab.rows.length && tab.rows[i][0] == null && tab.rows[i][1]; i++) parts.push(tab.rows[i][1]?.value);
      return parts.join(' ');
    };
    for (const [name, words, source] of METRIC_DEFINITIONS) {
      expect(whole(name)).toBe(words);
      expect(tab.rows[rowOf(tab, name)][2]?.value).toBe(source);
    }
    for (const [name, words] of DERIVATION_RULES) expect(whole(name)).toBe(words);
    // The longest rule really is split (it would not fit one printed line).
    expect(tab.rows[rowOf(tab, 'MRR movements') + 1][0]).toBeNull();
  });
});
