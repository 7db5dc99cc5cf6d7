import type { Activation, Filter, QueryResult, QuerySpec, Row, Selection } from '@clvkit/core';
import { filterKey } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { isAbortError, isStaleQueryError, missingInputOf, toError } from '../engine-like.js';
import { scheduleFrame } from './frame.js';
import { emitQueryState } from './query-events.js';
import { initialQueryState, type QueryProgress, type QueryState } from './query-state.js';

/**
 * How long a reload may take before the widget is told it is loading (and dims its content).
 * Most reloads under a brush or a click answer well within it: telling the view at once would
 * render every affected widget twice (dimmed, then with the answer) and paint twice.
 */
export const RELOAD_NOTICE_MS = 100;

/** What a query controller needs. */
export interface QueryControllerOptions<R> {
  readonly engine: EngineLike;
  readonly selection: Selection;
  /** The widget's selection source id: its own clause is left out of its filter. */
  readonly source: string;
  readonly spec: QuerySpec;
  /** Decides whether a result counts as empty (default: no rows). */
  readonly isEmpty?: (result: QueryResult<R>) => boolean;
  /** Called with every query error that is shown (not stale queries, not aborts). */
  readonly onError?: (error: Error) => void;
}

/**
 * Keeps one widget's query in step with the selection, framework-free (the Preact hook
 * `useQuery` wraps it). It re-queries when the widget's filter or spec changes, batched per
 * animation frame and only when the filter really changed (its own clause does not count),
 * aborts the previous request, ignores stale and aborted ones, and turns a
 * `MissingInputError` into an empty state.
 */
export class QueryController<R = Row> {
  #options: QueryControllerOptions<R>;
  #state: QueryState<R> = initialQueryState<R>();
  readonly #listeners = new Set<(state: QueryState<R>) => void>();
  #abort: AbortController | null = null;
  #cancelFrame: (() => void) | null = null;
  #unsubscribers: (() => void)[] = [];
  #lastKey: string | null = null;
  /** The last prefetch asked for (an activation repeats on every pointer enter). */
  #lastPrefetch: string | null = null;
  #connected = false;
  /** The timer that announces a reload that is taking a while (see RELOAD_NOTICE_MS). */
  #notice: ReturnType<typeof setTimeout> | null = null;

  constructor(options: QueryControllerOptions<R>) {
    this.#options = options;
  }

