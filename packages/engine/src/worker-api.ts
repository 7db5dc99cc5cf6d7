import * as Comlink from 'comlink';
import { NO_FILTER, yieldToMacrotask } from '@clvkit/core';
import type { Dataset, QueryRequest, QueryResult } from '@clvkit/core';
import { describeDataset } from './dataset-info.js';
import { serializeError } from './errors.js';
import type { Outcome, SerializedError } from './errors.js';
import { loadAnySource } from './load-source.js';
import type { RemoteRunner, SummaryAnalytics } from './remote-runner.js';
import { LruCache } from './lru-cache.js';

import type { PrefetchJob } from './batch-protocol.js';
import { requestKey } from './request-key.js';
import type { EngineInfo, EngineSource, EngineStats, RemoteSource } from './types.js';

/** The analyses the worker runs: `@clvkit/analytics`, or a stand-in injected by tests. */
export interface QueryRunner {
  runQuery(dataset: Dataset, request: QueryRequest): QueryResult;
  /** Also runs long analyses (model fits) with progress and cancellation; preferred when present. */
  runQueryAsync?(dataset: Dataset, request: QueryRequest, options: { signal: AbortSignal; onProgress?: (progress: QueryProgress) => void }): Promise<QueryResult>;
  reportNames(): string[];
  /** Builds ahead what will answer `request` once a clause on `activation.field` arrives; returns whether it ran. */
  prefetchQuery?(dataset: Dataset, request: QueryRequest, activation: { readonly field: string; readonly step?: number }): boolean;
  /** Turns `report(name, { date, dimension, ...params })` into a query (default: the analysis over everything). */
  reportRequest?(dataset: Dataset, name: string, params: Record<string, unknown>): QueryRequest;
  /** Summary-based analyses, for remote sources (see remote-runner.ts). */
  summaryAnalysisNames?: SummaryAnalytics['summaryAnalysisNames'];
  runSummaryAnalysis?: SummaryAnalytics['runSummaryAnalysis'];
  hasDerivedClauses?: SummaryAnalytics['hasDerivedClauses'];
  resolveDerivedClauses?: SummaryAnalytics['resolveDerivedClauses'];
  canRunSummaryAggregate?: SummaryAnalytics['canRunSummaryAggregate'];
  runSummaryAggregate?: SummaryAnalytics['runSummaryAggregate'];
  /** Whether an analysis takes `asOf` (a remote source's seed-style report sets it to the date). */
  analysisTakesAsOf?(name: string, date: string): boolean;
}

/** Progress of a long query (a model fit, an autoencoder's training). */
export interface QueryProgress {
  readonly done: number;
  readonly total: number;
  readonly message?: string;
}

/** Receives the progress of the client's queries, by the client's request id. */
export type ProgressListener = (id: number, progress: QueryProgress) => unknown;

/** Options of `createWorkerApi`. */
export interface WorkerApiOptions {
  /** Replaces `@clvkit/analytics` (tests, custom registries). Default: imported lazily. */
  readonly runner?: QueryRunner;
  /** Initial result cache size (entries); `load` may change it. Default 256. */
  readonly cacheSize?: number;
}

/** Settings the client sends with every load (they must survive a worker restart). */
export interface LoadSettings {
  readonly cacheSize?: number;
}

/**
 * The object the worker exposes over comlink. Every method returns plain data; errors come
 * back as `{ ok: false, error }` (comlink would drop their class and fields).
 */
export interface WorkerApi {
  /** Builds the dataset of `source`, replacing the current one; clears the cache. */
  load(source: EngineSource, settings?: LoadSettings): Promise<Outcome<EngineInfo>>;
  /**
   * Queues a query under the client's `id`. Requests run one at a time; the queue yields to the
   * message loop before the first and then at least every `YIELD_EVERY_MS`, so a `cancel(id)`
   * that arrives before the request starts means it is never computed.
   */
  query(id: number, request: QueryRequest): Promise<Outcome<QueryResult>>;
  /**
   * Drops a queued request (it answers with a `StaleQueryError`) and aborts a running long
   * analysis at its next checkpoint; a finished one is unaffected.
   */
  cancel(id: number): void;
  /**
   * Replaces the waiting prefetches with `jobs`. They run only while no query waits (a query
   * arriving meanwhile goes first) and answer nothing.
   */
  prefetch(jobs: readonly PrefetchJob[]): void;
  /** Sets where the progress of long queries goes (the client passes a comlink proxy once per worker). */
  listen(listener: ProgressListener | null): void;
  /**
   * Runs the named analysis as the seed's report API does: `params.date` (YYYY-MM-DD) cuts the
   * data after that day and is the analysis's as-of date, `params.dimension` keeps one
   * dimension value; the rest are the analysis's own params.
   */
  report(name: string, params?: Record<string, unknown>): Promise<Outcome<QueryResult>>;
  reportNames(): Promise<Outcome<string[]>>;
  /**
   * Drops the load in progress, if any (its result is discarded), and the current dataset:
   * the engine is in error until the next load; queued requests fail with `reason` (default
   * an AbortError). The client also sends it when a source failed on the main thread (a
   * stream that broke while it was drained), so requests waiting for that load fail too.
   */
  abortLoad(reason?: SerializedError): void;
  /** Counters for tests and benchmarks. */
  stats(): EngineStats;
  /** Answers at once: the client's liveness probe. */
  ping(): true;
}

