import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type RemoteSource, type WorkerEngine } from '../src/index.js';
import { prepareSource } from '../src/prepare-source.js';

// The remote source against a fake proxy: a real Node http server on 127.0.0.1 answering the
// protocol (`{info}`, `{request}`, `{summaries}`) from a handler each test sets. The engine runs
// inline (the worker's code behind a MessageChannel), so fetch, aborts and errors go through
// exactly the code a browser worker runs.
type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let url: string;
let handler: Handler;
const received: Record<string, unknown>[] = [];
const closedEarly: string[] = [];
const engines: WorkerEngine[] = [];

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A proxy that knows `info` and answers aggregates with one row. */
function basicProxy(extra: Handler = (_b, _q, res) => json(res, 400, { error: { code: 'invalid-request', message: 'unexpected' } })): Handler {
  return (body, req, res) => {
    if (body.info) return json(res, 200, { info: { time: { timeZone: 'UTC', weekStart: 1 }, timeExtent: [T0, T0 + 30 * DAY], sessions: 10 } });
    const request = body.request as { spec: { kind: string; name?: string } } | undefined;
    if (request?.spec.kind === 'aggregate') return json(res, 200, { result: { rows: [{ orders: 3 }], meta: { groups: 1 } } });
    return extra(body, req, res);
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      received.push({ ...body, headers: { authorization: req.headers.authorization, contentType: req.headers['content-type'] } });
      res.on('close', () => {
        if (!res.writableEnded) closedEarly.push(JSON.stringify(body));
      });
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
});
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
  received.length = 0;
  closedEarly.length = 0;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function remoteEngine(source: Partial<RemoteSource> = {}): WorkerEngine {
  const engine = createEngine({ source: { kind: 'remote', endpoint: url, ...source }, worker: 'inline' });
  engines.push(engine);
  return engine;
}

describe('remote source: loading', () => {
  it('takes the time options, extent and session count the proxy tells with {info: true}, and sends the headers', async () => {
    handler = basicProxy();
    const info = await remoteEngine({ headers: { authorization: 'Bearer t' } }).ready();
    expect(info).toMatchObject({ timeExtent: [T0, T0 + 30 * DAY], time: { timeZone: 'UTC', weekStart: 1 }, tables: [{ name: 'sessions', length: 10 }] });
    expect(received[0]).toMatchObject({ info: true, headers: { authorization: 'Bearer t', contentType: 'application/json' } });
  });

  it('info: false skips the probe (for a server that would refuse it) and reads the data instead', async () => {
    handler = (body, _q, res) => {
      const request = body.request as { filter: { predicates: { range: [number, number] }[] }; spec: { groupBy: { bucket: string }[] } } | undefined;
      if (body.summaries) return json(res, 200, { rows: [{ client: 'a', firstSessionAt: T0 + 3_600_000 + 5, lastSessionAt: T0 + 3_600_000 + 9 }], after: null });
      if (!request) return json(res, 400, { error: { code: 'invalid-request', message: 'no' } });
      const bucket = request.spec.groupBy[0].bucket;
      // One session day (T0), its hour 01:00; the summaries of that hour give the exact instants.
      if (bucket === 'day') return json(res, 200, { result: { rows: [{ session_start: T0, sessions: 4 }] } });
      return json(res, 200, { result: { rows: [{ session_start: T0 + 3_600_000, sessions: 4 }] } });
    };
    const info = await remoteEngine({ info: false, time: { timeZone: 'Europe/London' } }).ready();
    expect(received.some((b) => 'info' in b)).toBe(false);
    expect(info).toMatchObject({ timeExtent: [T0 + 3_600_000 + 5, T0 + 3_600_000 + 9], time: { timeZone: 'Europe/London', weekStart: 1 }, tables: [{ length: 4 }] });
  });

  it('a proxy that cannot be reached fails the load with a message naming the endpoint', async () => {
    const engine = createEngine({ source: { kind: 'remote', endpoint: 'http://127.0.0.1:9/nothing' }, worker: 'inline' });
    engines.push(engine);
    await expect(engine.ready()).rejects.toThrow(/could not be reached/);
  });

  it('a relative endpoint outside a page is refused on the main thread with what to do', async () => {
    await expect(prepareSource({ kind: 'remote', endpoint: '/api/clvkit' })).rejects.toThrow(/must be absolute/);
    await expect(prepareSource({ kind: 'remote', endpoint: url, headers: { a: 1 as unknown as string } })).rejects.toThrow(/header "a" must be a string/);
  });
});

