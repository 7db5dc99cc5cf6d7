import type { Client } from '@elastic/elasticsearch';
import type { Filter, QueryRequest, QueryResult } from '@clvkit/core';
import { getAnalysis, type CustomerRecord, type MessageRecord } from '@clvkit/analytics';
import type { RestCompatibility } from '../ingest/compat.js';
import { indexLayout, type IndexLayout } from '../layout.js';
import { AllowList, type FieldAllowList } from './allow-list.js';
import { toProxyError } from './error-mapping.js';
import { invalid, ProxyError } from './errors.js';
import { checkDepth, checkStructure, parseJson } from './json-guard.js';
import { toNodeHandler, type NodeHandler } from './node.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { guardedSearch, type FixedScript, type SearchFn } from './search.js';
import { validateBody, type SummariesBody, type ValidBody } from './validate.js';

/**
 * The proxy: the only way the browser reaches the cluster. It accepts the body shapes of the
 * contract, `{ request: QueryRequest }`, `{ summaries | activity: {filter, after?, size?} }` and
 * `{ customers | messages: {after?, size?} }`, never query DSL, and answers `{ result }` /
 * `{ rows, after }` or `{ error: { code, message } }`.
 *
 * In order, cheapest refusal first: method (POST), rate limit, `authorize`, content type, body
 * size (the declared length, then the bytes actually read), JSON nesting depth on the raw text,
 * JSON parse, structure (array and string lengths, prototype keys, finite numbers), the
 * strict shape with the allow-list of tables, fields and analyses, then the host's tenant
 * filter. Only then does the query layer compile and run searches, each through a guarded
 * `SearchFn` (allowed indices only, a deadline, no scripts) on the official client.
 */

/** The caps of one request. */
export interface ProxyLimits {
  /** Largest accepted body in bytes. Default 65 536. */
  readonly maxBodyBytes: number;
  /** Largest `limit` of an aggregate and the query layer's bucket cap. Default 10 000. */
  readonly maxBuckets: number;
  /** Largest `summaries.size` and the query layer's summary-row cap. Default 10 000. */
  readonly maxSummaryRows: number;
  /** Time for the whole request, searches included (then 504). Default 15 000 ms. */
  readonly timeoutMs: number;
  /** Deepest JSON nesting. Default 16 (the deepest legitimate body, an `and` in a filter, is about 8). */
  readonly maxDepth: number;
  /** Longest array (and most keys in an object). Default 1 000. */
  readonly maxArray: number;
  /** Longest string. Default 256. */
  readonly maxString: number;
  /**
   * Strings used as values (in `in` / `prefix` predicates, analysis params) must match
   * this; `null` accepts any string. Values only ever reach Elasticsearch as exact `term` /
   * `prefix` values (JSON-encoded by the client, never parsed as a pattern or script), so the
   * default refuses what has no business in a product, category or client name (backslashes, braces, brackets, `*`, `?`, `|`, `^`, `$`, `~`, `<`, `>`, `=`, control
   * characters) to make probing visible as 400s rather than to prevent an injection that the
   * term queries already cannot suffer. Set a wider pattern (or null) if your data needs them:
   * a value the data holds (a product named "Deal * 2") cannot be selected otherwise. `after`
   * keys of summaries paging are exempt (they are the cluster's own values handed back).
   */
  readonly valuePattern: RegExp | null;
}

/** The default limits. */
export const DEFAULT_LIMITS: ProxyLimits = Object.freeze({
  maxBodyBytes: 65_536,
  maxBuckets: 10_000,
  maxSummaryRows: 10_000,
  timeoutMs: 15_000,
  maxDepth: 16,
  maxArray: 1_000,
  maxString: 256,
  // Double quotes are accepted: inch marks are common in product names (`Laptop Sleeve 14"`).
  valuePattern: /^[^\\{}[\]*?|^$~<>=\u0000-\u001f\u007f]*$/,
});

/** The query-layer options the proxy passes (the contract's `ExecuteOptions`). */
export interface ExecuteOptions {
  readonly layout: IndexLayout;
  readonly search: SearchFn;
  readonly extraFilters?: readonly object[];
  readonly limits?: { readonly maxBuckets?: number; readonly maxSummaryRows?: number; readonly maxCompositePages?: number };
  readonly signal?: AbortSignal;
}

/** A page of per-customer summaries, as the query layer returns it. */
export interface SummariesPage {
  readonly rows: readonly unknown[];
  readonly after: Record<string, unknown> | null;
}

