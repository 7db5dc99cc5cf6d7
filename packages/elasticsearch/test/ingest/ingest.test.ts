import { Client } from '@elastic/elasticsearch';
import { shopCsv } from '@clvkit/sample-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderDocumentId } from '../../src/documents.js';
import { bulkIndex, BulkRequestError, formatIngestReport, ingest, IngestInputError } from '../../src/ingest/index.js';
import { indexLayout } from '../../src/layout.js';
import { ordersIndex } from '../../src/mappings.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';

// Hand-written input: 5 session rows, of which one duplicate order_id and one order without a
// payment are rejected by the core importer; 4 line rows, one pointing at an unknown order.
const SESSIONS = [
  'order_id,client,session_start,has_purchased,payment_amount,promotion_id,dimension,has_basket',
  'o1,c1,2024-01-01 10:00,1,20.5,P1,web,1',
  'o2,c1,2024-01-02 11:00,0,,,-,0',
  'o3,c2,2024-01-03 12:00,1,,-,app,1',
  'o1,c2,2024-01-04 13:00,1,5,,web,0',
  'o4,c3,2024-01-05 14:00,1,7.25,None,app,1',
].join('\n');
const LINES = ['order_id,product,category,price,quantity', 'o1,apple,fruit,10.25,2', 'o4,pear,fruit/soft,7.25,1', 'o4,gift,,0,1', 'o9,plum,fruit,1,1'].join('\n');
const CUSTOMERS = ['client,download_date,gender', 'c1,2023-12-01 09:00,f', 'c2,2023-12-02 09:00,', 'c3,2023-12-03 09:00,m', 'c3,2023-12-04 09:00,m'].join('\n');

const input = () => ({
  sessions: { data: SESSIONS, mapping: { actions: ['has_basket'] } },
  lines: { data: LINES },
  customers: { data: CUSTOMERS, mapping: { attributes: ['gender'] } },
});

let standIn: StandIn;
let client: Client;
beforeEach(async () => {
  standIn = await startStandIn();
  client = new Client({ node: standIn.url, maxRetries: 0 });
});
afterEach(async () => {
  await client.close();
  await standIn.close();
});