describe('remote source: queries', () => {
  it('answers an aggregate with the proxy result, and caches it like a dataset result', async () => {
    handler = basicProxy();
    const engine = remoteEngine();
    const spec = { kind: 'aggregate', measures: ['orders'] } as const;
    expect((await engine.query(spec)).rows).toEqual([{ orders: 3 }]);
    expect((await engine.query(spec)).rows).toEqual([{ orders: 3 }]);
    expect(received.filter((b) => 'request' in b)).toHaveLength(1);
    expect(await engine.stats()).toMatchObject({ cacheHits: 1, computations: 1 });
  });

  it('a 5xx error body reaches the widget with the proxy message, code and status', async () => {
    handler = basicProxy((_b, _q, res) => json(res, 502, { error: { code: 'upstream', message: 'the data store could not answer this query' } }));
    const error = await failure(remoteEngine().query({ kind: 'analysis', name: 'kpis' }));
    expect(error.name).toBe('RemoteSourceError');
    expect(error.message).toBe('the data store could not answer this query (data endpoint: 502 upstream)');
  });

  it('a 4xx answer without an error body still says the status', async () => {
    handler = basicProxy((_b, _q, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('nope');
    });
    const error = await failure(remoteEngine().query({ kind: 'analysis', name: 'kpis' }));
    expect(error.message).toMatch(/answered 403 with something other than JSON/);
  });

  it('times out after timeoutMs with a clear message, and closes the request', async () => {
    handler = basicProxy(() => undefined); // never answers
    const error = await failure(remoteEngine({ timeoutMs: 300 }).query({ kind: 'analysis', name: 'kpis' }));
    expect(error.name).toBe('RemoteSourceError');
    expect(error.message).toMatch(/did not answer within 300 ms/);
    await waitFor(() => closedEarly.length === 1);
  });

  it('an aborted query aborts its fetch: the proxy sees the connection closed', async () => {
    handler = basicProxy(() => undefined);
    const engine = remoteEngine();
    await engine.ready();
    const controller = new AbortController();
    const pending = engine.query({ kind: 'analysis', name: 'kpis' }, { signal: controller.signal });
    await waitFor(() => received.some((b) => 'request' in b));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await waitFor(() => closedEarly.length === 1);
  });

  it('a superseded query (same widget) aborts its fetch too', async () => {
    let calls = 0;
    handler = basicProxy((body, _q, res) => {
      calls++;
      if (calls === 1) return; // the first never answers
      json(res, 200, { result: { rows: [{ n: 2 }] } });
    });
    const engine = remoteEngine();
    await engine.ready();
    const first = engine.query({ kind: 'analysis', name: 'kpis' }, { source: 'w' });
    await waitFor(() => received.some((b) => 'request' in b));
    const second = engine.query({ kind: 'analysis', name: 'kpis', params: { x: 1 } }, { source: 'w' });
    await expect(first).rejects.toMatchObject({ name: 'StaleQueryError' });
    expect((await second).rows).toEqual([{ n: 2 }]);
    await waitFor(() => closedEarly.length === 1);
  });

  it('sends a frame of queries concurrently, at most REMOTE_CONCURRENCY (6) at once', async () => {
    const held: ServerResponse[] = [];
    let most = 0;
    handler = basicProxy((body, _q, res) => {
      held.push(res);
      most = Math.max(most, held.filter((r) => !r.writableEnded).length);
      if (held.length === 6) setTimeout(() => held.forEach((r) => json(r, 200, { result: { rows: [{ ok: 1 }] } })), 50);
      else if (held.length > 6) json(res, 200, { result: { rows: [{ ok: 1 }] } });
    });
    const engine = remoteEngine();
    await engine.ready();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, k) => engine.query({ kind: 'analysis', name: 'kpis', params: { k } })));
    expect(answers.every((a) => a.rows[0].ok === 1)).toBe(true);
    expect(most).toBe(6);
  });

  it('prefetch is a no-op on a remote source', async () => {
    handler = basicProxy();
    const engine = remoteEngine();
    await engine.ready();
    engine.prefetch({ kind: 'aggregate', measures: ['orders'] }, { field: 'dimension' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.filter((b) => 'request' in b)).toHaveLength(0);
    expect((await engine.stats()).prefetches).toBe(0);
  });
});

/** Summary rows of `n` customers c000.. with 1..3 orders each (hand-made, not from the code under test). */
function summaryRows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const orders = (i % 3) + 1;
    const last = T0 + (30 - (i % 30)) * DAY;
    return { client: `c${String(i).padStart(3, '0')}`, sessions: orders, firstSessionAt: T0, lastSessionAt: last, orders, firstOrderAt: T0, lastOrderAt: last, revenue: 10 * orders, discount: 0, firstOrderRevenue: 10, promotionOrders: 0 };
  });
}

/** A proxy that refuses rfm as the Elasticsearch query layer does and pages `rows` by `size`. */
function summariesProxy(rows: Record<string, unknown>[]): Handler {
  return basicProxy((body, _q, res) => {
    const request = body.request as { spec: { name: string } } | undefined;
    if (request) return json(res, 422, { error: { code: 'unsupported', message: `analysis ${JSON.stringify(request.spec.name)}: is not pushed down to Elasticsearch aggregations` } });
    const { after, size = 1000 } = body.summaries as { after?: { client: string }; size?: number };
    const start = after ? rows.findIndex((r) => (r.client as string) > after.client) : 0;
    const page = rows.slice(start < 0 ? rows.length : start, (start < 0 ? rows.length : start) + size);
    json(res, 200, { rows: page, after: page.length === size ? { client: page[page.length - 1].client } : null });
  });
}

