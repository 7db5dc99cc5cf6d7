import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';
import { isIn, type QueryResult, type Row } from '@clvkit/core';
import type { Accessor } from '../charts/accessor.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { DotCanvas } from '../charts/scatter-canvas.js';
import { createHitIndex } from '../charts/scatter-hit.js';
import { CategoryLegend, type LegendEntry } from '../charts/scatter-legend.js';
import {
  axisScale,
  CANVAS_THRESHOLD,
  renderMode,
  scatterPoints,
  type AxisScale,
  type AxisScaleKind,
  type ScatterBand,
  type ScatterLine,
  type ScatterPoint,
} from '../charts/scatter-points.js';
import { SvgTooltip } from '../charts/SvgTooltip.js';
import { humanize } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { valuesLabel, valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { categoryColorScale, isSegmentName, orderCategories, segmentFilter } from './rfm/segments.js';

export type { AxisScaleKind, ScatterBand, ScatterLine, ScatterPoint } from '../charts/scatter-points.js';
export { CANVAS_THRESHOLD } from '../charts/scatter-points.js';

/** Options of `Scatter`. */
export interface ScatterProps extends WidgetProps, ChartQueryProps {
  /** A row's x (default `x`). */
  readonly x?: Accessor<Row>;
  /** A row's y (default `y`). */
  readonly y?: Accessor<Row>;
  /** A row's colour category (default `segment`). */
  readonly color?: Accessor<Row>;
  /** A row's id, shown in the tooltip (default `client`). */
  readonly id?: Accessor<Row>;
  /** Axis titles (default: `meta.x` / `meta.y` of the result, humanised, else the accessor's name). */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** How axis values are formatted (default: guessed from the axis name: money, percent or count). */
  readonly xKind?: ValueKind;
  readonly yKind?: ValueKind;
  /** `log` draws an axis on a symmetric log scale (zeros stay visible). Default `linear`. */
  readonly xScale?: AxisScaleKind;
  readonly yScale?: AxisScaleKind;
  /** Fixed axis ranges in data units (default: the data's extent, widened to nice numbers). */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /**
   * The field a selected category filters on: `isIn(categoryField, keys)`. Default: the
   * segment field `rfm_segment` when every category is an RFM segment, else none. `null` (or
   * an empty string): legend clicks only highlight, they publish nothing.
   */
  readonly categoryField?: string | null;
  /** How the category is named on filter chips (default "Segment"). */
  readonly categoryLabel?: string;
  /** What selected categories publish (wins over `categoryField`). */
  readonly categoryFilter?: (keys: readonly Key[]) => MarkFilter;
  /** Labels of categories by key (default: the key). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Category order (default: RFM segments in map order, then first seen). */
  readonly categories?: readonly string[];
  /** Shaded ranges along an axis (brackets), fixed or read from the result. */
  readonly bands?: readonly ScatterBand[] | ((result: QueryResult<Row>) => readonly ScatterBand[]);
  /** Threshold lines, fixed or read from the result. */
  readonly lines?: readonly ScatterLine[] | ((result: QueryResult<Row>) => readonly ScatterLine[]);
  /** Above this many points the dots are painted on a canvas (default 2 000). */
  readonly canvasThreshold?: number;
  /** Dot radius in px (default 3.5 for SVG, 2 on a canvas). */
  readonly radius?: number;
  /** What a point is, for texts (default "customers"). */
  readonly noun?: string;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 280). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'frequency_recency';
const MARGIN = { top: 12, right: 16, bottom: 44, left: 60 };
/** How far from a dot (px) the pointer may be to pick it. */
const PICK_DISTANCE = 12;

/**
 * A 2-D scatter of rows coloured by a category (an RFM segment, a bracket), for the RFM pair
 * scatters (`frequency_recency`, `monetary_frequency`, `recency_monetary`), the basket and
 * discount-sensitivity scatter and any other x/y rows. Up to `canvasThreshold` points are SVG
 * circles, more are painted on a canvas; hover shows the nearest point (found with a grid
 * hit index). The legend is the keyboard interface: a click or Enter/Space on a category (or
 * a click on a point) selects it, `isIn(categoryField, [key])` (segments: `rfm_segment`),
 * Shift adds or removes, Escape or Clear removes the filter. Optional bands (brackets) and
 * threshold lines, linear or log axes.
 */
export function Scatter(props: ScatterProps) {
  return (
    <Connected widget="scatter" props={props}>
      {(connected) => <ScatterView {...connected} />}
    </Connected>
  );
}

/** The category field a scatter publishes, or null when its legend only highlights. */
function filterFieldOf(props: ScatterProps, categories: readonly Key[]): string | null {
  if (props.categoryField === null || props.categoryField === '') return null;
  if (props.categoryField !== undefined) return props.categoryField;
  return categories.length > 0 && categories.every(isSegmentName) ? 'rfm_segment' : null;
}

/** The axis name: the given label, else `meta[axis]` humanised, else the accessor's name. */
function axisTitle(given: string | undefined, meta: Record<string, unknown> | undefined, axis: 'x' | 'y', accessor: Accessor<Row>): string {
  if (given) return given;
  const named = meta?.[axis];
  if (typeof named === 'string' && named !== '') return humanize(named);
  return typeof accessor === 'string' ? humanize(accessor) : axis.toUpperCase();
}

/** The value kind an axis name suggests: money, percent, else count (decimal for fractions). */
function guessKind(name: string, values: readonly number[]): ValueKind {
  if (/(monetary|value|amount|revenue|spend|clv|price)/i.test(name)) return 'money';
  if (/(sensitivity|share|rate|ratio|probability)/i.test(name) && values.every((v) => v >= 0 && v <= 1)) return 'percent';
  return values.every((v) => Number.isInteger(v)) ? 'count' : 'decimal';
}

function ScatterView(props: ConnectedProps<ScatterProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const mapping = useMemo(
    () => ({ x: props.x ?? 'x', y: props.y ?? 'y', category: props.color ?? 'segment', id: props.id ?? 'client' }),
    [props.x, props.y, props.color, props.id],
  );
  const isEmpty = useCallback((result: QueryResult<Row>) => scatterPoints(result.rows ?? [], mapping).length === 0, [mapping]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const clause = useOwnClause(selection, source);
  const [highlighted, setHighlighted] = useState<Key[]>([]);
  const noun = props.noun ?? 'customers';
  const reportName = spec.kind === 'analysis' ? spec.name : 'scatter';
  const heading = props.heading ?? humanize(reportName);

  const points = useMemo(() => scatterPoints(state.result?.rows ?? [], mapping), [state.result, mapping]);
  const categories = useMemo(
    () => orderCategories(points.map((p) => p.category).filter((c): c is Key => c !== null), props.categories ?? (Array.isArray(state.result?.meta?.segments) ? (state.result!.meta!.segments as string[]) : undefined)),
    [points, props.categories, state.result],
  );
  const field = filterFieldOf(props, categories);
  const filterable = field !== null || props.categoryFilter !== undefined;
  const selected: Key[] = filterable ? (clause && Array.isArray(clause.value) ? (clause.value as Key[]) : []) : highlighted;
  const categoryLabel = props.categoryLabel ?? (field === 'rfm_segment' || field === null ? 'Segment' : humanize(field.slice(field.lastIndexOf('.') + 1)));
  const labelOf = (key: Key) => props.labels?.[String(key)] ?? valueText(key);

  const publish = (keys: readonly Key[]) => {
    if (!filterable) {
      setHighlighted([...keys]);
      return;
    }
    if (keys.length === 0) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const filter = props.categoryFilter
      ? safeMarkFilter(shell, props.categoryFilter, keys)
      : field === 'rfm_segment'
        ? segmentFilter(keys)
        : isIn(field!, keys);
    publishMark(selection, shell, [...keys], filter, valuesLabel(categoryLabel, keys.map(labelOf)));
  };
  const select = (key: Key, additive: boolean) => publish(toggleValues(selected, key, additive));

  return (
    <div
      class="clv-scatter-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          publish([]);
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={() => publish([])}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun={noun} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <ScatterChart
            result={result}
            points={points}
            categories={categories}
            selected={selected}
            props={props}
            heading={heading}
            noun={noun}
            labelOf={labelOf}
            categoryLabel={categoryLabel}
            filterable={filterable}
            onSelect={select}
          />
        )}
      </QueryView>
    </div>
  );
}