/** The query layer (`executeQuery` / `executeSummaries` of `../query`); replaceable for tests. */
export interface QueryEngine {
  executeQuery(request: QueryRequest, options: ExecuteOptions): Promise<QueryResult>;
  /** The fixed scripts its compiled bodies may carry (exact text); any other script is refused. */
  readonly scripts?: readonly FixedScript[];
  executeSummaries(input: { readonly filter: Filter; readonly after?: Record<string, unknown> | null; readonly size?: number }, options: ExecuteOptions): Promise<SummariesPage>;
  /** The analyses it computes itself (told to the browser in `{ info }`, so it does not ask for the others). */
  readonly analyses?: () => readonly string[];
  /** One page of customer-day activity (`{ activity }` bodies); absent: those bodies are refused. */
  executeActivity?(input: { readonly filter: Filter; readonly after?: Record<string, unknown> | null; readonly size?: number }, options: ExecuteOptions): Promise<SummariesPage>;
  /** One page of the customers index (`{ customers }` bodies). */
  executeCustomers?(input: IndexPageInput, options: ExecuteOptions): Promise<SummariesPage>;
  /** One page of the messages index (`{ messages }` bodies). */
  executeMessages?(input: IndexPageInput, options: ExecuteOptions): Promise<SummariesPage>;
}

/** Where a customers or messages page resumes and how many rows it holds. */
export interface IndexPageInput {
  readonly after?: Record<string, unknown> | null;
  readonly size?: number;
}

/** What `onError` receives besides the error. */
export interface ProxyErrorInfo {
  readonly status: number;
  readonly code: string;
  /** The message the browser got. */
  readonly message: string;
  readonly request: Request;
}

/** Options of `createProxyHandler`. */
export interface ProxyOptions {
  /** The official client, connected and authenticated by the host. */
  readonly client: Client;
  /** Index names, time zone, week start, action and attribute names. */
  readonly layout?: Partial<IndexLayout>;
  readonly allow: {
    /** Indices searches may go to. Default: the layout's orders, customers and messages indices. */
    readonly indices?: readonly string[];
    /** Fields the browser may name, per table (see `standardFields`). A table left out cannot be queried. */
    readonly fields: FieldAllowList;
    /** Analyses served. Default: every registered analysis (the query layer refuses those it cannot run with 422). */
    readonly analyses?: readonly string[];
  };
  /**
   * Elasticsearch query clauses ANDed into every search (tenant or row-level security), from the
   * request and the validated body. Return null (or throw) to refuse with 403; throw a
   * `ProxyError` to choose the answer.
   */
  readonly tenantFilter?: (request: Request, body: ValidBody) => readonly object[] | null | Promise<readonly object[] | null>;
  /**
   * Whether the caller may query at all (checked before the body is read). false: 403; a thrown
   * `ProxyError` is answered as it is; any other throw: 401.
   */
  readonly authorize?: (request: Request) => boolean | Promise<boolean>;
  readonly limits?: Partial<ProxyLimits>;
  readonly rateLimit?: RateLimitOptions;
  /** Every refused or failed request, with the full error (cluster details included): log it here. */
  readonly onError?: (error: unknown, info: ProxyErrorInfo) => void;
  /** CORS for one origin. Default: none (mount the proxy on the page's own origin). */
  readonly cors?: { readonly origin: string; readonly maxAgeSeconds?: number };
  /** The query layer. Default: `executeQuery` / `executeSummaries` of this package. */
  readonly engine?: QueryEngine;
  /**
   * REST compatibility headers sent with every search: 8 (default) works with 8.x and 9.x
   * clusters through the 9.x client; null keeps the client's own (see ingest/compat.ts).
   */
  readonly restCompatibility?: RestCompatibility;
  /** Called with the index of every search sent to the cluster (for metrics and tests). */
  readonly onSearch?: (index: string) => void;
}

/** A mounted proxy: a Fetch-API handler and the same as a Node `(req, res)` handler. */
export interface ProxyHandler {
  fetch(request: Request): Promise<Response>;
  node: NodeHandler;
}

