import { createReadStream, statSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.wasm': 'application/wasm' };

/**
 * A tiny static-file middleware (connect style) for built files, so the demo server needs no
 * extra dependency. Refuses paths that leave `dir`.
 */
export default function serveStatic(dir) {
  const base = normalize(dir);
  return (req, res, next) => {
    const path = normalize(join(base, decodeURIComponent((req.url ?? '/').split('?')[0])));
    if (!path.startsWith(base)) return next();
    let stat;
    try { stat = statSync(path); } catch { return next(); }
    if (!stat.isFile()) return next();
    res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', stat.size);
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(path).pipe(res);
  };
}