describe('ingest through the official client into the stand-in', () => {
  it('writes one document per accepted row, reports rejected rows per reason, and counts reconcile', async () => {
    const report = await ingest(input(), { client, createIndices: true, batchSize: 2 });
    // Importer: 5 session rows = 3 used + duplicate 1 + required 1.
    expect(report.import.sessions).toMatchObject({ rowsIn: 5, rowsUsed: 3, rejected: { duplicate: 1, required: 1 } });
    expect(report.import.lines).toMatchObject({ rowsIn: 4, rowsUsed: 3, rejected: { 'unknown-reference': 1 } });
    expect(report.import.customers).toMatchObject({ rowsIn: 4, rowsUsed: 3, rejected: { duplicate: 1 } });
    expect(report.orders).toMatchObject({ documents: 3, written: 3, created: 3, updated: 0, failed: 0, requests: 2 });
    expect(report.customers).toMatchObject({ documents: 3, written: 3, failed: 0 });
    expect(report.ok).toBe(true);
    expect(report.created).toEqual(['clvkit-orders', 'clvkit-customers', 'clvkit-messages']);
    expect(report.layout.orderActions).toEqual(['has_basket']);
    expect(report.layout.customerAttributes).toEqual(['gender']);

    const orders = standIn.indices.get('clvkit-orders')!.documents;
    expect(orders.size).toBe(3);
    // Hand-computed: 2024-01-01T10:00Z = 1704103200000.
    expect(orders.get(orderDocumentId({ order_id: 'o1', client: 'c1' }))).toEqual({
      order_id: 'o1', client: 'c1', session_start: 1704103200000, session_end: null, has_purchased: true,
      payment_amount: 20.5, discount_amount: 0, discount_share: 0, promotion_id: 'P1', dimension: 'web', actions: { has_basket: true },
      basket: [{ client: 'c1', session_start: 1704103200000, product: 'apple', category: 'fruit', description: null, price: 10.25, quantity: 2 }],
    });
    const o2 = orders.get(orderDocumentId({ order_id: 'o2', client: 'c1' }))!;
    expect(o2).toMatchObject({ has_purchased: false, payment_amount: 0, promotion_id: null, actions: { has_basket: false }, basket: [] });
    const o4 = orders.get(orderDocumentId({ order_id: 'o4', client: 'c3' }))!;
    expect(o4.promotion_id).toBeNull();
    expect(o4.basket).toEqual([
      // Each line carries its order's client and session start (2024-01-05T14:00Z = 1704463200000, hand-computed).
      { client: 'c3', session_start: 1704463200000, product: 'pear', category: 'fruit/soft', description: null, price: 7.25, quantity: 1 },
      { client: 'c3', session_start: 1704463200000, product: 'gift', category: null, description: null, price: 0, quantity: 1 },
    ]);
    expect(standIn.indices.get('clvkit-customers')!.documents.get('c2')).toEqual({ client: 'c2', download_date: 1701507600000, signup_date: null, actions: {}, attributes: { gender: null } });
    // 8.x REST compatibility on every request (the stand-in plays 8.x and refuses the 9.x default).
    const bulk = standIn.requests.find((r) => r.path === '/_bulk')!;
    expect(bulk.headers['content-type']).toBe('application/vnd.elasticsearch+x-ndjson; compatible-with=8');
    expect(standIn.requests.find((r) => r.method === 'PUT')!.headers['content-type']).toBe('application/vnd.elasticsearch+json; compatible-with=8');
    const text = formatIngestReport(report);
    expect(text).toContain('sessions: 5 rows in, 3 used, rejected: required 1, duplicate 1');
    expect(text).toContain('clvkit-orders: 3 documents, 3 written (3 created, 0 updated), 0 failed');
  });

  it('stores each order\'s discount share discount / (payment + discount), 0 without a basket value', async () => {
    // Hand-computed: 30 paid + 10 off = 10 / 40 = 0.25; 0 + 5 = 1 (all given back); 0 + 0 = 0.
    const sessions = ['order_id,client,session_start,has_purchased,payment_amount,discount_amount', 'd1,c1,2024-01-01 10:00,1,30,10', 'd2,c1,2024-01-02 10:00,1,0,5', 'd3,c2,2024-01-03 10:00,0,0,0', 'd4,c2,2024-01-04 10:00,1,12,'].join('\n');
    await ingest({ sessions: { data: sessions } }, { client, createIndices: true });
    const orders = standIn.indices.get('clvkit-orders')!.documents;
    const share = (order_id: string, client: string) => orders.get(orderDocumentId({ order_id, client }))!.discount_share;
    expect([share('d1', 'c1'), share('d2', 'c1'), share('d3', 'c2'), share('d4', 'c2')]).toEqual([0.25, 1, 0, 0]);
  });

  it('is idempotent: a rerun replaces the same ids and adds nothing', async () => {
    await ingest(input(), { client, createIndices: true });
    const again = await ingest(input(), { client, createIndices: true });
    expect(again.created).toEqual([]);
    expect(again.orders).toMatchObject({ documents: 3, written: 3, created: 0, updated: 3 });
    expect(standIn.indices.get('clvkit-orders')!.documents.size).toBe(3);
    expect(standIn.indices.get('clvkit-customers')!.documents.size).toBe(3);
  });

  it('sends items answered 429 again and counts them as retried, not failed', async () => {
    const target = orderDocumentId({ order_id: 'o4', client: 'c3' });
    standIn.faults.bulk429 = (id) => id === target;
    const report = await ingest(input(), { client, createIndices: true, retryDelayMs: 1 });
    expect(report.orders).toMatchObject({ documents: 3, written: 3, failed: 0, retried: 1, requests: 2 });
    expect(standIn.indices.get('clvkit-orders')!.documents.has(target)).toBe(true);
  });

  it('names item errors: 429 past the retries, and documents the strict mapping refuses', async () => {
    const stuck = orderDocumentId({ order_id: 'o1', client: 'c1' });
    standIn.faults.bulk429Always = (id) => id === stuck;
    // The index exists with a mapping that lacks the has_basket action: strict mapping refuses.
    standIn.createIndex('clvkit-orders', ordersIndex(indexLayout()));
    const report = await ingest(input(), { client, maxRetries: 2, retryDelayMs: 1 });
    expect(report.orders.failed).toBe(3);
    expect(report.orders.written).toBe(0);
    expect(report.orders.errors).toEqual({ es_rejected_execution_exception: 1, strict_dynamic_mapping_exception: 2 });
    expect(report.orders.samples.map((s) => s.type).sort()).toEqual(['es_rejected_execution_exception', 'strict_dynamic_mapping_exception', 'strict_dynamic_mapping_exception']);
    expect(report.ok).toBe(false);
    expect(formatIngestReport(report)).toContain('3 failed (');
  });

  it('derives orders from a line-item export with the core line-item importer', async () => {
    const items = [
      'order_id,client,session_start,product,price,quantity,dimension',
      '536365,17850,2010-12-01 08:26,85123A,2.55,6,United Kingdom',
      '536365,17850,2010-12-01 08:26,71053,3.39,6,United Kingdom',
      'C536379,14527,2010-12-01 09:41,D,27.5,-1,United Kingdom',
      '536366,17850,2010-12-01 08:28,22633,-1.85,6,United Kingdom',
    ].join('\n');
    const report = await ingest({ lineItems: { data: items }, customers: { data: 'client,download_date\n17850,2010-11-01' } }, { client, createIndices: true });
    expect(report.import.lineItems).toMatchObject({ rowsIn: 4, ordersDerived: 1, orderLines: 2, rejected: { negative: 1 } });
    expect(report.orders).toMatchObject({ documents: 1, written: 1 });
    expect(report.customers).toMatchObject({ documents: 1, written: 1 });
    const doc = standIn.indices.get('clvkit-orders')!.documents.get(orderDocumentId({ order_id: '536365', client: '17850' }))!;
    expect(doc.payment_amount).toBeCloseTo(2.55 * 6 + 3.39 * 6, 10);
    expect((doc.basket as unknown[]).length).toBe(2);
    expect(doc.dimension).toBe('United Kingdom');
  });

  it('reconciles on the sample shop: rows in = documents written + rows rejected', async () => {
    const csv = shopCsv({ orders: 300, days: 60 });
    const report = await ingest(csv.input, { client, createIndices: true, batchSize: 97, concurrency: 3, layout: { timeZone: csv.options.timeZone } });
    const s = report.import.sessions;
    const rejected = Object.values(s.rejected).reduce((a, b) => a + b, 0);
    expect(s.rowsIn).toBe(csv.summary.sessions);
    expect(report.orders.written + rejected).toBe(s.rowsIn);
    expect(report.customers!.written).toBe(csv.summary.customers);
    const docs = [...standIn.indices.get('clvkit-orders')!.documents.values()];
    expect(docs.filter((d) => d.has_purchased).length).toBe(csv.summary.orders);
    expect(docs.reduce((n, d) => n + (d.basket as unknown[]).length, 0)).toBe(csv.summary.lines);
  });

  it('writes messages with their ids, duplicates rejected by the importer', async () => {
    const messages = ['message_id,client,channel,campaign,sent_at,opened_at', 'm1,c1,email,spring,2024-01-01 08:00,2024-01-01 09:30', 'm2,c2,sms,spring,2024-01-01 08:00,', 'm1,c1,email,spring,2024-01-02 08:00,'].join('\n');
    const report = await ingest({ ...input(), messages: { data: messages } }, { client, createIndices: true });
    expect(report.import.messages).toMatchObject({ rowsIn: 3, rowsUsed: 2, rejected: { duplicate: 1 } });
    expect(report.messages).toMatchObject({ documents: 2, written: 2, failed: 0 });
    expect(standIn.indices.get('clvkit-messages')!.documents.get('m1')).toEqual({
      message_id: 'm1', client: 'c1', channel: 'email', campaign: 'spring', sent_at: 1704096000000, delivered_at: null, opened_at: 1704101400000, clicked_at: null, unsubscribed_at: null,
    });
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(ingest(input(), { client, createIndices: true, signal: controller.signal })).rejects.toThrow('stop');
    expect(standIn.count(/_bulk$/)).toBe(0);
  });

  it('refuses input that is neither sessions nor line items, or both', async () => {
    await expect(ingest({}, { client })).rejects.toBeInstanceOf(IngestInputError);
    await expect(ingest({ sessions: { data: SESSIONS }, lineItems: { data: SESSIONS } }, { client })).rejects.toThrow(/either sessions/);
  });
});