describe('remote source: per-customer analyses from summaries', () => {
  it('pages every summary (size, after) and runs churn on all of them', async () => {
    const rows = summaryRows(25);
    handler = summariesProxy(rows);
    const { rows: result } = await remoteEngine({ summaryPageSize: 10 }).query({ kind: 'analysis', name: 'churn' });
    const pages = received.filter((b) => 'summaries' in b) as { summaries: { after?: { client: string }; size: number } }[];
    expect(pages.map((p) => p.summaries.after?.client ?? null)).toEqual([null, 'c009', 'c019']);
    expect(pages.every((p) => p.summaries.size === 10)).toBe(true);
    // Hand-computed: 25 buyers; repeat buyers are i % 3 != 0 (16 of them); every gap is
    // (last − T0) / (orders − 1); engaged = last order within the mean gap of asOf = T0 + 30 d.
    const repeat = rows.filter((r) => (r.orders as number) > 1);
    const avgGap = repeat.reduce((s, r) => s + ((r.lastOrderAt as number) - T0) / DAY / ((r.orders as number) - 1), 0) / repeat.length;
    const engaged = rows.filter((r) => (T0 + 30 * DAY - (r.lastOrderAt as number)) / DAY <= avgGap).length;
    expect(result).toEqual([{ avgGapDays: avgGap, repeatBuyers: 16, buyers: 25, engaged, churn: 1 - engaged / 25 }]);
  });

  it('analyses of one filter share one summaries fetch; cancelling one does not fail the other', async () => {
    const rows = summaryRows(12);
    const page = summariesProxy(rows);
    handler = (body, req, res) => (body.summaries ? setTimeout(() => page(body, req, res), 150) : page(body, req, res));
    const engine = remoteEngine({ summaryPageSize: 100 });
    await engine.ready();
    const controller = new AbortController();
    const churn = engine.query({ kind: 'analysis', name: 'churn' }, { signal: controller.signal });
    const status = engine.query({ kind: 'analysis', name: 'customer_status' });
    await waitFor(() => received.some((b) => 'summaries' in b));
    controller.abort();
    await expect(churn).rejects.toMatchObject({ name: 'AbortError' });
    const { rows: statusRows } = await status;
    expect(statusRows.reduce((n, r) => n + (r.customers as number), 0)).toBe(12);
    expect(received.filter((b) => 'summaries' in b)).toHaveLength(1);
    expect(closedEarly).toHaveLength(0);
  });

  it('keeps the 64 most recently used page runs: an old filter is fetched again, a recent one is not', async () => {
    handler = summariesProxy(summaryRows(3));
    const engine = remoteEngine({ summaryPageSize: 100 });
    const filterOf = (k: number) => ({ mode: 'and' as const, predicates: [{ type: 'in' as const, field: 'dimension', values: [`d${k}`] }] });
    for (let k = 0; k <= 70; k++) await engine.query({ kind: 'analysis', name: 'churn' }, { filter: filterOf(k) });
    const fetchesOf = (k: number) => received.filter((b) => 'summaries' in b && JSON.stringify(b).includes(`"d${k}"`)).length;
    // customer_status of the same filters: a new query (not in the result cache), the same pages.
    await engine.query({ kind: 'analysis', name: 'customer_status' }, { filter: filterOf(70) });
    await engine.query({ kind: 'analysis', name: 'customer_status' }, { filter: filterOf(0) });
    expect(fetchesOf(70)).toBe(1);
    expect(fetchesOf(0)).toBe(2);
  });

  it('a proxy that lists its analyses in {info} gets no doomed request: churn goes straight to summaries', async () => {
    const pages = summariesProxy(summaryRows(5));
    handler = (body, req, res) =>
      body.info ? json(res, 200, { info: { time: { timeZone: 'UTC', weekStart: 1 }, timeExtent: [T0, T0 + 30 * DAY], sessions: 10, analyses: ['kpis'] } }) : pages(body, req, res);
    const { rows } = await remoteEngine().query({ kind: 'analysis', name: 'churn' });
    expect(rows[0].buyers).toBe(5);
    expect(received.filter((b) => 'request' in b)).toHaveLength(0);
  });

  it('stops with a clear error above maxSummaryRows', async () => {
    handler = summariesProxy(summaryRows(25));
    const error = await failure(remoteEngine({ summaryPageSize: 10, maxSummaryRows: 15 }).query({ kind: 'analysis', name: 'churn' }));
    expect(error.name).toBe('RemoteSourceError');
    expect(error.message).toMatch(/more than 15 customers; narrow the selection, or raise the source's maxSummaryRows/);
  });

  it('refuses a proxy whose after does not move (instead of looping)', async () => {
    handler = basicProxy((body, _q, res) => {
      if (body.request) return json(res, 422, { error: { code: 'unsupported', message: 'analysis "churn": is not pushed down' } });
      json(res, 200, { rows: summaryRows(2), after: { client: 'c001' } });
    });
    const error = await failure(remoteEngine().query({ kind: 'analysis', name: 'churn' }));
    expect(error.message).toMatch(/same summaries page twice/);
  });
});

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