export const DEFAULT_CACHE_SIZE = 256;

/**
 * Quick requests run back to back for up to this long before the queue yields to the message
 * loop: a frame's batch of eight aggregates computes without eight task hops, and a cancel still
 * gets in within this long (plus the request running then). The first request after the queue
 * was idle always waits for a yield, so a cancel sent right behind a request is always seen.
 */
export const YIELD_EVERY_MS = 4;

/**
 * Requests of a remote source sent at once: a frame's widgets query together, and the answers
 * come from the network, so they are not serialised like computations (browsers open about six
 * connections per host over HTTP/1.1).
 */
export const REMOTE_CONCURRENCY = 6;

interface Job {
  readonly id: number | undefined;
  readonly request: QueryRequest;
  readonly key: string;
  readonly resolve: (outcome: Outcome<QueryResult>) => void;
}

const NO_DATASET: SerializedError = { name: 'EngineError', message: 'No dataset is loaded' };

/** Creates the worker's API, independent of the thread it runs in. */
export function createWorkerApi(options: WorkerApiOptions = {}): WorkerApi {
  let cache = new LruCache<string, QueryResult>(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  let dataset: Dataset | null = null;
  // A remote source (kind 'remote') answers instead of a dataset; at most one of the two is set.
  let remote: RemoteRunner | null = null;
  let loadError: SerializedError | null = null;
  let loadSeq = 0;
  let pendingLoad: Promise<unknown> | null = null;
  let runnerPromise: Promise<QueryRunner> | null = options.runner ? Promise.resolve(options.runner) : null;
  const queue: Job[] = [];
  let prefetches: PrefetchJob[] = [];
  let draining = false;
  const counters = { computations: 0, cacheHits: 0, cancelled: 0, loads: 0, prefetches: 0 };
  let progressListener: ProgressListener | null = null;
  let running: { readonly id: number | undefined; readonly controller: AbortController } | null = null;
  // Requests of a remote source in flight, and the drain loop waiting for one of them to end.
  const remoteRunning = new Map<Job, AbortController>();
  let slotFreed: (() => void) | null = null;
  let loadStarted!: () => void;
  const firstLoad = new Promise<void>((resolve) => (loadStarted = resolve));

  function runner(): Promise<QueryRunner> {
    runnerPromise ??= import('@clvkit/analytics').then((analytics) => ({
      runQuery: analytics.runQuery,
      runQueryAsync: analytics.runQueryAsync,
      prefetchQuery: analytics.prefetchQuery,
      reportNames: analytics.reportNames,
      reportRequest: analytics.reportRequest,
      summaryAnalysisNames: analytics.summaryAnalysisNames,
      runSummaryAnalysis: analytics.runSummaryAnalysis,
      hasDerivedClauses: analytics.hasDerivedClauses,
      resolveDerivedClauses: analytics.resolveDerivedClauses,
      canRunSummaryAggregate: analytics.canRunSummaryAggregate,
      runSummaryAggregate: analytics.runSummaryAggregate,
      analysisTakesAsOf: analytics.analysisTakesAsOf,
    }));
    return runnerPromise;
  }

  function enqueue(id: number | undefined, request: QueryRequest): Promise<Outcome<QueryResult>> {
    const key = requestKey(request.spec, request.filter);
    if (!pendingLoad && (dataset || remote)) {
      const hit = cache.get(key);
      if (hit) {
        counters.cacheHits++;
        return Promise.resolve({ ok: true, value: hit });
      }
    }
    return new Promise((resolve) => {
      queue.push({ id, request, key, resolve });
      if (!draining) {
        draining = true;
        void drain();
      }
    });
  }

  async function drain(): Promise<void> {
    let yielded = -Infinity;
    try {
      while (queue.length > 0 || prefetches.length > 0) {
        if (performance.now() - yielded >= YIELD_EVERY_MS) {
          await yieldToMacrotask();
          yielded = performance.now();
        }
        // Requests can arrive before the first load (a restarted worker gets them together).
        if (!dataset && !remote && !loadError && !pendingLoad) await firstLoad;
        while (pendingLoad) {
          await pendingLoad;
          // let the load's answer go out before a request that might take the worker down
          await yieldToMacrotask();
        }
        // Remote requests wait on the network, not the CPU: several are in flight at once.
        while (remote && queue.length > 0 && remoteRunning.size >= REMOTE_CONCURRENCY) await new Promise<void>((resolve) => (slotFreed = resolve));
        const job = queue.shift();
        if (job && remote) startRemote(job, remote);
        else if (job) job.resolve(await execute(job));
        else await runPrefetch(prefetches.shift());
      }
    } finally {
      draining = false;
    }
  }

  async function execute(job: Job): Promise<Outcome<QueryResult>> {
    if (!dataset && !remote) return { ok: false, error: loadError ?? NO_DATASET };
    const hit = cache.get(job.key);
    if (hit) {
      counters.cacheHits++;
      return { ok: true, value: hit };
    }
    const controller = new AbortController();
    running = { id: job.id, controller };
    try {
      const run = await runner();
      const current = dataset;
      if (!current) return { ok: false, error: loadError ?? NO_DATASET };
      counters.computations++;
      const result = run.runQueryAsync
        ? await run.runQueryAsync(current, job.request, { signal: controller.signal, onProgress: progressOf(job.id) })
        : run.runQuery(current, job.request);
      // A widget reads `rows`: an analysis answering anything else fails here, clearly, not in the widget.
      if (!result || typeof result !== 'object' || !Array.isArray(result.rows)) throw new TypeError(`${describeSpec(job.request)} returned ${result === null ? 'null' : typeof result} instead of { rows: [...] }`);
      if (current === dataset) cache.set(job.key, result);
      return { ok: true, value: result };
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, error: { name: 'StaleQueryError', message: 'The query was cancelled while it ran' } };
      return { ok: false, error: serializeError(error) };
    } finally {
      running = null;
    }
  }

  /** Sends a request of a remote source without waiting for it (see `REMOTE_CONCURRENCY`). */
  function startRemote(job: Job, current: RemoteRunner): void {
    const hit = cache.get(job.key);
    if (hit) {
      counters.cacheHits++;
      job.resolve({ ok: true, value: hit });
      return;
    }
    const controller = new AbortController();
    remoteRunning.set(job, controller);
    counters.computations++;
    current
      .run(job.request, { signal: controller.signal })
      .then(
        (result) => {
          if (current === remote) cache.set(job.key, result);
          job.resolve({ ok: true, value: result });
        },
        (error: unknown) => job.resolve(controller.signal.aborted ? { ok: false, error: { name: 'StaleQueryError', message: 'The query was cancelled while it ran' } } : { ok: false, error: serializeError(error) }),
      )
      .finally(() => {
        remoteRunning.delete(job);
        const wake = slotFreed;
        slotFreed = null;
        wake?.();
      });
  }

  async function runPrefetch(job: PrefetchJob | undefined): Promise<void> {
    if (!job || !dataset) return;
    try {
      const run = await runner();
      if (dataset && run.prefetchQuery?.(dataset, job.request, job)) counters.prefetches++;
    } catch {
      // A prefetch is a hint: the query it prepared reports any error itself.
    }
  }

  async function createRemote(source: RemoteSource, info: EngineInfo, analyses: readonly string[] | null): Promise<RemoteRunner> {
    const { createRemoteRunner } = await import('./remote-runner.js');
    return createRemoteRunner(source, info, summaryAnalytics, analyses);
  }

  /** The summary-based analyses of the runner, for a remote source's per-customer analyses. */
  async function summaryAnalytics(): Promise<SummaryAnalytics> {
    const run = await runner();
    if (!run.runSummaryAnalysis || !run.summaryAnalysisNames) {
      return { summaryAnalysisNames: () => [], runSummaryAnalysis: () => Promise.reject(new TypeError('This worker has no summary-based analyses (a custom runner without runSummaryAnalysis)')) };
    }
    return {
      summaryAnalysisNames: run.summaryAnalysisNames,
      runSummaryAnalysis: run.runSummaryAnalysis,
      hasDerivedClauses: run.hasDerivedClauses,
      resolveDerivedClauses: run.resolveDerivedClauses,
      canRunSummaryAggregate: run.canRunSummaryAggregate,
      runSummaryAggregate: run.runSummaryAggregate,
    };
  }

  function progressOf(id: number | undefined): ((progress: QueryProgress) => void) | undefined {
    if (id === undefined) return undefined;
    return (progress) => {
      // A comlink proxy answers with a promise that rejects once the client has gone.
      if (progressListener) void Promise.resolve(progressListener(id, progress)).catch(() => undefined);
    };
  }

  return {
    load(source, settings = {}) {
      const seq = ++loadSeq;
      loadStarted();
      if (settings.cacheSize !== undefined && settings.cacheSize !== cache.capacity) cache = new LruCache(settings.cacheSize);
      cache.clear();
      if (!options.runner) void runner().catch(() => undefined);
      const task = (async (): Promise<Outcome<EngineInfo>> => {
        try {
          const loaded = await loadAnySource(source);
          // The remote runner is a lazy chunk too: datasets never load it.
          const runnerOfRemote = 'remote' in loaded ? await createRemote(loaded.remote, loaded.info, loaded.analyses) : null;
          if (seq !== loadSeq) return { ok: false, error: { name: 'StaleQueryError', message: 'The load was superseded by a newer one' } };
          if (runnerOfRemote) {
            dataset = null;
            remote = runnerOfRemote;
          } else if (!('remote' in loaded)) {
            dataset = loaded.dataset;
            remote = null;
          }
          loadError = null;
          cache.clear();
          counters.loads++;
          return { ok: true, value: 'remote' in loaded ? loaded.info : describeDataset(loaded.dataset, loaded.report) };
        } catch (error) {
          const serialized = serializeError(error);
          if (seq === loadSeq) {
            dataset = null;
            remote = null;
            loadError = { name: serialized.name, message: `The data could not be loaded: ${serialized.message}` };
          }
          return { ok: false, error: serialized };
        } finally {
          if (seq === loadSeq) pendingLoad = null;
        }
      })();
      pendingLoad = task;
      return task;
    },

    query(id, request) {
      return enqueue(id, request);
    },

    prefetch(jobs) {
      prefetches = [...jobs];
      if (prefetches.length > 0 && !draining) {
        draining = true;
        void drain();
      }
    },

    cancel(id) {
      for (const [job, controller] of remoteRunning) {
        if (job.id !== id) continue;
        counters.cancelled++;
        controller.abort();
        return;
      }
      if (running && running.id === id) {
        counters.cancelled++;
        running.controller.abort();
        return;
      }
      const index = queue.findIndex((job) => job.id === id);
      if (index < 0) return;
      const [job] = queue.splice(index, 1);
      counters.cancelled++;
      job.resolve({ ok: false, error: { name: 'StaleQueryError', message: 'The query was cancelled before it started' } });
    },

    async report(name, params) {
      const plain: QueryRequest = { spec: { kind: 'analysis', name, ...(params ? { params } : {}) }, filter: NO_FILTER };
      const seedStyle = params && ('date' in params || 'dimension' in params);
      if (!seedStyle) return enqueue(undefined, plain);
      try {
        const run = await runner();
        if (!dataset && !remote && !loadError && !pendingLoad) await firstLoad;
        while (pendingLoad) await pendingLoad;
        if (remote) return enqueue(undefined, remote.reportRequest(name, params, typeof params.date === 'string' && (run.analysisTakesAsOf?.(name, params.date) ?? false)));
        if (!dataset || !run.reportRequest) return enqueue(undefined, plain);
        return enqueue(undefined, run.reportRequest(dataset, name, params));
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    },

    async reportNames() {
      try {
        return { ok: true, value: (await runner()).reportNames() };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    },

    listen(listener) {
      // The client sends the port of a channel it exposes its callback on (see client.ts).
      progressListener = isPort(listener) ? (Comlink.wrap(listener) as unknown as ProgressListener) : listener;
    },

    abortLoad(reason) {
      loadSeq++;
      loadStarted();
      pendingLoad = null;
      dataset = null;
      remote = null;
      loadError = reason ?? { name: 'AbortError', message: 'The load was aborted' };
      cache.clear();
    },

    stats() {
      return { ...counters, cacheSize: cache.size };
    },

    ping() {
      return true;
    },
  };
}

/** A transferred MessagePort (by shape: the class differs between realms, e.g. under happy-dom). */
function isPort(value: unknown): value is MessagePort {
  return typeof value === 'object' && value !== null && typeof (value as MessagePort).postMessage === 'function';
}

/** "analysis \"kpis\"" or "the aggregate", for error messages. */
function describeSpec(request: QueryRequest): string {
  return request.spec.kind === 'analysis' ? `analysis ${JSON.stringify(request.spec.name)}` : 'the aggregate';
}
