import { Client } from '@elastic/elasticsearch';
import { reportNames, runQueryAsync, summaryAnalysisNames } from '@clvkit/analytics';
import { importDataset, NO_FILTER, type Dataset } from '@clvkit/core';
import { createEngine, type WorkerEngine } from '@clvkit/engine';
import { shopCsv } from '@clvkit/sample-data';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elasticsearchSource } from '../../src/browser.js';
import { ingest } from '../../src/ingest/index.js';
import { createProxyHandler, standardFields } from '../../src/proxy/index.js';
import { pushedDownAnalyses } from '../../src/query/index.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';

// Every registered analysis through the engine on elasticsearchSource, with its default params:
// the pushed-down ones and the summary-based ones must answer whenever they answer in memory
// on the same data; every other one must fail with a RemoteSourceError naming it (the widget
// shows that message), never with anything else.
let standIn: StandIn;
let client: Client;
let server: Server;
let engine: WorkerEngine;
let dataset: Dataset;

beforeAll(async () => {
  const csv = shopCsv({ orders: 600, days: 200 });
  standIn = await startStandIn();
  client = new Client({ node: standIn.url, maxRetries: 0 });
  dataset = (await importDataset(csv.input, csv.options)).dataset;
  const report = await ingest(csv.input, { client, createIndices: true, layout: { timeZone: csv.options.timeZone } });
  const proxy = createProxyHandler({ client, layout: report.layout, allow: { fields: standardFields(report.layout) } });
  server = createServer(proxy.node);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
  engine = createEngine({ source: elasticsearchSource({ endpoint: url, time: { timeZone: csv.options.timeZone } }), worker: 'inline' });
  await engine.ready();
}, 60_000);

afterAll(async () => {
  engine?.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await client.close();
  await standIn.close();
});

describe('every analysis on elasticsearchSource', () => {
  it('answers whenever it answers in memory on the same shop, and fails the same way otherwise', async () => {
    const answered: string[] = [];
    const mismatched: string[] = [];
    const bothFail: string[] = [];
    for (const name of reportNames()) {
      const remote = await engine.report(name).then(
        () => null,
        (e: Error) => e,
      );
      const memory = await runQueryAsync(dataset, { spec: { kind: 'analysis', name }, filter: NO_FILTER }).then(
        () => null,
        (e: Error) => e,
      );
      if (!remote && !memory) answered.push(name);
      else if (remote && memory && (remote.message.includes(memory.message) || remote.name === memory.name)) bothFail.push(`${name}: ${memory.name}`);
      else mismatched.push(`${name}: remote ${remote ? `${remote.name}: ${remote.message.slice(0, 160)}` : 'answers'}; memory ${memory ? `${memory.name}: ${memory.message.slice(0, 160)}` : 'answers'}`);
    }
    console.log(`answered ${answered.length} of ${reportNames().length}; failing in memory too (required params, a CLV fit on a small shop): ${bothFail.join(', ')}`);
    expect(mismatched).toEqual([]);
    // Every analysis is pushed down or has a worker-side version now.
    expect(new Set([...pushedDownAnalyses(), ...summaryAnalysisNames()])).toEqual(new Set(reportNames()));
  }, 180_000);
});
