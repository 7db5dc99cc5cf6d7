import { Client } from '@elastic/elasticsearch';
import { importDataset, type Dataset } from '@clvkit/core';
import { createEngine } from '@clvkit/engine';
import { shopCsv } from '@clvkit/sample-data';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elasticsearchSource } from '../../src/browser.js';
import { ingest } from '../../src/ingest/index.js';
import { createProxyHandler, standardFields } from '../../src/proxy/index.js';
import { pushedDownAnalyses } from '../../src/query/index.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';

// `{ "info": true }`: the proxy tells the browser's remote source the layout's time options, the
// exact first and last session_start and the session count in one search under the tenant
// filter, so the engine loads with one request and the right calendar without configuration.
let standIn: StandIn;
let client: Client;
let server: Server;
let url: string;
let dataset: Dataset;
let timeZone: string;
const bodies: unknown[] = [];
let tenant: object[] = [];

beforeAll(async () => {
  const csv = shopCsv({ orders: 300, days: 60 });
  timeZone = csv.options.timeZone ?? 'UTC';
  standIn = await startStandIn();
  client = new Client({ node: standIn.url, maxRetries: 0 });
  const report = await ingest(csv.input, { client, createIndices: true, layout: { timeZone, weekStart: 0 } });
  dataset = (await importDataset(csv.input, csv.options)).dataset;
  const proxy = createProxyHandler({ client, layout: report.layout, allow: { fields: standardFields(report.layout) }, tenantFilter: () => tenant });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      void proxy.fetch(new Request('http://proxy.local/', { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) })).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await client.close();
  await standIn.close();
});

async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function extent(): [number, number] {
  const column = dataset.sessions.columns.session_start;
  if (column.type !== 'time') throw new Error('no times');
  return [Math.min(...column.values), Math.max(...column.values)];
}

describe('{ info: true } on the proxy', () => {
  it('answers the layout time options, the exact extent and the session count', async () => {
    const { status, json } = await post({ info: true });
    expect(status).toBe(200);
    expect(json).toEqual({ info: { time: { timeZone, weekStart: 0 }, timeExtent: extent(), sessions: dataset.sessions.length, analyses: pushedDownAnalyses() } });
  });

  it('applies the tenant filter', async () => {
    const dimension = dataset.sessions.columns.dimension;
    if (dimension.type !== 'string') throw new Error('no dimension');
    tenant = [{ term: { dimension: dimension.dictionary[0] } }];
    try {
      const { json } = await post({ info: true });
      let n = 0;
      for (let i = 0; i < dataset.sessions.length; i++) if (dimension.codes[i] === 0) n++;
      expect((json.info as { sessions: number }).sessions).toBe(n);
    } finally {
      tenant = [];
    }
  });

  it('refuses anything but true', async () => {
    for (const body of [{ info: 1 }, { info: { query: {} } }, { info: true, request: {} }]) {
      const { status, json } = await post(body);
      expect(status).toBe(400);
      expect((json.error as { code: string }).code).toBe('invalid-request');
    }
  });

  it('the engine loads with that one request, with the layout calendar and no configuration', async () => {
    bodies.length = 0;
    const engine = createEngine({ source: elasticsearchSource({ endpoint: url }), worker: 'inline' });
    try {
      const info = await engine.ready();
      expect(info.time).toEqual({ timeZone, weekStart: 0 });
      expect(info.timeExtent).toEqual(extent());
      expect(bodies).toEqual([{ info: true }]);
      // The proxy listed what it computes: rfm goes straight to summaries, no refused request first.
      bodies.length = 0;
      await engine.query({ kind: 'analysis', name: 'rfm' });
      expect(bodies.some((b) => typeof b === 'object' && b !== null && 'request' in b)).toBe(false);
    } finally {
      engine.destroy();
    }
  });
});