interface ScatterChartProps {
  readonly result: QueryResult<Row>;
  readonly points: readonly ScatterPoint[];
  readonly categories: readonly Key[];
  readonly selected: readonly Key[];
  readonly props: ConnectedProps<ScatterProps>;
  readonly heading: string;
  readonly noun: string;
  readonly labelOf: (key: Key) => string;
  readonly categoryLabel: string;
  readonly filterable: boolean;
  readonly onSelect: (key: Key, additive: boolean) => void;
}

function ScatterChart({ result, points, categories, selected, props, heading, noun, labelOf, categoryLabel, filterable, onSelect }: ScatterChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 480);
  const height = props.height ?? 280;
  const format: FormatOptions = props;
  const left = MARGIN.left;
  const right = Math.max(width - MARGIN.right, left + 1);
  const top = MARGIN.top;
  const bottom = Math.max(height - MARGIN.bottom, top + 1);
  const meta = result.meta as Record<string, unknown> | undefined;
  const xTitle = axisTitle(props.xLabel, meta, 'x', props.x ?? 'x');
  const yTitle = axisTitle(props.yLabel, meta, 'y', props.y ?? 'y');
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xKind = props.xKind ?? guessKind(typeof meta?.x === 'string' ? meta.x : xTitle, xs);
  const yKind = props.yKind ?? guessKind(typeof meta?.y === 'string' ? meta.y : yTitle, ys);
  const x: AxisScale = axisScale(props.xScale ?? 'linear', xs, [left, right], props.xDomain);
  const y: AxisScale = axisScale(props.yScale ?? 'linear', ys, [bottom, top], props.yDomain);
  const mode = renderMode(points.length, props.canvasThreshold ?? CANVAS_THRESHOLD);
  const radius = props.radius ?? (mode === 'canvas' ? 2 : 3.5);
  const colorOf = useMemo(() => categoryColorScale(categories), [categories]);
  const placed = useMemo(() => points.map((p) => ({ px: x(p.x), py: y(p.y) })), [points, x.domain().join(), y.domain().join(), left, right, top, bottom]);
  const index = useMemo(() => createHitIndex(placed, 16), [placed]);
  const [hover, setHover] = useState<number>(-1);
  const isDimmed = (p: ScatterPoint) => selected.length > 0 && (p.category === null || !selected.includes(p.category));
  const bands = typeof props.bands === 'function' ? props.bands(result) : (props.bands ?? []);
  const lines = typeof props.lines === 'function' ? props.lines(result) : (props.lines ?? []);
  const counts = new Map<Key, number>();
  for (const p of points) if (p.category !== null) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  const entries: LegendEntry[] = categories.map((key) => ({ key, label: labelOf(key), colorClass: colorOf(key), count: counts.get(key) ?? 0 }));
  const truncated = meta?.truncated === true;
  const summary = `${heading}: ${formatValue(points.length, 'count', format)} ${noun}${categories.length > 0 ? ` in ${categories.length} ${categoryLabel.toLowerCase()}${categories.length === 1 ? '' : 's'}` : ''}; x ${xTitle}, y ${yTitle}${truncated ? ' (a sample)' : ''}`;

  const pointAt = (event: MouseEvent): number => {
    const svg = (event.currentTarget as Element).closest('svg');
    const box = svg?.getBoundingClientRect();
    return index.nearest(event.clientX - (box?.left ?? 0), event.clientY - (box?.top ?? 0), PICK_DISTANCE);
  };
  const hovered = hover >= 0 && hover < points.length ? points[hover] : null;
  const tooltip = hovered
    ? [
        hovered.id !== null ? String(hovered.id) : hovered.category !== null ? labelOf(hovered.category) : '',
        `${xTitle}: ${formatValue(hovered.x, xKind, format)}`,
        `${yTitle}: ${formatValue(hovered.y, yKind, format)}`,
        ...(hovered.id !== null && hovered.category !== null ? [`${categoryLabel}: ${labelOf(hovered.category)}`] : []),
      ].filter((line) => line !== '')
    : [];
  const xTicks = x.ticks(Math.max(2, Math.floor((right - left) / 80)));
  const yTicks = y.ticks(5);

  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg clv-scatter" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} data-mode={mode}>
        <g class="clv-grid" stroke="currentColor" stroke-opacity="0.1" aria-hidden="true">
          {yTicks.map((t) => (
            <line key={`y${t}`} x1={left} x2={right} y1={y(t)} y2={y(t)} />
          ))}
          {xTicks.map((t) => (
            <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={top} y2={bottom} />
          ))}
        </g>
        <g class="clv-scatter-bands" aria-hidden="true">
          {bands.map((band, i) => {
            // Bands may be open-ended (±Infinity): clamp them to the axis first.
            const scale = band.axis === 'x' ? x : y;
            const [d0, d1] = scale.domain();
            const clamp = (v: number) => Math.min(Math.max(v, Math.min(d0, d1)), Math.max(d0, d1));
            const [a, b] = [scale(clamp(band.from)), scale(clamp(band.to))];
            const lo = Math.max(Math.min(a, b), band.axis === 'x' ? left : top);
            const hi = Math.min(Math.max(a, b), band.axis === 'x' ? right : bottom);
            if (!(hi > lo)) return null;
            return (
              <g key={`b${i}`} class={`clv-scatter-band clv-scatter-band-${band.axis}`}>
                {band.axis === 'x' ? (
                  <rect x={lo} y={top} width={hi - lo} height={bottom - top} fill="currentColor" fill-opacity={i % 2 === 0 ? 0.03 : 0.07} />
                ) : (
                  <rect x={left} y={lo} width={right - left} height={hi - lo} fill="currentColor" fill-opacity={i % 2 === 0 ? 0.03 : 0.07} />
                )}
                {band.label ? (
                  // Neighbouring labels alternate between two lines so narrow bands do not overprint.
                  <text class="clv-scatter-band-label" x={band.axis === 'x' ? lo + 4 : right - 4} y={band.axis === 'x' ? top + 12 + (i % 2) * 14 : lo + 12} text-anchor={band.axis === 'x' ? 'start' : 'end'}>
                    {band.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
        <g class="clv-axis clv-axis-y" fill="currentColor" aria-hidden="true">
          {yTicks.map((t) => (
            <text key={t} x={left - 8} y={y(t)} dy="0.32em" text-anchor="end">
              {formatValue(t, yKind, format, true)}
            </text>
          ))}
          <text class="clv-axis-title" transform={`translate(14,${(top + bottom) / 2}) rotate(-90)`} text-anchor="middle">
            {yTitle}
          </text>
        </g>
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {xTicks.map((t) => (
            <text key={t} x={x(t)} y={18} text-anchor="middle">
              {formatValue(t, xKind, format, true)}
            </text>
          ))}
          <text class="clv-axis-title" x={(left + right) / 2} y={36} text-anchor="middle">
            {xTitle}
          </text>
        </g>
        {mode === 'svg' ? (
          <g class="clv-scatter-points" aria-hidden="true">
            {points.map((p, i) => (
              <circle
                key={i}
                class={`clv-series-dot ${colorOf(p.category)}${isDimmed(p) ? ' clv-dimmed' : ''}`}
                data-category={p.category === null ? undefined : String(p.category)}
                cx={placed[i].px}
                cy={placed[i].py}
                r={radius}
                fill="currentColor"
                fill-opacity="0.75"
              />
            ))}
          </g>
        ) : (
          <DotCanvas
            x={left}
            y={top}
            width={right - left}
            height={bottom - top}
            radius={radius}
            classes={entries.map((e) => e.colorClass)}
            dots={points.map((p, i) => ({ px: placed[i].px - left, py: placed[i].py - top, colorClass: colorOf(p.category), dimmed: isDimmed(p) }))}
          />
        )}
        <g class="clv-scatter-lines" aria-hidden="true">
          {lines.map((line, i) => {
            const at = line.axis === 'x' ? x(line.value) : y(line.value);
            if (!(at >= (line.axis === 'x' ? left : top) && at <= (line.axis === 'x' ? right : bottom))) return null;
            return (
              <g key={`l${i}`} class={`clv-scatter-line clv-scatter-line-${line.axis}`}>
                {line.axis === 'x' ? (
                  <line x1={at} x2={at} y1={top} y2={bottom} stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 3" />
                ) : (
                  <line x1={left} x2={right} y1={at} y2={at} stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 3" />
                )}
                {line.label ? (
                  <text x={line.axis === 'x' ? at + 4 : right - 4} y={line.axis === 'x' ? top + 24 : at - 4} text-anchor={line.axis === 'x' ? 'start' : 'end'}>
                    {line.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
        {hovered ? <circle class="clv-scatter-hover" cx={placed[hover].px} cy={placed[hover].py} r={radius + 3} fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true" /> : null}
        <rect
          class="clv-scatter-hit"
          x={left}
          y={top}
          width={right - left}
          height={bottom - top}
          fill="transparent"
          onPointerMove={(event: PointerEvent) => setHover(pointAt(event))}
          onPointerLeave={() => setHover(-1)}
          onClick={(event: MouseEvent) => {
            const i = pointAt(event);
            const category = i >= 0 ? points[i].category : null;
            if (category !== null) onSelect(category, event.shiftKey);
          }}
        />
        {hovered ? <SvgTooltip x={placed[hover].px} y={placed[hover].py} lines={tooltip} width={width} /> : null}
      </svg>
      <p class="clv-sr-only" aria-live="polite">
        {tooltip.join(', ')}
      </p>
      {entries.length > 0 ? (
        <CategoryLegend
          entries={entries}
          selected={selected}
          title={`${heading}: ${categoryLabel.toLowerCase()}s${filterable ? '' : ' (highlight only)'}`}
          noun={noun}
          format={format}
          onSelect={onSelect}
        />
      ) : null}
      {truncated ? <p class="clv-status">{`A deterministic sample of ${formatValue(points.length, 'count', format)} ${noun} is shown.`}</p> : null}
    </div>
  );
}
