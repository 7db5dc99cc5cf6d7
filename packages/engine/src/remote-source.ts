import { calendarFor, DEFAULT_TIME, NO_FILTER, interval } from '@clvkit/core';
import type { Filter, ImportReport, QueryRequest, QueryResult, Row, TimeOptions } from '@clvkit/core';
import type { EngineInfo, RemoteSource } from './types.js';

/**
 * A remote source (`{ kind: 'remote', endpoint }`): the data stays on a server that answers
 * clvkit's proxy protocol, one JSON POST per request:
 *
 *   { "request": QueryRequest }                      -> 200 { "result": QueryResult }
 *   { "summaries": { filter, after?, size? } }       -> 200 { "rows": [...], "after": object | null }
 *   { "info": true }                                 -> 200 { "info": { time?, timeExtent?, sessions?, analyses? } } (optional)
 *   anything refused or failed                       -> 4xx / 5xx { "error": { "code", "message" } }
 *
 * This module is the transport (used in the worker) and the main-thread resolution of the
 * endpoint; `remote-runner.ts` decides what to ask.
 */

/** Default time one request may take. */
export const DEFAULT_REMOTE_TIMEOUT_MS = 30_000;

/**
 * The proxy refused or failed a request, or could not be reached. The message starts with what
 * the proxy said (its own message, never the cluster's), so a widget showing the error shows
 * the reason. Crosses the worker boundary by name (`RemoteSourceError`) and message.
 */
export class RemoteSourceError extends Error {
  override readonly name = 'RemoteSourceError';
  /** The proxy's error code (`invalid-request`, `unsupported`, `timeout`, ...), or `network` / `timeout` / `bad-response` for failures on the way. */
  readonly code: string;
  /** The HTTP status, 0 when there was no answer. */
  readonly status: number;

  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
  }
}

/**
 * Makes a remote source ready to cross into the worker (main thread): the endpoint resolved
 * against the page (a worker would resolve a relative URL against its own script), headers
 * checked to be plain strings.
 * @throws TypeError for a missing or unresolvable endpoint or non-string headers.
 */
export function resolveRemoteSource(source: RemoteSource): RemoteSource {
  if (typeof source.endpoint !== 'string' || source.endpoint.trim() === '') {
    throw new TypeError('remote source: endpoint must be the URL of the proxy, e.g. "/api/clvkit"');
  }
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  let endpoint: string;
  try {
    endpoint = new URL(source.endpoint, base).href;
  } catch {
    throw new TypeError(`remote source: endpoint ${JSON.stringify(source.endpoint)} is not a URL${base ? '' : ' (outside a page it must be absolute, e.g. "http://127.0.0.1:8080/api/clvkit")'}`);
  }
  if (source.headers !== undefined) {
    if (typeof source.headers !== 'object' || source.headers === null) throw new TypeError('remote source: headers must be an object of strings');
    for (const [name, value] of Object.entries(source.headers)) {
      if (typeof value !== 'string') throw new TypeError(`remote source: header "${name}" must be a string, got ${typeof value}`);
    }
  }
  if (source.timeoutMs !== undefined && !(typeof source.timeoutMs === 'number' && source.timeoutMs > 0)) {
    throw new TypeError(`remote source: timeoutMs must be a positive number of milliseconds, got ${JSON.stringify(source.timeoutMs)}`);
  }
  return { ...source, endpoint, ...(source.headers ? { headers: { ...source.headers } } : {}) };
}

/**
 * POSTs one body to the proxy and returns its JSON answer. Fails with `RemoteSourceError`
 * (the proxy's code and message, or a timeout / network / unreadable answer), or with the
 * signal's reason when `signal` aborts (the fetch is aborted too).
 */
