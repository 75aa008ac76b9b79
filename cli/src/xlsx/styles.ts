/**
 * The finance look of generated tabs as exceljs styles. Style objects are memoised per
 * (style, number format) so exceljs recognises them by identity (its WeakMap cache) and
 * 100,000-row tabs do not pay for a style lookup per cell.
 */
import type { Style } from 'exceljs';
import type { CellStyle } from '../../../core/src/reports/tab-model';

export const COLORS = {
  navy: 'FF1F3864',
  headerFill: 'FFD9E1F2',
  headerBorder: 'FF8EA9DB',
  inputFill: 'FFFFF2CC',
  inputFont: 'FF0000FF',
  inputBorder: 'FFBFBFBF',
  note: 'FF7F7F7F',
  subtitle: 'FF595959',
  warningFont: 'FF9C5700',
  warningFill: 'FFFFEB9C',
  total: 'FF000000',
} as const;

const thin = (argb: string) => ({ style: 'thin' as const, color: { argb } });

const BASE: Record<CellStyle, Partial<Style>> = {
  title: { font: { name: 'Calibri', size: 16, bold: true, color: { argb: COLORS.navy } } },
  subtitle: { font: { name: 'Calibri', size: 10, italic: true, color: { argb: COLORS.subtitle } } },
  header: {
    font: { name: 'Calibri', size: 11, bold: true, color: { argb: COLORS.navy } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.headerFill }, bgColor: { argb: COLORS.headerFill } },
    border: { bottom: thin(COLORS.headerBorder) },
    alignment: { vertical: 'middle', wrapText: true },
  },
  section: {
    font: { name: 'Calibri', size: 12, bold: true, color: { argb: COLORS.navy } },
    border: { bottom: thin(COLORS.navy) },
  },
  label: { font: { name: 'Calibri', size: 11 } },
  input: {
    font: { name: 'Calibri', size: 11, color: { argb: COLORS.inputFont } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.inputFill }, bgColor: { argb: COLORS.inputFill } },
    border: {
      top: thin(COLORS.inputBorder),
      bottom: thin(COLORS.inputBorder),
      left: thin(COLORS.inputBorder),
      right: thin(COLORS.inputBorder),
    },
  },
  total: {
    font: { name: 'Calibri', size: 11, bold: true },
    border: { top: thin(COLORS.total), bottom: { style: 'double', color: { argb: COLORS.total } } },
  },
  note: { font: { name: 'Calibri', size: 9, italic: true, color: { argb: COLORS.note } }, alignment: { wrapText: false } },
  warning: {
    font: { name: 'Calibri', size: 11, bold: true, color: { argb: COLORS.warningFont } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.warningFill }, bgColor: { argb: COLORS.warningFill } },
  },
};

export class StyleCache {
  private readonly cache = new Map<string, Partial<Style>>();
  /** Shared by every plain cell, so exceljs resolves it once instead of once per cell. */
  private readonly plain: Partial<Style> = {};

