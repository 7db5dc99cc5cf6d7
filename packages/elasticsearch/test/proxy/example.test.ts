import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../../../examples/elasticsearch/app.js';
import { clientFromEnv } from '../../src/proxy/client.js';

// The example's server side in --stand-in mode: the sample shop ingested into the stand-in
// through the real ingest path, the layout read back from the mappings, the proxy answering.
let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ standIn: true, orders: 300 });
});
afterAll(async () => {
  await backend.close();
});

const post = (body: unknown) =>
  backend.proxy.fetch(new Request('http://host/api/clvkit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe('examples/elasticsearch backend (stand-in mode)', () => {
  it('reads the action and attribute names back from the created mappings', () => {
    expect(backend.layout.orderActions).toEqual(['has_basket', 'order_screen']);
    expect(backend.layout.customerAttributes).toContain('gender');
  });

  it('answers the kpis analysis with the 300 orders of the sample shop', async () => {
    const response = await post({ request: { spec: { kind: 'analysis', name: 'kpis' }, filter: { mode: 'and', predicates: [] } } });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { rows: { metric: string; value: number }[] } };
    expect(result.rows.find((r) => r.metric === 'orders')!.value).toBe(300);
  });

  it('pages customer summaries', async () => {
    const response = await post({ summaries: { filter: { mode: 'and', predicates: [] }, size: 10 } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { rows: unknown[]; after: unknown };
    expect(page.rows).toHaveLength(10);
    expect(page.after).not.toBeNull();
  });
});

describe('clientFromEnv', () => {
  it('needs a node and both halves of a basic login', () => {
    expect(() => clientFromEnv({})).toThrow(/set ES_URL/);
    expect(() => clientFromEnv({ ES_URL: 'http://x', ES_PASSWORD: 'p' })).toThrow(/both ES_USERNAME and ES_PASSWORD/);
    expect(clientFromEnv({ ES_URL: 'http://127.0.0.1:9' })).toBeTruthy();
  });
});
