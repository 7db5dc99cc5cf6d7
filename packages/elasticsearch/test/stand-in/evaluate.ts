/**
 * A test stand-in for Elasticsearch's `_search`: evaluates the query and aggregation subset the
 * clvkit query layer emits over an in-memory array of documents, written from the Elasticsearch
 * 8 reference (NOT from the compiler's code), so the parity tests compare two independent
 * computations.
 *
 * Queries: match_all, match_none, bool (filter / must / should / must_not,
 * minimum_should_match; `should` alone needs one match), term, terms, range (gt/gte/lt/lte),
 * prefix, exists, nested (path, query; a document matches when any nested object does).
 * Aggregations: filter, filters (keyed), nested, reverse_nested, composite (terms / histogram /
 * date_histogram sources, missing_bucket, after, size, after_key), terms (size, order by _count
 * or _key, missing), date_histogram (calendar_interval, fixed_interval, time_zone,
 * min_doc_count, extended_bounds, offset), histogram (interval, min_doc_count, extended_bounds),
 * sum / avg / min / max / value_count (field, missing), cardinality (exact here; Elasticsearch
 * is approximate past precision_threshold), top_metrics (one metric, sort by one field).
 * Scripts: only the "product of two fields with defaults" form the layer's line revenue uses.
 *
 * Time zones come from Intl (DST-aware): a calendar bucket starts at the local wall-clock start
 * of the hour / day / ISO week (Monday) / month / quarter / year, as Elasticsearch rounds dates
 * "in the time zone".
 */

type Json = Record<string, unknown>;

/** A document in the evaluator: the source object, and for nested objects their path and parent. */
interface Doc {
  readonly source: Json;
  readonly path: string | null;
  readonly parent: Doc | null;
}

/** The `_search` response body (size 0: no hits, only the total and aggregations). */
export interface StandInResponse {
  took: number;
  timed_out: boolean;
  _shards: { total: number; successful: number; skipped: number; failed: number };
  hits: { total?: { value: number; relation: 'eq' }; max_score: null; hits: StandInHit[] };
  aggregations?: Json;
  [key: string]: unknown;
}

/** An error the stand-in raises for a request it does not understand (as Elasticsearch would answer 400). */
export class StandInError extends Error {
  override readonly name = 'StandInError';
}

/** Evaluates the `_search` `body` over `documents`. */
export function evaluateSearch(documents: readonly object[], body: Json): StandInResponse {
  const docs: Doc[] = documents.map((source) => ({ source: source as Json, path: null, parent: null }));
  const query = (body.query ?? { match_all: {} }) as Json;
  const matched = docs.filter((d) => matches(d, query));
  const response: StandInResponse = {
    took: 0,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: { total: { value: matched.length, relation: 'eq' }, max_score: null, hits: [] },
  };
  // `track_total_hits: false` leaves the total out of the response.
  if (body.track_total_hits === false) delete (response.hits as { total?: unknown }).total;
  const aggs = (body.aggs ?? body.aggregations) as Json | undefined;
  if (aggs) response.aggregations = runAggs(matched, aggs);
  response.hits.hits = pageHits(matched, body);
  return response;
}

// ---------------------------------------------------------------- hits (size, sort, search_after, _source)

/** One hit: the (filtered) source and, when the search sorts, its sort values. */
export interface StandInHit {
  _score: null;
  _source: Json;
  sort?: unknown[];
}

/**
 * The hits of a search ("Paginate search results", "Sort search results", "_source filtering"):
 * `size` (default 10) matched documents, ordered by `sort` (field names or `{ field: order }` /
 * `{ field: { order } }`; missing values last), after the `search_after` values (strictly
 * greater in sort order), with `_source` limited to the listed fields (an array or
 * `{ includes }`; `false` drops it). Without `sort`, in index order.
 */
