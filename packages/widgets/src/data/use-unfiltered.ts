import { useEffect, useState } from 'preact/hooks';
import type { QueryResult, QuerySpec, Row } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';

/**
 * Preact hook: the result of `spec` over ALL the data (no filter, no source), or null until it
 * arrives, when `spec` is null, or when it fails (callers fall back to what they have). For a
 * frame of reference that must not move with the selection, e.g. the bins a histogram draws.
 * When the selection is empty the widget's own query has the same key, so the engine sends one
 * request for both.
 */
export function useUnfiltered<R = Row>(engine: EngineLike, spec: QuerySpec | null): QueryResult<R> | null {
  const key = spec ? JSON.stringify(spec) : '';
  const [result, setResult] = useState<{ key: string; value: QueryResult<R> } | null>(null);
  useEffect(() => {
    if (!spec) return;
    const abort = new AbortController();
    engine.query<R>(spec, { signal: abort.signal }).then(
      (value) => {
        if (!abort.signal.aborted) setResult({ key, value });
      },
      () => {
        // Not shown: the widget's own query reports errors; without a frame it uses its rows.
      },
    );
    return () => abort.abort();
  }, [engine, key]);
  return result && result.key === key ? result.value : null;
}
