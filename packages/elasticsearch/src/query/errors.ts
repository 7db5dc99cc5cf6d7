/**
 * Typed errors of the query layer. The proxy maps them to 4xx answers, so their messages name
 * what was refused and what to do instead, and never carry cluster details.
 */

/** A spec, analysis, field or filter that cannot run on Elasticsearch; the message says which and why. */
export class UnsupportedQueryError extends Error {
  override readonly name = 'UnsupportedQueryError';
  /** What was refused: an analysis name, a field, a measure or a predicate type. */
  readonly subject: string;

  constructor(subject: string, reason: string) {
    super(`${subject}: ${reason}`);
    this.subject = subject;
  }
}

/** A query that would exceed one of the `QueryLimits` (buckets, composite pages, summary rows). */
export class QueryLimitError extends Error {
  override readonly name = 'QueryLimitError';
  /** The limit that was hit, e.g. `maxBuckets`. */
  readonly limit: string;
  readonly value: number;

  constructor(limit: string, value: number, hint: string) {
    super(`The query needs more than ${limit} = ${value}: ${hint}`);
    this.limit = limit;
    this.value = value;
  }
}

/**
 * Elasticsearch answered, but not with usable aggregations: an error body, a timed-out or
 * partial search, or a response without the aggregation the layer asked for.
 */
export class SearchResponseError extends Error {
  override readonly name = 'SearchResponseError';
  /** `error`, `timeout` or `shape`. */
  readonly reason: 'error' | 'timeout' | 'shape';

  constructor(reason: 'error' | 'timeout' | 'shape', message: string) {
    super(message);
    this.reason = reason;
  }
}
