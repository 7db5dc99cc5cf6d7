import { h, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStyles } from '../theme/use-styles.js';

/** What a lazy component shows until its code has loaded (and if loading fails). */
export interface LazyPlaceholderProps {
  /** The props given to the lazy component (for its `className` and `theme`). */
  readonly props: Readonly<Record<string, unknown>>;
  /** The load error, or null while loading. */
  readonly error: Error | null;
  /** Loads the code again (after an error). */
  readonly retry: () => void;
}

/**
 * A component whose code loads on first render (a dynamic import, so the bundler puts it in
 * its own chunk). Until then it renders `placeholder`; afterwards it renders the loaded
 * component directly, and later mounts render it at once. The props type is the loaded
 * component's, so a lazy widget is a drop-in for the eager one.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, placeholder: ComponentType<LazyPlaceholderProps>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // Let a later render (Retry) try again: the chunk may have failed on a flaky network.
        pending = undefined;
        throw error;
      },
    ));

  function Lazy(props: P) {
    const [error, setError] = useState<Error | null>(null);
    const [, setLoads] = useState(0);
    const [attempt, setAttempt] = useState(0);
    // Start loading during the first render: the chunk request goes out before effects run.
    if (!loaded && !error) start().catch(() => undefined);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        () => live && setLoads((n) => n + 1),
        (cause: unknown) => live && setError(cause instanceof Error ? cause : new Error(String(cause))),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (loaded) return h(loaded, props);
    const retry = () => {
      setError(null);
      setAttempt((n) => n + 1);
    };
    return h(placeholder, { props: props as Readonly<Record<string, unknown>>, error, retry });
  }
  loaders.set(Lazy as ComponentType<never>, start);
  return Lazy;
}

const loaders = new WeakMap<ComponentType<never>, () => Promise<unknown>>();

/**
 * Loads the code of a lazy component (a widget of the registry, a preset's layout) ahead of
 * its first render, e.g. `preload(PRESETS.segments.layout)` while the user hovers a menu, so
 * it then renders at once. Resolves at once for components that are not lazy.
 */
export async function preload<P>(component: ComponentType<P>): Promise<void> {
  await loaders.get(component as ComponentType<never>)?.();
}

/** The loading and load-error states shared by lazy widgets and lazy dashboard layouts. */
function LoadState({ error, retry, what }: { readonly error: Error | null; readonly retry: () => void; readonly what: string }): ComponentChildren {
  if (error) {
    return (
      <div class="clv-error" role="alert">
        <p class="clv-error-title">Could not load the code of {what}</p>
        <p class="clv-error-detail">{error.message}</p>
        <button type="button" class="clv-retry" onClick={retry}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <div class="clv-loading" aria-busy="true">
      <span class="clv-sr-only" role="status">
        Loading {what}…
      </span>
      <div class="clv-skeleton clv-skeleton-chart" />
    </div>
  );
}

/**
 * The placeholder of a lazy widget: the widget's own root classes (so a dashboard grid keeps
 * its layout), its theme, and the same skeleton a widget shows while its query runs. Lazy
 * placeholders carry `data-clv-lazy` (the widget's code has not arrived yet).
 */
export function widgetPlaceholder(widget: string): ComponentType<LazyPlaceholderProps> {
  return function WidgetPlaceholder({ props, error, retry }: LazyPlaceholderProps) {
    const root = useRef<HTMLDivElement>(null);
    useStyles(root);
    const theme = props.theme === 'light' || props.theme === 'dark' ? props.theme : undefined;
    const classes = ['clv-root', 'clv-widget', `clv-${widget}`, props.className].filter(Boolean).join(' ');
    return (
      <div ref={root} class={classes} data-clv-theme={theme} data-clv-lazy="">
        <LoadState error={error} retry={retry} what={widget.replace(/-/g, ' ')} />
      </div>
    );
  };
}

/** The placeholder of a lazy dashboard layout: one full-width skeleton card. */
export function LayoutPlaceholder({ error, retry }: LazyPlaceholderProps) {
  return (
    <div class="clv-widget clv-wide clv-layout-loading" data-clv-lazy="">
      <LoadState error={error} retry={retry} what="the dashboard" />
    </div>
  );
}

/** A lazily loaded widget: `lazyWidget('segment-treemap', () => import('./widgets/SegmentTreemap.js').then((m) => m.SegmentTreemap))`. */
export function lazyWidget<P extends object>(widget: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazyComponent(load, widgetPlaceholder(widget));
}
