/**
 * Small, string-level edits of an .xlsx package (opened with jszip) that exceljs cannot do:
 * locating sheet parts, adding relationships and content-type overrides, writing our
 * generated-tab markers (defined names + a custom document property) and print titles.
 */
import type JSZip from 'jszip';
import { escapeXml, quoteSheetName, unescapeXml } from '../../../core/src/reports/a1';

export const MARKER_NAME_PREFIX = 'CS_GENERATED_';
export const MARKER_PROPERTY = 'CS_GENERATED_TABS';
const CUSTOM_PROPS_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  customProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties',
} as const;

export const CONTENT_TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  customProperties: 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
} as const;

/** Write a part without the folder entries jszip would add by default (packages have none). */
export function putPart(zip: JSZip, path: string, text: string): void {
  zip.file(path, text, { createFolders: false });
}

export async function readText(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The package has no part ${path}`);
  return file.async('string');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

/** Resolve a relationship target against the folder of the part that owns the rels. */
export function resolveTarget(ownerPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPath.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export function relsPathOf(partPath: string): string {
  const i = partPath.lastIndexOf('/');
  return `${partPath.slice(0, i)}/_rels/${partPath.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export async function readRels(zip: JSZip, relsPath: string): Promise<Relationship[]> {
  const file = zip.file(relsPath);
  if (!file) return [];
  const xml = await file.async('string');
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    out.push({ id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', target: attr(m[0], 'Target') ?? '' });
  }
  return out;
}

/** Add a relationship to a rels part (creating it) and return its new id. */
export async function addRel(zip: JSZip, relsPath: string, type: string, target: string): Promise<string> {
  const file = zip.file(relsPath);
  let xml = file
    ? await file.async('string')
    : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const used = new Set([...xml.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  if (/<Relationships\b[^>]*\/>/.test(xml)) {
    xml = xml.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  } else {
    xml = xml.replace('</Relationships>', `${rel}</Relationships>`);
  }
  putPart(zip, relsPath, xml);
  return id;
}

/** Add an Override to [Content_Types].xml unless one exists for the part. */
export async function addContentTypeOverride(zip: JSZip, partPath: string, contentType: string): Promise<void> {
  let xml = await readText(zip, '[Content_Types].xml');
  const partName = `/${partPath}`;
  if (xml.includes(`PartName="${escapeXml(partName)}"`)) return;
  xml = xml.replace('</Types>', `<Override PartName="${escapeXml(partName)}" ContentType="${contentType}"/></Types>`);
  putPart(zip, '[Content_Types].xml', xml);
}

export interface SheetPart {
  name: string;
  /** Package path, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
  /** 0-based position in the workbook (the localSheetId of sheet-scoped names). */
  index: number;
}

export async function workbookPath(zip: JSZip): Promise<string> {
  const rels = await readRels(zip, '_rels/.rels');
  const main = rels.find((r) => r.type === REL.officeDocument);
  return main ? resolveTarget('', main.target) : 'xl/workbook.xml';
}

export async function sheetParts(zip: JSZip): Promise<SheetPart[]> {
  const wbPath = await workbookPath(zip);
  const xml = await readText(zip, wbPath);
  const rels = await readRels(zip, relsPathOf(wbPath));
  const out: SheetPart[] = [];
  for (const m of xml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? '';
    const rid = attr(m[0], 'r:id');
    const rel = rels.find((r) => r.id === rid);
    if (!rel) throw new Error(`Sheet "${name}" has no relationship in the workbook`);
    out.push({ name, path: resolveTarget(wbPath, rel.target), index: out.length });
  }
  return out;
}

/**
 * Tab keys → defined-name suffixes. Defined names allow letters, digits, "_" and ".", and are
 * case-insensitive, so: a-z and 0-9 stay, "-" becomes ".", anything else becomes "_" + 4 hex.
 */
export function encodeKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (/[a-z0-9]/.test(ch)) out += ch;
    else if (ch === '-') out += '.';
    else {
      const cp = ch.codePointAt(0) ?? 0;
      out += cp > 0xffff ? `_${(0xd800 + ((cp - 0x10000) >> 10)).toString(16)}_${(0xdc00 + ((cp - 0x10000) & 0x3ff)).toString(16)}` : `_${cp.toString(16).padStart(4, '0')}`;
    }
  }
  return out;
}

export function decodeKey(encoded: string): string {
  return encoded.replace(/_([0-9a-fA-F]{4})|\./g, (m: string, h: string | undefined) =>
    h === undefined ? '-' : String.fromCharCode(parseInt(h, 16)),
  );
}

export interface GeneratedTab {
  key: string;
  sheetName: string;
}

/** Parse "'My tab'!$A$1" (or My_tab!$A$1) → "My tab". */
function sheetOfReference(ref: string): string | undefined {
  const quoted = /^'((?:[^']|'')+)'!/.exec(ref);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^!']+)!/.exec(ref);
  return plain ? plain[1] : undefined;
}

