import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { createOwnedEngine, type DashboardDataOptions } from '../engine-factory.js';
import type { FormatOptions } from '../format.js';
import { useStyles } from '../theme/use-styles.js';
import { DashboardContext, type DashboardContextValue } from '../ui/context.js';
import { DimensionPicker } from './DimensionPicker.js';
import { FilterChips } from './FilterChips.js';
import { KpiCards } from './KpiCards.js';
import { TimeSeries } from './TimeSeries.js';
import { TopCategories } from './TopCategories.js';
import { TopProducts } from './TopProducts.js';

/** Dashboard layouts that can be rendered without children. */
export type DashboardPreset = 'overview';

/** Options of `Dashboard`. */
export interface DashboardProps extends FormatOptions {
  /** The engine shared by the widgets inside; omit it and give `data` to create one. */
  readonly engine?: EngineLike;
  /** The selection shared by the widgets inside (default: a new one). */
  readonly selection?: Selection;
  /** Creates an engine (lazily importing @clvkit/engine) when `engine` is not given. */
  readonly data?: DashboardDataOptions;
  /** With no children: the layout to render (`overview`). */
  readonly preset?: DashboardPreset;
  /** `light` or `dark` forces a theme on the dashboard. */
  readonly theme?: string;
  readonly className?: string;
  readonly children?: ComponentChildren;
}

/**
 * Shares one engine and one selection with the widgets inside it. Without children and with
 * `preset="overview"` it renders the overview: active filters, KPI cards, the time series,
 * top products, top categories and the dimension picker.
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
      ) : props.preset === 'overview' ? (
        <div ref={root} class={classes} data-clv-theme={theme}>
          {created.error ? (
            <div class="clv-widget clv-wide clv-error" role="alert">
              <p class="clv-error-title">Could not start the engine</p>
              <p class="clv-error-detail">{created.error.message}</p>
            </div>
          ) : null}
          <OverviewLayout />
        </div>
      ) : null}
    </DashboardContext.Provider>
  );
}

/** The overview dashboard's widgets (inside a `Dashboard`, which provides engine and selection). */
export function OverviewLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" />
      <TimeSeries className="clv-wide" />
      <TopProducts />
      <TopCategories />
      <DimensionPicker className="clv-wide" />
    </>
  );
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
