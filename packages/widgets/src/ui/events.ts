/** Detail of the `clv-error` event a widget dispatches when it fails to render or to load. */
export interface ClvErrorDetail {
  readonly error: Error;
  /** The widget type, e.g. `time-series`. */
  readonly widget: string;
  /** The widget's selection source id. */
  readonly source: string;
  /** `render`: the widget crashed (caught by its error boundary); `query`: its data failed to load. */
  readonly phase: 'render' | 'query' | 'interaction';
}

/** Detail of the `clv-select` event a widget dispatches after it changed its selection clause. */
export interface ClvSelectDetail {
  readonly widget: string;
  readonly source: string;
  /** The new clause, or null when the widget cleared it. */
  readonly clause: import('@clvkit/core').Clause | null;
}

/** Dispatches a bubbling, composed `CustomEvent` from `target` (so it crosses shadow roots). */
export function emit<T>(target: EventTarget | null | undefined, type: string, detail: T): void {
  if (!target || typeof CustomEvent !== 'function') return;
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