/** Creates the proxy handler; see `ProxyOptions`. `engine` is required here (the package entry fills it in). */
export function createProxyHandlerWith(options: ProxyOptions & { readonly engine: QueryEngine }): ProxyHandler {
  if (!options?.client) throw new TypeError('createProxyHandler: options.client (an @elastic/elasticsearch Client) is required');
  if (!options.allow?.fields) throw new TypeError('createProxyHandler: options.allow.fields is required (the fields the browser may name, per table; see standardFields)');
  const layout = indexLayout(options.layout);
  const limits: ProxyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const key of ['maxBodyBytes', 'maxBuckets', 'maxSummaryRows', 'timeoutMs', 'maxDepth', 'maxArray', 'maxString'] as const) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1) throw new RangeError(`createProxyHandler: limits.${key} must be an integer >= 1, got ${limits[key]}`);
  }
  const allow = new AllowList(options.allow.fields);
  const indices = new Set(options.allow.indices ?? [layout.orders, layout.customers, layout.messages]);
  const analyses = options.allow.analyses ? new Set(options.allow.analyses) : null;
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : null;
  const { engine, client } = options;
  const validation = {
    allow,
    maxBuckets: limits.maxBuckets,
    maxSummaryRows: limits.maxSummaryRows,
    valuePattern: limits.valuePattern,
    analysis(name: string, params: Readonly<Record<string, unknown>> | undefined): 'ok' | 'unknown' | 'forbidden' {
      const definition = getAnalysis(name);
      if (!definition) return 'unknown';
      if (analyses && !analyses.has(name)) return 'forbidden';
      // An analysis without a params reader takes none: nothing unchecked rides along.
      if (!definition.params && params && Object.keys(params).length > 0) throw new TypeError(`${name} takes no params`);
      definition.params?.(params ?? {});
      return 'ok';
    },
  };

  const corsHeaders: Record<string, string> = options.cors
    ? {
        'access-control-allow-origin': options.cors.origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': String(options.cors.maxAgeSeconds ?? 600),
        vary: 'origin',
      }
    : {};

  const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...corsHeaders, ...headers },
    });

  const fail = (error: unknown, request: Request, timedOut = false): Response => {
    const mapped = toProxyError(error, timedOut);
    try {
      options.onError?.(error, { status: mapped.status, code: mapped.code, message: mapped.message, request });
    } catch {
      // A failing logger must not change the answer.
    }
    return respond(mapped.status, { error: { code: mapped.code, message: mapped.message } }, mapped.headers);
  };

  const handle = async (request: Request): Promise<Response> => {
    if (request.method === 'OPTIONS' && options.cors) return new Response(null, { status: 204, headers: corsHeaders });
    if (request.method !== 'POST') throw new ProxyError('method-not-allowed', 'use POST with a JSON body', { headers: { allow: 'POST' } });
    if (limiter) {
      const key = options.rateLimit!.key ? await options.rateLimit!.key(request) : '';
      const retry = limiter.take(String(key));
      if (retry !== null) throw new ProxyError('rate-limited', `too many requests; try again in ${retry} s`, { headers: { 'retry-after': String(retry) } });
    }
    if (options.authorize) {
      let allowed: boolean;
      try {
        allowed = await options.authorize(request);
      } catch (error) {
        if (error instanceof ProxyError) throw error;
        throw new ProxyError('unauthorized', 'authentication required', { cause: error });
      }
      if (allowed !== true) throw new ProxyError('forbidden', 'not allowed to query this endpoint');
    }
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new ProxyError('unsupported-media-type', 'send the body as application/json');
    const text = await readText(request, limits.maxBodyBytes);
    checkDepth(text, limits.maxDepth);
    const parsed = parseJson(text);
    checkStructure(parsed, limits);
    const body = validateBody(parsed, validation);

    let extraFilters: readonly object[] = [];
    if (options.tenantFilter) {
      let clauses: readonly object[] | null;
      try {
        clauses = await options.tenantFilter(request, body);
      } catch (error) {
        if (error instanceof ProxyError) throw error;
        throw new ProxyError('forbidden', 'not allowed to query this data', { cause: error });
      }
      if (clauses === null || clauses === undefined) throw new ProxyError('forbidden', 'not allowed to query this data');
      if (!Array.isArray(clauses) || !clauses.every((c) => c !== null && typeof c === 'object' && !Array.isArray(c))) {
        throw new ProxyError('internal', 'the tenant filter returned something other than a list of query clauses', { cause: new TypeError('tenantFilter must return object[] or null') });
      }
      extraFilters = clauses;
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again')), limits.timeoutMs);
    const deadline = Date.now() + limits.timeoutMs;
    const execute: ExecuteOptions = {
      layout,
      search: guardedSearch(client, indices, deadline, options.onSearch, engine.scripts, options.restCompatibility === undefined ? 8 : options.restCompatibility),
      extraFilters,
      limits: { maxBuckets: limits.maxBuckets, maxSummaryRows: limits.maxSummaryRows },
      signal: controller.signal,
    };
    try {
      const work = answer(body, execute);
      // The deadline holds even if the query layer does not watch the signal; whatever the
      // losing side does later is observed here, never left as an unhandled rejection.
      work.catch(() => {});
      const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
      aborted.catch(() => {});
      return respond(200, await Promise.race([work, aborted]));
    } catch (error) {
      throw controller.signal.aborted ? new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again', { cause: error }) : error;
    } finally {
      clearTimeout(timer);
    }
  };

  /** The answer to a validated body (a promise the deadline races). */
  function answer(body: ValidBody, execute: ExecuteOptions): Promise<unknown> {
    const page = (p: Promise<SummariesPage>, trim?: (row: unknown) => unknown) => p.then((r) => ({ rows: trim ? r.rows.map(trim) : r.rows, after: r.after }));
    const missing = (what: string) => Promise.reject(new ProxyError('unsupported', `this endpoint does not serve ${what} pages`));
    switch (body.kind) {
      case 'request':
        return engine.executeQuery(body.request, execute).then((result) => ({ result }));
      case 'info':
        return dataInfo(layout, execute).then((info) => ({ info: { ...info, ...(engine.analyses && { analyses: engine.analyses().filter((name) => !analyses || analyses.has(name)) }) } }));
      case 'summaries':
        return page(engine.executeSummaries(summariesInput(body.summaries), execute));
      case 'activity':
        return engine.executeActivity ? page(engine.executeActivity(summariesInput(body.activity), execute)) : missing('activity');
      case 'customers':
        return engine.executeCustomers ? page(engine.executeCustomers(body.page, execute), (row) => allowedCustomer(row as CustomerRecord, allow)) : missing('customers');
      case 'messages':
        return engine.executeMessages ? page(engine.executeMessages(body.page, execute), (row) => allowedMessage(row as MessageRecord, allow)) : missing('messages');
    }
  }

  const fetchHandler = async (request: Request): Promise<Response> => {
    try {
      return await handle(request);
    } catch (error) {
      return fail(error, request);
    }
  };
  return { fetch: fetchHandler, node: toNodeHandler(fetchHandler) };
}

