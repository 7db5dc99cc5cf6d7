import { calendarFor, filterKey, interval, isIn, NO_FILTER } from '@clvkit/core';
import type { Filter, Predicate, QueryRequest, QueryResult } from '@clvkit/core';
import type { CustomerDayRecord, CustomerRecord, CustomerSummaryRecord, MessageRecord, SummaryEnv } from '@clvkit/analytics';
import { postToProxy, remoteQuery, RemoteSourceError } from './remote-source.js';
import type { EngineInfo, RemoteSource } from './types.js';

/**
 * Runs queries against a remote source (in the worker): every request goes to the proxy; an
 * analysis the proxy does not push down (it answers `unsupported` naming the analysis) runs in
 * the worker from per-customer summaries, paged from the proxy, when @clvkit/analytics has a
 * summary-based version of it (`summaryAnalysisNames`).
 */

/** One customer's summary row, as the proxy pages them. */
export type SummaryRow = CustomerSummaryRecord;

/** What the worker needs of @clvkit/analytics for summary-based analyses. */
export interface SummaryAnalytics {
  summaryAnalysisNames(): string[];
  runSummaryAnalysis(request: QueryRequest, env: SummaryEnv): Promise<QueryResult>;
  /** Whether a filter names derived fields the server cannot compute (e.g. `rfm_segment`). */
  hasDerivedClauses?(filter: Filter): boolean;
  /** The request with those clauses turned into clauses the server can run (from summaries). */
  resolveDerivedClauses?(request: QueryRequest, env: SummaryEnv): Promise<QueryRequest>;
  /** Whether an aggregate the server refused (customers or derived fields) can run in the worker from per-customer pages. */
  canRunSummaryAggregate?(request: QueryRequest): boolean;
  /** Runs such an aggregate in the worker. */
  runSummaryAggregate?(request: QueryRequest, env: SummaryEnv): Promise<QueryResult>;
}

/** The remote counterpart of a dataset in the worker. */
export interface RemoteRunner {
  readonly info: EngineInfo;
  /** Answers one request (through the proxy, or from summaries in the worker). */
  run(request: QueryRequest, options: { readonly signal: AbortSignal }): Promise<QueryResult>;
  /** The request of a seed-style `report(name, { date, dimension, ...params })`. */
  reportRequest(name: string, params: Record<string, unknown>, takesAsOf: boolean): QueryRequest;
  /** Summary requests sent so far (tests, benchmarks). */
  readonly counters: { summaryPages: number; proxyRequests: number };
}

/** Default cap of summary rows for one analysis. */
export const DEFAULT_MAX_SUMMARY_ROWS = 200_000;
/** Interval bounds standing for ±infinity on the wire (JSON has no Infinity): the ends of the Date range. */
const FAR = 8.64e15;
/** Default cap of customer-day activity rows for one analysis. */
export const DEFAULT_MAX_ACTIVITY_ROWS = 2_000_000;
/**
 * Paged runs kept per loaded source, least recently used dropped first: at most this many runs
 * (rfm and segmentation of one selection share one; a product A/B test asks one small run per
 * product) and at most `PAGE_CACHE_ROWS` rows in all.
 */
const PAGE_CACHE = 64;
const PAGE_CACHE_ROWS = 3_000_000;

/** The paged bodies of the proxy protocol. */
type PageKind = 'summaries' | 'activity' | 'customers' | 'messages';

/** One paged run: its rows, and the fetch shared by the analyses waiting for it. */
interface PagesEntry {
  readonly promise: Promise<readonly unknown[]>;
  readonly controller: AbortController;
  waiters: number;
  done: boolean;
  /** Rows held once done. */
  rows: number;
}

function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Creates the runner of a loaded remote source. `analytics` is loaded only when a summary-based
 * analysis runs. `serverAnalyses`: the analyses the server says it computes (`{ info: true }`);
 * summary-based ones not among them go straight to summaries, without a refused request first.
 */
