import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';
import type { QueryResult, Row } from '@clvkit/core';
import { readKey, readNumber, type Accessor } from '../charts/accessor.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { type MarkFilter } from '../charts/mark-filter.js';
import { DotCanvas } from '../charts/scatter-canvas.js';
import { createHitIndex, type HitIndex } from '../charts/scatter-hit.js';
import { CategoryLegend } from '../charts/scatter-legend.js';
import { SvgTooltip } from '../charts/SvgTooltip.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { DEFAULT_VIEW, normaliser, project, turn, type AxisKind, type Vec3, type View } from './rfm/projection.js';
import { categoryColorScale, orderCategories } from './rfm/segments.js';
import { useSegmentClause } from './rfm/use-segment-clause.js';

export { DEFAULT_VIEW, project, rotate, type View, type Vec3 } from './rfm/projection.js';

/** One axis of the 3-D scatter. */
export interface Axis3d {
  /** A row's value (default: recency, monetary, frequency for x, y, z). */
  readonly value?: Accessor<Row>;
  /** The axis title. */
  readonly label?: string;
  /** How values are formatted. */
  readonly kind?: ValueKind;
  /** `log` spreads skewed values (log1p). Default `linear`. */
  readonly scale?: AxisKind;
}

/** Options of `Scatter3d`. */
export interface Scatter3dProps extends WidgetProps, ChartQueryProps {
  /** Horizontal axis (default: recency in days). */
  readonly x?: Axis3d;
  /** Vertical axis (default: monetary). */
  readonly y?: Axis3d;
  /** Depth axis (default: frequency in orders). */
  readonly z?: Axis3d;
  /** A row's colour category (default `segment`). */
  readonly color?: Accessor<Row>;
  /** A row's id for the tooltip (default `client`). */
  readonly id?: Accessor<Row>;
  /** What selected segments publish (default `isIn('rfm_segment', segments)`). */
  readonly segmentFilter?: (segments: readonly Key[]) => MarkFilter;
  /** The first view in degrees (default yaw -35, pitch 20). */
  readonly view?: { readonly yaw: number; readonly pitch: number };
  /** Degrees an arrow key turns (default 10). */
  readonly step?: number;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 360). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'rfm_3d';
const DEG = Math.PI / 180;
const AXES = {
  x: { value: 'recency', label: 'Recency (days)', kind: 'count' as ValueKind },
  y: { value: 'monetary', label: 'Monetary', kind: 'money' as ValueKind },
  z: { value: 'frequency', label: 'Frequency (orders)', kind: 'count' as ValueKind },
};
/** Radians per dragged pixel. */
const DRAG_SPEED = 0.01;

interface Point3d {
  readonly values: Vec3;
  readonly position: Vec3;
  readonly category: Key | null;
  readonly id: Key | null;
}

/**
 * The RFM 3-D scatter (`rfm_3d` rows; x recency, y monetary, z frequency as in the seed),
 * painted on a canvas with its own orthographic projection: drag to rotate, or focus the plot
 * and turn it with the arrow keys (Home resets). Points are coloured by segment with the shared
 * segment colours; the legend filters every widget to a segment (`isIn('rfm_segment', ...)`,
 * Shift adds, Escape clears). Hover shows the nearest customer.
 */
export function Scatter3d(props: Scatter3dProps) {
  return (
    <Connected widget="scatter-3d" props={props}>
      {(connected) => <Scatter3dView {...connected} />}
    </Connected>
  );
}

function Scatter3dView(props: ConnectedProps<Scatter3dProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const accessors = useMemo(
    () => [props.x?.value ?? AXES.x.value, props.y?.value ?? AXES.y.value, props.z?.value ?? AXES.z.value] as const,
    [props.x?.value, props.y?.value, props.z?.value],
  );
  const isEmpty = useCallback((result: QueryResult<Row>) => (result.rows ?? []).every((row, i) => accessors.some((a) => readNumber(row, a, i) === null)), [accessors]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const { selected, publish } = useSegmentClause(selection, shell, source, props.segmentFilter);
  const heading = props.heading ?? 'RFM in 3-D';

  return (
    <div
      class="clv-scatter3d-widget"
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
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <Scatter3dChart result={result} accessors={accessors} props={props} heading={heading} selected={selected} onSelect={(key, additive) => publish(toggleValues(selected, key, additive))} />
        )}
      </QueryView>
    </div>
  );
}

interface Scatter3dChartProps {
  readonly result: QueryResult<Row>;
  readonly accessors: readonly [Accessor<Row>, Accessor<Row>, Accessor<Row>];
  readonly props: ConnectedProps<Scatter3dProps>;
  readonly heading: string;
  readonly selected: readonly Key[];
  readonly onSelect: (key: Key, additive: boolean) => void;
}

