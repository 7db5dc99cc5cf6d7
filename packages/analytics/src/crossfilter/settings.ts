/**
 * Switches and bounds of the cross-filter fast path (see fast-path.ts). `enabled: false` makes
 * every query take the plain scan, which the tests use as one of the references and the
 * benchmarks as the "before" column.
 */
export const fastPathSettings = {
  /** Answer aggregates from pre-aggregated cubes, row indexes and clause bits where the result is identical. */
  enabled: true,
  /** Bytes of cubes kept per dataset (least recently used dropped first). */
  cubeBudgetBytes: 192 * 1024 * 1024,
  /** Bytes of per-customer order lists (customer_status under the other clauses) kept per dataset. */
  maskBudgetBytes: 96 * 1024 * 1024,
  /** A single cube larger than this is not built (the query is scanned instead). */
  maxCubeBytes: 64 * 1024 * 1024,
  /** Bins above which the distinct-client table ((bins + 1)² counts) is not built. */
  maxDistinctBins: 2048,
};

/** Counters of what the fast path did (for tests and the benchmarks; reset freely). */
export const fastPathStats = {
  /** Cubes built. */
  cubesBuilt: 0,
  /** Of those, cubes built ahead of a click by `prefetchQuery`. */
  cubesPrefetched: 0,
  /** Queries answered from a cube. */
  cubeAnswers: 0,
  /** Queries answered by reading a clause's rows from a row index. */
  indexAnswers: 0,
};
