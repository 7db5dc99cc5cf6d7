import { CHAR_WIDTH } from './text.js';

/** Props of `SvgTooltip`. */
export interface SvgTooltipProps {
  /** The anchor point in the chart's coordinates. */
  readonly x: number;
  readonly y: number;
  /** Text lines (data text is rendered as text nodes, never markup). */
  readonly lines: readonly string[];
  /** The chart's width: the box flips to the left of the anchor when it would overflow. */
  readonly width: number;
}

const LINE = 16;
const PAD = 8;

/**
 * A text-only tooltip drawn inside the SVG (a rect and text lines placed with `transform`),
 * so it needs no positioned HTML and no style attribute: CSP-safe. Hidden from assistive
 * technology; charts announce the same text through their own live region.
 */
export function SvgTooltip({ x, y, lines, width }: SvgTooltipProps) {
  if (lines.length === 0) return null;
  const boxWidth = Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH * 0.92 + PAD * 2);
  const boxHeight = lines.length * LINE + PAD;
  const left = x + 12 + boxWidth > width ? x - 12 - boxWidth : x + 12;
  const top = Math.max(y - boxHeight / 2, 0);
  return (
    <g class="clv-tooltip" transform={`translate(${Math.max(left, 0)},${top})`} aria-hidden="true" pointer-events="none">
      <rect class="clv-tooltip-box" width={boxWidth} height={boxHeight} rx={4} fill="currentColor" fill-opacity="0.9" />
      {lines.map((line, i) => (
        <text key={i} class={i === 0 ? 'clv-tooltip-title' : 'clv-tooltip-line'} x={PAD} y={PAD / 2 + LINE * i + LINE / 2} dy="0.35em">
          {line}
        </text>
      ))}
    </g>
  );
}
