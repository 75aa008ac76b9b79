/**
 * Native .xlsx charts, added to the package after exceljs has written it (exceljs cannot
 * write charts). For every ChartSpec of a tab this adds:
 *   xl/charts/chartN.xml          c:chartSpace with a barChart (col/bar) or lineChart
 *   xl/drawings/drawingM.xml      one per tab, an xdr:twoCellAnchor per chart
 *   xl/drawings/_rels/…rels       drawing → charts
 *   <drawing r:id> in the sheet   at its schema position, plus the sheet's rels entry
 *   [Content_Types].xml           overrides for the chart and drawing parts
 */
import type JSZip from 'jszip';
import type { ChartSpec } from '../../../core/src/reports/tab-model';
import { escapeXml, parseRange, quoteSheetName, rangeA1 } from '../../../core/src/reports/a1';
import { addContentTypeOverride, addRel, CONTENT_TYPE, putPart, readText, REL, relsPathOf, sheetParts } from './ooxml-package';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** Office-like series colours. */
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E'];

/** Cached values for a range, so viewers that do not recalculate still draw the chart. */
export type RangeValues = (range: string) => (string | number | boolean | null | undefined)[];

export interface SheetCharts {
  sheetName: string;
  charts: ChartSpec[];
  /** Optional: the tab's values for caches (values or core's expected figures). */
  valuesOf?: RangeValues;
  /** Optional: the number format of a range's first cell, used for the value axis. */
  formatOf?: (range: string) => string | undefined;
}

function ref(sheetName: string, range: string): string {
  return `${quoteSheetName(sheetName)}!${rangeA1(parseRange(range), true)}`;
}