/** The 12 edges of the cube [-1, 1]^3 as pairs of corners; the first three are the axes from the origin corner. */
const EDGES: readonly [Vec3, Vec3][] = (() => {
  const o: Vec3 = [-1, -1, -1];
  const axes: [Vec3, Vec3][] = [
    [o, [1, -1, -1]],
    [o, [-1, 1, -1]],
    [o, [-1, -1, 1]],
  ];
  const others: [Vec3, Vec3][] = [];
  const corners: Vec3[] = [];
  for (const x of [-1, 1]) for (const y of [-1, 1]) for (const z of [-1, 1]) corners.push([x, y, z]);
  for (let i = 0; i < corners.length; i++) {
    for (let j = i + 1; j < corners.length; j++) {
      const a = corners[i];
      const b = corners[j];
      const differ = [0, 1, 2].filter((k) => a[k] !== b[k]).length;
      const isAxis = axes.some(([p, q]) => p.every((v, k) => v === a[k]) && q.every((v, k) => v === b[k]));
      if (differ === 1 && !isAxis) others.push([a, b]);
    }
  }
  return [...axes, ...others];
})();

function Scatter3dChart({ result, accessors, props, heading, selected, onSelect }: Scatter3dChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 480);
  const height = props.height ?? 360;
  const format: FormatOptions = props;
  const initial: View = props.view ? { yaw: props.view.yaw * DEG, pitch: props.view.pitch * DEG } : DEFAULT_VIEW;
  const [view, setView] = useState<View>(initial);
  const [hover, setHover] = useState(-1);
  const drag = useRef<{ x: number; y: number; view: View } | null>(null);
  const hitCache = useRef<{ key: unknown; index: HitIndex } | null>(null);
  const axes = [
    { ...AXES.x, ...props.x },
    { ...AXES.y, ...props.y },
    { ...AXES.z, ...props.z },
  ];
  const colorAccessor = props.color ?? 'segment';
  const idAccessor = props.id ?? 'client';

  const { points, extents } = useMemo(() => {
    const raw: { values: Vec3; category: Key | null; id: Key | null }[] = [];
    result.rows.forEach((row, i) => {
      const v = accessors.map((a) => readNumber(row, a, i));
      if (v.some((n) => n === null)) return;
      raw.push({ values: v as unknown as Vec3, category: readKey(row, colorAccessor, i), id: readKey(row, idAccessor, i) });
    });
    const norms = [0, 1, 2].map((k) => normaliser(raw.map((p) => p.values[k]), axes[k].scale ?? 'linear'));
    const placed: Point3d[] = raw.map((p) => ({ ...p, position: [norms[0](p.values[0]), norms[1](p.values[1]), norms[2](p.values[2])] as Vec3 }));
    return { points: placed, extents: norms.map((n) => n.extent) };
  }, [result, accessors, colorAccessor, idAccessor, axes[0].scale, axes[1].scale, axes[2].scale]);

  const categories = useMemo(
    () => orderCategories(points.map((p) => p.category).filter((c): c is Key => c !== null), Array.isArray(result.meta?.segments) ? (result.meta!.segments as string[]) : undefined),
    [points, result],
  );
  const colorOf = useMemo(() => categoryColorScale(categories), [categories]);
  const cx = width / 2;
  const cy = height / 2;
  const scale = Math.min(width, height) * 0.28;
  const projected = points.map((p) => project(p.position, view, cx, cy, scale));
  // Far points first, so nearer ones are painted over them.
  const order = projected.map((_, i) => i).sort((a, b) => projected[a].depth - projected[b].depth);
  const dimmed = (p: Point3d) => selected.length > 0 && (p.category === null || !selected.includes(p.category));
  const dots = order.map((i) => ({ px: projected[i].sx, py: projected[i].sy, colorClass: colorOf(points[i].category), dimmed: dimmed(points[i]) }));
  const counts = new Map<Key, number>();
  for (const p of points) if (p.category !== null) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);

  const hitIndex = (): HitIndex => {
    const key = `${view.yaw},${view.pitch},${width},${height},${points.length}`;
    if (hitCache.current?.key !== key || hitCache.current === null) hitCache.current = { key, index: createHitIndex(projected.map((p) => ({ px: p.sx, py: p.sy })), 16) };
    return hitCache.current.index;
  };
  const local = (event: MouseEvent) => {
    const box = (event.currentTarget as Element).closest('svg')?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };
  const step = (props.step ?? 10) * DEG;
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setHover(-1);
      setView((v) => turn(v, move[0], move[1]));
    } else if (event.key === 'Home') {
      event.preventDefault();
      setView(initial);
    }
  };

  const axisEnds = [0, 1, 2].map((k) => {
    const [from, to] = EDGES[k];
    return { from: project(from, view, cx, cy, scale), to: project(to, view, cx, cy, scale) };
  });
  const hovered = hover >= 0 && hover < points.length ? points[hover] : null;
  const tooltip = hovered
    ? [
        hovered.id !== null ? String(hovered.id) : '',
        ...axes.map((a, k) => `${a.label}: ${formatValue(hovered.values[k], a.kind, format)}`),
        hovered.category !== null ? `Segment: ${valueText(hovered.category)}` : '',
      ].filter((l) => l !== '')
    : [];
  const degrees = (r: number) => Math.round(r / DEG);
  const summary = `${heading}: ${formatValue(points.length, 'count', format)} customers; x ${axes[0].label}, y ${axes[1].label}, z ${axes[2].label}. Drag or use the arrow keys to rotate, Home to reset.`;

  return (
    <div class="clv-chart" ref={container}>
      <svg
        class="clv-svg clv-scatter3d-plot"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="application"
        aria-roledescription="rotatable 3-D scatter"
        aria-label={summary}
        tabindex={0}
        data-yaw={String(degrees(view.yaw))}
        data-pitch={String(degrees(view.pitch))}
        onKeyDown={onKeyDown}
        onPointerDown={(event: PointerEvent) => {
          // No text selection while dragging; focus as a click would, so the arrow keys work next.
          event.preventDefault();
          (event.currentTarget as SVGSVGElement).focus?.();
          drag.current = { x: event.clientX, y: event.clientY, view };
          setHover(-1);
          (event.currentTarget as Element & { setPointerCapture?: (id: number) => void }).setPointerCapture?.(event.pointerId);
        }}
        onPointerMove={(event: PointerEvent) => {
          const start = drag.current;
          if (start) {
            setView(turn(start.view, (event.clientX - start.x) * DRAG_SPEED, (event.clientY - start.y) * DRAG_SPEED));
            return;
          }
          const at = local(event);
          setHover(hitIndex().nearest(at.x, at.y, 10));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerCancel={() => {
          drag.current = null;
        }}
        onPointerLeave={() => setHover(-1)}
      >
        <rect class="clv-scatter3d-frame" x={0.5} y={0.5} width={width - 1} height={height - 1} fill="transparent" stroke="none" />
        <g class="clv-scatter3d-cube" aria-hidden="true">
          {EDGES.slice(3).map(([a, b], i) => {
            const p = project(a, view, cx, cy, scale);
            const q = project(b, view, cx, cy, scale);
            return <line key={i} x1={p.sx} y1={p.sy} x2={q.sx} y2={q.sy} stroke="currentColor" stroke-opacity="0.12" />;
          })}
        </g>
        <DotCanvas x={0} y={0} width={width} height={height} radius={2.2} dots={dots} classes={categories.map((c) => colorOf(c))} />
        <g class="clv-scatter3d-axes" aria-hidden="true">
          {axisEnds.map(({ from, to }, k) => (
            <g key={k} class={`clv-scatter3d-axis-${'xyz'[k]}`}>
              <line class="clv-scatter3d-axis" x1={from.sx} y1={from.sy} x2={to.sx} y2={to.sy} stroke="currentColor" stroke-opacity="0.6" />
              <text class="clv-scatter3d-axis-label" x={to.sx} y={to.sy} dx={to.sx >= cx ? 6 : -6} dy="0.32em" text-anchor={to.sx >= cx ? 'start' : 'end'}>
                {`${axes[k].label} ${formatValue(extents[k][1], axes[k].kind, format, true)}`}
              </text>
            </g>
          ))}
          <text class="clv-scatter3d-origin" x={axisEnds[0].from.sx} y={axisEnds[0].from.sy} dy="1.2em" text-anchor="middle">
            {axes.map((a, k) => formatValue(extents[k][0], a.kind, format, true)).join(' / ')}
          </text>
        </g>
        {hovered ? <SvgTooltip x={projected[hover].sx} y={projected[hover].sy} lines={tooltip} width={width} /> : null}
      </svg>
      <p class="clv-sr-only" aria-live="polite">
        {tooltip.join(', ')}
      </p>
      {categories.length > 0 ? (
        <CategoryLegend
          entries={categories.map((key) => ({ key, label: valueText(key), colorClass: colorOf(key), count: counts.get(key) ?? 0 }))}
          selected={selected}
          title={`${heading}: segments`}
          noun="customers"
          format={format}
          onSelect={onSelect}
        />
      ) : null}
      {result.meta?.truncated === true ? <p class="clv-status">{`A deterministic sample of ${formatValue(points.length, 'count', format)} customers is shown.`}</p> : null}
    </div>
  );
}
