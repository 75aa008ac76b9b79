/** A1 addressing shared by the report builders and every renderer. Coordinates are 0-based like tab-model.ts. */

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function parseCell(text: string): { row: number; col: number } {
  const m = CELL.exec(text.trim());
  if (!m) throw new Error(`Not an A1 cell reference: "${text}"`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "B5:C9" or "B5" (same tab, no sheet name) → 0-based range. */
export function parseRange(a1: string): CellRange {
  if (a1.includes('!')) throw new Error(`Range "${a1}" must be on the same tab (no sheet name)`);
  const [a, b] = a1.split(':');
  const p = parseCell(a);
  const q = b === undefined ? p : parseCell(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeA1(r: CellRange, absolute = false): string {
  const d = absolute ? '$' : '';
  const a = `${d}${columnLetters(r.left)}${d}${r.top + 1}`;
  const b = `${d}${columnLetters(r.right)}${d}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/** A sheet name as it appears in a formula: always quoted, apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** "#1f3864", "1F3864", "#abc" or "FF1F3864" → "FF1F3864" (ARGB as exceljs wants it). */
export function argb(color: string): string {
  let c = color.trim().replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{3}$/.test(c)) c = c.split('').map((x) => x + x).join('');
  if (/^[0-9A-F]{6}$/.test(c)) return `FF${c}`;
  if (/^[0-9A-F]{8}$/.test(c)) return c;
  throw new Error(`Not a colour: "${color}"`);
}
