/**
 * A small static server for the benchmark: the built site (dist/) at `/`, with the single-page-app
 * fallback to index.html, and the benchmark driver (dist-bench/) at `/__bench/`. Loopback only.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.u8': 'application/octet-stream',
};

function resolveInside(root, urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  return path === root || path.startsWith(root + sep) ? path : null;
}

/** Starts the server on 127.0.0.1 at a free port; resolves to { url, close }. */
export function startStaticServer({ siteDir, benchDir }) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const [root, rest] = pathname.startsWith('/__bench/') ? [benchDir, pathname.slice('/__bench'.length)] : [siteDir, pathname];
    let file = resolveInside(root, rest);
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      if (extname(pathname) === '' && root === siteDir) file = join(siteDir, 'index.html');
      else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
