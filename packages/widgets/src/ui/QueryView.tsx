import type { ComponentChildren } from 'preact';
import type { QueryResult } from '@clvkit/core';
import type { QueryProgress } from '../data/query-state.js';
import type { UseQueryResult } from '../data/use-query.js';
import { emptyReason } from './describe-filter.js';

/** Props of `QueryView`. */
export interface QueryViewProps<R> {
  readonly state: UseQueryResult<R>;
  /** What the rows count, for empty states: "orders", "products". */
  readonly noun: string;
  /** What the widget shows, for loading and error messages: "key figures". */
  readonly what: string;
  /** The loading placeholder. */
  readonly skeleton: ComponentChildren;
  /** Renders a result. */
  readonly children: (result: QueryResult<R>) => ComponentChildren;
}

/**
 * Renders the four states of a query: skeleton while loading the first time, the previous
 * content dimmed while reloading, an empty state that says why, an error with Retry.
 */
export function QueryView<R>({ state, noun, what, skeleton, children }: QueryViewProps<R>) {
  const shown = state.status === 'loading' ? state.settled : state.status;
  const busy = state.status === 'loading';
  const progress = busy && state.progress ? <ProgressBar progress={state.progress} what={what} /> : null;
  if (shown === 'ready' && state.result) {
    return (
      <div class={busy ? 'clv-content-wrap clv-reloading' : 'clv-content-wrap'} aria-busy={busy ? 'true' : undefined}>
        {progress}
        <div class="clv-content">{children(state.result)}</div>
      </div>
    );
  }
  if (shown === 'empty') {
    return (
      <div class={busy ? 'clv-reloading' : undefined} aria-busy={busy ? 'true' : undefined}>
        <div class="clv-content clv-empty" role="status">
          {state.missing !== null ? (
            <>
              <p class="clv-empty-title">Needs {state.missing}</p>
              {state.error ? <p class="clv-empty-detail">{state.error.message}</p> : null}
            </>
          ) : (
            <p class="clv-empty-title">{emptyReason(state.filter, noun)}</p>
          )}
        </div>
      </div>
    );
  }
  if (state.status === 'error' && state.error) {
    return (
      <div class="clv-error" role="alert">
        <p class="clv-error-title">Could not load {what}</p>
        <p class="clv-error-detail">{state.error.message}</p>
        <button type="button" class="clv-retry" onClick={() => state.retry()}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <div class="clv-loading" aria-busy="true">
      {progress ?? (
        <span class="clv-sr-only" role="status">
          Loading {what}…
        </span>
      )}
      {skeleton}
    </div>
  );
}

/** A long analysis' progress: "Training autoencoder: 3 / 20" with a native progress bar. */
function ProgressBar({ progress, what }: { progress: QueryProgress; what: string }) {
  const label = `${progress.message ?? `Computing ${what}`}: ${progress.done} / ${progress.total}`;
  return (
    <div class="clv-progress" role="status">
      <span class="clv-progress-label">{label}</span>
      <progress max={progress.total} value={progress.done} aria-label={label} />
    </div>
  );
}
