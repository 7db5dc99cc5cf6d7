import { brushX, type D3BrushEvent } from 'd3-brush';
import { pointer, select } from 'd3-selection';

/** A click on the brush overlay that did not drag: where, and with which modifier. */
export interface BrushClick {
  /** The pointer's x in the group's coordinates. */
  readonly x: number;
  /** The pointer's y in the group's coordinates. */
  readonly y: number;
  readonly shiftKey: boolean;
}

/** An x brush attached to an SVG group. */
export interface XBrushHandle {
  /** Moves the brush (null hides it) without reporting it as a user brush. */
  move(range: readonly [number, number] | null): void;
  /** Removes the brush's elements and listeners. */
  destroy(): void;
}

/**
 * Attaches a d3-brush x brush to `group` within `extent`. When the user finishes a drag,
 * `onEnd` receives the pixel range; a click without a drag gives `null` and the click's
 * position, so charts whose marks lie under the overlay (histogram bins) can treat it as a
 * click on a mark. Programmatic moves are not reported. Loaded on demand (`loadXBrush`).
 */
export function attachXBrush(
  group: SVGGElement,
  extent: readonly [readonly [number, number], readonly [number, number]],
  onEnd: (range: [number, number] | null, click: BrushClick | null) => void,
): XBrushHandle {
  const brush = brushX<unknown>()
    .extent([
      [extent[0][0], extent[0][1]],
      [extent[1][0], extent[1][1]],
    ])
    .on('end', (event: D3BrushEvent<unknown>) => {
      const source = event.sourceEvent as (MouseEvent & { touches?: unknown }) | undefined;
      if (!source) return; // our own programmatic moves
      const range = (event.selection as [number, number] | null) ?? null;
      if (range) {
        onEnd(range, null);
        return;
      }
      let x = Number.NaN;
      let y = Number.NaN;
      try {
        [x, y] = pointer(source, group);
      } catch {
        // A source event without coordinates (e.g. a keyboard-driven brush) is not a click.
      }
      onEnd(null, Number.isFinite(x) ? { x, y, shiftKey: Boolean(source.shiftKey) } : null);
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