/**
 * `{ info: true }`: what the browser's remote source needs on load, in one search under the
 * tenant filter: the layout's time zone and week start, the first and last session_start and
 * the number of sessions (no index names or cluster details).
 */
async function dataInfo(layout: IndexLayout, execute: ExecuteOptions) {
  const response = (await execute.search(
    layout.orders,
    {
      size: 0,
      query: { bool: { filter: [...(execute.extraFilters ?? [])] } },
      aggs: { first: { min: { field: 'session_start' } }, last: { max: { field: 'session_start' } }, sessions: { value_count: { field: 'session_start' } } },
    },
    execute.signal,
  )) as { aggregations?: Record<string, { value?: unknown } | undefined> };
  const value = (name: string) => {
    const v = response.aggregations?.[name]?.value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const first = value('first');
  const last = value('last');
  return {
    time: { timeZone: layout.timeZone, weekStart: layout.weekStart },
    timeExtent: first !== null && last !== null ? [first, last] : null,
    sessions: value('sessions') ?? 0,
  };
}

/**
 * A customer as the browser may see it: attributes, action dates and the download and signup
 * dates that are not on the allow-list are left out (null), like fields a query may not name.
 */
function allowedCustomer(row: CustomerRecord, allow: AllowList): CustomerRecord {
  const keep = (name: string) => allow.allows(`customers.${name}`);
  const pick = <V>(record: Readonly<Record<string, V>>) => Object.fromEntries(Object.entries(record ?? {}).filter(([name]) => keep(name)));
  return {
    client: row.client,
    download_date: keep('download_date') ? row.download_date : null,
    signup_date: keep('signup_date') ? row.signup_date : null,
    actions: pick(row.actions),
    attributes: pick(row.attributes),
  };
}

/** A message as the browser may see it: its times not on the allow-list are null (message_id, client, channel and campaign are its identity). */
function allowedMessage(row: MessageRecord, allow: AllowList): MessageRecord {
  const time = (name: 'sent_at' | 'delivered_at' | 'opened_at' | 'clicked_at' | 'unsubscribed_at') => (allow.allows(`messages.${name}`) ? row[name] : null);
  return { ...row, sent_at: time('sent_at') as number, delivered_at: time('delivered_at'), opened_at: time('opened_at'), clicked_at: time('clicked_at'), unsubscribed_at: time('unsubscribed_at') };
}

/** The query layer's input; `size` was capped by validation, and left out keeps the layer's page default. */
function summariesInput(body: SummariesBody) {
  return { filter: body.filter, ...(body.after && { after: body.after }), ...(body.size !== undefined && { size: body.size }) };
}

/** Reads the body as UTF-8 text, refusing (413) more than `max` bytes, declared or actual. */
async function readText(request: Request, max: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw new ProxyError('too-large', `the body is larger than ${max} bytes`);
  if (!request.body) throw invalid('', 'the body is empty; send { "request": ... } or { "summaries": ... }');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new ProxyError('too-large', `the body is larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('', 'the body is not valid UTF-8');
  }
}
