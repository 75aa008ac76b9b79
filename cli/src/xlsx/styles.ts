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
