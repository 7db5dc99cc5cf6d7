import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type WorkerEngine } from '../src/index.js';
import { bundle, fixture } from './fixtures/bundle.js';
import { nodeWorker, type NodeWorkerLike } from './fixtures/node-worker.js';

// The remote source in the real src/worker.ts on a real thread (bundled with esbuild, started
// with node:worker_threads): fetch from the worker, the result and a proxy error crossing the
// thread boundary, and a per-customer analysis from summaries with the real @clvkit/analytics.
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
let server: Server;
let url: string;
let dir = '';
let realWorker = '';
const threads: NodeWorkerLike[] = [];
let engine: WorkerEngine;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      if (body.info) return json(res, 200, { info: { time: { timeZone: 'UTC', weekStart: 1 }, timeExtent: [T0, T0 + 10 * DAY], sessions: 3 } });
      if (body.summaries) {
        const row = (client: string, orders: number, last: number) => ({ client, sessions: orders, firstSessionAt: T0, lastSessionAt: last, orders, firstOrderAt: T0, lastOrderAt: last, revenue: 10 * orders, discount: 0, firstOrderRevenue: 10, promotionOrders: 0 });
        return json(res, 200, { rows: [row('a', 2, T0 + 10 * DAY), row('b', 3, T0 + 2 * DAY), row('c', 1, T0)], after: null });
      }
      const request = body.request as { spec: { kind: string; name?: string } };
      if (request.spec.kind === 'aggregate') return json(res, 200, { result: { rows: [{ orders: 6 }] } });
      if (request.spec.name === 'churn') return json(res, 422, { error: { code: 'unsupported', message: 'analysis "churn": is not pushed down' } });
      json(res, 403, { error: { code: 'forbidden', message: 'not allowed to query this data' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
  dir = mkdtempSync(join(tmpdir(), 'clvkit-remote-'));
  realWorker = await bundle(fixture('real-worker-entry.ts'), dir, 'real-worker');
  engine = createEngine({
    source: { kind: 'remote', endpoint: url },
    worker: () => {
      const thread = nodeWorker(realWorker);
      threads.push(thread);
      return thread as unknown as Worker;
    },
  });
}, 60_000);

afterAll(async () => {
  engine?.destroy();
  await Promise.all(threads.map((thread) => thread.exited));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('remote source in a real worker thread', () => {
  it('loads, answers an aggregate, runs churn from summaries, and rebuilds the proxy error by name', async () => {
    expect((await engine.ready()).timeExtent).toEqual([T0, T0 + 10 * DAY]);
    expect((await engine.query({ kind: 'aggregate', measures: ['orders'] })).rows).toEqual([{ orders: 6 }]);
    // Hand-computed: repeat buyers a (gap 10 d) and b (gap 1 d): mean gap 5.5 d; as of T0 + 10 d,
    // a (0 d ago) is engaged, b (8 d) and c (10 d) are not: churn = 1 − 1/3.
    expect((await engine.query({ kind: 'analysis', name: 'churn' })).rows).toEqual([{ avgGapDays: 5.5, repeatBuyers: 2, buyers: 3, engaged: 1, churn: 1 - 1 / 3 }]);
    const error = await engine.query({ kind: 'analysis', name: 'kpis' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.name).toBe('RemoteSourceError');
    expect(error?.message).toBe('not allowed to query this data (data endpoint: 403 forbidden)');
  }, 60_000);
});