function strCache(values: ReturnType<RangeValues> | undefined): string {
  if (!values) return '';
  const pts = values
    .map((v, i) => (v === null || v === undefined ? '' : `<c:pt idx="${i}"><c:v>${escapeXml(String(v))}</c:v></c:pt>`))
    .join('');
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: ReturnType<RangeValues> | undefined): string {
  if (!values) return '';
  const pts = values
    .map((v, i) =>
      typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '',
    )
    .join('');
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function richText(text: string, size: number, bold: boolean): string {
  return (
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`
  );
}

/** The c:chartSpace part for one chart. */
export function chartXml(spec: ChartSpec, sheetName: string, valuesOf?: RangeValues, valueFormat?: string): string {
  if (spec.series.length === 0) throw new Error(`Chart "${spec.title}" has no series`);
  const catAxId = 500100;
  const valAxId = 500200;
  const isLine = spec.kind === 'line';
  const catRef = ref(sheetName, spec.categories);
  const catCache = valuesOf ? strCache(valuesOf(spec.categories)) : '';

  const series = spec.series
    .map((s, i) => {
      const color = PALETTE[i % PALETTE.length];
      const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
      const cat = `<c:cat><c:strRef><c:f>${escapeXml(catRef)}</c:f>${catCache}</c:strRef></c:cat>`;
      const val = `<c:val><c:numRef><c:f>${escapeXml(ref(sheetName, s.values))}</c:f>${
        valuesOf ? numCache(valuesOf(s.values)) : ''
      }</c:numRef></c:val>`;
      if (isLine) {
        const sp = `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
        return `<c:ser>${head}${sp}<c:marker><c:symbol val="none"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
      }
      const sp = `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
      return `<c:ser>${head}${sp}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
    })
    .join('');

  const axIds = `<c:axId val="${catAxId}"/><c:axId val="${valAxId}"/>`;
  const plot = isLine
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axIds}</c:lineChart>`
    : `<c:barChart><c:barDir val="${spec.kind === 'bar' ? 'bar' : 'col'}"/><c:grouping val="clustered"/>` +
      `<c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axIds}</c:barChart>`;
  // Horizontal bars put categories on the left and values at the bottom.
  const catPos = spec.kind === 'bar' ? 'l' : 'b';
  const valPos = spec.kind === 'bar' ? 'b' : 'l';
  const gridLine = `<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>`;

  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title><c:tx>${richText(spec.title, 1400, true)}</c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    `<c:plotArea><c:layout/>${plot}` +
    `<c:catAx><c:axId val="${catAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:crossAx val="${valAxId}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="${valAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${valPos}"/><c:majorGridlines>${gridLine}</c:majorGridlines>` +
    (valueFormat
      ? `<c:numFmt formatCode="${escapeXml(valueFormat)}" sourceLinked="0"/>`
      : '<c:numFmt formatCode="General" sourceLinked="1"/>') +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>' +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${catAxId}"/><c:crosses val="autoZero"/>` +
    '<c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea>' +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>' +
    '</c:chartSpace>'
  );
}

/** The drawing part of one tab: a twoCellAnchor per chart, r:ids in the same order. */
export function drawingXml(specs: ChartSpec[], relIds: string[]): string {
  const anchors = specs
    .map((spec, i) => {
      const { row, col, widthCols, heightRows } = spec.anchor;
      const pos = (c: number, r: number): string =>
        `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
      return (
        '<xdr:twoCellAnchor editAs="oneCell">' +
        `<xdr:from>${pos(col, row)}</xdr:from><xdr:to>${pos(col + Math.max(1, widthCols), row + Math.max(1, heightRows))}</xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(
          `Chart ${i + 1}`,
        )}" descr="${escapeXml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${relIds[i]}"/>` +
        '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`
  );
}

/** CT_Worksheet children that must come after <drawing>. */
const AFTER_DRAWING = new Set([
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/**
 * Insert <drawing r:id="…"/> into worksheet XML at its schema position: after sheetData and
 * everything CT_Worksheet puts before drawing, before legacyDrawing … tableParts, extLst.
 */
export function insertDrawingElement(sheetXml: string, rId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error('The worksheet already has a drawing part');
  let xml = sheetXml;
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (!root) throw new Error('Not a worksheet part');
  if (!/\sxmlns:r=/.test(root[0])) {
    xml = xml.replace(root[0], root[0].replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`));
  }
  const element = `<drawing r:id="${rId}"/>`;
  const endData = xml.search(/<\/sheetData>|<sheetData\s*\/>/);
  if (endData < 0) throw new Error('The worksheet has no sheetData');
  // Walk the top-level children that follow sheetData; stop at the first that comes after drawing.
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g;
  tag.lastIndex = endData;
  let depth = 0;
  let m: RegExpExecArray | null;
  m = tag.exec(xml); // the </sheetData> or <sheetData/> itself
  while ((m = tag.exec(xml)) !== null) {
    const [whole, closing, name, selfClosing] = m;
    if (closing) {
      if (depth === 0) break; // </worksheet>
      depth--;
      continue;
    }
    const local = name.includes(':') ? name.split(':')[1] : name;
    if (depth === 0 && AFTER_DRAWING.has(local)) {
      return xml.slice(0, m.index) + element + xml.slice(m.index);
    }
    if (!selfClosing && !whole.endsWith('/>')) depth++;
  }
  const close = xml.lastIndexOf('</worksheet>');
  return xml.slice(0, close) + element + xml.slice(close);
}

function nextFreeIndex(zip: JSZip, folder: string, stem: string): number {
  let n = 1;
  while (zip.file(`${folder}/${stem}${n}.xml`)) n++;
  return n;
}

/** Add the chart, drawing and relationship parts for every tab that has charts. */
export async function addCharts(zip: JSZip, sheets: SheetCharts[]): Promise<void> {
  const parts = await sheetParts(zip);
  for (const sheet of sheets) {
    if (sheet.charts.length === 0) continue;
    const part = parts.find((p) => p.name === sheet.sheetName);
    if (!part) throw new Error(`No sheet named "${sheet.sheetName}" for its charts`);

    const drawingPath = `xl/drawings/drawing${nextFreeIndex(zip, 'xl/drawings', 'drawing')}.xml`;
    const relIds: string[] = [];
    for (const spec of sheet.charts) {
      const chartPath = `xl/charts/chart${nextFreeIndex(zip, 'xl/charts', 'chart')}.xml`;
      putPart(zip, chartPath, chartXml(spec, sheet.sheetName, sheet.valuesOf, sheet.formatOf?.(spec.series[0]?.values ?? '')));
      await addContentTypeOverride(zip, chartPath, CONTENT_TYPE.chart);
      relIds.push(await addRel(zip, relsPathOf(drawingPath), REL.chart, `../charts/${chartPath.split('/').pop()}`));
    }
    putPart(zip, drawingPath, drawingXml(sheet.charts, relIds));
    await addContentTypeOverride(zip, drawingPath, CONTENT_TYPE.drawing);

    const sheetRid = await addRel(zip, relsPathOf(part.path), REL.drawing, `../drawings/${drawingPath.split('/').pop()}`);
    putPart(zip, part.path, insertDrawingElement(await readText(zip, part.path), sheetRid));
  }
}
