import { signal } from '@preact/signals-core';
import type { ReadonlySignal } from '@preact/signals-core';
import { NO_FILTER } from '@clvkit/core';
import type { QueryRequest, QueryResult, QuerySpec, Row } from '@clvkit/core';
import * as Comlink from 'comlink';
import type { BatchJob, BatchResult, PrefetchJob } from './batch-protocol.js';
import { transferables } from './binary-input.js';
import { connect } from './connection.js';
import type { Connection } from './connection.js';
import { createDefaultWorker } from './default-worker.js';
import { deferred } from './deferred.js';
import type { Deferred } from './deferred.js';
import { EngineError, StaleQueryError, abortError, rebuildError, serializeError } from './errors.js';
import type { Outcome, SerializedError } from './errors.js';
import { createInlineWorker } from './inline-worker.js';
import { LivenessGuard } from './liveness.js';
import { prepareSource, sourceSignal } from './prepare-source.js';
import { requestKey } from './request-key.js';
import type { Engine, EngineInfo, EngineOptions, EngineSource, EngineStats, EngineStatus, PrefetchOptions, QueryOptions, WorkerOption } from './types.js';
import type { WorkerLike } from './worker-like.js';
import type { ProgressListener, QueryProgress } from './worker-api.js';

/** The engine `createEngine` returns: the `Engine` contract plus the worker's counters. */
export interface WorkerEngine extends Engine {
  /** The worker's counters (computations, cache hits, ...), for tests and benchmarks. */
  stats(): Promise<EngineStats>;
}

const DEFAULTS = { cacheSize: 256, livenessTimeout: 20_000, maxRestarts: 3, restartWindow: 60_000 };

/**
 * Starts the analytics worker, loads `options.source` into it and returns the main-thread
 * handle. The worker holds the data; the main thread only sends specs and receives rows.
 *
 * @example
 * const engine = createEngine({ source: { kind: 'sample', orders: 5000, seed: 1 } });
 * await engine.ready();
 * const { rows } = await engine.query({ kind: 'aggregate', measures: ['orders', 'revenue'] });
 */
export function createEngine(options: EngineOptions): WorkerEngine {
  return new EngineClient(options);
}

/** What a worker call does: one request that several callers may share. */
type Operation =
  | { readonly kind: 'query'; readonly request: QueryRequest }
  | { readonly kind: 'report'; readonly name: string; readonly params: Record<string, unknown> }
  | { readonly kind: 'reportNames' }
  | { readonly kind: 'stats' };

/** One request to the worker, shared by every caller that asked the same thing meanwhile. */
interface Call {
  readonly key: string;
  readonly operation: Operation;
  readonly tickets: Set<Ticket>;
  /** The id the worker knows it by; 0 until sent. */
  workerId: number;
  /** The worker generation it was sent to. */
  generation: number;
}

/** One caller waiting on a call. */
interface Ticket {
  readonly call: Call;
  readonly source: string | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((progress: QueryProgress) => void) | undefined;
  onAbort?: () => void;
}

class EngineClient implements WorkerEngine {
  readonly #status = signal<EngineStatus>('loading');
  readonly #error = signal<Error | null>(null);
  readonly status: ReadonlySignal<EngineStatus> = this.#status;
  readonly error: ReadonlySignal<Error | null> = this.#error;

  readonly #worker: WorkerOption;
  readonly #inline: boolean;
  readonly #cacheSize: number;
  readonly #maxRestarts: number;
  readonly #restartWindow: number;
  readonly #guard: LivenessGuard | null;

  #connection: Connection | null = null;
  /** The client's end of the current worker's progress channel. */
  #progressPort: MessagePort | null = null;
  #generation = 0;
  #source: EngineSource;
  #prepared!: Promise<EngineSource>;
  /** The prepared source once known, so a restart can post the load before re-issuing requests. */
  #preparedValue: EngineSource | null = null;
  #loadToken = 0;
  /** True once the current source's buffers were moved to a worker: it cannot be sent again. */
  #moved = false;
  #loading: Deferred<EngineInfo> = deferred();
  #loadOpen = false;
  #loadAbortCleanup: (() => void) | null = null;
  readonly #calls = new Map<string, Call>();
  readonly #bySource = new Map<string, Ticket>();
  /** Queries sent in a batch and not answered yet, by the id the worker knows them by. */
  readonly #inflight = new Map<number, Call>();
  /** Ids of sent queries nobody waits for any more, cancelled with the next batch. */
  #cancels: number[] = [];
  /** Prefetches of the latest activation, sent with the next batch (null: none since the last batch). */
  #prefetches: PrefetchJob[] | null = null;
  #nextId = 0;
  #flushScheduled = false;
  #restarts: number[] = [];
  #fatal: Error | null = null;
  #destroyed = false;