describe('bulkIndex', () => {
  it('keeps at most `concurrency` requests in flight and pulls the input only as slots free', async () => {
    standIn.createIndex('t');
    standIn.faults.delayMs = 20;
    let pulled = 0;
    let maxAhead = 0;
    let answered = 0;
    function* docs() {
      for (let k = 0; k < 50; k++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - answered * 5);
        yield { id: `d${k}`, document: { k } };
      }
    }
    const report = await bulkIndex(client, 't', docs(), { batchSize: 5, concurrency: 2, onProgress: (r) => (answered = r.written / 5) });
    expect(report).toMatchObject({ documents: 50, written: 50, requests: 10 });
    // Two batches in flight plus the one being filled: never more than 3 × 5 documents read ahead.
    expect(maxAhead).toBeLessThanOrEqual(15);
  });

  it('stops with BulkRequestError carrying the counts when the cluster fails a request', async () => {
    standIn.createIndex('t');
    standIn.faults.failNext = 1;
    const docs = Array.from({ length: 4 }, (_, k) => ({ id: `d${k}`, document: { k } }));
    const error = await bulkIndex(client, 't', docs, { batchSize: 2, concurrency: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(BulkRequestError);
    expect(error.message).toMatch(/HTTP 503/);
    expect((error as BulkRequestError).report.documents).toBeGreaterThanOrEqual(2);
  });

  it('retries a whole request answered 429', async () => {
    standIn.createIndex('t');
    standIn.faults.failNext = 1;
    standIn.faults.errorStatus = 429;
    const report = await bulkIndex(client, 't', [{ id: 'a', document: {} }], { retryDelayMs: 1 });
    expect(report).toMatchObject({ written: 1, retried: 1, requests: 2 });
  });
});
