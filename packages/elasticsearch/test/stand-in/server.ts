/**
 * A stand-in for an Elasticsearch 8 node, for tests: a real HTTP server on 127.0.0.1 (random
 * port) answering the requests the official client sends for what clvkit does: `GET /` and
 * `HEAD /` (info), `PUT /<index>` (create with settings and mappings), `HEAD /<index>` (exists),
 * `POST /_bulk` and `POST /<index>/_bulk` (NDJSON `index`/`create`/`delete` actions, documents
 * stored by id, per-item results), `POST /<index>/_refresh`, `GET|POST /<index>/_count`, `GET /<index>/_mapping` and
 * `POST /<index>/_search` (answered by an evaluator of the query/aggregation subset, see
 * `evaluate.ts`). It plays an 8.x node by default: requests asking for `compatible-with=9` (the
 * 9.x client's default headers) are refused as an 8.x cluster refuses them. Every response carries `x-elastic-product: Elasticsearch`, which the client
 * checks. Documents of an index created with `dynamic: "strict"` mappings are checked against
 * them as the cluster would (`strict_dynamic_mapping_exception`).
 *
 * Faults for tests are switched on `server.faults`: a delay before answering, N requests
 * answered with a 5xx, bulk items answered 429 (by a predicate on the document id, once per
 * id), a malformed (non-JSON) body, a search timeout (`timed_out` with a 504-like error).
 * Every request is recorded in `server.requests` so tests can count what reached the cluster.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluateSearch } from './evaluate.js';

/** Answers a `_search` over the documents of one index. */
export type SearchEvaluator = (documents: readonly Record<string, unknown>[], body: Record<string, unknown>) => Record<string, unknown>;

/** One request as the stand-in received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Fault switches; change them between requests. */
export interface StandInFaults {
  /** Milliseconds to wait before answering each request. */
  delayMs: number;
  /** Answer the next N requests with `errorStatus` (an ES-shaped error body). */
  failNext: number;
  errorStatus: number;
  /** Bulk items whose document id matches answer 429 (once per id, so a retry succeeds). */
  bulk429: ((id: string) => boolean) | null;
  /** Bulk items whose document id matches answer 429 every time. */
  bulk429Always: ((id: string) => boolean) | null;
  /** Answer the next N requests with a body that is not JSON. */
  malformedNext: number;
}

/** A running stand-in. */
export interface StandIn {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly server: Server;
  readonly requests: RecordedRequest[];
  readonly faults: StandInFaults;
  /** index -> id -> document source. */
  readonly indices: Map<string, StandInIndex>;
  /** Creates an index directly (as `PUT /<index>` does). */
  createIndex(name: string, definition?: { settings?: unknown; mappings?: unknown }): void;
  /** Stores documents directly, bypassing HTTP. */
  load(index: string, documents: readonly (readonly [id: string, source: Record<string, unknown>])[]): void;
  /** Requests whose path matches (e.g. `/_search$/`). */
  count(pattern: RegExp): number;
  close(): Promise<void>;
}

/** One index of the stand-in. */
export interface StandInIndex {
  readonly mappings: Record<string, unknown> | null;
  readonly settings: unknown;
  readonly documents: Map<string, Record<string, unknown>>;
}

/** Options of `startStandIn`. */
export interface StandInOptions {
  /** The `_search` evaluator. Default: `evaluateSearch` of ./evaluate.ts (independent of the compiler). */
  readonly evaluate?: SearchEvaluator;
  /** Create indices automatically on first bulk write (as a cluster with auto-create does). Default false. */
  readonly autoCreate?: boolean;
  /**
   * The major version it plays. 8 (default) refuses `compatible-with=9` headers, which the 9.x
   * client sends unless told otherwise, as an 8.x cluster does; 9 accepts 8 and 9.
   */
  readonly version?: 8 | 9;
}

const PRODUCT_HEADERS = { 'x-elastic-product': 'Elasticsearch', 'content-type': 'application/json' };

