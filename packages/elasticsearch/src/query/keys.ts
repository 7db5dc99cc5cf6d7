import type { Bucket, Calendar, GroupKey } from '@clvkit/core';
import type { IndexLayout } from '../layout.js';
import { UnsupportedQueryError } from './errors.js';
import { esField, lineCopy, type EsField } from './fields.js';

/**
 * Group-key compiler: a clvkit `GroupKey` to one `composite` source and a decoder of the bucket
 * key it returns, giving the value the in-memory engine puts in the row:
 * - strings, booleans, numbers: `terms` (`missing_bucket: true`, so a missing value is the null group);
 * - `step`: `histogram` with `interval: step` (the key is the bin's lower edge, k × step);
 * - calendar buckets: `date_histogram` with `calendar_interval` and the layout's `time_zone`
 *   (keys are the UTC instants of local bucket starts, as in memory);
 * - `hourOfDay` / `dayOfWeek` and weeks starting on Sunday have no Elasticsearch interval: they
 *   are read from hourly / daily buckets and folded in the query layer (`folds`), which only
 *   additive measures survive (a distinct count of a union is not a sum).
 */
export type KeyValue = string | number | boolean | null;

/** One compiled group key. */
export interface CompiledKey {
  /** The row property. */
  readonly name: string;
  readonly field: EsField;
  readonly kind: 'string' | 'boolean' | 'number' | 'time' | 'cyclic';
  /** The composite source (`{ terms: ... }`, `{ histogram: ... }`, `{ date_histogram: ... }`). */
  readonly source: Record<string, unknown>;
  /** The row value of a returned bucket key. */
  decode(raw: unknown): KeyValue;
  /** True when several Elasticsearch buckets fold into one group. */
  readonly folds: boolean;
  /** For calendar and cyclic keys: the unit, used to fill empty buckets. */
  readonly bucket?: Bucket;
}

const CALENDAR = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;

/**
 * Composite page size when keys fold (hours of day read from hourly buckets: ~8,800 a year).
 * Larger pages keep a multi-year range under `maxCompositePages`; with the few sub-buckets per
 * bucket the layer asks for, a page stays well under Elasticsearch's `search.max_buckets` (65,536).
 */
export const FOLDED_PAGE_SIZE = 5_000;

/** The composite page size for `keys` (see FOLDED_PAGE_SIZE). */
export function pageSizeFor(keys: readonly CompiledKey[], configured: number): number {
  return keys.some((k) => k.folds) ? Math.max(configured, FOLDED_PAGE_SIZE) : configured;
}

/** Row property per key: the field, or `field:bucket` when the field is grouped more than once (as in memory). */
export function keyNames(groupBy: readonly GroupKey[]): string[] {
  const names = groupBy.map((key) => (groupBy.filter((k) => k.field === key.field).length > 1 ? `${key.field}:${key.bucket ?? ''}` : key.field));
  if (new Set(names).size !== names.length) throw new UnsupportedQueryError('groupBy', 'a key is listed twice');
  return names;
}

/**
 * Compiles one group key (see the module comment). `onLines`: the key is read inside the nested
 * basket, so a session field copied onto lines (`client`, `session_start`) reads its line-level
 * copy (`basket.client`, ...); other session fields keep their top-level path.
 */
export function compileKey(layout: IndexLayout, calendar: Calendar, key: GroupKey, name: string, onLines = false): CompiledKey {
  if (!key || typeof key.field !== 'string') throw new UnsupportedQueryError('groupBy', `entries need a string field, got ${JSON.stringify(key)}`);
  const resolved = esField(layout, key.field);
  const field = (onLines && lineCopy(resolved)) || resolved;
  const path = field.path;
  if (key.bucket !== undefined && field.type !== 'date') {
    throw new UnsupportedQueryError(`groupBy "${key.field}"`, `bucket "${String(key.bucket)}" needs a time field`);
  }
  if (key.step !== undefined) {
    if (field.type !== 'number') throw new UnsupportedQueryError(`groupBy "${key.field}"`, 'step needs a number field');
    if (typeof key.step !== 'number' || !(key.step > 0) || !Number.isFinite(key.step)) {
      throw new UnsupportedQueryError(`groupBy "${key.field}"`, `step must be a positive finite number, got ${JSON.stringify(key.step)}`);
    }
    return { name, field, kind: 'number', folds: false, source: { histogram: { field: path, interval: key.step, missing_bucket: true } }, decode: decodeNumber };
  }
  switch (field.type) {
    case 'keyword':
      return { name, field, kind: 'string', folds: false, source: terms(path), decode: (raw) => (raw === null || raw === undefined ? null : String(raw)) };
    case 'boolean':
      return { name, field, kind: 'boolean', folds: false, source: terms(path), decode: decodeBoolean };
    case 'number':
      return { name, field, kind: 'number', folds: false, source: terms(path), decode: decodeNumber };
    case 'date':
      return dateKey(layout, calendar, key, field, name);
  }
}

function dateKey(layout: IndexLayout, calendar: Calendar, key: GroupKey, field: EsField, name: string): CompiledKey {
  const bucket = key.bucket;
  const histogram = (interval: string) => ({ date_histogram: { field: field.path, calendar_interval: interval, time_zone: layout.timeZone, missing_bucket: true } });
  if (bucket === 'hourOfDay' || bucket === 'dayOfWeek') {
    const read = bucket === 'hourOfDay' ? (ms: number) => calendar.hourOfDay(ms) : (ms: number) => calendar.dayOfWeek(ms);
    return { name, field, kind: 'cyclic', bucket, folds: true, source: histogram(bucket === 'hourOfDay' ? 'hour' : 'day'), decode: (raw) => (raw === null || raw === undefined ? null : read(Number(raw))) };
  }
  if (!(CALENDAR as readonly unknown[]).includes(bucket)) {
    throw new UnsupportedQueryError(`groupBy "${key.field}"`, `a time field needs a bucket (hour, day, week, month, quarter, year, hourOfDay or dayOfWeek), got ${JSON.stringify(bucket)}`);
  }
  if (bucket === 'week' && layout.weekStart !== 1) {
    // Elasticsearch weeks start on Monday; an `offset` of -1d is a fixed 24 h and lands an hour
    // off local midnight in DST weeks, so Sunday weeks are folded from local days instead.
    return { name, field, kind: 'time', bucket, folds: true, source: histogram('day'), decode: (raw) => (raw === null || raw === undefined ? null : calendar.floor(Number(raw), 'week')) };
  }
  return { name, field, kind: 'time', bucket, folds: false, source: histogram(bucket as string), decode: decodeNumber };
}

function terms(path: string): Record<string, unknown> {
  return { terms: { field: path, missing_bucket: true } };
}

function decodeNumber(raw: unknown): KeyValue {
  if (raw === null || raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Boolean keys come back as true/false in composite buckets (1/0 or "true"/"false" in terms buckets). */
function decodeBoolean(raw: unknown): KeyValue {
  if (raw === null || raw === undefined) return null;
  return raw === true || raw === 1 || raw === 'true';
}
