import type { DashboardContextValue } from '../ui/context.js';

/**
 * The event a clv-* element dispatches (bubbling, composed) to find its `<clv-dashboard>`.
 * The dashboard answers by calling `callback` now and whenever its engine or selection
 * change, and sets `unsubscribe`.
 */
export const CONTEXT_REQUEST_EVENT = 'clv-context-request';

/** Detail of the context request event. */
export interface ContextRequestDetail {
  readonly callback: (context: DashboardContextValue) => void;
  /** Set by the dashboard that answered. */
  unsubscribe?: () => void;
}

/** Something a dashboard can ask to look for it again (after the dashboard was upgraded late). */
export interface ContextConsumer {
  requestContext(): void;
}

/** Asks the nearest dashboard above `element` for its context; returns the unsubscribe function or null. */
export function requestContext(element: Element, callback: (context: DashboardContextValue) => void): (() => void) | null {
  const detail: ContextRequestDetail = { callback };
  element.dispatchEvent(new CustomEvent<ContextRequestDetail>(CONTEXT_REQUEST_EVENT, { detail, bubbles: true, composed: true }));
  return detail.unsubscribe ?? null;
}

/** True for elements that can re-request their context. */
export function isContextConsumer(value: unknown): value is ContextConsumer {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ContextConsumer>).requestContext === 'function';
}