  /** The current state. */
  get state(): QueryState<R> {
    return this.#state;
  }

  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: (state: QueryState<R>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts following the selection (and the engine's status) and schedules the first query. */
  connect(): void {
    if (this.#connected) return;
    this.#connected = true;
    this.#follow();
    this.#schedule();
  }

  /** Stops following, cancels the pending frame and aborts the request in flight. */
  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    this.#cancelFrame?.();
    this.#cancelFrame = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#lastKey = null;
    this.#cancelNotice();
  }

  /**
   * Replaces engine, selection, source or spec. Queries again (next frame) only when
   * something that changes the answer changed.
   */
  update(options: QueryControllerOptions<R>): void {
    const previous = this.#options;
    this.#options = options;
    if (!this.#connected) return;
    if (previous.selection !== options.selection || previous.engine !== options.engine) {
      for (const unsubscribe of this.#unsubscribers) unsubscribe();
      this.#unsubscribers = [];
      this.#lastKey = null;
      this.#follow();
    }
    this.#schedule();
  }

  /** Runs the query again now, even when nothing changed (the Retry button). */
  retry(): void {
    this.#lastKey = null;
    if (this.#connected) this.#run();
  }

  #follow(): void {
    const { selection, engine } = this.#options;
    let first = true;
    this.#unsubscribers.push(
      selection.subscribe(() => {
        // subscribe() calls back at once; connect()/update() schedule that first run themselves.
        if (first) first = false;
        else this.#schedule();
      }),
    );
    if (typeof selection.onActivate === 'function') this.#unsubscribers.push(selection.onActivate((activation) => this.#prefetch(activation)));
    const status = engine.status;
    if (status) {
      let previous = status.value;
      this.#unsubscribers.push(
        status.subscribe((value) => {
          // The engine came back after a crash or a reload: ask again.
          if (value === 'ready' && previous !== 'ready') this.retry();
          previous = value;
        }),
      );
    }
  }

  /**
   * Another widget is about to publish a clause (see `Selection.activate`): asks the engine to
   * prepare this widget's answer for it, with the filter this widget will have then, less the
   * coming clause. Only for intersecting selections: under `union` or `single` the coming
   * clause changes how the others combine.
   */
  #prefetch(activation: Activation): void {
    const { engine, selection, source, spec } = this.#options;
    if (!this.#connected || !engine.prefetch || activation.source === source || selection.resolution !== 'intersect') return;
    const filter = selection.filterFor(source, activation.source);
    const key = `${activation.field}\u0000${activation.step ?? ''}\u0000${JSON.stringify(spec)}\u0000${filterKey(filter)}`;
    if (key === this.#lastPrefetch) return;
    this.#lastPrefetch = key;
    try {
      engine.prefetch(spec, { filter, field: activation.field, ...(activation.step !== undefined ? { step: activation.step } : {}) });
    } catch {
      // A hint: the query itself reports what is wrong.
    }
  }

  #schedule(): void {
    if (this.#cancelFrame) return;
    this.#cancelFrame = scheduleFrame(() => {
      this.#cancelFrame = null;
      if (this.#connected) this.#run();
    });
  }

  #run(): void {
    const { engine, selection, source, spec } = this.#options;
    const filter = selection.filterFor(source);
    const key = `${JSON.stringify(spec)}\u0000${filterKey(filter)}`;
    if (key === this.#lastKey) return;
    this.#lastKey = key;

    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const current = this.#state;
    const settled = current.status === 'loading' ? current.settled : current.status;
    // Keep the settled result, filter and missing input: the view dims them until the answer
    // comes, if it takes a while (a first load shows its skeleton at once).
    this.#set({ ...current, status: 'loading', error: null, settled, progress: null }, settled !== null);

    const onProgress = (progress: QueryProgress): void => {
      if (this.#abort === abort) this.#set({ ...this.#state, progress });
    };
    let request: Promise<QueryResult<R>>;
    try {
      request = engine.query<R>(spec, { filter, source, signal: abort.signal, onProgress });
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(
      (result) => {
        if (this.#abort !== abort) return;
        let empty: boolean;
        try {
          if (!result || !Array.isArray(result.rows)) throw new TypeError('its rows are not a list');
          empty = (this.#options.isEmpty ?? noRows)(result);
        } catch (error) {
          // Rows the widget cannot read (a proxy's malformed answer): the widget's error state,
          // never an unhandled rejection in the host page.
          this.#fail(abort, malformedResult(source, error), filter);
          return;
        }
        this.#abort = null;
        this.#set({ status: empty ? 'empty' : 'ready', result, error: null, missing: null, filter, settled: null, progress: null });
      },
      (error: unknown) => this.#fail(abort, error, filter),
    );
  }

  /** Shows a failed query (unless a newer one or an abort superseded it) and reports it once. */
  #fail(abort: AbortController, error: unknown, filter: Filter): void {
    if (this.#abort !== abort || isStaleQueryError(error) || isAbortError(error)) return;
    this.#abort = null;
    const missing = missingInputOf(error);
    if (missing !== null) {
      this.#set({ status: 'empty', result: null, error: toError(error), missing, filter, settled: null, progress: null });
      return;
    }
    const shown = toError(error);
    // A failed key must not block the same query from being retried by the next change.
    this.#lastKey = null;
    this.#set({ status: 'error', result: this.#state.result, error: shown, missing: null, filter, settled: null, progress: null });
    this.#options.onError?.(shown);
  }

  /** Sets the state and tells the listeners, now or (`quietly`, a reload) after RELOAD_NOTICE_MS unless a newer state came first. */
  #set(state: QueryState<R>, quietly = false): void {
    this.#state = state;
    this.#cancelNotice();
    if (quietly) {
      this.#notice = setTimeout(() => {
        this.#notice = null;
        this.#notify(this.#state);
      }, RELOAD_NOTICE_MS);
      return;
    }
    this.#notify(state);
  }

  #notify(state: QueryState<R>): void {
    for (const listener of [...this.#listeners]) listener(state);
    emitQueryState(this.#options.source, this.#options.spec, state as QueryState<unknown>);
  }

  #cancelNotice(): void {
    if (this.#notice === null) return;
    clearTimeout(this.#notice);
    this.#notice = null;
  }
}

/** A TypeError that says which widget could not read its answer and what to check. */
function malformedResult(source: string, cause: unknown): TypeError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TypeError(`The answer to widget "${source}" is malformed (${reason}): check the engine or proxy that answered its query returns the rows the analysis documents`, { cause });
}

function noRows(result: QueryResult<unknown>): boolean {
  return result.rows.length === 0;
}