/** Starts a stand-in on 127.0.0.1 on a free port. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const evaluate = options.evaluate ?? (evaluateSearch as unknown as SearchEvaluator);
  const indices = new Map<string, StandInIndex>();
  const requests: RecordedRequest[] = [];
  const faults: StandInFaults = { delayMs: 0, failNext: 0, errorStatus: 503, bulk429: null, bulk429Always: null, malformedNext: 0 };
  const seen429 = new Set<string>();

  const createIndex = (name: string, definition: { settings?: unknown; mappings?: unknown } = {}) => {
    indices.set(name, { mappings: (definition.mappings as Record<string, unknown>) ?? null, settings: definition.settings ?? {}, documents: new Map() });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = decodeURIComponent(url.pathname);
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (res.destroyed) return;
    if (faults.failNext > 0) {
      faults.failNext--;
      return send(res, faults.errorStatus, esError('cluster_block_exception', 'injected failure (stand-in fault)', faults.errorStatus));
    }
    if (faults.malformedNext > 0) {
      faults.malformedNext--;
      res.writeHead(200, PRODUCT_HEADERS);
      res.end('{"took": 1, "hits": ');
      return;
    }
    const method = req.method ?? 'GET';
    const parts = path.split('/').filter(Boolean);
    const version = options.version ?? 8;
    for (const header of ['accept', 'content-type'] as const) {
      const compatible = /compatible-with=(\d+)/.exec(String(req.headers[header] ?? ''));
      if (compatible && Number(compatible[1]) > version) {
        const reason = `${header === 'accept' ? 'Accept' : 'Content-Type'} version must be either version ${version} or ${version - 1}, but found ${compatible[1]}. ${header === 'accept' ? 'Accept' : 'Content-Type'}=${req.headers[header]}`;
        return send(res, 400, { error: { root_cause: [{ type: 'media_type_header_exception', reason: 'Invalid media-type value on headers [Content-Type, Accept]' }], type: 'media_type_header_exception', reason: 'Invalid media-type value on headers [Content-Type, Accept]', caused_by: { type: 'status_exception', reason } }, status: 400 });
      }
    }

    if (parts.length === 0) {
      if (method === 'HEAD') return send(res, 200, null);
      return send(res, 200, { name: 'stand-in', cluster_name: 'clvkit-test', version: { number: (options.version ?? 8) === 8 ? '8.15.0' : '9.1.0', build_flavor: 'default' }, tagline: 'You Know, for Search' });
    }
    if (parts.length === 1 && parts[0] === '_bulk' && method !== 'GET') return send(res, 200, bulk(body, null));
    const [index, action] = parts;
    if (parts.length === 1) {
      if (method === 'HEAD') return send(res, indices.has(index) ? 200 : 404, null);
      if (method === 'PUT') {
        if (indices.has(index)) return send(res, 400, esError('resource_already_exists_exception', `index [${index}] already exists`, 400));
        const definition = body ? JSON.parse(body) : {};
        createIndex(index, definition);
        return send(res, 200, { acknowledged: true, shards_acknowledged: true, index });
      }
      if (method === 'DELETE') {
        indices.delete(index);
        return send(res, 200, { acknowledged: true });
      }
    }
    if (parts.length === 2 && action === '_bulk') return send(res, 200, bulk(body, index));
    if (parts.length === 2 && action === '_refresh') return send(res, 200, { _shards: { total: 1, successful: 1, failed: 0 } });
    const target = indices.get(index);
    if (parts.length === 2 && action === '_mapping' && method === 'GET') {
      if (!target) return send(res, 404, esError('index_not_found_exception', `no such index [${index}]`, 404));
      return send(res, 200, { [index]: { mappings: target.mappings ?? {} } });
    }
    if (parts.length === 2 && (action === '_search' || action === '_count')) {
      if (!target) return send(res, 404, esError('index_not_found_exception', `no such index [${index}]`, 404));
      if (action === '_count') return send(res, 200, { count: target.documents.size, _shards: { total: 1, successful: 1, failed: 0 } });
      let parsed: Record<string, unknown>;
      try {
        parsed = body ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, esError('parsing_exception', 'request body is not JSON', 400));
      }
      try {
        return send(res, 200, evaluate([...target.documents.values()], parsed));
      } catch (error) {
        return send(res, 400, esError('search_phase_execution_exception', `stand-in cannot evaluate: ${(error as Error).message}`, 400));
      }
    }
    return send(res, 400, esError('illegal_argument_exception', `stand-in: ${method} ${path} is not implemented`, 400));
  };

  const bulk = (body: string, defaultIndex: string | null) => {
    const lines = body.split('\n').filter((l) => l.trim() !== '');
    const items: Record<string, unknown>[] = [];
    let errors = false;
    for (let k = 0; k < lines.length; k++) {
      const actionLine = JSON.parse(lines[k]) as Record<string, { _index?: string; _id?: string }>;
      const op = Object.keys(actionLine)[0];
      const meta = actionLine[op];
      const index = meta._index ?? defaultIndex;
      const id = meta._id ?? `auto-${k}`;
      const source = op === 'delete' ? null : (JSON.parse(lines[++k]) as Record<string, unknown>);
      const item = (status: number, extra: Record<string, unknown>) => {
        if (status >= 300) errors = true;
        items.push({ [op]: { _index: index, _id: id, status, ...extra } });
      };
      if (!index) {
        item(400, { error: { type: 'action_request_validation_exception', reason: 'index is missing' } });
        continue;
      }
      if (faults.bulk429Always?.(id) || (faults.bulk429?.(id) && !seen429.has(id))) {
        seen429.add(id);
        item(429, { error: { type: 'es_rejected_execution_exception', reason: 'rejected execution (stand-in fault)' } });
        continue;
      }
      let target = indices.get(index);
      if (!target) {
        if (!options.autoCreate) {
          item(404, { error: { type: 'index_not_found_exception', reason: `no such index [${index}]` } });
          continue;
        }
        createIndex(index);
        target = indices.get(index)!;
      }
      if (op === 'delete') {
        const existed = target.documents.delete(id);
        item(existed ? 200 : 404, { result: existed ? 'deleted' : 'not_found' });
        continue;
      }
      const problem = target.mappings ? strictProblem(target.mappings, source!, '') : null;
      if (problem) {
        item(400, { error: { type: 'strict_dynamic_mapping_exception', reason: problem } });
        continue;
      }
      const existed = target.documents.has(id);
      if (op === 'create' && existed) {
        item(409, { error: { type: 'version_conflict_engine_exception', reason: `[${id}]: version conflict, document already exists` } });
        continue;
      }
      target.documents.set(id, source!);
      item(existed ? 200 : 201, { result: existed ? 'updated' : 'created', _version: 1 });
    }
    return { took: 1, errors, items };
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, esError('exception', `stand-in bug: ${error.message}`, 500));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    faults,
    indices,
    createIndex,
    load(index, documents) {
      if (!indices.has(index)) createIndex(index);
      const target = indices.get(index)!;
      for (const [id, source] of documents) target.documents.set(id, source);
    },
    count: (pattern) => requests.filter((r) => pattern.test(r.path)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The reason a document breaks `dynamic: "strict"` mappings, or null. */
