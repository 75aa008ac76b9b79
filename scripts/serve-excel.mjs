// `npm run start:excel`: serve excel-addin/dist over HTTPS on https://localhost:3000 for sideloading,
// with the Office dev certificate (office-addin-dev-certs installs and trusts it on first run).
// Node's https only: no extra packages.
import { createServer } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { getHttpsServerOptions } from 'office-addin-dev-certs';

const ROOT = resolve('excel-addin/dist');
const PORT = Number(process.env.PORT || 3000);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
};

const options = await getHttpsServerOptions();
createServer(options, async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname);
    const file = normalize(join(ROOT, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(ROOT)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
    if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
    res.end(await readFile(file));
  } catch (e) {
    res.writeHead(e && e.code === 'ENOENT' ? 404 : 500, { 'Content-Type': 'text/plain' });
    res.end(e && e.code === 'ENOENT' ? 'Not found' : 'Server error');
  }
}).listen(PORT, () => console.log(`Serving ${ROOT} at https://localhost:${PORT}/taskpane.html (Ctrl+C to stop)`));
