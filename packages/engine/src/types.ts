import type { ReadonlySignal } from '@preact/signals-core';
import type {
  ColumnType,
  CustomersMapping,
  Dataset,
  Filter,
  ImportInput,
  ImportOptions,
  ImportReport,
  LineItemsMapping,
  LinesMapping,
  MessagesMapping,
  QueryResult,
  QuerySpec,
  Row,
  SessionsMapping,
  TableName,
  TableSource,
  TimeOptions,
} from '@clvkit/core';
import type { BinaryInput } from './binary-input.js';
import type { QueryProgress } from './worker-api.js';

/**
 * A table given as bytes (CSV or JSON, UTF-8): an ArrayBuffer or a view over one. The buffer is
 * transferred to the worker, not copied: it is detached (empty) on the caller's side afterwards.
 */
export interface BinaryTableSource<M> extends Omit<TableSource<M>, 'data'> {
  readonly data: BinaryInput;
}

/** `ImportInput` of @clvkit/core, where each table may also be given as bytes. */
export interface EngineImportInput {
  readonly sessions: TableSource<SessionsMapping> | BinaryTableSource<SessionsMapping>;
  readonly customers?: TableSource<CustomersMapping> | BinaryTableSource<CustomersMapping>;
  readonly lines?: TableSource<LinesMapping> | BinaryTableSource<LinesMapping>;
  readonly messages?: TableSource<MessagesMapping> | BinaryTableSource<MessagesMapping>;
}

/**
 * Where the engine's dataset comes from. A source is sent to the worker; what it costs:
 * - a Blob or File (the way to pass a large CSV): nothing, the worker streams it;
 * - bytes (ArrayBuffer, Uint8Array): moved (transferred), nothing copied; the caller's buffer
 *   is detached;
 * - a Dataset: copied (structured clone of its typed arrays), unless `transfer: true` moves
 *   them, detaching the caller's;
 * - strings and arrays of rows: copied (structured clone).
 * Iterables, async iterables and an `AbortSignal` in `options` are handled on the main thread by
 * the client. A source whose buffers were moved cannot be sent again to a restarted worker:
 * after a crash the engine then stops with an error saying so.
 */
export type EngineSource =
  | { readonly kind: 'sample'; readonly orders?: number; readonly seed?: number; readonly timeZone?: string }
  | { readonly kind: 'import'; readonly input: EngineImportInput | ImportInput; readonly options?: ImportOptions }
  | { readonly kind: 'line-items'; readonly input: TableSource<LineItemsMapping> | BinaryTableSource<LineItemsMapping>; readonly options?: ImportOptions }
  | { readonly kind: 'dataset'; readonly dataset: Dataset; readonly transfer?: boolean }
  | RemoteSource;

/**
 * Data that stays on a server: every query is POSTed to `endpoint` (clvkit's proxy protocol,
 * e.g. the Elasticsearch proxy of @clvkit/elasticsearch) and answered there; per-customer
 * analyses the server does not push down run in the worker from per-customer summaries it
 * pages through. A relative `endpoint` is resolved against the page on the main thread.
 */
export interface RemoteSource {
  readonly kind: 'remote';
  /** The proxy's URL (absolute, or relative to the page). */
  readonly endpoint: string;
  /** Sent with every request (e.g. an `authorization` header); plain strings only. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds one request may take before it fails with a timeout. Default 30 000. */
  readonly timeoutMs?: number;
  /** The server data's time zone and week start, when the proxy does not tell them (`{info: true}`). Default UTC, Monday. */
  readonly time?: Partial<TimeOptions>;
  /**
   * Ask the server `{ info: true }` on load (time options, extent, its analyses). Default true;
   * false for a server that does not answer it (each load would log a refused request).
   */
  readonly info?: boolean;
  /** Largest number of per-customer summary rows fetched for one analysis. Default 200 000. */
  readonly maxSummaryRows?: number;
  /** Largest number of customer-day activity rows fetched for one analysis (cohorts, lifecycle, A/B tests). Default 2 000 000. */
  readonly maxActivityRows?: number;
  /** Summary rows asked for per page. Default: the server's page size (the Elasticsearch proxy's is 1 000); more than the server's cap is refused. */
  readonly summaryPageSize?: number;
}

/**
 * How the engine runs its worker:
 * - `'auto'` (default): a module Worker from the package's own worker file; where `Worker`
 *   does not exist (Node, SSR) the same code runs in-thread (`'inline'`);
 * - `'inline'`: the worker code on the calling thread, over a MessageChannel (same
 *   semantics, structured clone included; no parallelism);
 * - a URL or string: a module Worker started from that script;
 * - a function: a factory the engine calls for the first worker and after every crash.
 */
