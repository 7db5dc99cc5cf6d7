/**
 * Framework-neutral types of the clv-* custom elements: their attributes, properties and
 * events, derived from the widget registry's props types. Types only: this module emits no
 * code, so it costs the runtime bundle nothing. `react.ts` and `preact.ts` turn these into
 * JSX IntrinsicElements; importing either also types `document.querySelector('clv-…')` and
 * `addEventListener('clv-…')` (the global augmentations below).
 */
import type { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import type { WidgetName, WidgetPropsByName } from '../registry.js';
import type { ClvErrorDetail, ClvSelectDetail } from '../ui/events.js';
import type { ClvSegmentActionDetail } from '../widgets/DataTable.js';
import type { ClvDateSelectDetail } from '../widgets/ClvTimeline.js';
import type { ClvSearchSelectDetail } from '../widgets/SearchBox.js';
import type { WidgetElement } from '../elements/widget-element.js';
import type { ClvDashboardElement } from '../elements/dashboard-element.js';
import type { PresetName } from '../presets/index.js';

/**
 * Tag -> widget name of every widget element `defineElements()` registers. Kept by hand
 * because the registry's tags are plain strings at the type level; `ClvMissingTags` below
 * fails the typecheck when a registry widget has no tag here, and
 * packages/widgets/test/jsx-types.test.ts compares the tags with the registry's at run time.
 */
export interface ClvWidgetTagMap {
  'clv-kpi-cards': 'kpi-cards';
  'clv-time-series': 'time-series';
  'clv-top-products': 'top-products';
  'clv-top-categories': 'top-categories';
  'clv-dimension-picker': 'dimension-picker';
  'clv-filter-chips': 'filter-chips';
  'clv-funnel': 'funnel';
  'clv-cohort-heatmap': 'cohort-heatmap';
  'clv-histogram': 'histogram';
  'clv-donut': 'donut';
  'clv-line-chart': 'line-chart';
  'clv-journey': 'journey';
  'clv-data-table': 'data-table';
  'clv-customer-list': 'customer-list';
  'clv-pairs-table': 'pairs-table';
  'clv-bought-with': 'bought-with';
  'clv-location-breakdown': 'location-breakdown';
  'clv-segment-treemap': 'segment-treemap';
  'clv-scatter': 'scatter';
  'clv-scatter-3d': 'scatter-3d';
  'clv-cluster-histogram': 'cluster-histogram';
  'clv-segment-movement': 'segment-movement';
  'clv-clv-timeline': 'clv-timeline';
  'clv-date-customers': 'date-customers';
  'clv-rates': 'clv-rates';
  'clv-bars': 'clv-bars';
  'clv-segment-split': 'segment-split';
  'clv-top-customers': 'top-customers';
  'clv-least-engaged': 'least-engaged';
  'clv-anomaly-series': 'anomaly-series';
  'clv-anomaly-table': 'anomaly-table';
  'clv-search-box': 'search-box';
  'clv-entity-view': 'entity-view';
  'clv-ab-test-forest': 'ab-test-forest';
  'clv-ab-test-verdicts': 'ab-test-verdicts';
  'clv-ab-test-pairs': 'ab-test-pairs';
  'clv-ab-test-comparison': 'ab-test-comparison';
  'clv-ab-test-differences': 'ab-test-differences';
}

/** Registry widgets without a tag in `ClvWidgetTagMap`: must stay `never`. */
export type ClvMissingTags = Exclude<WidgetName, ClvWidgetTagMap[keyof ClvWidgetTagMap]>;
type AssertTrue<T extends true> = T;
/** Compile-time guard (no code): a widget added to the registry but not to the map breaks the typecheck. */
export type ClvTagsCoverRegistry = AssertTrue<[ClvMissingTags] extends [never] ? true : false>;

/** Tag of a widget element. */
export type ClvWidgetTag = keyof ClvWidgetTagMap;

/** Every clv-* tag, widgets and `clv-dashboard`. */
export type ClvElementTag = ClvWidgetTag | 'clv-dashboard';

/** The detail of each event the elements dispatch (all bubble and are composed). */
export interface ClvEventDetailMap {
  /** A widget failed to render, to load its data or to handle an interaction. */
  'clv-error': ClvErrorDetail;
  /** A widget changed its clause of the selection (a click, a brush, a cleared filter). */
  'clv-select': ClvSelectDetail;
  /** "Send to campaign" in a data table: the customer ids of the current selection. */
  'clv-segment-action': ClvSegmentActionDetail;
  /** The CLV timeline's date was chosen or cleared. */
  'clv-date-select': ClvDateSelectDetail;
  /** A search box result was chosen. */
  'clv-search-select': ClvSearchSelectDetail;
}

/** Event name -> `CustomEvent` type. */
export type ClvEventMap = { [E in keyof ClvEventDetailMap]: CustomEvent<ClvEventDetailMap[E]> };

/** JSX listener props: `onclv-error={(e) => …}` (React 19 and Preact add a listener for `clv-error`). */
export type ClvEventProps = { [E in keyof ClvEventMap as `on${E}`]?: (event: ClvEventMap[E]) => void };

type Kebab<S extends string> = S extends `${infer Head}${infer Tail}` ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`) : Head}${Kebab<Tail>}` : S;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => unknown;

/** The data options of a widget's props (callbacks are not element options). */
export type ClvOptionProps<P> = { [K in keyof P as NonNullable<P[K]> extends AnyFunction ? never : K extends 'engine' | 'selection' ? never : K]?: P[K] };

/** The same options as kebab-case attributes (`time-zone="UTC"`), where that differs from the property name. */
export type ClvOptionAttributes<P> = { [K in keyof ClvOptionProps<P> & string as Kebab<K> extends K ? never : Kebab<K>]?: string | number | boolean };

/** Attributes every clv-* element understands. */
export interface ClvCommonAttributes {
  source?: string;
  heading?: string;
  theme?: string;
  locale?: string;
  currency?: string;
  /** Render into a shadow root (`shadow` or `shadow="false"`). */
  shadow?: boolean | 'true' | 'false' | '';
  nonce?: string;
}

/** Properties every widget element takes besides its options. */
export interface ClvHostProperties {
  /** The engine (default: the enclosing `<clv-dashboard>`'s). Set it as a property, not an attribute. */
  engine?: EngineLike;
  /** The selection (default: the enclosing `<clv-dashboard>`'s). */
  selection?: Selection;
}

/** Props of widget `N` as a JSX element, before the framework's own HTML attributes are added. */
export type ClvWidgetElementProps<N extends WidgetName> = ClvOptionProps<WidgetPropsByName[N]> & ClvOptionAttributes<WidgetPropsByName[N]> & ClvCommonAttributes & ClvHostProperties & ClvEventProps;

/** Attributes and properties of `<clv-dashboard>`. */
export interface ClvDashboardElementProps extends ClvCommonAttributes, ClvHostProperties, ClvEventProps {
  /** Render this preset when the dashboard has no child elements. */
  preset?: PresetName;
  /** Data of the dashboard's own engine (when no `engine` property is set). */
  orders?: number | string;
  seed?: number | string;
  'time-zone'?: string;
  worker?: string;
}

/** The DOM element of widget tag `T`: the host API plus its options as properties. */
export type ClvWidgetElementOf<T extends ClvWidgetTag> = WidgetElement & ClvOptionProps<WidgetPropsByName[ClvWidgetTagMap[T]]>;

/** Props of tag `T` (widget or dashboard). */
export type ClvElementProps<T extends ClvElementTag> = T extends ClvWidgetTag ? ClvWidgetElementProps<ClvWidgetTagMap[T]> : ClvDashboardElementProps;

/** DOM element of tag `T` (widget or dashboard). */
export type ClvElementOf<T extends ClvElementTag> = T extends ClvWidgetTag ? ClvWidgetElementOf<T> : ClvDashboardElement;

type WidgetTagNameMap = { [T in ClvWidgetTag]: ClvWidgetElementOf<T> };

declare global {
  // Typed `document.querySelector('clv-kpi-cards')` and `document.createElement('clv-dashboard')`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementTagNameMap extends WidgetTagNameMap {
    'clv-dashboard': ClvDashboardElement;
  }
  // Typed `element.addEventListener('clv-error', (e) => e.detail.phase)`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends ClvEventMap {}
}