  constructor(options: EngineOptions) {
    if (!options || !options.source || typeof options.source !== 'object') throw new TypeError('createEngine: options.source is required');
    this.#worker = options.worker ?? 'auto';
    this.#inline = this.#worker === 'inline' || (this.#worker === 'auto' && typeof Worker !== 'function');
    this.#cacheSize = nonNegativeInteger('cacheSize', options.cacheSize, DEFAULTS.cacheSize);
    this.#maxRestarts = nonNegativeInteger('maxRestarts', options.maxRestarts, DEFAULTS.maxRestarts);
    this.#restartWindow = nonNegativeInteger('restartWindow', options.restartWindow, DEFAULTS.restartWindow);
    const livenessTimeout =
      options.livenessTimeout === Infinity ? 0 : nonNegativeInteger('livenessTimeout', options.livenessTimeout, DEFAULTS.livenessTimeout);
    this.#guard =
      this.#inline || livenessTimeout === 0
        ? null
        : new LivenessGuard(
            livenessTimeout,
            () => this.#connection?.remote.ping() ?? Promise.resolve(),
            (error) => this.#onWorkerFailure(this.#generation, error),
          );
    this.#source = options.source;
    this.#prepare(options.source);
    try {
      this.#startWorker();
    } catch (error) {
      this.#fail(new EngineError(`The analytics worker could not be started: ${messageOf(error)}`, { cause: error }));
      return;
    }
    void this.#beginLoad();
  }

