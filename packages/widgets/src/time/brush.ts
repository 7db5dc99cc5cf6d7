import { brushX, type D3BrushEvent } from 'd3-brush';
import { select } from 'd3-selection';

/** A d3 x brush attached to an SVG group. */
export interface BrushHandle {
  /** Moves the brush (null hides it) without reporting it as a user brush. */
  move(range: readonly [number, number] | null): void;
  /** Removes the brush's elements and listeners. */
  destroy(): void;
}

/**
 * Attaches a d3-brush x brush to `group` within `extent`. `onEnd` receives the pixel range (or
 * null for a click that cleared it) when the user finishes brushing; programmatic moves are
 * not reported. This module is loaded on demand (see `loadBrush`) so d3-brush and its
 * transition, drag and timer dependencies stay out of the widgets' main bundle.
 */
export function attachBrush(
  group: SVGGElement,
  extent: readonly [readonly [number, number], readonly [number, number]],
  onEnd: (range: [number, number] | null) => void,
): BrushHandle {
  const brush = brushX<unknown>()
    .extent([
      [extent[0][0], extent[0][1]],
      [extent[1][0], extent[1][1]],
    ])
    .on('end', (event: D3BrushEvent<unknown>) => {
      if (!event.sourceEvent) return; // our own programmatic moves
      onEnd((event.selection as [number, number] | null) ?? null);
    });
  const selection = select(group);
  selection.call(brush);
  return {
    move(range) {
      brush.move(selection, range ? [range[0], range[1]] : null);
    },
    destroy() {
      brush.on('end', null);
      selection.on('.brush', null);
      selection.selectAll('*').remove();
    },
  };
}
