import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chartXml, drawingXml, insertDrawingElement } from '../../cli/src/xlsx/charts';
import { decodeKey, encodeKey } from '../../cli/src/xlsx/ooxml-package';
import type { ChartSpec } from '../../core/src/reports/tab-model';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

describe('insertDrawingElement: the schema position of <drawing>', () => {
  it('goes after pageSetup/headerFooter and before legacyDrawing, tableParts and extLst', () => {
    const xml =
      `${HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
      '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>A1&gt;0</formula>' +
      '<extLst><ext uri="x"><x14:id xmlns:x14="y">1</x14:id></ext></extLst></cfRule></conditionalFormatting>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup orientation="landscape"/><headerFooter><oddFooter>&amp;P</oddFooter></headerFooter>' +
      '<legacyDrawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId3"/></tableParts>' +
      '<extLst><ext uri="z"/></extLst></worksheet>';
    const out = insertDrawingElement(xml, 'rId9');
    expect(out).toContain('</headerFooter><drawing r:id="rId9"/><legacyDrawing r:id="rId2"/>');
    expect(out.match(/<drawing /g)).toHaveLength(1);
  });

  it('goes before the worksheet-level extLst, not a nested one', () => {
    const xml =
      `${HEAD}<sheetData/><conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>1</formula>` +
      '<extLst><ext uri="x"/></extLst></cfRule></conditionalFormatting><pageSetup/><extLst><ext uri="z"/></extLst></worksheet>';
    expect(insertDrawingElement(xml, 'rId1')).toContain('<pageSetup/><drawing r:id="rId1"/><extLst><ext uri="z"/>');
  });

  it('goes last when nothing follows it, and declares xmlns:r when missing', () => {
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData></sheetData><pageMargins left="1"/></worksheet>';
    const out = insertDrawingElement(xml, 'rId1');
    expect(out).toMatch(/^<worksheet xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships" /);
    expect(out).toMatch(/<pageMargins left="1"\/><drawing r:id="rId1"\/><\/worksheet>$/);
  });

  it('refuses a sheet that already has a drawing', () => {
    expect(() => insertDrawingElement(`${HEAD}<sheetData/><drawing r:id="rId1"/></worksheet>`, 'rId2')).toThrow(/already/);
  });
});

describe('chart and drawing parts', () => {
  const spec: ChartSpec = {
    kind: 'bar',
    title: 'Churn & <risk>',
    categories: 'A2:A4',
    series: [{ name: 'ARR "at risk"', values: 'B2:B4' }],
    anchor: { row: 0, col: 4, widthCols: 5, heightRows: 10 },
  };

  it('puts categories left and values at the bottom for horizontal bars; escapes text', () => {
    const xml = chartXml(spec, "O'Brien: tab");
    expect(xml).toContain('<c:barDir val="bar"/>');
    expect(xml).toMatch(/<c:catAx>.*<c:axPos val="l"\/>.*<\/c:catAx><c:valAx>.*<c:axPos val="b"\/>/);
    expect(xml).toContain('<c:f>&apos;O&apos;&apos;Brien: tab&apos;!$A$2:$A$4</c:f>');
    expect(xml).toContain('<a:t>Churn &amp; &lt;risk&gt;</a:t>');
    expect(xml).toContain('<c:v>ARR &quot;at risk&quot;</c:v>');
  });

  it('refuses a chart without series and ranges on another tab', () => {
    expect(() => chartXml({ ...spec, series: [] }, 'x')).toThrow(/no series/);
    expect(() => chartXml({ ...spec, categories: 'Data!A1:A3' }, 'x')).toThrow(/same tab/);
  });

  it('writes well-formed XML', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-xml-'));
    fs.writeFileSync(path.join(dir, 'c.xml'), chartXml(spec, 'Tab'));
    fs.writeFileSync(path.join(dir, 'd.xml'), drawingXml([spec, { ...spec, kind: 'line' }], ['rId1', 'rId2']));
    execFileSync('xmllint', ['--noout', path.join(dir, 'c.xml'), path.join(dir, 'd.xml')]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('marker keys in defined names', () => {
  it('round-trips keys through legal defined-name text', () => {
    for (const key of ['board-report', 'qbr-acc-00123', 'qbr-ACME.1_x', 'succès plan', 'a😀b']) {
      const enc = encodeKey(key);
      expect(enc).toMatch(/^[a-z0-9._]*$/i);
      expect(decodeKey(enc)).toBe(key);
    }
    expect(encodeKey('board-report')).toBe('board.report');
  });
});