  /** The shared style object for a cell (one object per style and format). */
  get(style: CellStyle | undefined, format: string | undefined): Partial<Style> {
    if (style === undefined && format === undefined) return this.plain;
    const id = `${style ?? ''}\u0000${format ?? ''}`;
    let s = this.cache.get(id);
    if (!s) {
      if (style !== undefined && !(style in BASE)) throw new Error(`Unknown cell style "${style}"`);
      s = { ...(style ? BASE[style] : {}) };
      if (format !== undefined) s.numFmt = format;
      this.cache.set(id, s);
    }
    return s;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* styles.xml for the direct package writer: the same looks as BASE, as OOXML.               */

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Number formats every spreadsheet knows by id (ECMA-376 §18.8.30). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colorXml(tag: string, color: Partial<import('exceljs').Color> | undefined): string {
  return color?.argb ? `<${tag} rgb="${xmlAttr(color.argb)}"/>` : '';
}

function fontXml(f: Partial<import('exceljs').Font>): string {
  return (
    '<font>' +
    (f.bold ? '<b/>' : '') +
    (f.italic ? '<i/>' : '') +
    (f.underline ? '<u/>' : '') +
    (f.strike ? '<strike/>' : '') +
    colorXml('color', f.color) +
    (f.size !== undefined ? `<sz val="${f.size}"/>` : '') +
    (f.name ? `<name val="${xmlAttr(f.name)}"/>` : '') +
    '</font>'
  );
}

function fillXml(fill: import('exceljs').Fill): string {
  if (fill.type !== 'pattern') throw new Error('Only pattern fills are supported');
  return (
    `<fill><patternFill patternType="${fill.pattern}">` +
    colorXml('fgColor', fill.fgColor) +
    colorXml('bgColor', fill.bgColor) +
    '</patternFill></fill>'
  );
}

function borderXml(b: Partial<import('exceljs').Borders>): string {
  const side = (tag: 'left' | 'right' | 'top' | 'bottom'): string => {
    const s = b[tag];
    return s?.style ? `<${tag} style="${s.style}">${colorXml('color', s.color)}</${tag}>` : `<${tag}/>`;
  };
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
}

function alignmentXml(a: Partial<import('exceljs').Alignment> | undefined): string {
  if (!a) return '';
  const attrs: string[] = [];
  if (a.horizontal) attrs.push(`horizontal="${a.horizontal}"`);
  if (a.vertical) attrs.push(`vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"`);
  if (a.wrapText) attrs.push('wrapText="1"');
  if (a.indent) attrs.push(`indent="${a.indent}"`);
  return attrs.length > 0 ? `<alignment ${attrs.join(' ')}/>` : '';
}

/** A conditional format's look: fill and optional font colour (ARGB). */
export interface DxfSpec {
  fill: string;
  fontColor?: string;
}

/**
 * Collects cell formats (cellXfs) and conditional-format looks (dxfs) while sheets are written,
 * then renders styles.xml. Index 0 is the default (no style, General).
 */
export class XlsxStyleSheet {
  private readonly fonts = ['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIds = new Map<string, number>();
  private readonly dxfs: string[] = [];

  private static indexOf(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  private numFmtId(format: string): number {
    const builtin = BUILTIN_FORMATS[format];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(format);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(format, id);
    }
    return id;
  }

  /** The cellXfs index for a cell's style and number format (0: none). */
  xf(style: CellStyle | undefined, format: string | undefined): number {
    if (style === undefined && format === undefined) return 0;
    const key = `${style ?? ''}\u0000${format ?? ''}`;
    let id = this.xfIds.get(key);
    if (id !== undefined) return id;
    if (style !== undefined && !(style in BASE)) throw new Error(`Unknown cell style "${style}"`);
    const s: Partial<Style> = style ? BASE[style] : {};
    const numFmtId = format !== undefined ? this.numFmtId(format) : 0;
    const fontId = s.font ? XlsxStyleSheet.indexOf(this.fonts, fontXml(s.font)) : 0;
    const fillId = s.fill ? XlsxStyleSheet.indexOf(this.fills, fillXml(s.fill)) : 0;
    const borderId = s.border ? XlsxStyleSheet.indexOf(this.borders, borderXml(s.border)) : 0;
    const alignment = alignmentXml(s.alignment);
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (fontId ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (alignment ? ` applyAlignment="1">${alignment}</xf>` : '/>');
    id = XlsxStyleSheet.indexOf(this.xfs, xml);
    this.xfIds.set(key, id);
    return id;
  }

  /** The dxfs index for a conditional format's look. */
  dxf(spec: DxfSpec): number {
    const font = spec.fontColor ? `<font><color rgb="${xmlAttr(spec.fontColor)}"/></font>` : '';
    const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${xmlAttr(spec.fill)}"/><bgColor rgb="${xmlAttr(spec.fill)}"/></patternFill></fill>`;
    return XlsxStyleSheet.indexOf(this.dxfs, `<dxf>${font}${fill}</dxf>`);
  }

  toXml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`);
    const list = (tag: string, items: string[]): string => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length > 0 ? list('numFmts', numFmts) : '') +
      list('fonts', this.fonts) +
      list('fills', this.fills) +
      list('borders', this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list('dxfs', this.dxfs) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
