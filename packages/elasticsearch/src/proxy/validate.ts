import type { AggregateSpec, AnalysisSpec, Filter, Predicate, QueryRequest, QuerySpec } from '@clvkit/core';
import type { AllowList } from './allow-list.js';
import { invalid, ProxyError } from './errors.js';

/**
 * Strict validation of the body shapes the proxy accepts, `{ request: QueryRequest }`,
 * `{ summaries | activity: { filter, after?, size? } }` and `{ customers | messages: { after?, size? } }`: every object must have exactly the keys of its
 * type (an unknown key is refused, so no Elasticsearch DSL such as `query`, `aggs` or `script`
 * can ride along), every enumerated string must be one of its values, every field must be on
 * the allow-list and every value must be a plain string, number or boolean of bounded size.
 * The result is a fresh object built from the checked parts, never the parsed body itself.
 */

/** A body that passed validation (`info`: `{ "info": true }`, what the browser's remote source asks on load). */
export type ValidBody =
  | { readonly kind: 'request'; readonly request: QueryRequest }
  | { readonly kind: 'summaries'; readonly summaries: SummariesBody }
  | { readonly kind: 'activity'; readonly activity: SummariesBody }
  | { readonly kind: 'customers' | 'messages'; readonly page: IndexPageBody }
  | { readonly kind: 'info' };

/** `{ customers }` / `{ messages }` as accepted: where the page resumes and its size. */
export interface IndexPageBody {
  readonly after?: Readonly<Record<string, string | number | null>>;
  readonly size?: number;
}

/** `{ summaries }` as accepted. */
export interface SummariesBody {
  readonly filter: Filter;
  readonly after?: Readonly<Record<string, string | number | null>>;
  readonly size?: number;
}

/** What validation needs to know besides the body. */
export interface ValidationContext {
  readonly allow: AllowList;
  /**
   * Checks an analysis: `unknown` (no such analysis), `forbidden` (not served here) or `ok`;
   * throws a TypeError whose message says what is wrong with `params`.
   */
  readonly analysis: (name: string, params: Readonly<Record<string, unknown>> | undefined) => 'ok' | 'unknown' | 'forbidden';
  readonly maxBuckets: number;
  readonly maxSummaryRows: number;
  /** Values (strings) must match this; see `ProxyLimits.valuePattern`. */
  readonly valuePattern: RegExp | null;
}