function pageHits(docs: Doc[], body: Json): StandInHit[] {
  const size = Number(body.size ?? 10);
  if (!(size > 0)) return [];
  const sorts = (body.sort === undefined ? [] : Array.isArray(body.sort) ? body.sort : [body.sort]).map((s) => {
    if (typeof s === 'string') return { field: s, desc: false };
    const [field, spec] = single(s as Json, 'sort');
    const order = typeof spec === 'string' ? spec : String((spec as Json).order ?? 'asc');
    return { field, desc: order === 'desc' };
  });
  const keyOf = (d: Doc) => sorts.map((s) => values(d, s.field)[0] ?? null);
  const compareSort = (a: unknown[], b: unknown[]) => {
    for (let j = 0; j < sorts.length; j++) {
      const x = a[j];
      const y = b[j];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = (x as number | string) < (y as number | string) ? -1 : 1;
      return sorts[j].desc ? -c : c;
    }
    return 0;
  };
  let list = docs.map((d) => ({ d, key: keyOf(d) }));
  if (sorts.length > 0) list.sort((a, b) => compareSort(a.key, b.key));
  if (body.search_after !== undefined) {
    if (sorts.length === 0 || !Array.isArray(body.search_after) || body.search_after.length !== sorts.length) throw new StandInError('search_after needs a sort and one value per sort field');
    const after = body.search_after as unknown[];
    list = list.filter((h) => compareSort(h.key, after) > 0);
  }
  const includes = Array.isArray(body._source) ? (body._source as string[]) : Array.isArray((body._source as Json | undefined)?.includes) ? ((body._source as Json).includes as string[]) : null;
  return list.slice(0, size).map(({ d, key }) => {
    const source = body._source === false ? {} : includes ? Object.fromEntries(includes.filter((f) => f in d.source).map((f) => [f, d.source[f]])) : d.source;
    return { _score: null, _source: source, ...(sorts.length > 0 && { sort: key }) };
  });
}

// ---------------------------------------------------------------- field values

/**
 * The values of `field` (full dotted path) on `doc`. A nested object sees its own fields (by
 * full path) and nothing else: as in Elasticsearch, a query or aggregation in a nested context
 * reads the nested documents only, so a parent's field there has no values (`reverse_nested`
 * goes back up).
 */
function values(doc: Doc, field: string): unknown[] {
  if (doc.path !== null) return field.startsWith(`${doc.path}.`) ? flat(read(doc.source, field.slice(doc.path.length + 1))) : [];
  return flat(read(doc.source, field));
}

function read(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const part of path.split('.')) {
    if (Array.isArray(node)) node = node.map((n) => (n as Json)?.[part]);
    else node = (node as Json | null | undefined)?.[part];
  }
  return node;
}

function flat(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(flat);
  return [value];
}

/** Term equality as Elasticsearch compares a query value with an indexed value of the field's type. */
function sameTerm(indexed: unknown, query: unknown): boolean {
  if (typeof indexed === 'boolean') return query === indexed || query === String(indexed);
  if (typeof indexed === 'number') return typeof query === 'number' || typeof query === 'string' ? Number(query) === indexed : false;
  return String(query) === indexed;
}

// ---------------------------------------------------------------- queries

