import type { ComponentChildren } from 'preact';
import { useMemo, useRef } from 'preact/hooks';
import type { Clause } from '@clvkit/core';
import { useStyles } from '../theme/use-styles.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ShellContext, type ShellApi } from './context.js';
import { emit, type ClvErrorDetail, type ClvSelectDetail } from './events.js';

/** Props of `WidgetShell`. */
export interface WidgetShellProps {
  /** Widget type, e.g. `kpi-cards`: the root gets the class `clv-kpi-cards`. */
  readonly widget: string;
  readonly source: string;
  /** `light` or `dark` forces a theme on this widget only. */
  readonly theme?: string;
  /** Extra classes for the root. */
  readonly className?: string;
  readonly children?: ComponentChildren;
}

/**
 * The root of every widget: theme hook, error boundary, and the element that dispatches
 * `clv-error` and `clv-select` for the host.
 */
export function WidgetShell({ widget, source, theme, className, children }: WidgetShellProps) {
  const root = useRef<HTMLDivElement>(null);
  useStyles(root);
  const api = useMemo<ShellApi>(
    () => ({
      widget,
      source,
      reportError(error, phase) {
        emit<ClvErrorDetail>(root.current, 'clv-error', { error, widget, source, phase });
      },
      notifySelect(clause: Clause | null) {
        emit<ClvSelectDetail>(root.current, 'clv-select', { widget, source, clause });
      },
      element: () => root.current,
    }),
    [widget, source],
  );
  const classes = ['clv-root', 'clv-widget', `clv-${widget}`, className].filter(Boolean).join(' ');
  return (
    <div ref={root} class={classes} data-clv-theme={theme === 'light' || theme === 'dark' ? theme : undefined} data-clv-source={source}>
      <ShellContext.Provider value={api}>
        <ErrorBoundary onError={(error) => api.reportError(error, 'render')}>{children}</ErrorBoundary>
      </ShellContext.Provider>
    </div>
  );
}
