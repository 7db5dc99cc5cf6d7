import { type Dataset, type QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQuery, runSummaryAnalysis, type SummaryEnv } from '../../src/index.js';
import { analysis } from './harness.js';
import { customersEnvOf } from './customers-harness.js';

// `search` on a remote source against the in-memory search on the same shop: the value lists
// come from aggregates (answered here by runQuery, the server side is the ES parity tests')
// and the customer pages; the index is built once per source (env.memo).
let dataset: Dataset;
let env: SummaryEnv;
let queries: QueryRequest[];
let memoBuilds: string[];

beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 1500, seed: 5, timeZone: 'Europe/London' }));
  queries = [];
  memoBuilds = [];
  const memo = new Map<string, Promise<unknown>>();
  env = {
    ...customersEnvOf(dataset),
    query: async (request) => (queries.push(request), runQuery(dataset, request)),
    memo: <T,>(key: string, build: (own: SummaryEnv) => Promise<T>) => {
      if (!memo.has(key)) (memoBuilds.push(key), memo.set(key, build(env)));
      return memo.get(key) as Promise<T>;
    },
  };
});


describe('search on a remote source', () => {
  for (const [query, params] of [
    ['mouse', {}],
    ['laptop sleeve 14"', {}],
    ['C00', { types: ['client'] }],
    ['summer', { types: ['promotion', 'dimension'], limit: 5 }],
    ['kaffe', { limit: 30 }],
  ] as const) {
    it(`"${query}" ${JSON.stringify(params)}: the same hits and scores as in memory`, async () => {
      const request = analysis('search', { query, ...params });
      const remote = await runSummaryAnalysis(request, env);
      const memory = runQuery(dataset, request);
      expect(memory.rows.length).toBeGreaterThan(0);
      expect(remote.rows).toEqual(memory.rows);
      expect(remote.meta).toEqual(memory.meta);
      const scores = remote.rows.map((r) => r.score as number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });
  }

  it('asks the server for the value lists once per source, not once per keystroke', async () => {
    const before = queries.length;
    for (const query of ['m', 'mo', 'mou', 'mous']) await runSummaryAnalysis(analysis('search', { query }), env);
    expect(queries.length).toBe(before);
    expect(new Set(memoBuilds).size).toBe(memoBuilds.length);
  });
});
