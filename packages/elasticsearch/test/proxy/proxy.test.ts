import { afterEach, describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/proxy/errors.js';
import type { QueryEngine } from '../../src/proxy/handler.js';
import { FAKE_ENGINE, startProxy, VALID_REQUEST, VALID_SUMMARIES, type ProxyHarness } from './harness.js';

let proxy: ProxyHarness;
afterEach(async () => {
  await proxy?.close();
});

const engineThrowing = (error: Error): QueryEngine => ({
  executeQuery: async () => {
    throw error;
  },
  executeSummaries: async () => {
    throw error;
  },
});

describe('proxy: the contract through Node http, the official client and the stand-in', () => {
  it('answers { result } for a request, ANDing the tenant clauses into the search', async () => {
    proxy = await startProxy({ tenantFilter: () => [{ term: { dimension: 'tenant-a' } }] });
    proxy.standIn.load('clvkit-orders', [['t', { client: 'c3', dimension: 'tenant-a' }]]);
    const { status, json, headers } = await proxy.post(VALID_REQUEST);
    expect(status).toBe(200);
    // Three documents stored, one of the tenant (the stand-in evaluates the term clause).
    expect(json).toEqual({ result: { rows: [{ documents: 1 }], meta: { spec: 'aggregate' } } });
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('access-control-allow-origin')).toBeNull();
    const search = proxy.standIn.requests.find((r) => r.path.endsWith('/_search'))!;
    expect(search.path).toBe('/clvkit-orders/_search');
    const body = JSON.parse(search.body);
    expect(body.query.bool.filter).toEqual([{ term: { dimension: 'tenant-a' } }]);
    expect(body.timeout).toMatch(/^\d+ms$/);
    expect(search.headers.accept).toBe('application/vnd.elasticsearch+json; compatible-with=8');
  });

  it('fails with 502 against an 8.x cluster when told to keep the 9.x client headers', async () => {
    proxy = await startProxy({ restCompatibility: null });
    const r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(502);
    expect(String((proxy.errors[0].error as Error).message)).toMatch(/media_type_header_exception/);
  });

  it('answers { rows, after } for summaries', async () => {
    proxy = await startProxy();
    const { status, json } = await proxy.post(VALID_SUMMARIES);
    expect(status).toBe(200);
    expect(json).toEqual({ rows: [{ client: 'c1', orders: 1 }], after: { client: 'c1' } });
    const next = await proxy.post({ summaries: { filter: { mode: 'and', predicates: [] }, after: { client: 'c1' } } });
    expect(next.json.after).toBeNull();
  });

  it('works as a Fetch-API handler too', async () => {
    proxy = await startProxy();
    const response = await proxy.handler.fetch(new Request('http://host/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(VALID_REQUEST) }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: unknown }).result).toBeTruthy();
  });

  it('maps cluster failures to 502/503/504 without leaking cluster details, logging them via onError', async () => {
    proxy = await startProxy({ limits: { timeoutMs: 150 } });
    proxy.standIn.faults.failNext = 1;
    proxy.standIn.faults.errorStatus = 500;
    let r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(502);
    expect(r.json.error).toEqual({ code: 'upstream', message: 'the data store could not answer this query' });
    expect(JSON.stringify(r.json)).not.toMatch(/cluster_block|clvkit-orders|127\.0\.0\.1|stand-in/);
    expect(String((proxy.errors.at(-1)!.error as Error).message)).toMatch(/cluster_block_exception/);

    proxy.standIn.faults.failNext = 1;
    proxy.standIn.faults.errorStatus = 429;
    r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('cluster-busy');
    expect(r.headers.get('retry-after')).toBe('1');

    proxy.standIn.faults.malformedNext = 1;
    r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(502);
    expect(r.json.error.code).toBe('upstream');

    proxy.standIn.faults.delayMs = 1000;
    r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(504);
    expect(r.json.error.code).toBe('timeout');
    proxy.standIn.faults.delayMs = 0;
  });

  it('maps a cluster that cannot be reached to 502', async () => {
    proxy = await startProxy();
    await proxy.standIn.close();
    const r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(502);
    expect(r.json.error.code).toBe('upstream');
  });

  it('maps the query layer errors: unsupported and limits 422, unknown fields 400, anything else 500', async () => {
    const cases: [Error, number, string][] = [
      [Object.assign(new Error('analysis "journey": needs the raw order log'), { name: 'UnsupportedQueryError' }), 422, 'unsupported'],
      [Object.assign(new Error('The query needs more than maxBuckets = 10'), { name: 'QueryLimitError' }), 422, 'query-limit'],
      [Object.assign(new Error('unknown field "x"'), { name: 'UnknownFieldError' }), 400, 'invalid-request'],
      [Object.assign(new Error('timed out'), { name: 'SearchResponseError', reason: 'timeout' }), 504, 'timeout'],
      [new TypeError('cannot read properties of undefined (secret detail)'), 500, 'internal'],
    ];
    for (const [error, status, code] of cases) {
      proxy = await startProxy({ engine: engineThrowing(error) } as never);
      const r = await proxy.post(VALID_REQUEST);
      expect(r.status).toBe(status);
      expect(r.json.error.code).toBe(code);
      expect(r.json.error.message).not.toMatch(/secret detail/);
      await proxy.close();
    }
    proxy = undefined as never;
  });

  it('rate-limits per key with 429 and retry-after', async () => {
    proxy = await startProxy({ rateLimit: { requests: 2, perMs: 60_000, key: (request) => request.headers.get('x-user') ?? 'anon' } });
    const as = (user: string) => proxy.post(VALID_REQUEST, { headers: { 'content-type': 'application/json', 'x-user': user } });
    expect((await as('a')).status).toBe(200);
    expect((await as('a')).status).toBe(200);
    const third = await as('a');
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate-limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await as('b')).status).toBe(200);
    expect(proxy.searches()).toBe(3);
  });

  it('refuses bodies over maxBodyBytes with 413, declared or streamed', async () => {
    proxy = await startProxy({ limits: { maxBodyBytes: 300 } });
    const big = JSON.stringify({ request: { ...VALID_REQUEST.request, filter: { mode: 'and', predicates: [{ type: 'in', field: 'dimension', values: Array(50).fill('web') }] } } });
    let r = await proxy.post(big);
    expect(r.status).toBe(413);
    expect(r.json.error).toEqual({ code: 'too-large', message: 'the body is larger than 300 bytes' });
    // Without a content-length (a stream): counted while read.
    const response = await proxy.handler.fetch(new Request('http://host/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Blob([big]).stream(), duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(200);
    expect(proxy.searches()).toBe(1);
  });

  it('checks authorize before reading the body: false 403, a throw 401, a ProxyError as thrown', async () => {
    proxy = await startProxy({ authorize: (request) => {
      const auth = request.headers.get('authorization');
      if (!auth) throw new Error('no token');
      if (auth === 'Bearer teapot') throw new ProxyError('forbidden', 'tokens of this kind cannot query');
      return auth === 'Bearer good';
    } });
    const withAuth = (auth?: string) => proxy.post(VALID_REQUEST, { headers: { 'content-type': 'application/json', ...(auth && { authorization: auth }) } });
    expect((await withAuth()).status).toBe(401);
    expect((await withAuth()).json.error).toEqual({ code: 'unauthorized', message: 'authentication required' });
    expect((await withAuth('Bearer bad')).status).toBe(403);
    expect((await withAuth('Bearer teapot')).json.error.message).toBe('tokens of this kind cannot query');
    expect((await withAuth('Bearer good')).status).toBe(200);
    expect(proxy.searches()).toBe(1);
  });

  it('refuses with 403 when the tenant filter returns null or throws', async () => {
    proxy = await startProxy({ tenantFilter: (request) => (request.headers.get('x-tenant') === 't1' ? [{ term: { dimension: 't1' } }] : null) });
    expect((await proxy.post(VALID_REQUEST)).status).toBe(403);
    expect((await proxy.post(VALID_REQUEST, { headers: { 'content-type': 'application/json', 'x-tenant': 't1' } })).status).toBe(200);
    await proxy.close();
    proxy = await startProxy({ tenantFilter: () => {
      throw new Error('db down');
    } });
    const r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(403);
    expect(r.json.error.message).not.toMatch(/db down/);
    expect(proxy.searches()).toBe(0);
  });

  it('accepts POST with application/json only; CORS only when configured', async () => {
    proxy = await startProxy();
    const get = await fetch(proxy.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await proxy.post(VALID_REQUEST, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const preflight = await fetch(proxy.url, { method: 'OPTIONS' });
    expect(preflight.status).toBe(405);
    await proxy.close();
    proxy = await startProxy({ cors: { origin: 'https://shop.example' } });
    const options = await fetch(proxy.url, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await proxy.post(VALID_REQUEST)).headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('sends searches only to allowed indices and never with scripts (the last gate)', async () => {
    const rogue = (index: string, body: Record<string, unknown>): QueryEngine => ({
      ...FAKE_ENGINE,
      executeQuery: async (_request, options) => {
        await options.search(index, body, options.signal);
        return { rows: [] };
      },
    });
    proxy = await startProxy({ engine: rogue('.security', { size: 0 }) } as never);
    expect((await proxy.post(VALID_REQUEST)).status).toBe(500);
    await proxy.close();
    proxy = await startProxy({ engine: rogue('clvkit-orders', { size: 0, aggs: { x: { sum: { script: { source: 'doc' } } } } }) } as never);
    expect((await proxy.post(VALID_REQUEST)).status).toBe(500);
    await proxy.close();
    proxy = await startProxy({ engine: rogue('clvkit-orders', { size: 0, runtime_mappings: {} }) } as never);
    const r = await proxy.post(VALID_REQUEST);
    expect(r.status).toBe(500);
    expect(r.json.error.message).not.toMatch(/runtime_mappings/);
    expect(proxy.searches()).toBe(0);
  });
});
