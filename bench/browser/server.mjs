/**
 * A static HTTP server for the benchmark: the built page at `/` and the CSV files under
 * `/data/`, through examples/static.mjs (no extra dependency), cross-origin isolated (for the
 * memory measurement). Listens on a free port.
 */
import { createServer } from 'node:http';
import serveStatic from '../../examples/static.mjs';

/**
 * Serves `pageDir` at / and `dataDir` at /data/; resolves with the base URL and a close function.
 * @param {string} pageDir
 * @param {string} dataDir
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve(pageDir, dataDir) {
  const page = serveStatic(pageDir);
  const data = serveStatic(dataDir);
  const notFound = (res) => () => {
    res.statusCode = 404;
    res.end('not found');
  };
  const server = createServer((req, res) => {
    // Cross-origin isolated, so the page may call performance.measureUserAgentSpecificMemory()
    // (which also counts the worker's memory).
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    if (req.url === '/' || req.url?.startsWith('/?')) req.url = '/index.html' + (req.url.slice(1) || '');
    if (req.url?.startsWith('/data/')) {
      req.url = req.url.slice('/data'.length);
      data(req, res, notFound(res));
      return;
    }
    page(req, res, notFound(res));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
