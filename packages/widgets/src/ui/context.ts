import { createContext } from 'preact';
import type { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import type { FormatOptions } from '../format.js';

/** What a `Dashboard` gives the widgets inside it that were not given their own. */
export interface DashboardContextValue extends FormatOptions {
  readonly engine?: EngineLike;
  readonly selection?: Selection;
}

/** Engine, selection, locale and currency shared by a `Dashboard` with the widgets inside it. */
export const DashboardContext = createContext<DashboardContextValue>({});

/** Reports a widget failure to the host (see `WidgetShell`). */
export interface ShellApi {
  readonly widget: string;
  readonly source: string;
  reportError(error: Error, phase: 'render' | 'query' | 'interaction'): void;
  /** Dispatches `clv-select` after the widget changed its clause. */
  notifySelect(clause: import('@clvkit/core').Clause | null): void;
  /** The widget's root element (null before it is mounted). */
  element(): HTMLElement | null;
}

/** The enclosing widget shell, for events the host listens to. */
export const ShellContext = createContext<ShellApi>({
  widget: 'widget',
  source: '',
  reportError: () => {},
  notifySelect: () => {},
  element: () => null,
});