export async function postToProxy(source: RemoteSource, body: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const timeoutMs = source.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(source.endpoint, {
        method: 'POST',
        headers: { ...source.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      throw failure(error, timedOut, timeoutMs, source, signal);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (timedOut || signal?.aborted) throw failure(error, timedOut, timeoutMs, source, signal);
      throw new RemoteSourceError('bad-response', response.status, `The data endpoint answered ${response.status} with something other than JSON`, { cause: error });
    }
    const answer = (json ?? {}) as Record<string, unknown>;
    const error = answer.error as { code?: unknown; message?: unknown } | undefined;
    if (!response.ok || error) {
      const code = typeof error?.code === 'string' ? error.code : `http-${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : `the data endpoint answered ${response.status}`;
      throw new RemoteSourceError(code, response.status, `${message} (data endpoint: ${response.status} ${code})`);
    }
    return answer;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function failure(error: unknown, timedOut: boolean, timeoutMs: number, source: RemoteSource, signal: AbortSignal | undefined): Error {
  if (signal?.aborted) return signal.reason instanceof Error ? signal.reason : abortError();
  if (timedOut) return new RemoteSourceError('timeout', 0, `The data endpoint did not answer within ${timeoutMs} ms; narrow the selection or raise the source's timeoutMs`, { cause: error });
  return new RemoteSourceError('network', 0, `The data endpoint ${source.endpoint} could not be reached: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

/** Runs one query on the proxy. */
export async function remoteQuery(source: RemoteSource, request: QueryRequest, signal?: AbortSignal): Promise<QueryResult> {
  const answer = await postToProxy(source, { request }, signal);
  const result = answer.result as QueryResult | undefined;
  if (!result || !Array.isArray(result.rows)) throw new RemoteSourceError('bad-response', 200, 'The data endpoint answered without a result');
  return result;
}

/** What the proxy may tell about its data when asked `{ info: true }`. */
interface ProxyInfo {
  readonly time?: Partial<TimeOptions>;
  readonly timeExtent?: readonly [number, number] | null;
  readonly sessions?: number;
  /** The analyses the server computes itself; the worker sends the others straight to summaries. */
  readonly analyses?: readonly string[];
}

/** A described remote source: its `EngineInfo`, and the analyses the server says it computes (when it says). */
export interface RemoteDescription {
  readonly info: EngineInfo;
  readonly analyses: readonly string[] | null;
}

/**
 * Checks the endpoint and describes its data (`EngineInfo`): asks `{ info: true }` first (time
 * options, exact time extent and session count, when the proxy supports it); a proxy that
 * refuses it (a 4xx other than 429) is described from aggregates instead: sessions per day give the count and
 * the first and last day, sessions per hour within them the first and last hour, and the
 * customer summaries of those two hours the exact first and last session_start.
 */
export async function describeRemote(source: RemoteSource, signal?: AbortSignal): Promise<RemoteDescription> {
  let info: ProxyInfo | null = null;
  if (source.info !== false) {
    try {
      const answer = await postToProxy(source, { info: true }, signal);
      if (answer.info && typeof answer.info === 'object') info = answer.info as ProxyInfo;
    } catch (error) {
      // A proxy without `info` refuses the body (400; a host callback may refuse it otherwise):
      // describe the data from aggregates, whose own errors (auth, network) are the real ones.
      if (!(error instanceof RemoteSourceError && error.status >= 400 && error.status < 500 && error.status !== 429)) throw error;
    }
  }
  const time: TimeOptions = { ...DEFAULT_TIME, ...source.time, ...info?.time };
  let sessions = info?.sessions;
  let timeExtent = info?.timeExtent === undefined ? undefined : info.timeExtent;
  if (sessions === undefined || timeExtent === undefined) {
    const scanned = await scanExtent(source, time, signal);
    sessions ??= scanned.sessions;
    if (timeExtent === undefined) timeExtent = scanned.timeExtent;
  }
  const report: ImportReport = { sessions: { rowsIn: sessions, rowsUsed: sessions, rejected: {}, repaired: {}, samples: [] }, warnings: [] };
  const analyses = Array.isArray(info?.analyses) && info.analyses.every((name) => typeof name === 'string') ? [...info.analyses] : null;
  return { info: { report, tables: [{ name: 'sessions', length: sessions, fields: [] }], timeExtent: timeExtent ? [timeExtent[0], timeExtent[1]] : null, time }, analyses };
}

async function scanExtent(source: RemoteSource, time: TimeOptions, signal?: AbortSignal): Promise<{ sessions: number; timeExtent: [number, number] | null }> {
  const days = await countsBy(source, 'day', NO_FILTER, signal);
  const sessions = days.reduce((sum, [, n]) => sum + n, 0);
  if (days.length === 0) return { sessions, timeExtent: null };
  const calendar = calendarFor(time);
  const first = days[0][0];
  const last = days[days.length - 1][0];
  const [lo, hi] = await Promise.all([edge(source, first, calendar.add(first, 'day', 1), 'first', signal), edge(source, last, calendar.add(last, 'day', 1), 'last', signal)]);
  return { sessions, timeExtent: [lo, hi] };
}

/**
 * The first or last session_start within [from, to): the hour from sessions per hour, then the
 * instant from the per-customer summaries of that hour (their first / last session), which
 * the protocol answers exactly where a group-by would need a bucket.
 */
async function edge(source: RemoteSource, from: number, to: number, which: 'first' | 'last', signal?: AbortSignal): Promise<number> {
  const hours = await countsBy(source, 'hour', within(from, to), signal);
  if (hours.length === 0) return which === 'first' ? from : to - 1;
  const hour = which === 'first' ? hours[0][0] : hours[hours.length - 1][0];
  const end = Math.min(to, hour + 3_600_000);
  let best = which === 'first' ? Infinity : -Infinity;
  let after: unknown = null;
  for (let page = 0; page < 100; page++) {
    const answer = await postToProxy(source, { summaries: { filter: within(hour, end), ...(after ? { after } : {}) } }, signal);
    for (const row of (Array.isArray(answer.rows) ? answer.rows : []) as { firstSessionAt?: unknown; lastSessionAt?: unknown }[]) {
      const t = which === 'first' ? row.firstSessionAt : row.lastSessionAt;
      if (typeof t === 'number') best = which === 'first' ? Math.min(best, t) : Math.max(best, t);
    }
    after = answer.after;
    if (!after) break;
  }
  if (Number.isFinite(best)) return best;
  return which === 'first' ? hour : end - 1;
}

function within(from: number, to: number): Filter {
  return { mode: 'and', predicates: [interval('session_start', from, to)] };
}

async function countsBy(source: RemoteSource, bucket: 'day' | 'hour', filter: Filter, signal?: AbortSignal): Promise<[number, number][]> {
  const result = await remoteQuery(source, { spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket }], measures: ['sessions'] }, filter }, signal);
  const rows = (result.rows as Row[])
    .filter((row) => typeof row.session_start === 'number' && Number(row.sessions) > 0)
    .map((row) => [row.session_start as number, Number(row.sessions)] as [number, number]);
  return rows.sort((a, b) => a[0] - b[0]);
}
