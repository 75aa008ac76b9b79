/**
 * LibreOffice (headless) as the "real spreadsheet" of the tests: recalculate an .xlsx and
 * read every sheet back as raw CSV values, render it to PDF/PNG, or round-trip it to .xlsx.
 *
 * LibreOffice does not recalculate formulas on load unless its profile sets the OOXML recalc
 * mode to "always" (toolchain-facts.md), so every call runs with a private profile that does.
 * Missing tools throw (tests must fail, not skip).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const INSTALL_HINT =
  'Install it with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ' +
  'libreoffice-calc-nogui poppler-utils';

export interface Timed<T> {
  value: T;
  ms: number;
}

/** Durations of the last conversions, for reporting (label → ms). */
export const timings: { label: string; ms: number }[] = [];

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export function sofficePath(): string {
  const p = process.env.SOFFICE ?? which('soffice') ?? which('libreoffice');
  if (!p) throw new Error(`LibreOffice (soffice) was not found on PATH. ${INSTALL_HINT}`);
  return p;
}

function pdftoppmPath(): string {
  const p = which('pdftoppm');
  if (!p) throw new Error(`pdftoppm (poppler-utils) was not found on PATH. ${INSTALL_HINT}`);
  return p;
}

function run(cmd: string, args: string[], timeoutMs = 120_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(cmd)} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A private profile (one per call: soffice refuses to share a profile between processes). */
function makeProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  fs.mkdirSync(path.join(dir, 'user'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user', 'registrymodifications.xcu'), RECALC_XCU);
  return dir;
}

/**
 * One LibreOffice conversion. Under load a fresh profile's first start occasionally exits 0
 * without writing anything, so the conversion is retried (up to 3 tries) until `produced()` holds.
 */
async function soffice(label: string, args: string[], produced: () => boolean): Promise<void> {
  let lastOutput = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const profile = makeProfile();
    const started = Date.now();
    try {
      const { stdout, stderr } = await run(sofficePath(), [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        ...args,
      ]);
      lastOutput = `${stdout}${stderr}`.trim();
    } finally {
      timings.push({ label: attempt > 1 ? `${label} (try ${attempt})` : label, ms: Date.now() - started });
      fs.rmSync(profile, { recursive: true, force: true });
    }
    if (produced()) return;
  }
  throw new Error(`LibreOffice produced nothing for ${label} after 3 tries; it said: ${lastOutput || '(nothing)'}`);
}

/** Minimal RFC 4180 CSV parser (LibreOffice quotes text with "…", doubles inner quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Open the workbook in LibreOffice with recalculation forced, and return every sheet's
 * values as text (raw, unformatted), keyed by sheet name.
 *
 * The filter options 44,34,76,1,,0,false,true,false,false,false,-1 mean: comma, double
 * quote, UTF-8, start row 1, …, "save cell contents as shown" = false (raw values), and
 * sheet -1 = every sheet to its own file, named <input base>-<sheet name>.csv.
 */