  ready(): Promise<EngineInfo> {
    if (this.#destroyed) return Promise.reject(destroyedError());
    if (this.#fatal) return Promise.reject(this.#fatal);
    return this.#loading.promise;
  }

  query<R = Row>(spec: QuerySpec, options: QueryOptions = {}): Promise<QueryResult<R>> {
    if (!spec || (spec.kind !== 'aggregate' && spec.kind !== 'analysis')) {
      return Promise.reject(new TypeError('query: spec.kind must be "aggregate" or "analysis"'));
    }
    const request: QueryRequest = { spec, filter: options.filter ?? NO_FILTER };
    return this.#request({ kind: 'query', request }, requestKey(request.spec, request.filter), options.source, options.signal, options.onProgress) as Promise<QueryResult<R>>;
  }

  prefetch(spec: QuerySpec, options: PrefetchOptions): void {
    if (this.#destroyed || this.#fatal || !spec || (spec.kind !== 'aggregate' && spec.kind !== 'analysis')) return;
    if (!options || typeof options.field !== 'string' || options.field === '') return;
    const job: PrefetchJob = {
      request: { spec, filter: options.filter ?? NO_FILTER },
      field: options.field,
      ...(options.step !== undefined ? { step: options.step } : {}),
    };
    // The widgets of one activation prefetch in one task: they go together, replacing older ones.
    if (!this.#flushScheduled || this.#prefetches === null) this.#prefetches = [];
    const same = this.#prefetches[0];
    if (same && (same.field !== job.field || same.step !== job.step)) this.#prefetches = [];
    this.#prefetches.push(job);
    this.#scheduleFlush();
  }

  report(name: string, params?: Record<string, unknown>): Promise<QueryResult> {
    // `date` and `dimension` are the seed's report arguments: the worker turns them into a
    // filter and an as-of date (it knows the data's range); other params go to the analysis.
    if (params && ('date' in params || 'dimension' in params)) {
      return this.#request({ kind: 'report', name, params }, `\u0001report\u0000${name}\u0000${requestKey({ kind: 'analysis', name, params }, NO_FILTER)}`, undefined, undefined) as Promise<QueryResult>;
    }
    const spec: QuerySpec = params ? { kind: 'analysis', name, params } : { kind: 'analysis', name };
    return this.query(spec);
  }

  reportNames(): Promise<string[]> {
    return this.#request({ kind: 'reportNames' }, '\u0001reportNames', undefined, undefined) as Promise<string[]>;
  }

  stats(): Promise<EngineStats> {
    return this.#request({ kind: 'stats' }, '\u0001stats', undefined, undefined) as Promise<EngineStats>;
  }

  load(source: EngineSource): Promise<EngineInfo> {
    if (this.#destroyed) return Promise.reject(destroyedError());
    if (!source || typeof source !== 'object') return Promise.reject(new TypeError('load: a source is required'));
    this.#source = source;
    this.#prepare(source);
    if (this.#fatal || !this.#connection) {
      // A new source is a fresh start: forget the crashes of the old worker.
      this.#fatal = null;
      this.#restarts = [];
      try {
        this.#startWorker();
      } catch (error) {
        this.#fail(new EngineError(`The analytics worker could not be started: ${messageOf(error)}`, { cause: error }));
        return this.#loading.promise;
      }
    }
    return this.#beginLoad();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    const error = destroyedError();
    this.#guard?.stop();
    this.#loadAbortCleanup?.();
    this.#closeWorker();
    this.#loading.reject(error);
    this.#rejectAll(error);
  }

  // ---- requests ----------------------------------------------------------------------------

  #request(
    operation: Operation,
    key: string,
    source: string | undefined,
    abortSignal: AbortSignal | undefined,
    onProgress?: (progress: QueryProgress) => void,
  ): Promise<unknown> {
    if (this.#destroyed) return Promise.reject(destroyedError());
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (abortSignal?.aborted) return Promise.reject(abortError(abortSignal));
    return new Promise((resolve, reject) => {
      let call = this.#calls.get(key);
      if (!call) {
        call = { key, operation, tickets: new Set(), workerId: 0, generation: 0 };
        this.#calls.set(key, call);
        this.#scheduleFlush();
      }
      const ticket: Ticket = { call, source, resolve, reject, signal: abortSignal, onProgress };
      call.tickets.add(ticket);
      if (source !== undefined) {
        const previous = this.#bySource.get(source);
        this.#bySource.set(source, ticket);
        if (previous) this.#drop(previous, new StaleQueryError(source));
      }
      if (abortSignal) {
        ticket.onAbort = () => this.#drop(ticket, abortError(abortSignal));
        abortSignal.addEventListener('abort', ticket.onAbort, { once: true });
      }
    });
  }

  /**
   * Requests made in one task (the widgets query in one animation-frame task) are sent
   * together after it, once the stale ones among them were dropped: every new query and every
   * cancellation in ONE message, answered by one message (batch-protocol.ts).
   */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    const connection = this.#connection;
    if (this.#destroyed || this.#fatal || !connection) return;
    const jobs: BatchJob[] = [];
    for (const call of this.#calls.values()) {
      if (call.workerId !== 0) continue;
      if (call.operation.kind === 'query') jobs.push(this.#assign(call, call.operation.request));
      else this.#send(call);
    }
    const cancel = this.#cancels;
    this.#cancels = [];
    const prefetch = this.#prefetches;
    this.#prefetches = null;
    if (jobs.length === 0 && cancel.length === 0 && !prefetch) return;
    try {
      connection.post(prefetch ? { clv: 'batch', jobs, cancel, prefetch } : { clv: 'batch', jobs, cancel });
    } catch {
      // A spec or filter that cannot be cloned (a function or a DOM node in params) fails the
      // whole message: send the rest one by one so only that query fails, and at once.
      this.#postEach(connection, jobs, cancel, prefetch);
    }
    this.#watch();
  }

  /** Sends a batch job by job; a job that cannot be sent rejects its callers with a TypeError saying why. */
  #postEach(connection: Connection, jobs: readonly BatchJob[], cancel: readonly number[], prefetch: readonly PrefetchJob[] | null): void {
    try {
      connection.post(prefetch ? { clv: 'batch', jobs: [], cancel, prefetch } : { clv: 'batch', jobs: [], cancel });
    } catch {
      // the prefetch is a hint: drop it, keep the cancellations
      if (cancel.length > 0) connection.post({ clv: 'batch', jobs: [], cancel });
    }
    for (const job of jobs) {
      try {
        connection.post({ clv: 'batch', jobs: [job], cancel: [] });
      } catch (error) {
        const call = this.#inflight.get(job.id);
        this.#inflight.delete(job.id);
        if (!call) continue;
        const reason = new TypeError(
          `query: the spec or filter could not be sent to the analytics worker (${messageOf(error)}); specs, params and filters must be plain data (numbers, strings, booleans, null, arrays and plain objects)`,
        );
        this.#settle(call, { ok: false, error: serializeError(reason) });
      }
    }
  }

  /** Gives a query its worker id for the batch being sent. */
  #assign(call: Call, request: QueryRequest): BatchJob {
    const id = ++this.#nextId;
    call.workerId = id;
    call.generation = this.#generation;
    this.#inflight.set(id, call);
    return { id, request };
  }

  /** Answers of a batch: each goes to the callers of its call, unless that call was dropped meanwhile. */
  #onResults(generation: number, results: readonly BatchResult[]): void {
    if (generation !== this.#generation) return;
    for (const { id, outcome } of results) {
      const call = this.#inflight.get(id);
      if (!call) continue;
      this.#inflight.delete(id);
      if (call.workerId === id) this.#settle(call, outcome);
    }
    this.#watch();
  }

  /** Sends a call that is not a query (report, reportNames, stats) as its own comlink call. */
  #send(call: Call): void {
    const connection = this.#connection;
    if (!connection) return;
    const id = ++this.#nextId;
    const generation = this.#generation;
    call.workerId = id;
    call.generation = generation;
    this.#watch();
    invoke(connection, id, call.operation)
      .catch((error: unknown): Outcome<unknown> => ({ ok: false, error: serializeError(error) }))
      .then((outcome) => {
        if (call.workerId !== id || call.generation !== generation) return;
        this.#settle(call, outcome);
        this.#watch();
      });
  }

  /** Removes one caller; a call nobody waits for any more is cancelled in the worker. */
  #drop(ticket: Ticket, error: Error): void {
    const call = ticket.call;
    if (!call.tickets.delete(ticket)) return;
    this.#release(ticket);
    ticket.reject(error);
    if (call.tickets.size > 0) return;
    if (this.#calls.get(call.key) === call) this.#calls.delete(call.key);
    if (call.workerId > 0 && call.operation.kind === 'query' && this.#inflight.get(call.workerId) === call) {
      this.#inflight.delete(call.workerId);
      if (call.generation === this.#generation && this.#connection) {
        this.#cancels.push(call.workerId);
        this.#scheduleFlush();
      }
    }
    call.workerId = -1;
    this.#watch();
  }

  /** Passes a long query's progress to the callers that asked for it. */
  #progress(generation: number, id: number, progress: QueryProgress): void {
    if (generation !== this.#generation) return;
    const call = this.#inflight.get(id);
    if (!call) return;
    for (const ticket of call.tickets) ticket.onProgress?.(progress);
  }

  #settle(call: Call, outcome: Outcome<unknown>): void {
    if (this.#calls.get(call.key) === call) this.#calls.delete(call.key);
    const tickets = [...call.tickets];
    call.tickets.clear();
    for (const ticket of tickets) {
      this.#release(ticket);
      if (outcome.ok) ticket.resolve(outcome.value);
      else ticket.reject(rebuildError(outcome.error));
    }
  }

  #release(ticket: Ticket): void {
    if (ticket.onAbort) ticket.signal?.removeEventListener('abort', ticket.onAbort);
    if (ticket.source !== undefined && this.#bySource.get(ticket.source) === ticket) this.#bySource.delete(ticket.source);
  }

  /** Rejects every open request with `error` (the worker is gone, nothing is cancelled there). */
  #rejectAll(error: Error): void {
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    this.#inflight.clear();
    this.#cancels = [];
    for (const call of calls) {
      call.workerId = -1;
      for (const ticket of [...call.tickets]) this.#drop(ticket, error);
    }
  }

  // ---- loading -----------------------------------------------------------------------------

  #prepare(source: EngineSource): void {
    this.#moved = false;
    const prepared = quiet(prepareSource(source));
    this.#prepared = prepared;
    this.#preparedValue = null;
    prepared.then(
      (value) => {
        if (this.#prepared === prepared) this.#preparedValue = value;
      },
      () => undefined,
    );
  }

  #beginLoad(): Promise<EngineInfo> {
    const token = ++this.#loadToken;
    const previous = this.#loading;
    const loading = deferred<EngineInfo>();
    this.#loading = loading;
    // Whoever waited on an unfinished earlier load gets the newest source's answer.
    if (!previous.settled) loading.promise.then(previous.resolve, previous.reject);
    this.#status.value = 'loading';
    this.#error.value = null;
    this.#watchLoadAbort(token);
    void this.#sendLoad(token);
    return loading.promise;
  }

  #watchLoadAbort(token: number): void {
    this.#loadAbortCleanup?.();
    this.#loadAbortCleanup = null;
    const abortSignal = sourceSignal(this.#source);
    if (!abortSignal) return;
    const onAbort = (): void => {
      if (token !== this.#loadToken || this.#loading.settled) return;
      this.#loadToken++;
      this.#loadOpen = false;
      this.#connection?.remote.abortLoad().catch(() => undefined);
      const error = abortError(abortSignal);
      this.#status.value = 'error';
      this.#error.value = error;
      this.#loading.reject(error);
      this.#watch();
    };
    if (abortSignal.aborted) {
      queueMicrotask(onAbort);
      return;
    }
    abortSignal.addEventListener('abort', onAbort, { once: true });
    this.#loadAbortCleanup = () => abortSignal.removeEventListener('abort', onAbort);
  }

  async #sendLoad(token: number): Promise<void> {
    const connection = this.#connection;
    const generation = this.#generation;
    const loading = this.#loading;
    if (!connection) return;
    this.#loadOpen = true;
    this.#watch();
    let outcome: Outcome<EngineInfo>;
    let prepared = false;
    // A source that failed here (on the main thread) keeps its class and fields (SourceReadError).
    let local: Error | null = null;
    try {
      const source = this.#preparedValue ?? (await this.#prepared);
      prepared = true;
      if (token !== this.#loadToken || generation !== this.#generation) return;
      // Bytes (and a Dataset given with transfer) are moved to the worker, not copied.
      const moved = transferables(source);
      if (moved.length > 0) this.#moved = true;
      outcome = await connection.remote.load(moved.length > 0 ? Comlink.transfer(source, moved) : source, { cacheSize: this.#cacheSize });
    } catch (error) {
      if (!prepared && error instanceof Error) local = error;
      outcome = { ok: false, error: serializeError(error) };
    }
    // A newer load or a replacement worker owns the engine now.
    if (token !== this.#loadToken || generation !== this.#generation || this.#destroyed) return;
    // The source failed here (a stream that broke while drained) and the worker never got it:
    // requests it holds for this load would wait forever; they fail with the load's error.
    if (!prepared && !outcome.ok) connection.remote.abortLoad(loadFailure(outcome.error)).catch(() => undefined);
    this.#loadOpen = false;
    this.#watch();
    this.#loadAbortCleanup?.();
    this.#loadAbortCleanup = null;
    if (outcome.ok) {
      this.#status.value = 'ready';
      this.#error.value = null;
      loading.resolve(outcome.value);
      return;
    }
    const error = local ?? rebuildError(outcome.error);
    if (this.#status.value === 'restarting') {
      this.#fail(new EngineError(`The analytics worker crashed and could not be restarted: reloading the data failed: ${error.message}`, { cause: error }));
      return;
    }
    this.#status.value = 'error';
    this.#error.value = error;
    loading.reject(error);
  }

  // ---- the worker and its recovery ---------------------------------------------------------

  #startWorker(): void {
    const worker = this.#createWorker();
    const generation = ++this.#generation;
    this.#connection = connect(worker, {
      onMessage: () => {
        if (generation === this.#generation) this.#guard?.heard();
      },
      onResults: (results) => this.#onResults(generation, results),
      onFailure: (error) => this.#onWorkerFailure(generation, error),
    });
    // The progress callback's channel is made here (not by Comlink.proxy) so that closing the
    // worker closes it too: an exposed port left open keeps a Node process alive.
    const { port1, port2 } = new MessageChannel();
    Comlink.expose((id: number, progress: QueryProgress) => this.#progress(generation, id, progress), port1);
    this.#progressPort = port1;
    this.#connection.remote.listen(Comlink.transfer(port2, [port2]) as unknown as ProgressListener).catch(() => undefined);
    this.#guard?.starting();
  }

  #createWorker(): WorkerLike {
    const option = this.#worker;
    if (this.#inline) return createInlineWorker(import('./worker-api.js').then((module) => module.createWorkerApi()));
    if (option === 'auto') return createDefaultWorker();
    if (typeof option === 'function') return option();
    if (typeof option === 'string' || option instanceof URL) return new Worker(option, { type: 'module' });
    throw new TypeError(`worker: expected "auto", "inline", a URL, a string or a function, got ${String(option)}`);
  }

  #closeWorker(): void {
    this.#connection?.close();
    this.#connection = null;
    this.#progressPort?.close();
    this.#progressPort = null;
  }

  /** The worker died: start a new one, reload the source and re-issue every open request. */
  #onWorkerFailure(generation: number, error: Error): void {
    if (generation !== this.#generation || this.#destroyed || this.#fatal) return;
    const neverStarted = this.#connection ? !this.#connection.started : false;
    this.#guard?.stop();
    this.#closeWorker();
    const now = Date.now();
    this.#restarts = this.#restarts.filter((time) => now - time < this.#restartWindow);
    if (this.#restarts.length >= this.#maxRestarts) {
      const crashes = this.#restarts.length + 1;
      const reason = neverStarted ? error.message : `the analytics worker crashed ${crashes === 1 ? 'once' : `${crashes} times`} within ${Math.round(this.#restartWindow / 1000)} s; last: ${error.message}`;
      this.#fail(new EngineError(`The engine stopped: ${reason}`, { cause: error }));
      return;
    }
    if (this.#moved) {
      this.#fail(
        new EngineError(
          `The analytics worker crashed and its data cannot be reloaded: the source's buffers were moved to the worker that died (${error.message}). Pass a Blob, or a Dataset without transfer, to survive a restart.`,
          { cause: error },
        ),
      );
      return;
    }
    this.#restarts.push(now);
    this.#status.value = 'restarting';
    this.#error.value = error;
    try {
      this.#startWorker();
    } catch (startError) {
      this.#fail(new EngineError(`The analytics worker crashed and could not be restarted: ${messageOf(startError)}`, { cause: startError }));
      return;
    }
    if (this.#loading.settled) this.#loading = deferred();
    void this.#sendLoad(this.#loadToken);
    // The new worker knows none of the old ids: every open call is sent again, queries in one batch.
    this.#inflight.clear();
    this.#cancels = [];
    for (const call of this.#calls.values()) call.workerId = 0;
    this.#flush();
  }

  /** Gives up: status `error`, every open request and the pending load reject with `error`. */
  #fail(error: Error): void {
    this.#fatal = error;
    this.#guard?.stop();
    this.#closeWorker();
    this.#loadOpen = false;
    this.#loadAbortCleanup?.();
    this.#loadAbortCleanup = null;
    this.#status.value = 'error';
    this.#error.value = error;
    if (this.#loading.settled) this.#loading = deferred();
    this.#loading.reject(error);
    this.#rejectAll(error);
  }

  #watch(): void {
    if (!this.#guard) return;
    let open = this.#loadOpen;
    if (!open) for (const call of this.#calls.values()) if (call.workerId > 0) open = true;
    this.#guard.watch(open && !this.#destroyed && !this.#fatal, this.#loadOpen);
  }
}

function invoke(connection: Connection, id: number, operation: Operation): Promise<Outcome<unknown>> {
  switch (operation.kind) {
    case 'query':
      // Queries normally go in batches; a single call is the same request.
      return connection.remote.query(id, operation.request);
    case 'report':
      return connection.remote.report(operation.name, operation.params);
    case 'reportNames':
      return connection.remote.reportNames();
    case 'stats':
      return connection.remote.stats().then((value): Outcome<unknown> => ({ ok: true, value }));
  }
}

/** What requests waiting for a failed load answer, as the worker says it for its own failures. */
function loadFailure(error: SerializedError): SerializedError {
  return { name: error.name, message: `The data could not be loaded: ${error.message}` };
}

function destroyedError(): EngineError {
  return new EngineError('The engine was destroyed');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`createEngine: ${name} must be a non-negative integer, got ${String(value)}`);
  return value;
}
