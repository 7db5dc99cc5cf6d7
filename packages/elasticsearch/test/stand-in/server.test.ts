import { Client } from '@elastic/elasticsearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './server.js';

let standIn: StandIn;
let client: Client;
beforeEach(async () => {
  // Plays 9.x here, so the client's own headers pass; the 8.x refusal has its own test.
  standIn = await startStandIn({ version: 9 });
  client = new Client({ node: standIn.url, maxRetries: 0 });
});
afterEach(async () => {
  await client.close();
  await standIn.close();
});

describe('stand-in server, driven by the official client', () => {
  it('plays 8.x by default: refuses the 9.x client headers, accepts compatible-with=8', async () => {
    const eight = await startStandIn();
    const c = new Client({ node: eight.url, maxRetries: 0 });
    await expect(c.info()).rejects.toMatchObject({ meta: { statusCode: 400, body: { error: { type: 'media_type_header_exception' } } } });
    const compat = 'application/vnd.elasticsearch+json; compatible-with=8';
    expect((await c.info({}, { headers: { accept: compat, 'content-type': compat } })).version.number).toMatch(/^8\./);
    await c.close();
    await eight.close();
  });

  it('answers info and exists checks with the product header the client requires', async () => {
    const info = await client.info();
    expect(info.version.number).toMatch(/^9\./);
    expect(await client.ping()).toBe(true);
    expect(await client.indices.exists({ index: 'x' })).toBe(false);
  });

  it('creates indices, refuses a second create, stores bulk documents by id with per-item results', async () => {
    await client.indices.create({ index: 'i', mappings: { dynamic: 'strict', properties: { a: { type: 'keyword' }, n: { type: 'double' } } } });
    await expect(client.indices.create({ index: 'i' })).rejects.toMatchObject({ meta: { statusCode: 400 } });
    expect(await client.indices.exists({ index: 'i' })).toBe(true);
    const response = await client.bulk({
      operations: [
        { index: { _index: 'i', _id: '1' } }, { a: 'x', n: 1 },
        { index: { _index: 'i', _id: '1' } }, { a: 'y', n: 2 },
        { index: { _index: 'i', _id: '2' } }, { a: 'z', extra: true },
        { index: { _index: 'nope', _id: '3' } }, { a: 'x' },
      ],
    });
    expect(response.errors).toBe(true);
    expect(response.items.map((i) => [i.index!.status, i.index!.result ?? i.index!.error?.type])).toEqual([
      [201, 'created'], [200, 'updated'], [400, 'strict_dynamic_mapping_exception'], [404, 'index_not_found_exception'],
    ]);
    expect(standIn.indices.get('i')!.documents.get('1')).toEqual({ a: 'y', n: 2 });
    expect((await client.count({ index: 'i' })).count).toBe(1);
  });

  it('answers _search through evaluateSearch', async () => {
    standIn.load('i', [['1', { a: 'x', n: 1 }], ['2', { a: 'x', n: 2 }], ['3', { a: 'y', n: 4 }]]);
    const response = await client.search({ index: 'i', size: 0, query: { term: { a: 'x' } }, aggs: { total: { sum: { field: 'n' } } } });
    expect((response.hits.total as { value: number }).value).toBe(2);
    expect((response.aggregations as { total: { value: number } }).total.value).toBe(3);
    await expect(client.search({ index: 'missing' })).rejects.toMatchObject({ meta: { statusCode: 404 } });
  });

  it('injects faults: 5xx, malformed bodies, 429 per bulk item once, delay', async () => {
    standIn.createIndex('i');
    standIn.faults.failNext = 1;
    await expect(client.info()).rejects.toMatchObject({ meta: { statusCode: 503 } });
    standIn.faults.malformedNext = 1;
    await expect(client.search({ index: 'i' })).rejects.toMatchObject({ name: 'DeserializationError' });
    standIn.faults.bulk429 = (id) => id === 'b';
    const ops = [{ index: { _index: 'i', _id: 'a' } }, {}, { index: { _index: 'i', _id: 'b' } }, {}];
    expect((await client.bulk({ operations: ops })).items.map((i) => i.index!.status)).toEqual([201, 429]);
    expect((await client.bulk({ operations: ops })).items.map((i) => i.index!.status)).toEqual([200, 201]);
    // A delay far beyond the client's request timeout: the client gives up.
    standIn.faults.delayMs = 2_000;
    await expect(client.info({}, { requestTimeout: 20 })).rejects.toMatchObject({ name: 'TimeoutError' });
    standIn.faults.delayMs = 0;
    expect(standIn.count(/_bulk$/)).toBe(2);
  });
});