const MEASURES = new Set(['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'lineRevenue', 'lines', 'averageOrderValue']);
const BUCKETS = new Set(['hour', 'day', 'week', 'month', 'quarter', 'year', 'hourOfDay', 'dayOfWeek']);
const TABLE_NAMES = new Set(['sessions', 'lines', 'customers', 'messages']);
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}(\.[A-Za-z_][A-Za-z0-9_-]{0,127})?$/;
const FIELD_PARAMS = /^(field|by|[a-z]+Field)$/;
const ANALYSIS_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** Validates a parsed body; throws `ProxyError` (400, or 403 for what the allow-list refuses). */
export function validateBody(body: unknown, context: ValidationContext): ValidBody {
  const top = object(body, '', 'the body must be a JSON object: { "request": ... } or { "summaries": ... }');
  const keys = Object.keys(top);
  // `{ "info": true }`: the remote source's probe on load (see handler.ts `dataInfo`).
  if (keys.length === 1 && keys[0] === 'info') {
    if (top.info !== true) throw invalid('info', 'must be true');
    return { kind: 'info' };
  }
  if (keys.length !== 1 || !BODY_KEYS.includes(keys[0])) {
    throw invalid('', `the body must have exactly one key, ${BODY_KEYS.map((k) => `"${k}"`).join(', ')} (got ${describeKeys(keys)}); query DSL is not accepted`);
  }
  if (keys[0] === 'request') {
    const r = exact(top.request, 'request', ['spec', 'filter'], ['spec', 'filter']);
    return { kind: 'request', request: { spec: spec(r.spec, 'request.spec', context), filter: filter(r.filter, 'request.filter', context) } };
  }
  if (keys[0] === 'summaries') return { kind: 'summaries', summaries: pagesOf(top.summaries, 'summaries', context) };
  if (keys[0] === 'activity') return { kind: 'activity', activity: pagesOf(top.activity, 'activity', context) };
  const kind = keys[0] as 'customers' | 'messages';
  const p = exact(top[kind], kind, ['after', 'size'], []);
  const page: { after?: Record<string, string | number | null>; size?: number } = {};
  if (p.after !== undefined && p.after !== null) page.after = afterKey(p.after, `${kind}.after`, context);
  if (p.size !== undefined) page.size = integer(p.size, `${kind}.size`, 1, context.maxSummaryRows);
  // The index's documents come back whole (their fields trimmed to the allow-list), so the table itself must be allowed.
  if (!context.allow.hasTable(kind)) throw new ProxyError('forbidden', `${kind}: the ${kind} table is not queryable on this endpoint`);
  return { kind, page };
}

/** The body keys the proxy answers (besides `info`). */
const BODY_KEYS = ['request', 'summaries', 'activity', 'customers', 'messages'];

/** `{ filter, after?, size? }` of a summaries or activity page. */
function pagesOf(value: unknown, path: string, context: ValidationContext): SummariesBody {
  const s = exact(value, path, ['filter', 'after', 'size'], ['filter']);
  const out: { filter: Filter; after?: Record<string, string | number | null>; size?: number } = { filter: filter(s.filter, `${path}.filter`, context) };
  if (s.after !== undefined && s.after !== null) out.after = afterKey(s.after, `${path}.after`, context);
  if (s.size !== undefined) out.size = integer(s.size, `${path}.size`, 1, context.maxSummaryRows);
  return out;
}

function spec(value: unknown, path: string, context: ValidationContext): QuerySpec {
  const kind = object(value, path).kind;
  if (kind === 'analysis') return analysis(value, path, context);
  if (kind === 'aggregate') return aggregate(value, path, context);
  throw invalid(`${path}.kind`, 'must be "aggregate" or "analysis"');
}

function analysis(value: unknown, path: string, context: ValidationContext): AnalysisSpec {
  const v = exact(value, path, ['kind', 'name', 'params'], ['kind', 'name']);
  if (typeof v.name !== 'string' || !ANALYSIS_NAME.test(v.name)) throw invalid(`${path}.name`, 'must be the snake_case name of an analysis');
  const params = v.params === undefined ? undefined : object(v.params, `${path}.params`);
  if (params) {
    checkValues(params, `${path}.params`, context);
    // Params that name a field (dimension_values' `field`, demographics' `by`, ...) are held to the allow-list too.
    for (const [key, v] of Object.entries(params)) {
      if (FIELD_PARAMS.test(key) && typeof v === 'string') field(v, `${path}.params.${key}`, context);
    }
  }
  let verdict: 'ok' | 'unknown' | 'forbidden';
  try {
    verdict = context.analysis(v.name, params);
  } catch (error) {
    throw invalid(`${path}.params`, firstLine((error as Error)?.message ?? 'invalid params'));
  }
  if (verdict === 'unknown') throw invalid(`${path}.name`, `there is no analysis "${v.name}"`);
  if (verdict === 'forbidden') throw new ProxyError('forbidden', `${path}.name: "${v.name}" is not an analysis this endpoint serves`);
  return { kind: 'analysis', name: v.name, ...(params && { params }) };
}

function aggregate(value: unknown, path: string, context: ValidationContext): AggregateSpec {
  const v = exact(value, path, ['kind', 'table', 'groupBy', 'measures', 'where', 'orderBy', 'limit', 'fill'], ['kind', 'measures']);
  const out: { -readonly [K in keyof AggregateSpec]: AggregateSpec[K] } = { kind: 'aggregate', measures: [] };
  if (v.table !== undefined) {
    if (typeof v.table !== 'string' || !TABLE_NAMES.has(v.table)) throw invalid(`${path}.table`, 'must be one of sessions, lines, customers, messages');
    if (!context.allow.hasTable(v.table)) throw new ProxyError('forbidden', `${path}.table: "${v.table}" is not queryable on this endpoint`);
    out.table = v.table as AggregateSpec['table'];
  }
  out.measures = array(v.measures, `${path}.measures`).map((m, k) => {
    if (typeof m !== 'string' || !MEASURES.has(m)) throw invalid(`${path}.measures[${k}]`, `unknown measure (known: ${[...MEASURES].join(', ')})`);
    return m as AggregateSpec['measures'][number];
  });
  if (v.groupBy !== undefined) {
    out.groupBy = array(v.groupBy, `${path}.groupBy`).map((g, k) => {
      const p = `${path}.groupBy[${k}]`;
      const key = exact(g, p, ['field', 'bucket', 'step'], ['field']);
      const result: { field: string; bucket?: 'hour'; step?: number } = { field: field(key.field, `${p}.field`, context) };
      if (key.bucket !== undefined) {
        if (typeof key.bucket !== 'string' || !BUCKETS.has(key.bucket)) throw invalid(`${p}.bucket`, `must be one of ${[...BUCKETS].join(', ')}`);
        result.bucket = key.bucket as 'hour';
      }
      if (key.step !== undefined) {
        if (typeof key.step !== 'number' || !(key.step > 0)) throw invalid(`${p}.step`, 'must be a number > 0');
        result.step = key.step;
      }
      return result;
    });
  }
  if (v.where !== undefined) out.where = array(v.where, `${path}.where`).map((p, k) => predicate(p, `${path}.where[${k}]`, context));
  if (v.orderBy !== undefined) {
    const o = exact(v.orderBy, `${path}.orderBy`, ['measure', 'order'], ['measure']);
    if (typeof o.measure !== 'string' || !MEASURES.has(o.measure)) throw invalid(`${path}.orderBy.measure`, 'unknown measure');
    if (o.order !== undefined && o.order !== 'asc' && o.order !== 'desc') throw invalid(`${path}.orderBy.order`, 'must be "asc" or "desc"');
    out.orderBy = { measure: o.measure as AggregateSpec['measures'][number], ...(o.order !== undefined && { order: o.order as 'asc' | 'desc' }) };
  }
  if (v.limit !== undefined) out.limit = integer(v.limit, `${path}.limit`, 1, context.maxBuckets);
  if (v.fill !== undefined) {
    if (typeof v.fill !== 'boolean') throw invalid(`${path}.fill`, 'must be true or false');
    out.fill = v.fill;
  }
  return out;
}

function filter(value: unknown, path: string, context: ValidationContext): Filter {
  const f = exact(value, path, ['mode', 'predicates'], ['mode', 'predicates']);
  if (f.mode !== 'and' && f.mode !== 'or') throw invalid(`${path}.mode`, 'must be "and" or "or"');
  return { mode: f.mode, predicates: array(f.predicates, `${path}.predicates`).map((p, k) => predicate(p, `${path}.predicates[${k}]`, context)) };
}

function predicate(value: unknown, path: string, context: ValidationContext): Predicate {
  const type = object(value, path).type;
  switch (type) {
    case 'interval': {
      const p = exact(value, path, ['type', 'field', 'range'], ['type', 'field', 'range']);
      return { type, field: field(p.field, `${path}.field`, context), range: range(p.range, `${path}.range`) };
    }
    case 'in': {
      const p = exact(value, path, ['type', 'field', 'values'], ['type', 'field', 'values']);
      const values = array(p.values, `${path}.values`).map((v, k) => scalar(v, `${path}.values[${k}]`, context));
      return { type, field: field(p.field, `${path}.field`, context), values };
    }
    case 'prefix': {
      const p = exact(value, path, ['type', 'field', 'values'], ['type', 'field', 'values']);
      const values = array(p.values, `${path}.values`).map((v, k) => {
        if (typeof v !== 'string') throw invalid(`${path}.values[${k}]`, 'must be a string');
        return text(v, `${path}.values[${k}]`, context);
      });
      return { type, field: field(p.field, `${path}.field`, context), values };
    }
    case 'present': {
      const p = exact(value, path, ['type', 'field', 'present'], ['type', 'field', 'present']);
      if (typeof p.present !== 'boolean') throw invalid(`${path}.present`, 'must be true or false');
      return { type, field: field(p.field, `${path}.field`, context), present: p.present };
    }
    case 'orders-in': {
      const p = exact(value, path, ['type', 'field', 'range', 'present'], ['type', 'field', 'range', 'present']);
      if (typeof p.present !== 'boolean') throw invalid(`${path}.present`, 'must be true or false');
      return { type, field: field(p.field, `${path}.field`, context), range: range(p.range, `${path}.range`), present: p.present };
    }
    case 'and': {
      const p = exact(value, path, ['type', 'predicates'], ['type', 'predicates']);
      return { type, predicates: array(p.predicates, `${path}.predicates`).map((q, k) => predicate(q, `${path}.predicates[${k}]`, context)) };
    }
    default:
      throw invalid(`${path}.type`, 'must be one of interval, in, prefix, present, orders-in, and');
  }
}

function afterKey(value: unknown, path: string, context: ValidationContext): Record<string, string | number | null> {
  const o = object(value, path);
  const out: Record<string, string | number | null> = {};
  for (const key of Object.keys(o)) {
    if (!FIELD_NAME.test(key)) throw invalid(path, 'keys must be the field names of a previous page\'s "after"');
    const v = o[key];
    if (v === null || typeof v === 'number') out[key] = v;
    // Not held to valuePattern: an after key is the cluster's own value handed back for the next page.
    else if (typeof v === 'string') out[key] = v;
    else throw invalid(`${path}.${key}`, 'must be a string, a number or null');
  }
  return out;
}

function field(value: unknown, path: string, context: ValidationContext): string {
  if (typeof value !== 'string' || !FIELD_NAME.test(value)) throw invalid(path, 'must be a field name such as "payment_amount" or "customers.gender"');
  if (!context.allow.allows(value)) throw new ProxyError('forbidden', `${path}: the field "${value}" is not on this endpoint's allow-list`);
  return value;
}

function scalar(value: unknown, path: string, context: ValidationContext): string | number | boolean {
  if (typeof value === 'string') return text(value, path, context);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  throw invalid(path, 'must be a string, a number or a boolean');
}

function text(value: string, path: string, context: ValidationContext): string {
  if (context.valuePattern && !context.valuePattern.test(value)) {
    throw invalid(path, 'the value contains characters this endpoint does not accept in values (backslashes, braces, brackets, wildcards, regular-expression operators or control characters)');
  }
  return value;
}

/** Params of an analysis: strings are values, checked as such (keys were checked by the JSON guard). */
function checkValues(value: unknown, path: string, context: ValidationContext): void {
  if (typeof value === 'string') text(value, path, context);
  else if (Array.isArray(value)) value.forEach((v, k) => checkValues(v, `${path}[${k}]`, context));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkValues(v, `${path}.${k}`, context);
}

function range(value: unknown, path: string): [number, number] {
  const r = array(value, path);
  if (r.length !== 2 || typeof r[0] !== 'number' || typeof r[1] !== 'number') throw invalid(path, 'must be [lo, hi], two numbers');
  if (!(r[0] <= r[1])) throw invalid(path, 'lo must not be greater than hi');
  return [r[0], r[1]];
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(path, `must be an integer from ${min} to ${max}`);
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be an array');
  return value;
}

function object(value: unknown, path: string, message = 'must be an object'): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(path, message);
  return value as Record<string, unknown>;
}

/** The object at `path` with exactly the `allowed` keys, the `required` ones present. */
function exact(value: unknown, path: string, allowed: readonly string[], required: readonly string[]): Record<string, unknown> {
  const o = object(value, path);
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw invalid(path, `unknown key ${JSON.stringify(key)} (accepted: ${allowed.join(', ')})`);
  }
  for (const key of required) if (o[key] === undefined) throw invalid(path, `"${key}" is required`);
  return o;
}

function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'none';
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
  return keys.length > 5 ? `${shown}, ...` : shown;
}

function firstLine(message: string): string {
  const line = String(message).split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
