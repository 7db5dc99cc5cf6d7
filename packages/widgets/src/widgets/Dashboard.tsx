import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { createOwnedEngine, type DashboardDataOptions } from '../engine-factory.js';
import type { FormatOptions } from '../format.js';
import { useStyles } from '../theme/use-styles.js';
import { DashboardContext, type DashboardContextValue } from '../ui/context.js';
import { PRESETS, presetOf, type PresetName } from '../presets/index.js';

export { OverviewLayout } from '../presets/overview.js';

/** Dashboard layouts that can be rendered without children (the names of `PRESETS`). */
export type DashboardPreset = PresetName;

/** Options of `Dashboard`. */
export interface DashboardProps extends FormatOptions {
  /** The engine shared by the widgets inside; omit it and give `data` to create one. */
  readonly engine?: EngineLike;
  /** The selection shared by the widgets inside (default: a new one). */
  readonly selection?: Selection;
  /** Creates an engine (lazily importing @clvkit/engine) when `engine` is not given. */
  readonly data?: DashboardDataOptions;
  /** With no children: the layout to render, a name of `PRESETS` (`overview`, `clv`, `cohorts` ...). */
  readonly preset?: DashboardPreset;
  /** `light` or `dark` forces a theme on the dashboard. */
  readonly theme?: string;
  readonly className?: string;
  readonly children?: ComponentChildren;
}

/**
 * Shares one engine and one selection with the widgets inside it. Without children it renders
 * the layout of `preset` (see `PRESETS`: `overview`, the exploratory dashboards `overall`,
 * `customers`, `funnels`, `cohorts`, `stats`, `products`, `promotions`, the CLV dashboard
 * `clv`, and the loyalty dashboards `loyalty-cohorts`, `loyalty-kpis`, `customer-base`,
 * `communications`); an unknown preset renders a message naming the known ones.
 */
export function Dashboard(props: DashboardProps) {
  const root = useRef<HTMLDivElement>(null);
  useStyles(root);
  const [ownSelection] = useState(() => new Selection());
  const selection = props.selection ?? ownSelection;
  const created = useOwnEngine(props.engine ? undefined : props.data);
  const engine = props.engine ?? created.engine;
  const context = useMemo<DashboardContextValue>(
    () => ({ engine, selection, locale: props.locale, currency: props.currency }),
    [engine, selection, props.locale, props.currency],
  );
  const theme = props.theme === 'light' || props.theme === 'dark' ? props.theme : undefined;
  const hasChildren = props.children !== undefined && props.children !== null && !(Array.isArray(props.children) && props.children.length === 0);
  const classes = ['clv-root', 'clv-dashboard', props.className].filter(Boolean).join(' ');
  return (
    <DashboardContext.Provider value={context}>
      {hasChildren ? (
        <div ref={root} class={classes} data-clv-theme={theme}>
          {props.children}
        </div>
      ) : props.preset ? (
        <div ref={root} class={classes} data-clv-theme={theme} data-preset={props.preset}>
          {created.error ? (
            <div class="clv-widget clv-wide clv-error" role="alert">
              <p class="clv-error-title">Could not start the engine</p>
              <p class="clv-error-detail">{created.error.message}</p>
            </div>
          ) : null}
          <PresetLayout name={props.preset} />
        </div>
      ) : null}
    </DashboardContext.Provider>
  );
}

/** The layout of a registered preset (keyed by name, so switching presets remounts every widget). */
function PresetLayout({ name }: { readonly name: string }) {
  const preset = presetOf(name);
  if (!preset) {
    return (
      <div class="clv-widget clv-wide clv-error" role="alert">
        <p class="clv-error-title">Unknown dashboard preset "{name}"</p>
        <p class="clv-error-detail">Known presets: {Object.keys(PRESETS).join(', ')}.</p>
      </div>
    );
  }
  const Layout = preset.layout;
  return <Layout key={preset.name} />;
}

/** Creates (and on unmount or change destroys) an engine for `data`. */
function useOwnEngine(data: DashboardDataOptions | undefined): { engine?: EngineLike; error: Error | null } {
  const key = data ? JSON.stringify(data) : '';
  const [state, setState] = useState<{ engine?: EngineLike; error: Error | null }>({ error: null });
  useEffect(() => {
    if (!data) return;
    let live = true;
    let destroy: (() => void) | undefined;
    createOwnedEngine(data).then(
      (engine) => {
        destroy = () => engine.destroy();
        if (live) setState({ engine, error: null });
        else destroy();
      },
      (error: unknown) => {
        if (live) setState({ error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      live = false;
      destroy?.();
      setState({ error: null });
    };
  }, [key]);
  return state;
}
