// Builds sheets-addon/dist/Sidebar.html: the sidebar page with its JS and CSS INLINED, because
// Apps Script serves only the project's own files (HtmlService.createHtmlOutputFromFile('Sidebar')).
//   sheets-addon/src/sidebar/Sidebar.template.html   the page, with /*__CSS__*/ and /*__JS__*/ slots
//   sheets-addon/src/sidebar/sidebar.css              the add-on look (a local stand-in for Google's add-on CSS)
//   sheets-addon/src/sidebar/main.ts                  the client script, bundled by esbuild as an IIFE
// Called by scripts/build.mjs after build-sheets-functions.mjs; also runs on its own.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SRC = path.join(ROOT, 'sheets-addon/src/sidebar');
const DIST = path.join(ROOT, 'sheets-addon/dist');
export const SIDEBAR_FILE = 'Sidebar.html';

/** Text that cannot end the inline element early, nor open an HTML comment inside it. */
const inlineSafe = (text, tag) => text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replace(/<!--/g, '<\\!--');

export default async function buildSheetsSidebar() {
  const result = await build({
    entryPoints: [path.join(SRC, 'main.ts')],
    bundle: true, format: 'iife', platform: 'browser', target: 'es2019',
    write: false, minify: false, legalComments: 'none', logLevel: 'warning', charset: 'utf8',
  });
  const js = inlineSafe(result.outputFiles[0].text, 'script');
  const css = inlineSafe(readFileSync(path.join(SRC, 'sidebar.css'), 'utf8'), 'style');
  const template = readFileSync(path.join(SRC, 'Sidebar.template.html'), 'utf8');
  if (!template.includes('/*__CSS__*/') || !template.includes('/*__JS__*/')) throw new Error('Sidebar.template.html lacks its /*__CSS__*/ or /*__JS__*/ slot');
  const html = template.replace('/*__CSS__*/', () => css).replace('/*__JS__*/', () => js);
  mkdirSync(DIST, { recursive: true });
  writeFileSync(path.join(DIST, SIDEBAR_FILE), html);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await buildSheetsSidebar();
}
