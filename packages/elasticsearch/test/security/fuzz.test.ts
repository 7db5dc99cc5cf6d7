import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyHandler, type ProxyHandler } from '../../src/proxy/index.js';
import { LAYOUT, startProxy, type ProxyHarness } from '../proxy/harness.js';

// Fuzzing the proxy (issue 7, "The proxy"): random JSON, and valid bodies with one malicious
// change, are always answered 4xx with a JSON error and never reach the cluster; random
// well-formed requests over allowed fields may run, but never 5xx and never off the allow-list.

const ALLOWED = { sessions: ['session_start', 'payment_amount', 'dimension', 'client', 'has_purchased', 'promotion_id'], lines: ['product', 'category'] };
const ALLOWED_INDICES = new Set([LAYOUT.orders, LAYOUT.customers, LAYOUT.messages]);

let proxy: ProxyHarness;
let handler: ProxyHandler;
beforeAll(async () => {
  proxy = await startProxy();
  proxy.standIn.load(LAYOUT.orders, [
    ['1', { order_id: '1', client: 'c1', session_start: 1_700_000_000_000, has_purchased: true, payment_amount: 10, discount_amount: 0, promotion_id: null, dimension: 'web', actions: {}, basket: [{ product: 'p', category: 'a/b', description: null, price: 10, quantity: 1 }] }],
    ['2', { order_id: '2', client: 'c2', session_start: 1_700_100_000_000, has_purchased: false, payment_amount: 0, discount_amount: 0, promotion_id: 'P', dimension: 'app', actions: {}, basket: [] }],
  ]);
  handler = createProxyHandler({ client: proxy.client, layout: LAYOUT, allow: { fields: ALLOWED }, limits: { maxBodyBytes: 32_768, timeoutMs: 5_000 } });
});
afterAll(async () => {
  await proxy.close();
});

