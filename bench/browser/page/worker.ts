/**
 * The benchmark's worker: the engine's own worker API (createWorkerApi and exposeWorkerApi,
 * exactly what packages/engine/src/worker.ts serves) with a timing runner around @clvkit/analytics, so the
 * page can split an interaction into worker compute and everything else. Timings go to the page
 * on a BroadcastChannel, apart from the engine's comlink traffic.
 */
import type * as Comlink from 'comlink';
import * as analytics from '@clvkit/analytics';
import type { QueryRequest, QuerySpec } from '@clvkit/core';
import { exposeWorkerApi } from '../../../packages/engine/src/serve-worker-api.js';
import { createWorkerApi, type QueryRunner, type WorkerApi } from '../../../packages/engine/src/worker-api.js';

/** One computed query: what it was and how long `runQuery` took. */
interface QueryTiming {
  readonly name: string;
  readonly ms: number;
  /** Absolute end time (timeOrigin + now), comparable with the page's. */
  readonly end: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const booted = now();
let queries: QueryTiming[] = [];
/** Prefetches run on pointer enter (Selection.activate), apart from the interactions' queries. */
let prefetches: QueryTiming[] = [];
/** When query batches arrived and when answers left (absolute ms): the worker's side of an interaction. */
let batches: number[] = [];
let replies: number[] = [];
self.addEventListener('message', (event: MessageEvent) => {
  // Batches with queries only: a batch of prefetches alone (pointer enter) answers nothing.
  const data = event.data as { clv?: string; jobs?: unknown[] } | null;
  if (data?.clv === 'batch' && (data.jobs?.length ?? 0) > 0) batches.push(now());
});
const post = self.postMessage.bind(self) as (message: unknown, transfer?: Transferable[]) => void;
(self as unknown as { postMessage: typeof post }).postMessage = (message, transfer) => {
  if ((message as { clv?: string } | null)?.clv === 'results') replies.push(now());
  post(message, transfer);
};
const load: { received?: number; done?: number } = {};

function nameOf(spec: QuerySpec): string {
  if (spec.kind === 'analysis') return spec.name;
  return `${spec.table ?? 'sessions'}:${(spec.groupBy ?? []).map((k) => `${k.field}${k.bucket ? `/${k.bucket}` : ''}${k.step ? `/${k.step}` : ''}`).join(',')}`;
}

function timed<T>(request: QueryRequest, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    queries.push({ name: nameOf(request.spec), ms: performance.now() - start, end: now() });
  }
}

const runner: QueryRunner = {
  runQuery: (dataset, request) => timed(request, () => analytics.runQuery(dataset, request)),
  runQueryAsync: async (dataset, request, options) => {
    const start = performance.now();
    try {
      return await analytics.runQueryAsync(dataset, request, options);
    } finally {
      queries.push({ name: nameOf(request.spec), ms: performance.now() - start, end: now() });
    }
  },
  reportNames: analytics.reportNames,
  reportRequest: analytics.reportRequest,
  prefetchQuery: (dataset, request, activation) => {
    const start = performance.now();
    try {
      return analytics.prefetchQuery(dataset, request, activation);
    } finally {
      prefetches.push({ name: `${nameOf(request.spec)} for ${activation.field}`, ms: performance.now() - start, end: now() });
    }
  },
};

const api = createWorkerApi({ runner });
const exposed: WorkerApi = {
  ...api,
  async load(source, settings) {
    load.received = now();
    const outcome = await api.load(source, settings);
    load.done = now();
    return outcome;
  },
};

const channel = new BroadcastChannel('clv-bench');
channel.onmessage = (event: MessageEvent<{ type: string }>) => {
  if (event.data?.type !== 'drain') return;
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  channel.postMessage({ type: 'timings', booted, load, queries, prefetches, batches, replies, heap: memory ? memory.usedJSHeapSize : null });
  queries = [];
  prefetches = [];
  batches = [];
  replies = [];
};

exposeWorkerApi(exposed, self as unknown as Comlink.Endpoint);
