import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { useSourceId } from '../data/source-id.js';
import { DashboardContext } from './context.js';
import { WidgetShell } from './WidgetShell.js';
import type { ConnectedProps, WidgetProps } from './widget-props.js';

/** Props of `Connected`. */
export interface ConnectedShellProps<P extends WidgetProps> {
  /** Widget type, e.g. `top-products`. */
  readonly widget: string;
  readonly props: P;
  readonly children: (props: ConnectedProps<P>) => ComponentChildren;
}

/**
 * Resolves a widget's engine, selection, locale and currency (its own props first, then the
 * enclosing `Dashboard`), gives it a stable source id and wraps it in its shell. Without an
 * engine or a selection it says so instead of failing.
 */
export function Connected<P extends WidgetProps>({ widget, props, children }: ConnectedShellProps<P>) {
  const context = useContext(DashboardContext);
  const source = useSourceId(widget, props.source);
  const engine = props.engine ?? context.engine;
  const selection = props.selection ?? context.selection;
  const connected = {
    ...props,
    locale: props.locale ?? context.locale,
    currency: props.currency ?? context.currency,
    engine,
    selection,
    source,
  } as ConnectedProps<P>;
  return (
    <WidgetShell widget={widget} source={source} theme={props.theme} className={props.className}>
      {engine && selection ? (
        children(connected)
      ) : context.selection && !engine ? (
        // Inside a dashboard that is still starting its engine.
        <div class="clv-loading" aria-busy="true">
          <span class="clv-sr-only" role="status">
            Loading data…
          </span>
          <div class="clv-skeleton clv-skeleton-chart" />
        </div>
      ) : (
        <div class="clv-empty" role="status">
          <p class="clv-empty-title">Waiting for data</p>
          <p class="clv-empty-detail">
            This widget needs {[engine ? '' : 'an engine', selection ? '' : 'a selection'].filter(Boolean).join(' and ')}: pass it
            as an option or place the widget inside a clv-dashboard.
          </p>
        </div>
      )}
    </WidgetShell>
  );
}
