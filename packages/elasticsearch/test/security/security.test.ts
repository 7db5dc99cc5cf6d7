import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyHandler } from '../../src/proxy/index.js';
import { LAYOUT, startProxy, VALID_REQUEST, type ProxyHarness } from '../proxy/harness.js';

// Every body below is refused with a 4xx and a clear message, and no request reaches the
// stand-in cluster. The proxy runs the real query layer (`createProxyHandler`'s default engine).
let proxy: ProxyHarness;
beforeAll(async () => {
  proxy = await startProxy({ engine: undefined, limits: { maxBodyBytes: 16_384 } });
  // Replace the fake engine by the package's own: the handler the host would mount.
  const real = createProxyHandler({ client: proxy.client, layout: LAYOUT, allow: { fields: { sessions: ['session_start', 'payment_amount', 'dimension', 'client', 'has_purchased', 'promotion_id'], lines: ['product', 'category'] } }, limits: { maxBodyBytes: 16_384 } });
  (proxy as { handler: unknown }).handler = real;
});
afterAll(async () => {
  await proxy.close();
});

const send = async (body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await proxy.handler.fetch(new Request('http://host/api/clvkit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));
  return { status: response.status, json: (await response.json()) as { error: { code: string; message: string } } };
};

const request = (spec: unknown, predicates: unknown[] = []) => ({ request: { spec, filter: { mode: 'and', predicates } } });
const agg = (extra: Record<string, unknown> = {}) => ({ kind: 'aggregate', measures: ['orders'], ...extra });
const inValues = (values: unknown[], field = 'dimension') => request(agg(), [{ type: 'in', field, values }]);
const nested = (depth: number): unknown => (depth === 0 ? { type: 'in', field: 'dimension', values: ['a'] } : { type: 'and', predicates: [nested(depth - 1)] });

const CASES: [name: string, body: unknown, status: number, message: RegExp][] = [
  ['an unknown table', request(agg({ table: '.security' })), 400, /request\.spec\.table: must be one of sessions, lines, customers, messages/],
  ['a table not on the allow-list', request(agg({ table: 'customers' })), 403, /"customers" is not queryable/],
  ['an unknown field in a group key', request(agg({ groupBy: [{ field: 'secret_margin' }] })), 403, /groupBy\[0\]\.field: the field "secret_margin" is not on this endpoint's allow-list/],
  ['a field of a table left off', request(agg(), [{ type: 'present', field: 'customers.email', present: true }]), 403, /"customers\.email" is not on/],
  ['a field name with quotes', request(agg({ groupBy: [{ field: 'dimension"]}' }] })), 400, /must be a field name/],
  ['a wildcard field name', request(agg(), [{ type: 'in', field: '*', values: ['a'] }]), 400, /must be a field name/],
  ['raw DSL: query', { query: { match_all: {} } }, 400, /exactly one key, "request", "summaries", "activity", "customers", "messages" \(got "query"\); query DSL is not accepted/],
  ['raw DSL: aggs', { aggs: { x: { terms: { field: 'client' } } } }, 400, /query DSL is not accepted/],
  ['raw DSL beside a request', { ...VALID_REQUEST, query: { match_all: {} } }, 400, /exactly one key/],
  ['raw DSL inside a request', { request: { ...VALID_REQUEST.request, query: { match_all: {} } } }, 400, /request: unknown key "query"/],
  ['raw DSL inside a spec', request(agg({ aggs: { x: { max: { field: 'payment_amount' } } } })), 400, /request\.spec: unknown key "aggs"/],
  ['a script field in a spec', request(agg({ script_fields: { x: { script: 'doc["a"].value' } } })), 400, /unknown key "script_fields"/],
  ['a script in a predicate', request(agg(), [{ type: 'in', field: 'dimension', values: ['a'], script: { source: 'true' } }]), 400, /unknown key "script"/],
  ['a script as analysis params', request({ kind: 'analysis', name: 'daily_orders', params: { script: 'x' } }), 400, /params/],
  ['an unknown analysis', request({ kind: 'analysis', name: 'drop_indices' }), 400, /there is no analysis "drop_indices"/],
  ['an analysis param naming a field off the list', request({ kind: 'analysis', name: 'dimension_values', params: { field: 'customers.email' } }), 403, /params\.field: the field "customers\.email" is not on/],
  ['__proto__ at the top', '{"__proto__":{"polluted":true},"request":{"spec":{"kind":"aggregate","measures":["orders"]},"filter":{"mode":"and","predicates":[]}}}', 400, /the key "__proto__" is not accepted/],
  ['__proto__ in a predicate', '{"request":{"spec":{"kind":"aggregate","measures":["orders"]},"filter":{"mode":"and","predicates":[{"type":"in","field":"dimension","values":["a"],"__proto__":{"field":"x"}}]}}}', 400, /"__proto__" is not accepted/],
  ['constructor key', request(agg({ constructor: { prototype: { polluted: true } } })), 400, /"constructor" is not accepted/],
  ['prototype key', inValues([]).request.filter && { request: { spec: agg(), filter: { mode: 'and', predicates: [], prototype: 1 } } }, 400, /"prototype" is not accepted/],
  ['too deep a filter', request(agg(), [nested(30)]), 400, /nests deeper than 16 levels/],
  ['deep raw arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`, 400, /nests deeper than 16 levels/],
  ['a huge array', inValues(Array.from({ length: 1500 }, (_, k) => `v${k}`)), 400, /array longer than 1000 items/],
  ['a long string', inValues(['x'.repeat(300)]), 400, /string longer than 256 characters/],
  ['a regex DoS pattern in a value', inValues(['(a+)+$']), 400, /values\[0\]: the value contains characters this endpoint does not accept/],
  ['a regex DoS pattern in a prefix', request(agg(), [{ type: 'prefix', field: 'category', values: ['(.*a){20}'] }]), 400, /does not accept/],
  ['a quote injection', inValues(['" OR 1=1 --']), 400, /does not accept/],
  ['a wildcard value', inValues(['*']), 400, /does not accept/],
  ['a JSON fragment value', inValues(['{"match_all":{}}']), 400, /does not accept/],
  ['a control character', inValues(['a\u0000b']), 400, /does not accept/],
  ['an object as a value', inValues([{ match_all: {} }]), 400, /must be a string, a number or a boolean/],
  ['a non-finite number', '{"request":{"spec":{"kind":"aggregate","measures":["orders"]},"filter":{"mode":"and","predicates":[{"type":"interval","field":"payment_amount","range":[0,1e999]}]}}}', 400, /numbers must be finite/],
  ['an inverted range', request(agg(), [{ type: 'interval', field: 'payment_amount', range: [5, 1] }]), 400, /lo must not be greater than hi/],
  ['an unknown measure', request({ kind: 'aggregate', measures: ['_source'] }), 400, /measures\[0\]: unknown measure/],
  ['an unknown bucket', request(agg({ groupBy: [{ field: 'session_start', bucket: 'fortnight' }] })), 400, /bucket: must be one of/],
  ['a limit over the cap', request(agg({ limit: 1e9 })), 400, /limit: must be an integer from 1 to 10000/],
  ['a summaries page over the cap', { summaries: { filter: { mode: 'and', predicates: [] }, size: 1e6 } }, 400, /summaries\.size: must be an integer/],
  ['raw DSL inside an activity page', { activity: { filter: { mode: 'and', predicates: [] }, query: { match_all: {} } } }, 400, /activity: unknown key "query"/],
  ['an activity page over the cap', { activity: { filter: { mode: 'and', predicates: [] }, size: 1e6 } }, 400, /activity\.size: must be an integer/],
  ['a customers page with a filter', { customers: { filter: { mode: 'and', predicates: [] } } }, 400, /customers: unknown key "filter"/],
  ['script in a messages page', { messages: { script: { source: 'true' } } }, 400, /messages: unknown key "script"/],
  ['an object in a customers page after', { customers: { after: { client: { match_all: {} } } } }, 400, /customers\.after\.client: must be a string, a number or null/],
  ['a customers page when the table is not on the allow-list', { customers: {} }, 403, /customers: the customers table is not queryable on this endpoint/],
  ['a messages page when the table is not on the allow-list', { messages: { size: 10 } }, 403, /messages: the messages table is not queryable on this endpoint/],
  ['an object in after', { summaries: { filter: { mode: 'and', predicates: [] }, after: { client: { match_all: {} } } } }, 400, /summaries\.after\.client: must be a string, a number or null/],
  ['an unknown predicate type', request(agg(), [{ type: 'regexp', field: 'dimension', value: '.*' }]), 400, /type: must be one of interval, in, prefix, present, orders-in, and/],
  ['an unknown filter mode', { request: { spec: agg(), filter: { mode: 'xor', predicates: [] } } }, 400, /filter\.mode: must be "and" or "or"/],
  ['not JSON', '{"request": ', 400, /the body is not valid JSON/],
  ['an empty body', '', 400, /not valid JSON|empty/],
  ['a JSON array', '[]', 400, /must be a JSON object/],
  ['an oversized body', inValues(Array.from({ length: 900 }, (_, k) => `value-number-${k}`)), 413, /larger than 16384 bytes/],
];

describe('security: refused with 4xx and a clear message, nothing sent to the cluster', () => {
  it.each(CASES)('%s', async (_name, body, status, message) => {
    const before = proxy.searches();
    const { status: got, json } = await send(body);
    expect(got).toBe(status);
    expect(json.error.message).toMatch(message);
    expect(typeof json.error.code).toBe('string');
    expect(proxy.searches()).toBe(before);
  });

  it('leaves Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a missing authorization with 401 before reading the body', async () => {
    const guarded = createProxyHandler({ client: proxy.client, layout: LAYOUT, allow: { fields: { sessions: ['dimension'] } }, authorize: (r) => {
      if (!r.headers.get('authorization')) throw new Error('missing');
      return true;
    } });
    let read = false;
    const body = new ReadableStream({ pull(c) {
      read = true;
      c.enqueue(new TextEncoder().encode(JSON.stringify(VALID_REQUEST)));
      c.close();
    } }, { highWaterMark: 0 });
    const response = await guarded.fetch(new Request('http://host/', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(401);
    expect(read).toBe(false);
  });

  it('accepts the valid body the cases were made from (so the refusals are about what was changed)', async () => {
    const before = proxy.searches();
    const { status } = await send(request(agg({ groupBy: [{ field: 'dimension' }] }), [{ type: 'in', field: 'dimension', values: ["Men's shirts (L)", 'a/b', 'C++ 50% off'] }]));
    expect(status).toBe(200);
    expect(proxy.searches()).toBeGreaterThan(before);
  });
});
