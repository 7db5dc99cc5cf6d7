/** What the axis needs of a y scale (charts/linear-scale.ts's, or d3-scale's `scaleLinear`). */
export interface TickScale {
  (value: number): number;
  ticks(count?: number): number[];
}

/** Horizontal grid lines at the ticks of `y`, across [left, right]. */
export function YGrid({ y, left, right, ticks = 4 }: { y: TickScale; left: number; right: number; ticks?: number }) {
  return (
    <g class="clv-grid" stroke="currentColor" stroke-opacity="0.1">
      {y.ticks(ticks).map((t) => (
        <line key={t} x1={left} x2={right} y1={y(t)} y2={y(t)} />
      ))}
    </g>
  );
}

/** The tick labels of `y`, right-aligned just left of the plot, as `label` writes them. */
export function YTickLabels({ y, left, label, ticks = 4 }: { y: TickScale; left: number; label: (tick: number) => string; ticks?: number }) {
  return (
    <g class="clv-axis clv-axis-y" fill="currentColor" aria-hidden="true">
      {y.ticks(ticks).map((t) => (
        <text key={t} x={left - 8} y={y(t)} dy="0.32em" text-anchor="end">
          {label(t)}
        </text>
      ))}
    </g>
  );
}
