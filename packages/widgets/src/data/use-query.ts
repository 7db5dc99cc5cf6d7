import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QueryResult, QuerySpec, Row, Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { QueryController } from './query-controller.js';
import type { QueryState } from './query-state.js';

/** The query state plus the Retry action. */
export interface UseQueryResult<R> extends QueryState<R> {
  /** Runs the query again (the error state's Retry button). */
  retry(): void;
}

/** Options of `useQuery` besides engine, selection, source and spec. */
export interface UseQueryOptions<R> {
  readonly isEmpty?: (result: QueryResult<R>) => boolean;
  readonly onError?: (error: Error) => void;
}

/**
 * Preact hook: the state of `spec` queried with `selection.filterFor(source)`, kept in step
 * with the selection (see `QueryController`). Aborts on unmount.
 */
export function useQuery<R = Row>(
  engine: EngineLike,
  selection: Selection,
  source: string,
  spec: QuerySpec,
  options: UseQueryOptions<R> = {},
): UseQueryResult<R> {
  // Specs are often written inline; compare them by value so a re-render does not re-query.
  const specKey = JSON.stringify(spec);
  const stableSpec = useMemo(() => spec, [specKey]);
  const [controller] = useState(
    () => new QueryController<R>({ engine, selection, source, spec: stableSpec, ...options }),
  );
  const [state, setState] = useState<QueryState<R>>(controller.state);

  useEffect(() => {
    const unsubscribe = controller.subscribe(setState);
    controller.connect();
    return () => {
      unsubscribe();
      controller.disconnect();
    };
  }, [controller]);

  useEffect(() => {
    controller.update({ engine, selection, source, spec: stableSpec, ...options });
  }, [controller, engine, selection, source, stableSpec, options.isEmpty, options.onError]);

  return useMemo(() => ({ ...state, retry: () => controller.retry() }), [state, controller]);
}