function matches(doc: Doc, query: Json): boolean {
  const [type, spec] = single(query, 'query');
  switch (type) {
    case 'match_all':
      return true;
    case 'match_none':
      return false;
    case 'bool':
      return boolMatches(doc, spec as Json);
    case 'term': {
      const [field, raw] = single(spec as Json, 'term');
      const value = raw && typeof raw === 'object' ? (raw as Json).value : raw;
      return values(doc, field).some((v) => sameTerm(v, value));
    }
    case 'terms': {
      const [field, list] = single(spec as Json, 'terms');
      if (!Array.isArray(list)) throw new StandInError('[terms] query needs an array of values');
      return values(doc, field).some((v) => list.some((q) => sameTerm(v, q)));
    }
    case 'range': {
      const [field, bounds] = single(spec as Json, 'range');
      const b = bounds as Json;
      return values(doc, field).some((raw) => {
        const v = Number(raw);
        if (b.gte !== undefined && !(v >= Number(b.gte))) return false;
        if (b.gt !== undefined && !(v > Number(b.gt))) return false;
        if (b.lte !== undefined && !(v <= Number(b.lte))) return false;
        if (b.lt !== undefined && !(v < Number(b.lt))) return false;
        return true;
      });
    }
    case 'prefix': {
      const [field, raw] = single(spec as Json, 'prefix');
      const value = String(raw && typeof raw === 'object' ? (raw as Json).value : raw);
      return values(doc, field).some((v) => typeof v === 'string' && v.startsWith(value));
    }
    case 'exists':
      return values(doc, String((spec as Json).field)).length > 0;
    case 'nested': {
      const { path, query: inner } = spec as { path: string; query: Json };
      return nestedDocs(doc, path).some((n) => matches(n, inner));
    }
    default:
      throw new StandInError(`unknown query [${type}]`);
  }
}

function boolMatches(doc: Doc, spec: Json): boolean {
  const list = (key: string) => {
    const v = spec[key];
    return v === undefined ? [] : ((Array.isArray(v) ? v : [v]) as Json[]);
  };
  const required = [...list('filter'), ...list('must')];
  if (!required.every((q) => matches(doc, q))) return false;
  if (list('must_not').some((q) => matches(doc, q))) return false;
  const should = list('should');
  const minimum = spec.minimum_should_match !== undefined ? Number(spec.minimum_should_match) : required.length === 0 && should.length > 0 ? 1 : 0;
  return should.filter((q) => matches(doc, q)).length >= minimum;
}

function nestedDocs(doc: Doc, path: string): Doc[] {
  const objects = flat(read(doc.source, doc.path !== null && path.startsWith(`${doc.path}.`) ? path.slice(doc.path.length + 1) : path));
  return objects.filter((o) => o && typeof o === 'object').map((o) => ({ source: o as Json, path, parent: doc }));
}

function single(object: Json, what: string): [string, unknown] {
  const keys = Object.keys(object ?? {});
  if (keys.length !== 1) throw new StandInError(`[${what}] expects one key, got ${JSON.stringify(keys)}`);
  return [keys[0], object[keys[0]]];
}

// ---------------------------------------------------------------- aggregations

function runAggs(docs: Doc[], aggs: Json): Json {
  const out: Json = {};
  for (const [name, request] of Object.entries(aggs)) out[name] = runAgg(docs, request as Json);
  return out;
}

