/**
 * The proxy as tests meet it: the stand-in cluster, the official client pointed at it, and the
 * proxy's Node handler mounted on a real http server on 127.0.0.1.
 */
import { Client } from '@elastic/elasticsearch';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { indexLayout } from '../../src/layout.js';
import { standardFields } from '../../src/proxy/allow-list.js';
import { createProxyHandlerWith, type ProxyHandler, type ProxyOptions, type QueryEngine } from '../../src/proxy/handler.js';
import { startStandIn, type StandIn, type StandInOptions } from '../stand-in/server.js';

export const LAYOUT = indexLayout({ orderActions: ['has_basket'], customerAttributes: ['gender'] });

/**
 * A fake query layer: one search on the orders index whose body carries the tenant clauses,
 * answering the hit count. Enough to see the plumbing (validation, tenant filter, client,
 * errors); the query layer itself is tested on its own.
 */
export const FAKE_ENGINE: QueryEngine = {
  async executeQuery(request, options) {
    const response = await options.search(options.layout.orders, { size: 0, track_total_hits: true, query: { bool: { filter: [...(options.extraFilters ?? [])] } } }, options.signal);
    const total = (response.hits as { total: { value: number } }).total.value;
    return { rows: [{ documents: total }], meta: { spec: request.spec.kind } };
  },
  async executeSummaries(input, options) {
    await options.search(options.layout.orders, { size: 0, query: { bool: { filter: [...(options.extraFilters ?? [])] } } }, options.signal);
    return { rows: [{ client: 'c1', orders: 1 }], after: input.after ? null : { client: 'c1' } };
  },
};

export interface ProxyHarness {
  readonly url: string;
  readonly standIn: StandIn;
  readonly client: Client;
  readonly handler: ProxyHandler;
  readonly errors: { error: unknown; status: number; code: string }[];
  /** POSTs `body` (JSON-encoded unless a string) to the proxy. */
  post(body: unknown, init?: RequestInit): Promise<{ status: number; headers: Headers; json: Record<string, any> }>;
  /** `_search` requests that reached the stand-in. */
  searches(): number;
  close(): Promise<void>;
}

export async function startProxy(overrides: Partial<ProxyOptions> = {}, standInOptions: StandInOptions = {}): Promise<ProxyHarness> {
  const standIn = await startStandIn(standInOptions);
  standIn.createIndex(LAYOUT.orders);
  standIn.load(LAYOUT.orders, [['a', { client: 'c1' }], ['b', { client: 'c2' }]]);
  const client = new Client({ node: standIn.url, maxRetries: 0 });
  const errors: ProxyHarness['errors'] = [];
  const handler = createProxyHandlerWith({
    client,
    layout: LAYOUT,
    allow: { fields: standardFields(LAYOUT) },
    engine: FAKE_ENGINE,
    onError: (error, info) => errors.push({ error, status: info.status, code: info.code }),
    ...overrides,
  } as ProxyOptions & { engine: QueryEngine });
  const server: Server = createServer(handler.node);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
  return {
    url,
    standIn,
    client,
    handler,
    errors,
    async post(body, init = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
    },
    searches: () => standIn.count(/_search$/),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.close();
      await standIn.close();
    },
  };
}

/** A valid request body. */
export const VALID_REQUEST = {
  request: {
    spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'] },
    filter: { mode: 'and', predicates: [{ type: 'in', field: 'dimension', values: ['web'] }] },
  },
};

/** A valid summaries body. */
export const VALID_SUMMARIES = { summaries: { filter: { mode: 'and', predicates: [] }, size: 100 } };