export type WorkerOption = 'auto' | 'inline' | URL | string | (() => Worker);

/** Options of `createEngine`. */
export interface EngineOptions {
  readonly source: EngineSource;
  readonly worker?: WorkerOption;
  /** Results kept in the worker's LRU cache. Default 256; 0 disables caching. */
  readonly cacheSize?: number;
  /**
   * Milliseconds of silence from a worker with open requests after which the client pings it;
   * a ping unanswered for as long again means the worker is dead and is restarted. Must exceed
   * the longest single computation or import step. Default 20 000; 0 or Infinity disables the guard. Not used inline.
   */
  readonly livenessTimeout?: number;
  /** Restarts allowed within `restartWindow` before the engine gives up (status `error`). Default 3. */
  readonly maxRestarts?: number;
  /** Window of `maxRestarts`, in milliseconds. Default 60 000. */
  readonly restartWindow?: number;
}

/** The engine's life cycle. `restarting`: the worker died and a new one is loading the data. */
export type EngineStatus = 'loading' | 'ready' | 'error' | 'restarting';

/** A column of a loaded table. */
export interface FieldInfo {
  readonly name: string;
  readonly type: ColumnType;
}

/** A loaded table. */
export interface TableInfo {
  readonly name: TableName;
  readonly length: number;
  readonly fields: readonly FieldInfo[];
}

/** What the engine reports after loading a source. */
export interface EngineInfo {
  /** The import report (rows in, used, rejected, repaired); for a given Dataset every row counts as used. */
  readonly report: ImportReport;
  readonly tables: readonly TableInfo[];
  /** First and last `sessions.session_start` instant (epoch ms, both inclusive); null without sessions. */
  readonly timeExtent: readonly [number, number] | null;
  readonly time: TimeOptions;
}

/** Options of `Engine.query`. */
export interface QueryOptions {
  /** The selection's filter resolved for the asking widget. Default: everything. */
  readonly filter?: Filter;
  /** The asking widget: a newer query from the same source makes this one stale. */
  readonly source?: string;
  readonly signal?: AbortSignal;
  /**
   * Called while a long analysis (a model fit, an autoencoder's training) runs, at each of its
   * checkpoints: `{ done, total, message }`, e.g. `{ done: 3, total: 20, message: 'Training autoencoder' }`.
   */
  readonly onProgress?: (progress: QueryProgress) => void;
}

/** Options of `Engine.prefetch`. */
export interface PrefetchOptions {
  /** The filter the query will have, minus the coming clause. Default: everything. */
  readonly filter?: Filter;
  /** The field of the coming clause. */
  readonly field: string;
  /** A histogram's bin width (number fields). */
  readonly step?: number;
}

/** The main-thread handle on the analytics worker. */
export interface Engine {
  readonly status: ReadonlySignal<EngineStatus>;
  readonly error: ReadonlySignal<Error | null>;
  /** Resolves when the current source is loaded (again, after a restart). */
  ready(): Promise<EngineInfo>;
  /**
   * Runs a query spec with a filter. Rejects with a `StaleQueryError` when a newer query from
   * the same `source` arrives first, with an `AbortError` when `signal` aborts, with the
   * analysis' own error (`ClvDataError`, `MissingInputError`, ...) rebuilt with its class.
   */
  query<R = Row>(spec: QuerySpec, options?: QueryOptions): Promise<QueryResult<R>>;
  /**
   * Prepares the worker for a clause about to be made on `options.field` (a chart under the
   * pointer or focus; see `Selection.activate`): with `filter` the query's filter without that
   * chart's clause, the worker builds what will answer `spec` once the clause arrives, while it
   * has nothing else to do. A hint: it answers nothing and fails silently.
   */
  prefetch(spec: QuerySpec, options: PrefetchOptions): void;
  /** Runs a named analysis over the whole dataset. */
  report(name: string, params?: Record<string, unknown>): Promise<QueryResult>;
  /** Names `report` accepts. */
  reportNames(): Promise<string[]>;
  /** Replaces the dataset (clears the cache). */
  load(source: EngineSource): Promise<EngineInfo>;
  /** Terminates the worker, rejects every open request, and leaves no listener or timer behind. */
  destroy(): void;
}

/** Counters of the worker, for tests and benchmarks. */
export interface EngineStats {
  /** `runQuery` calls (cache misses that were computed). */
  readonly computations: number;
  readonly cacheHits: number;
  readonly cacheSize: number;
  /** Requests cancelled before they started, or (long analyses) while they ran. */
  readonly cancelled: number;
  /** Completed loads. */
  readonly loads: number;
  /** Prefetches that ran (see `Engine.prefetch`). */
  readonly prefetches: number;
}