export async function recalculate(xlsxPath: string, sheetNames?: string[]): Promise<Map<string, string[][]>> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-csv-'));
  try {
    const src = path.resolve(xlsxPath);
    const csvFiles = () => fs.readdirSync(outDir).filter((f) => f.endsWith('.csv'));
    await soffice(
      `recalculate ${path.basename(src)} → csv`,
      ['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', outDir, src],
      () => csvFiles().length > 0,
    );
    const base = path.basename(src).replace(/\.[^.]+$/, '');
    const files = csvFiles();
    const out = new Map<string, string[][]>();
    for (const f of files) {
      const stem = f.slice(0, -4);
      const sheet = stem.startsWith(`${base}-`) ? stem.slice(base.length + 1) : stem;
      out.set(sheet, parseCsv(fs.readFileSync(path.join(outDir, f), 'utf8').replace(/^\uFEFF/, '')));
    }
    // LibreOffice replaces characters that cannot be in a file name; map back when names are given.
    if (sheetNames) {
      for (const name of sheetNames) {
        if (out.has(name)) continue;
        const fileSafe = name.replace(/[\\/:*?"<>|]/g, '_');
        const hit = [...out.keys()].find((k) => k === fileSafe);
        if (hit) {
          out.set(name, out.get(hit) as string[][]);
          out.delete(hit);
        }
      }
    }
    return out;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Convert to PDF with LibreOffice (recalculated), returning the PDF path in outDir. */
export async function convertToPdf(xlsxPath: string, outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const src = path.resolve(xlsxPath);
  const pdf = path.join(path.resolve(outDir), `${path.basename(src).replace(/\.[^.]+$/, '')}.pdf`);
  fs.rmSync(pdf, { force: true });
  await soffice(`${path.basename(src)} → pdf`, ['--convert-to', 'pdf', '--outdir', path.resolve(outDir), src], () => fs.existsSync(pdf));
  return pdf;
}

/** Render every printed page to PNG (via PDF and pdftoppm -png -r 80); returns the PNG paths. */
export async function renderToPng(xlsxPath: string, outDir: string): Promise<string[]> {
  const ppm = pdftoppmPath();
  const pdf = await convertToPdf(xlsxPath, outDir);
  const prefix = pdf.replace(/\.pdf$/, '');
  const started = Date.now();
  await run(ppm, ['-png', '-r', '80', pdf, prefix]);
  timings.push({ label: `${path.basename(pdf)} → png`, ms: Date.now() - started });
  const stem = path.basename(prefix);
  return fs
    .readdirSync(path.dirname(prefix))
    .filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(path.dirname(prefix), f));
}

/** Round-trip through LibreOffice: open the .xlsx and save it as .xlsx again ("Calc MS Excel 2007 XML"). */
export async function roundTripXlsx(xlsxPath: string, outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const src = path.resolve(xlsxPath);
  const out = path.join(path.resolve(outDir), path.basename(src).replace(/\.[^.]+$/, '.xlsx'));
  if (out === src) throw new Error(`roundTripXlsx: outDir must differ from the folder of ${src}`);
  fs.rmSync(out, { force: true });
  await soffice(
    `${path.basename(src)} → xlsx`,
    ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.resolve(outDir), src],
    () => fs.existsSync(out),
  );
  return out;
}

/** Page count of a PDF (counts /Type /Page objects; enough for LibreOffice's output). */
export function pdfPageCount(pdfPath: string): number {
  const text = fs.readFileSync(pdfPath).toString('latin1');
  return (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

export interface RgbImage {
  width: number;
  height: number;
  /** RGB triples, row-major. */
  data: Buffer;
}

/** Rasterise one PDF page (1-based) with pdftoppm to raw RGB pixels, for assertions on drawings. */
export async function rasterisePage(pdfPath: string, page: number, dpi = 80): Promise<RgbImage> {
  const ppm = pdftoppmPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppm-'));
  try {
    const prefix = path.join(dir, 'p');
    await run(ppm, ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
    const buf = fs.readFileSync(`${prefix}.ppm`);
    // P6\n<width> <height>\n<max>\n<binary>
    let pos = 0;
    const tokens: string[] = [];
    while (tokens.length < 4) {
      while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
      if (buf[pos] === 0x23) {
        while (buf[pos] !== 0x0a) pos++;
        continue;
      }
      let tok = '';
      while (!/\s/.test(String.fromCharCode(buf[pos]))) tok += String.fromCharCode(buf[pos++]);
      tokens.push(tok);
    }
    pos++; // the single whitespace after maxval
    if (tokens[0] !== 'P6') throw new Error(`Unexpected pdftoppm output ${tokens[0]}`);
    return { width: Number(tokens[1]), height: Number(tokens[2]), data: buf.subarray(pos) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Pixels within `tolerance` (per channel) of the colour "RRGGBB". */
export function countColour(img: RgbImage, hex: string, tolerance = 24): number {
  const r = parseInt(hex.slice(0, 2), 16);
  const g = parseInt(hex.slice(2, 4), 16);
  const b = parseInt(hex.slice(4, 6), 16);
  let n = 0;
  for (let i = 0; i + 2 < img.data.length; i += 3) {
    if (Math.abs(img.data[i] - r) <= tolerance && Math.abs(img.data[i + 1] - g) <= tolerance && Math.abs(img.data[i + 2] - b) <= tolerance) n++;
  }
  return n;
}
