import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Node http `(req, res)` handler. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps a Fetch-API handler for Node's http server (and Express / Connect, which pass the same
 * objects). The request body is handed over as a stream, not read up front, so the size limit
 * and the checks before it (rate limit, authorize) apply before the bytes are buffered.
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeHandler {
  return (req, res) => {
    const host = typeof req.headers.host === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(`http://${host}${req.url ?? '/'}`, {
      method,
      headers,
      ...(hasBody && { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' }),
    } as RequestInit);
    handler(request)
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': String(body.byteLength) });
        res.end(body);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"error":{"code":"internal","message":"the proxy failed"}}');
      });
  };
}