export function createRemoteRunner(source: RemoteSource, info: EngineInfo, analytics: () => Promise<SummaryAnalytics>, serverAnalyses: readonly string[] | null = null): RemoteRunner {
  // Analyses the proxy said it does not push down: go straight to summaries next time.
  const viaSummaries = new Set<string>();
  const pageCache = new Map<string, PagesEntry>();
  // Built once per loaded source (a search's value index); a failed build is forgotten.
  const memos = new Map<string, Promise<unknown>>();
  const counters = { summaryPages: 0, proxyRequests: 0 };
  const maxRows = source.maxSummaryRows ?? DEFAULT_MAX_SUMMARY_ROWS;
  const maxActivityRows = source.maxActivityRows ?? DEFAULT_MAX_ACTIVITY_ROWS;
  // Without a page size the server picks its own (within its cap): asking more than a server's cap is refused.
  const size = source.summaryPageSize !== undefined ? { size: source.summaryPageSize } : {};

  /**
   * Every row of one paged body (`summaries`, `activity`, `customers` or `messages`), page after
   * page until the proxy's `after` is null; more than `max` rows fail with `too-many-customers`.
   */
  async function fetchPages(kind: PageKind, filter: Filter | null, signal: AbortSignal): Promise<readonly unknown[]> {
    const rows: unknown[] = [];
    const max = kind === 'activity' ? maxActivityRows : maxRows;
    let after: Record<string, unknown> | null = null;
    let previous = '';
    for (;;) {
      counters.summaryPages++;
      const page = { ...(filter ? { filter: wireFilter(filter) } : {}), ...size, ...(after ? { after } : {}) };
      const answer = await postToProxy(source, { [kind]: page }, signal);
      if (!Array.isArray(answer.rows)) throw new RemoteSourceError('bad-response', 200, `The data endpoint answered a ${kind} page without rows`);
      rows.push(...(answer.rows as unknown[]));
      if (rows.length > max) {
        const what = kind === 'activity' ? 'customer-days of activity' : kind === 'summaries' ? 'customers' : kind;
        throw new RemoteSourceError('too-many-customers', 0, `This analysis needs more than ${max} ${what}; narrow the selection, or raise the source's ${kind === 'activity' ? 'maxActivityRows' : 'maxSummaryRows'}`);
      }
      const next = answer.after as Record<string, unknown> | null | undefined;
      if (!next) return rows;
      const key = JSON.stringify(next);
      if (key === previous) throw new RemoteSourceError('bad-response', 200, `The data endpoint answered the same ${kind} page twice (its "after" did not move)`);
      previous = key;
      after = next;
    }
  }

  /**
   * Every row of `kind` under `filter`, shared between the analyses asking for the same pages
   * (rfm and segmentation of one selection): one fetch, aborted only when every analysis waiting
   * for it was cancelled, so cancelling one does not fail the others. Finished runs stay cached.
   */
  /** Drops the least recently used runs past `PAGE_CACHE` runs or `PAGE_CACHE_ROWS` rows (waiters keep their promise). */
  function trimPageCache(): void {
    let rows = 0;
    for (const entry of pageCache.values()) rows += entry.rows;
    for (const [key, entry] of pageCache) {
      if (pageCache.size <= PAGE_CACHE && rows <= PAGE_CACHE_ROWS) break;
      pageCache.delete(key);
      rows -= entry.rows;
    }
  }

  function pages<R>(kind: PageKind, filter: Filter | null, signal: AbortSignal): Promise<readonly R[]> {
    const key = `${kind}:${filter ? filterKey(filter) : ''}`;
    let entry = pageCache.get(key);
    if (entry) {
      // Most recently used last.
      pageCache.delete(key);
      pageCache.set(key, entry);
    } else {
      const controller = new AbortController();
      const created: PagesEntry = { promise: fetchPages(kind, filter, controller.signal), controller, waiters: 0, done: false, rows: 0 };
      pageCache.set(key, created);
      created.promise.then(
        (rows) => {
          created.done = true;
          created.rows = rows.length;
          trimPageCache();
        },
        () => {
          if (pageCache.get(key) === created) pageCache.delete(key);
        },
      );
      trimPageCache();
      entry = created;
    }
    const shared = entry;
    if (signal.aborted) return Promise.reject(abortReason(signal));
    shared.waiters++;
    return new Promise((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        shared.waiters--;
      };
      const onAbort = () => {
        leave();
        if (!shared.done && shared.waiters === 0) shared.controller.abort();
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (rows) => {
          leave();
          resolve(rows as readonly R[]);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  /**
   * `env.memo`: the build runs detached from the asking analysis (typing in a search box cancels
   * each query, and must not cancel the index the next keystroke needs); each caller still stops
   * waiting when its own signal aborts.
   */
  function memo<T>(signal: AbortSignal) {
    return (key: string, build: (env: SummaryEnv) => Promise<T>): Promise<T> => {
      let promise = memos.get(key) as Promise<T> | undefined;
      if (!promise) {
        const created = build(envOf(new AbortController().signal));
        memos.set(key, created);
        created.catch(() => {
          if (memos.get(key) === created) memos.delete(key);
        });
        promise = created;
      }
      if (signal.aborted) return Promise.reject(abortReason(signal));
      const shared = promise;
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        shared.then(
          (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
          (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
        );
      });
    };
  }

  function envOf(signal: AbortSignal): SummaryEnv {
    return {
      time: info.time,
      timeExtent: info.timeExtent,
      summaries: (filter) => pages<SummaryRow>('summaries', filter, signal),
      activity: (filter) => pages<CustomerDayRecord>('activity', filter, signal),
      customers: () => pages<CustomerRecord>('customers', null, signal),
      messages: () => pages<MessageRecord>('messages', null, signal),
      query: (request) => {
        counters.proxyRequests++;
        return remoteQuery(source, { spec: request.spec, filter: wireFilter(request.filter) }, signal);
      },
      memo: memo(signal) as SummaryEnv['memo'],
      signal,
    };
  }

  async function fromSummaries(request: QueryRequest, signal: AbortSignal): Promise<QueryResult> {
    return (await analytics()).runSummaryAnalysis(request, envOf(signal));
  }

  async function derivedIn(filter: Filter): Promise<boolean> {
    return (await analytics()).hasDerivedClauses?.(filter) ?? false;
  }

  /** Derived-field clauses (a treemap click on a segment) resolved in the worker, when there are any. */
  async function resolved(request: QueryRequest, signal: AbortSignal): Promise<QueryRequest> {
    if (request.filter.predicates.length === 0) return request;
    const module = await analytics();
    if (!module.hasDerivedClauses?.(request.filter) || !module.resolveDerivedClauses) return request;
    return module.resolveDerivedClauses(request, envOf(signal));
  }

  async function summaryNames(): Promise<string[]> {
    return (await analytics()).summaryAnalysisNames();
  }

  return {
    info,
    counters,
    async run(original, { signal }) {
      const request = await resolved(original, signal);
      const name = request.spec.kind === 'analysis' ? request.spec.name : null;
      if (name !== null && serverAnalyses && !serverAnalyses.includes(name) && (await summaryNames()).includes(name)) viaSummaries.add(name);
      if (name !== null && viaSummaries.has(name)) return fromSummaries(request, signal);
      // Still derived clauses: an analysis that resolves them itself from summaries (rfm under a
      // segment click); the server could not run them anyway.
      if (name !== null && request === original && original.filter.predicates.length > 0 && (await derivedIn(original.filter)) && (await summaryNames()).includes(name)) return fromSummaries(request, signal);
      try {
        counters.proxyRequests++;
        return await remoteQuery(source, { spec: request.spec, filter: wireFilter(request.filter) }, signal);
      } catch (error) {
        // An aggregate on customers or derived fields: the server cannot group or filter orders
        // by them (unsupported) or does not let the browser name them in a query (forbidden);
        // the worker computes it from per-customer pages, whose fields the proxy trims to its allow-list.
        if (request.spec.kind === 'aggregate' && error instanceof RemoteSourceError && (error.code === 'unsupported' || error.code === 'forbidden')) {
          const module = await analytics();
          if (module.canRunSummaryAggregate?.(request) && module.runSummaryAggregate) return module.runSummaryAggregate(request, envOf(signal));
        }
        // The proxy names the analysis when it is not pushed down (code `unsupported`).
        if (name !== null && error instanceof RemoteSourceError && error.code === 'unsupported' && error.message.startsWith(`analysis ${JSON.stringify(name)}:`)) {
          if ((await summaryNames()).includes(name)) {
            viaSummaries.add(name);
            return fromSummaries(request, signal);
          }
          throw new RemoteSourceError('unsupported', error.status, `${name} cannot run on this data source: the server does not compute it and it has no summary-based version in the worker (${error.message})`);
        }
        throw error;
      }
    },
    reportRequest(name, params, takesAsOf) {
      const { date, dimension, ...rest } = params;
      const predicates: Predicate[] = [];
      if (dimension !== undefined && dimension !== null && dimension !== 'main') predicates.push(isIn('dimension', [String(dimension)]));
      const analysisParams: Record<string, unknown> = { ...rest };
      if (date !== undefined && date !== null) {
        if (typeof date !== 'string') throw new TypeError(`report ${name}: date must be "YYYY-MM-DD", got ${JSON.stringify(date)}`);
        const calendar = calendarFor(info.time);
        const end = calendar.add(calendar.parseDate(date), 'day', 1);
        const start = info.timeExtent ? Math.min(info.timeExtent[0], end - 1) : end - 1;
        predicates.push(interval('session_start', start, end));
        if (takesAsOf) analysisParams.asOf = date;
      }
      return { spec: { kind: 'analysis', name, params: analysisParams }, filter: predicates.length ? { mode: 'and', predicates } : NO_FILTER };
    },
  };
}

/** The filter as it can travel as JSON: infinite interval bounds become the ends of the Date range. */
export function wireFilter(filter: Filter): Filter {
  const fix = (p: Predicate): Predicate => {
    if (p.type === 'interval' && (!Number.isFinite(p.range[0]) || !Number.isFinite(p.range[1]))) {
      return { ...p, range: [Math.max(-FAR, p.range[0]), Math.min(FAR, p.range[1])] };
    }
    if (p.type === 'and') return { ...p, predicates: p.predicates.map(fix) } as Predicate;
    return p;
  };
  return { ...filter, predicates: filter.predicates.map(fix) };
}