async function send(text: string) {
  const response = await handler.fetch(new Request('http://host/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));
  const json = (await response.json()) as Record<string, any>;
  return { status: response.status, json };
}

/** Every search that reached the stand-in went to an allowed index. */
function searchedIndices(): string[] {
  return proxy.standIn.requests.filter((r) => r.path.endsWith('/_search')).map((r) => r.path.split('/')[1]);
}

const field = fc.constantFrom(...ALLOWED.sessions, ...ALLOWED.lines.map((f) => `lines.${f}`));
const value = fc.oneof(fc.constantFrom('web', 'app', 'p', 'a/b', 'c1'), fc.integer({ min: -5, max: 5 }), fc.boolean());
const predicate = fc.oneof(
  fc.record({ type: fc.constant('in'), field, values: fc.array(value, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('present'), field, present: fc.boolean() }),
  fc.tuple(field, fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 0, max: 2e12 })).map(([f, a, b]) => ({ type: 'interval', field: f, range: [Math.min(a, b), Math.max(a, b)] })),
  fc.record({ type: fc.constant('prefix'), field: fc.constantFrom('lines.category', 'dimension'), values: fc.array(fc.constantFrom('a', 'a/b'), { maxLength: 2 }) }),
);
const filter = fc.record({ mode: fc.constantFrom('and', 'or'), predicates: fc.array(predicate, { maxLength: 3 }) });
const spec = fc.oneof(
  fc.record(
    {
      kind: fc.constant('aggregate'),
      table: fc.constantFrom('sessions', 'lines'),
      groupBy: fc.array(fc.record({ field, bucket: fc.constantFrom('day', 'month', 'hourOfDay', 'dayOfWeek', 'week') }, { requiredKeys: ['field'] }), { maxLength: 2 }),
      measures: fc.uniqueArray(fc.constantFrom('orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'lineRevenue', 'lines', 'averageOrderValue'), { minLength: 1, maxLength: 3 }),
      limit: fc.integer({ min: 1, max: 50 }),
      fill: fc.boolean(),
    },
    { requiredKeys: ['kind', 'measures'] },
  ),
  fc.record({ kind: fc.constant('analysis'), name: fc.constantFrom('kpis', 'daily_orders', 'hourly_orders', 'monthly_orders', 'weekly_orders', 'most_ordered_products', 'dimension_values', 'rfm', 'churn') }),
);
const validBody = fc.oneof(
  fc.record({ request: fc.record({ spec, filter }) }),
  fc.record({ summaries: fc.record({ filter, size: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ['filter'] }) }),
  fc.record({ activity: fc.record({ filter, size: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ['filter'] }) }),
);

const MALICIOUS_STRINGS = ['(a+)+$', '(.*a){25}', '" OR 1=1 --', '*', '{"match_all":{}}', '\\u0000', 'a\u0000b', '.*', '${jndi:ldap://x}', '<script>', "doc['x'].value", 'x'.repeat(400)];
const MALICIOUS_KEYS = ['__proto__', 'constructor', 'prototype', 'script', 'script_fields', 'query', 'aggs', 'runtime_mappings', 'regexp', '_source'];

/** Applies one malicious change at a random place of a JSON value. */
type Mutation = (body: unknown, pick: number) => string;
const mutations: Record<string, Mutation> = {
  addKey: (body, pick) => {
    const key = MALICIOUS_KEYS[pick % MALICIOUS_KEYS.length];
    const text = JSON.stringify(body);
    // Insert as raw text so "__proto__" is a real key of the parsed object.
    const objects = [...text.matchAll(/\{/g)].map((m) => m.index!);
    const at = objects[pick % objects.length] + 1;
    return `${text.slice(0, at)}${JSON.stringify(key)}:{"source":"ctx._source"},${text.slice(at)}`;
  },
  badString: (body, pick) => JSON.stringify(replaceStrings(body, pick, MALICIOUS_STRINGS[pick % MALICIOUS_STRINGS.length])),
  unknownField: (body, pick) => JSON.stringify(replaceField(body, ['secret', 'customers.email', 'messages.campaign', '_id', 'basket.price'][pick % 5])),
  deep: (body, pick) => JSON.stringify({ ...(body as object), x: nest(20 + (pick % 200)) }),
  hugeArray: (body) => JSON.stringify(replaceArrays(body, Array.from({ length: 1001 }, () => 'web'))),
  nonFinite: (body) => JSON.stringify(body).replace(/(\d+)(?=[,\]}])/, '1e999'),
};

describe('fuzz: the proxy never lets anything odd through', () => {
  it('answers random JSON with a 4xx JSON error and no cluster request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (body) => {
        const before = searchedIndices().length;
        const { status, json } = await send(JSON.stringify(body));
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(typeof json.error.code).toBe('string');
        expect(typeof json.error.message).toBe('string');
        expect(searchedIndices().length).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('answers valid bodies with one malicious change with a 4xx and no cluster request', async () => {
    await fc.assert(
      fc.asyncProperty(validBody, fc.constantFrom(...Object.keys(mutations)), fc.nat(), async (body, mutation, pick) => {
        const text = mutations[mutation](body, pick);
        if (text === JSON.stringify(body)) return; // nothing to change in this body (e.g. no strings)
        const before = searchedIndices().length;
        const { status, json } = await send(text);
        expect(status, `${mutation}: ${text.slice(0, 200)} -> ${JSON.stringify(json)}`).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(typeof json.error.message).toBe('string');
        expect(searchedIndices().length).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it('runs random well-formed requests without a 5xx and only against allowed indices', async () => {
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const { status, json } = await send(JSON.stringify(body));
        statuses[status] = (statuses[status] ?? 0) + 1;
        expect([200, 400, 403, 422], `${JSON.stringify(body)} -> ${status} ${JSON.stringify(json)}`).toContain(status);
        for (const index of searchedIndices()) expect(ALLOWED_INDICES.has(index)).toBe(true);
      }),
      { numRuns: 150 },
    );
    // Not vacuous: most of them ran on the stand-in.
    expect(statuses[200] ?? 0).toBeGreaterThan(50);
    console.log('fuzz: statuses of well-formed requests', statuses);
  });
});

function nest(depth: number): unknown {
  let value: unknown = 'x';
  for (let k = 0; k < depth; k++) value = k % 2 ? [value] : { a: value };
  return value;
}

function mapJson(value: unknown, f: (v: unknown, key: string | null) => unknown, key: string | null = null): unknown {
  const replaced = f(value, key);
  if (replaced !== value) return replaced;
  if (Array.isArray(value)) return value.map((v) => mapJson(v, f, null));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapJson(v, f, k)]));
  return value;
}

function replaceStrings(body: unknown, pick: number, bad: string): unknown {
  let seen = 0;
  // Replace one value string (not a key, not a kind/type/mode/measure tag).
  const targets: number[] = [];
  mapJson(body, (v, key) => {
    if (typeof v === 'string' && (key === null || key === 'field')) targets.push(seen++);
    return v;
  });
  if (targets.length === 0) return body;
  const chosen = pick % targets.length;
  let k = 0;
  return mapJson(body, (v, key) => (typeof v === 'string' && (key === null || key === 'field') && k++ === chosen ? bad : v));
}

function replaceField(body: unknown, name: string): unknown {
  return mapJson(body, (v, key) => (key === 'field' && typeof v === 'string' ? name : v));
}

function replaceArrays(body: unknown, array: unknown[]): unknown {
  return mapJson(body, (v, key) => (Array.isArray(v) && (key === 'predicates' || key === 'values' || key === 'measures') ? array : v));
}