function strictProblem(mapping: Record<string, unknown>, source: Record<string, unknown>, prefix: string): string | null {
  const properties = (mapping.properties ?? {}) as Record<string, Record<string, unknown>>;
  const strict = mapping.dynamic === 'strict';
  for (const key of Object.keys(source)) {
    const field = properties[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (!field) {
      if (strict) return `mapping set to strict, dynamic introduction of [${key}] within [${prefix || '_doc'}] is not allowed`;
      continue;
    }
    const value = source[key];
    if (value === null) continue;
    if (field.type === 'nested' || field.type === 'object' || (field.properties && !field.type)) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item === null || typeof item !== 'object') return `object mapping for [${name}] tried to parse field [${key}] as object, but found a concrete value`;
        const problem = strictProblem(field, item as Record<string, unknown>, name);
        if (problem) return problem;
      }
    } else if ((field.type === 'double' || field.type === 'date') && typeof value !== 'number') {
      return `failed to parse field [${name}] of type [${field.type}]`;
    } else if (field.type === 'boolean' && typeof value !== 'boolean') {
      return `failed to parse field [${name}] of type [boolean]`;
    } else if ((field.type === 'keyword' || field.type === 'text') && typeof value !== 'string') {
      return `failed to parse field [${name}] of type [${field.type}]`;
    }
  }
  return null;
}

function esError(type: string, reason: string, status: number) {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, { ...PRODUCT_HEADERS, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