function runAgg(docs: Doc[], request: Json): Json {
  const sub = (request.aggs ?? request.aggregations) as Json | undefined;
  const types = Object.keys(request).filter((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta');
  if (types.length !== 1) throw new StandInError(`an aggregation needs exactly one type, got ${JSON.stringify(types)}`);
  const type = types[0];
  const spec = request[type] as Json;
  const bucket = (subset: Doc[], extra: Json = {}): Json => ({ ...extra, doc_count: subset.length, ...(sub ? runAggs(subset, sub) : {}) });
  switch (type) {
    case 'filter':
      return bucket(docs.filter((d) => matches(d, spec)));
    case 'filters': {
      const filters = spec.filters as Json;
      const buckets: Json = {};
      for (const [key, q] of Object.entries(filters)) buckets[key] = bucket(docs.filter((d) => matches(d, q as Json)));
      return { buckets };
    }
    case 'nested':
      return bucket(docs.flatMap((d) => nestedDocs(d, String(spec.path))));
    case 'reverse_nested': {
      const parents = new Set<Doc>();
      for (const d of docs) {
        let p: Doc = d;
        while (p.parent) p = p.parent;
        parents.add(p);
      }
      return bucket([...parents]);
    }
    case 'composite':
      return composite(docs, spec, sub);
    case 'terms':
      return terms(docs, spec, sub);
    case 'date_histogram':
    case 'histogram':
      return histogram(docs, spec, sub, type === 'date_histogram');
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
    case 'value_count':
      return { value: metric(type, numbers(docs, spec)) };
    case 'cardinality': {
      const seen = new Set<string>();
      for (const d of docs) for (const v of values(d, String(spec.field))) seen.add(JSON.stringify(v));
      return { value: seen.size };
    }
    case 'top_metrics':
      return topMetrics(docs, spec);
    default:
      throw new StandInError(`unknown aggregation [${type}]`);
  }
}

function metric(type: string, list: number[]): number | null {
  switch (type) {
    case 'sum':
      return list.reduce((a, b) => a + b, 0);
    case 'value_count':
      return list.length;
    case 'avg':
      return list.length ? list.reduce((a, b) => a + b, 0) / list.length : null;
    case 'min':
      return list.length ? Math.min(...list) : null;
    default:
      return list.length ? Math.max(...list) : null;
  }
}

/** The numbers a metric sees: the field's values (or `missing` where it has none), or a script's. */
function numbers(docs: Doc[], spec: Json): number[] {
  if (spec.script) {
    const script = productScript(spec.script as Json);
    return docs.map(script);
  }
  const out: number[] = [];
  for (const d of docs) {
    const vs = values(d, String(spec.field));
    if (vs.length === 0) {
      if (spec.missing !== undefined) out.push(Number(spec.missing));
      continue;
    }
    for (const v of vs) out.push(typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
  }
  return out;
}

/**
 * The one painless form the stand-in runs: `double a = doc['F'].size() == 0 ? D : doc['F'].value;
 * double b = doc['G'].size() == 0 ? E : doc['G'].value; return a * b;`.
 */
function productScript(script: Json): (doc: Doc) => number {
  const source = String(script.source ?? '');
  const pattern = /^double (\w+) = doc\['([\w.]+)'\]\.size\(\) == 0 \? ([\d.]+) : doc\['\2'\]\.value; double (\w+) = doc\['([\w.]+)'\]\.size\(\) == 0 \? ([\d.]+) : doc\['\5'\]\.value; return \1 \* \4;$/;
  const m = pattern.exec(source);
  if (!m) throw new StandInError(`unsupported script: ${source}`);
  const [, , f1, d1, , f2, d2] = m;
  const read1 = (doc: Doc, field: string, fallback: number) => {
    const vs = values(doc, field);
    return vs.length ? Number(vs[0]) : fallback;
  };
  return (doc) => read1(doc, f1, Number(d1)) * read1(doc, f2, Number(d2));
}

function topMetrics(docs: Doc[], spec: Json): Json {
  const metrics = (Array.isArray(spec.metrics) ? spec.metrics : [spec.metrics]) as Json[];
  const sorts = (Array.isArray(spec.sort) ? spec.sort : [spec.sort]) as Json[];
  const [sortField, sortSpec] = single(sorts[0], 'top_metrics.sort');
  const order = typeof sortSpec === 'string' ? sortSpec : String((sortSpec as Json).order ?? 'asc');
  const size = Number(spec.size ?? 1);
  const ranked = docs
    .map((d) => ({ d, s: values(d, sortField).map(Number) }))
    .filter((x) => x.s.length > 0)
    .map((x) => ({ d: x.d, s: order === 'asc' ? Math.min(...x.s) : Math.max(...x.s) }))
    .sort((a, b) => (order === 'asc' ? a.s - b.s : b.s - a.s))
    .slice(0, size);
  return {
    top: ranked.map(({ d, s }) => {
      const out: Json = {};
      for (const m of metrics) {
        const vs = values(d, String(m.field));
        out[String(m.field)] = vs.length ? vs[0] : null;
      }
      return { sort: [s], metrics: out };
    }),
  };
}

// ---------------------------------------------------------------- bucket keys

type Key = string | number | boolean | null;

/** The bucket keys a source gives one document (several for a multi-valued field; [] when missing and not kept). */
function sourceKeys(doc: Doc, kind: string, spec: Json): Key[] {
  const vs = values(doc, String(spec.field));
  if (vs.length === 0) return spec.missing_bucket ? [null] : [];
  switch (kind) {
    case 'terms':
      return [...new Set(vs as Key[])];
    case 'histogram': {
      const interval = Number(spec.interval);
      const offset = Number(spec.offset ?? 0);
      return [...new Set(vs.map((v) => Math.floor((Number(v) - offset) / interval) * interval + offset))];
    }
    case 'date_histogram':
      return [...new Set(vs.map((v) => dateKey(Number(v), spec)))];
    default:
      throw new StandInError(`unknown composite source [${kind}]`);
  }
}

function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  // Composite sorts a missing value first in ascending order (missing_order default).
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  return Number(a) - Number(b);
}

function composite(docs: Doc[], spec: Json, sub: Json | undefined): Json {
  const sources = (spec.sources as Json[]).map((s) => {
    const [name, def] = single(s, 'composite.sources');
    const [kind, kindSpec] = single(def as Json, 'composite source');
    return { name, kind, spec: kindSpec as Json, desc: (kindSpec as Json).order === 'desc' };
  });
  const groups = new Map<string, { key: Key[]; docs: Doc[] }>();
  for (const d of docs) {
    let tuples: Key[][] = [[]];
    for (const s of sources) {
      const keys = sourceKeys(d, s.kind, s.spec);
      tuples = tuples.flatMap((t) => keys.map((k) => [...t, k]));
    }
    for (const t of tuples) {
      const id = JSON.stringify(t);
      const g = groups.get(id);
      if (g) g.docs.push(d);
      else groups.set(id, { key: t, docs: [d] });
    }
  }
  const compare = (a: Key[], b: Key[]) => {
    for (let j = 0; j < sources.length; j++) {
      const c = compareKeys(a[j], b[j]);
      if (c !== 0) return sources[j].desc ? -c : c;
    }
    return 0;
  };
  let list = [...groups.values()].sort((a, b) => compare(a.key, b.key));
  if (spec.after) {
    const after = sources.map((s) => ((spec.after as Json)[s.name] ?? null) as Key);
    list = list.filter((g) => compare(g.key, after) > 0);
  }
  list = list.slice(0, Number(spec.size ?? 10));
  const keyObject = (key: Key[]) => Object.fromEntries(sources.map((s, j) => [s.name, key[j]]));
  const buckets = list.map((g) => ({ key: keyObject(g.key), doc_count: g.docs.length, ...(sub ? runAggs(g.docs, sub) : {}) }));
  const out: Json = { buckets };
  if (buckets.length) out.after_key = buckets[buckets.length - 1].key;
  return out;
}

function terms(docs: Doc[], spec: Json, sub: Json | undefined): Json {
  const groups = new Map<string, { key: Key; docs: Doc[] }>();
  for (const d of docs) {
    let keys = [...new Set(values(d, String(spec.field)) as Key[])];
    if (keys.length === 0 && spec.missing !== undefined) keys = [spec.missing as Key];
    for (const k of keys) {
      const id = JSON.stringify(k);
      const g = groups.get(id);
      if (g) g.docs.push(d);
      else groups.set(id, { key: k, docs: [d] });
    }
  }
  const order = (spec.order ?? { _count: 'desc' }) as Json;
  const [by, direction] = single(Array.isArray(order) ? (order[0] as Json) : order, 'terms.order');
  const sign = direction === 'asc' ? 1 : -1;
  const list = [...groups.values()].sort((a, b) => {
    if (by === '_count' && a.docs.length !== b.docs.length) return sign * (a.docs.length - b.docs.length);
    const c = compareKeys(a.key, b.key);
    return by === '_key' ? sign * c : c;
  });
  const size = Number(spec.size ?? 10);
  const shown = list.slice(0, size);
  const other = list.slice(size).reduce((n, g) => n + g.docs.length, 0);
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: other,
    buckets: shown.map((g) => {
      const bucket: Json = { key: typeof g.key === 'boolean' ? (g.key ? 1 : 0) : g.key };
      if (typeof g.key === 'boolean') bucket.key_as_string = String(g.key);
      return { ...bucket, doc_count: g.docs.length, ...(sub ? runAggs(g.docs, sub) : {}) };
    }),
  };
}

function histogram(docs: Doc[], spec: Json, sub: Json | undefined, dates: boolean): Json {
  const field = String(spec.field);
  const keyOf = dates ? (v: number) => dateKey(v, spec) : (v: number) => Math.floor((v - Number(spec.offset ?? 0)) / Number(spec.interval)) * Number(spec.interval) + Number(spec.offset ?? 0);
  const next = dates ? (k: number) => nextDateKey(k, spec) : (k: number) => k + Number(spec.interval);
  const groups = new Map<number, Doc[]>();
  for (const d of docs) {
    for (const k of new Set(values(d, field).map((v) => keyOf(Number(v))))) {
      const list = groups.get(k);
      if (list) list.push(d);
      else groups.set(k, [d]);
    }
  }
  const minDocCount = Number(spec.min_doc_count ?? (dates ? 1 : 1));
  let keys = [...groups.keys()].sort((a, b) => a - b);
  if (minDocCount === 0) {
    const bounds = spec.extended_bounds as { min?: number; max?: number } | undefined;
    let lo = keys.length ? keys[0] : Infinity;
    let hi = keys.length ? keys[keys.length - 1] : -Infinity;
    if (bounds?.min !== undefined) lo = Math.min(lo, keyOf(Number(bounds.min)));
    if (bounds?.max !== undefined) hi = Math.max(hi, keyOf(Number(bounds.max)));
    keys = [];
    for (let k = lo; k <= hi; k = next(k)) keys.push(k);
  }
  const buckets = keys
    .map((k) => ({ k, docs: groups.get(k) ?? [] }))
    .filter((b) => b.docs.length >= minDocCount)
    .map(({ k, docs: list }) => {
      const bucket: Json = { key: k };
      if (dates) bucket.key_as_string = new Date(k).toISOString();
      return { ...bucket, doc_count: list.length, ...(sub ? runAggs(list, sub) : {}) };
    });
  return { buckets };
}

// ---------------------------------------------------------------- calendar (Intl)

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The local wall-clock fields of instant `ms` in `zone` (read from the UTC fields of ms + offset). */
function wall(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const d = new Date(ms + offsetAt(ms, zone));
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * Local time minus UTC at `ms`, in ms, from Intl. Every IANA transition falls on a quarter hour
 * of UTC, so the offset is constant within a quarter hour and is asked of Intl once per slot.
 */
function offsetAt(ms: number, zone: string): number {
  let byZone = offsets.get(zone);
  if (!byZone) offsets.set(zone, (byZone = new Map()));
  const slot = Math.floor(ms / QUARTER_HOUR);
  let offset = byZone.get(slot);
  if (offset === undefined) {
    const t = slot * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const p of formatter(zone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - t;
    byZone.set(slot, offset);
  }
  return offset;
}

/**
 * The latest instant at or before `atOrBefore` whose local wall clock reads `wallMs` (a wall
 * time written as if UTC); in a gap (clocks set forward) the first instant after it.
 */
function fromWall(wallMs: number, zone: string, atOrBefore: number): number {
  const candidates = new Set<number>();
  for (const probe of [atOrBefore, wallMs - 14 * 3_600_000, wallMs + 14 * 3_600_000, wallMs]) {
    const t = wallMs - offsetAt(probe, zone);
    if (wallOf(t, zone) === wallMs) candidates.add(t);
    const t2 = wallMs - offsetAt(t, zone);
    if (wallOf(t2, zone) === wallMs) candidates.add(t2);
  }
  const ok = [...candidates].filter((t) => t <= atOrBefore);
  if (ok.length) return Math.max(...ok);
  // In a DST gap: the first instant after it.
  let t = wallMs - offsetAt(wallMs, zone);
  while (wallOf(t, zone) < wallMs) t += 60_000;
  return t;
}

function wallOf(ms: number, zone: string): number {
  const w = wall(ms, zone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
}

const FIXED: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseInterval(spec: Json): { calendar: string } | { fixed: number } {
  if (spec.calendar_interval !== undefined) {
    const raw = String(spec.calendar_interval);
    const names: Record<string, string> = { '1m': 'minute', minute: 'minute', '1h': 'hour', hour: 'hour', '1d': 'day', day: 'day', '1w': 'week', week: 'week', '1M': 'month', month: 'month', '1q': 'quarter', quarter: 'quarter', '1y': 'year', year: 'year' };
    const unit = names[raw];
    if (!unit) throw new StandInError(`calendar_interval [${raw}] is not a single calendar unit`);
    return { calendar: unit };
  }
  const raw = String(spec.fixed_interval ?? spec.interval);
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(raw);
  if (!m) throw new StandInError(`fixed_interval [${raw}] not understood`);
  return { fixed: Number(m[1]) * FIXED[m[2]] };
}

function offsetMs(spec: Json): number {
  if (spec.offset === undefined) return 0;
  const m = /^([+-]?)(\d+)(ms|s|m|h|d)$/.exec(String(spec.offset));
  if (!m) throw new StandInError(`offset [${String(spec.offset)}] not understood`);
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * FIXED[m[3]];
}

/** The key (start) of the date_histogram bucket holding instant `ms`. */
function dateKey(ms: number, spec: Json): number {
  const zone = String(spec.time_zone ?? 'UTC');
  const shift = offsetMs(spec);
  const interval = parseInterval(spec);
  const t = ms - shift;
  if ('fixed' in interval) {
    const local = t + offsetAt(t, zone);
    return fromWall(Math.floor(local / interval.fixed) * interval.fixed, zone, t) + shift;
  }
  const w = wall(t, zone);
  let floored: number;
  switch (interval.calendar) {
    case 'minute':
      floored = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
      break;
    case 'hour':
      floored = Date.UTC(w.y, w.mo - 1, w.d, w.h);
      break;
    case 'day':
      floored = Date.UTC(w.y, w.mo - 1, w.d);
      break;
    case 'week': {
      const day = Date.UTC(w.y, w.mo - 1, w.d);
      const monday = (new Date(day).getUTCDay() + 6) % 7;
      floored = day - monday * 86_400_000;
      break;
    }
    case 'month':
      floored = Date.UTC(w.y, w.mo - 1, 1);
      break;
    case 'quarter':
      floored = Date.UTC(w.y, Math.floor((w.mo - 1) / 3) * 3, 1);
      break;
    default:
      floored = Date.UTC(w.y, 0, 1);
  }
  return fromWall(floored, zone, t) + shift;
}

/** The key of the bucket after the one starting at `key`. */
function nextDateKey(key: number, spec: Json): number {
  const interval = parseInterval(spec);
  if ('fixed' in interval) return dateKey(key + interval.fixed, spec);
  const probe: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 * 1.5, week: 86_400_000 * 7.5, month: 86_400_000 * 32, quarter: 86_400_000 * 93, year: 86_400_000 * 367 };
  // A probe past the end of this bucket and before the end of the next one lands in the next.
  const step = interval.calendar === 'hour' || interval.calendar === 'minute' ? probe[interval.calendar] + 1 : probe[interval.calendar];
  return dateKey(key + step, spec);
}
