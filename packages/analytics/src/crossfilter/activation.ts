/**
 * The field a user is about to filter on (the chart under the pointer or focus), for which
 * `prefetchQuery` builds cubes ahead of the click: Mosaic's `Selection.activate` and Falcon's
 * prefetch on hover. Queries are synchronous, so the field of the query being prefetched is
 * held here for its duration rather than threaded through every analysis.
 */
export interface ActivatedField {
  /** The field the chart's clauses filter on, e.g. `product`, `session_start`. */
  readonly field: string;
  /** The bin width of a histogram's number field (its clauses are `[k × step, (k + 1) × step)`). */
  readonly step?: number;
}

let current: ActivatedField | null = null;

/** Runs `run` with `activation` as the field being prefetched. */
export function withActivation<T>(activation: ActivatedField, run: () => T): T {
  const outer = current;
  current = activation;
  try {
    return run();
  } finally {
    current = outer;
  }
}

/** The field being prefetched, or null outside `prefetchQuery`. */
export function currentActivation(): ActivatedField | null {
  return current;
}

/**
 * Thrown inside a prefetch to stop an analysis where no cube can be built: computing the rest
 * of it would be a scan whose result nobody reads.
 */
export class PrefetchSkipped extends Error {
  constructor() {
    super('nothing to prefetch');
    this.name = 'PrefetchSkipped';
  }
}
