import { calendarFor, filterKey, interval, isIn, NO_FILTER } from '@clvkit/core';
import type { Filter, Predicate, QueryRequest, QueryResult } from '@clvkit/core';
import type { CustomerSummaryRecord, SummaryEnv } from '@clvkit/analytics';
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
/** Summary runs kept per loaded source (rfm and segmentation of one selection share one). */
const SUMMARY_CACHE = 4;

/** One summaries run: its rows, and the fetch shared by the analyses waiting for it. */
interface SummaryEntry {
  readonly promise: Promise<readonly SummaryRow[]>;
  readonly controller: AbortController;
  waiters: number;
  done: boolean;
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
  const summaryCache = new Map<string, SummaryEntry>();
  const counters = { summaryPages: 0, proxyRequests: 0 };
  const maxRows = source.maxSummaryRows ?? DEFAULT_MAX_SUMMARY_ROWS;
  // Without a page size the server picks its own (within its cap): asking more than a server's cap is refused.
  const size = source.summaryPageSize !== undefined ? { size: source.summaryPageSize } : {};

  async function fetchSummaries(filter: Filter, signal: AbortSignal): Promise<readonly SummaryRow[]> {
    const rows: SummaryRow[] = [];
    let after: Record<string, unknown> | null = null;
    let previous = '';
    for (;;) {
      counters.summaryPages++;
      const answer = await postToProxy(source, { summaries: { filter: wireFilter(filter), ...size, ...(after ? { after } : {}) } }, signal);
      if (!Array.isArray(answer.rows)) throw new RemoteSourceError('bad-response', 200, 'The data endpoint answered a summaries page without rows');
      rows.push(...(answer.rows as SummaryRow[]));
      if (rows.length > maxRows) {
        throw new RemoteSourceError('too-many-customers', 0, `This analysis needs the summaries of more than ${maxRows} customers; narrow the selection, or raise the source's maxSummaryRows`);
      }
      const next = answer.after as Record<string, unknown> | null | undefined;
      if (!next) return rows;
      const key = JSON.stringify(next);
      if (key === previous) throw new RemoteSourceError('bad-response', 200, 'The data endpoint answered the same summaries page twice (its "after" did not move)');
      previous = key;
      after = next;
    }
  }

  /**
   * Every summary row of `filter`, shared between the analyses asking for the same filter (rfm
   * and segmentation of one selection): one fetch, aborted only when every analysis waiting for
   * it was cancelled, so cancelling one does not fail the others. Finished runs stay cached.
   */
  function summaries(filter: Filter, signal: AbortSignal): Promise<readonly SummaryRow[]> {
    const key = filterKey(filter);
    let entry = summaryCache.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: SummaryEntry = { promise: fetchSummaries(filter, controller.signal), controller, waiters: 0, done: false };
      summaryCache.set(key, created);
      created.promise.then(
        () => (created.done = true),
        () => {
          if (summaryCache.get(key) === created) summaryCache.delete(key);
        },
      );
      // The oldest run goes when the cache is full.
      if (summaryCache.size > SUMMARY_CACHE) summaryCache.delete(summaryCache.keys().next().value as string);
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
          resolve(rows);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  function envOf(signal: AbortSignal): SummaryEnv {
    return { time: info.time, timeExtent: info.timeExtent, summaries: (filter) => summaries(filter, signal), signal };
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