/** Our generated tabs, from the CS_GENERATED_<key> defined names of the workbook. */
export async function readGeneratedTabs(zip: JSZip): Promise<GeneratedTab[]> {
  const xml = await readText(zip, await workbookPath(zip));
  const out: GeneratedTab[] = [];
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const name = attr(m[0], 'name') ?? '';
    if (!name.toUpperCase().startsWith(MARKER_NAME_PREFIX)) continue;
    const sheetName = sheetOfReference(unescapeXml(m[2]));
    if (sheetName !== undefined) out.push({ key: decodeKey(name.slice(MARKER_NAME_PREFIX.length)), sheetName });
  }
  return out;
}

export interface PrintTitles {
  sheetName: string;
  /** Rows 1..rows repeat at the top of every printed page. */
  rows: number;
}

/**
 * Write the markers: one defined name CS_GENERATED_<key> → '<tab>'!$A$1 per generated tab
 * (old CS_GENERATED_ names are removed first), a custom document property listing the
 * tabs, and print titles for the given sheets (replacing theirs).
 */
export async function writeMarkers(zip: JSZip, tabs: GeneratedTab[], printTitles: PrintTitles[], note: string): Promise<void> {
  const wbPath = await workbookPath(zip);
  const sheets = await sheetParts(zip);
  let xml = await readText(zip, wbPath);
  const indexOf = (sheetName: string): number => {
    const s = sheets.find((p) => p.name === sheetName);
    if (!s) throw new Error(`No sheet named "${sheetName}" in the package`);
    return s.index;
  };
  const titled = new Set(printTitles.map((p) => String(indexOf(p.sheetName))));

  // Drop our previous markers and the print titles we are about to rewrite.
  xml = xml.replace(/<definedName\b[^>]*>[^<]*<\/definedName>/g, (el) => {
    const name = (attr(el, 'name') ?? '').toUpperCase();
    if (name.startsWith(MARKER_NAME_PREFIX)) return '';
    if (name === '_XLNM.PRINT_TITLES' && titled.has(attr(el, 'localSheetId') ?? '')) return '';
    return el;
  });

  const names: string[] = [];
  for (const tab of tabs) {
    indexOf(tab.sheetName);
    names.push(
      `<definedName name="${MARKER_NAME_PREFIX}${encodeKey(tab.key)}" comment="${escapeXml(note)}">${escapeXml(
        `${quoteSheetName(tab.sheetName)}!$A$1`,
      )}</definedName>`,
    );
  }
  for (const p of printTitles) {
    if (p.rows <= 0) continue;
    names.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${indexOf(p.sheetName)}">${escapeXml(
        `${quoteSheetName(p.sheetName)}!$1:$${p.rows}`,
      )}</definedName>`,
    );
  }

  xml = xml.replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/, '');
  if (names.length > 0) {
    if (xml.includes('</definedNames>')) {
      xml = xml.replace('</definedNames>', `${names.join('')}</definedNames>`);
    } else {
      // CT_Workbook order: … sheets, functionGroups, externalReferences, definedNames, calcPr …
      const after = xml.includes('</externalReferences>')
        ? '</externalReferences>'
        : xml.includes('</functionGroups>')
          ? '</functionGroups>'
          : '</sheets>';
      xml = xml.replace(after, `${after}<definedNames>${names.join('')}</definedNames>`);
    }
  }
  putPart(zip, wbPath, xml);

  await writeCustomProperty(
    zip,
    MARKER_PROPERTY,
    JSON.stringify({ note, tabs: tabs.map((t) => ({ key: t.key, name: t.sheetName })) }),
  );
}

/** Set (replace) one text custom document property in docProps/custom.xml. */
export async function writeCustomProperty(zip: JSZip, name: string, value: string): Promise<void> {
  const path = 'docProps/custom.xml';
  const file = zip.file(path);
  let xml = file
    ? await file.async('string')
    : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
      'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>';
  xml = xml.replace(/<property\b[^>]*>[\s\S]*?<\/property>/g, (el) => (attr(el, 'name') === name ? '' : el));
  const pids = [...xml.matchAll(/\spid="(\d+)"/g)].map((m) => Number(m[1]));
  const pid = Math.max(1, ...pids) + 1; // pid 0 and 1 are reserved
  const prop = `<property fmtid="${CUSTOM_PROPS_FMTID}" pid="${pid}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(
    value,
  )}</vt:lpwstr></property>`;
  if (/<Properties\b[^>]*\/>/.test(xml)) xml = xml.replace(/<Properties\b([^>]*)\/>/, `<Properties$1>${prop}</Properties>`);
  else xml = xml.replace('</Properties>', `${prop}</Properties>`);
  putPart(zip, path, xml);
  if (!file) {
    await addRel(zip, '_rels/.rels', REL.customProperties, 'docProps/custom.xml');
    await addContentTypeOverride(zip, path, CONTENT_TYPE.customProperties);
  }
}

/** Read one text custom document property, if present. */
export async function readCustomProperty(zip: JSZip, name: string): Promise<string | undefined> {
  const file = zip.file('docProps/custom.xml');
  if (!file) return undefined;
  const xml = await file.async('string');
  for (const m of xml.matchAll(/<property\b[^>]*>([\s\S]*?)<\/property>/g)) {
    if (attr(m[0], 'name') !== name) continue;
    const v = /<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>/.exec(m[1]);
    return v ? unescapeXml(v[1]) : '';
  }
  return undefined;
}
