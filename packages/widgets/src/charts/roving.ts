import { useRef, useState } from 'preact/hooks';

/**
 * The index a navigation key moves to in a list of `count` marks laid out in rows of
 * `columns` (a plain list: `columns = count`), or null for other keys. Arrows move by one
 * (Up/Down by a row in a grid, by one in a list), Home/End go to the ends of the row (of the
 * list), PageUp/PageDown to the first/last row.
 */
export function moveIndex(key: string, index: number, count: number, columns = count): number | null {
  if (count <= 0) return null;
  const grid = columns < count;
  const row = Math.floor(index / columns);
  const rowStart = row * columns;
  const rowEnd = Math.min(rowStart + columns, count) - 1;
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = grid ? Math.min(index + 1, rowEnd) : index + 1;
      break;
    case 'ArrowLeft':
      next = grid ? Math.max(index - 1, rowStart) : index - 1;
      break;
    case 'ArrowDown':
      next = grid ? (index + columns < count ? index + columns : index) : index + 1;
      break;
    case 'ArrowUp':
      next = grid ? (index - columns >= 0 ? index - columns : index) : index - 1;
      break;
    case 'Home':
      next = grid ? rowStart : 0;
      break;
    case 'End':
      next = grid ? rowEnd : count - 1;
      break;
    case 'PageUp':
      next = grid ? index % columns : 0;
      break;
    case 'PageDown': {
      if (!grid) {
        next = count - 1;
        break;
      }
      let k = index;
      while (k + columns < count) k += columns;
      next = k;
      break;
    }
    default:
      return null;
  }
  return Math.min(Math.max(next, 0), count - 1);
}

/** A roving tab stop over marks tagged `data-roving="<index>"` inside `container`. */
export interface RovingFocus {
  readonly container: { current: Element | null };
  /** The mark that is in the tab order (tabindex 0); the others have -1. */
  readonly active: number;
  /** Makes mark `index` the tab stop and focuses it. */
  focus(index: number): void;
  /** Makes mark `index` the tab stop without moving focus (e.g. on click). */
  setActive(index: number): void;
  /** tabindex of mark `index`. */
  tabIndex(index: number): 0 | -1;
}

/**
 * Preact hook: one tab stop for a group of marks (a grid of heatmap cells, funnel steps,
 * histogram bins), moved with the arrow keys (see `moveIndex`), as the ARIA authoring
 * practices recommend for composite widgets.
 */
export function useRovingFocus(count: number): RovingFocus {
  const container = useRef<Element | null>(null);
  const [active, setActiveState] = useState(0);
  const clamped = count > 0 ? Math.min(Math.max(active, 0), count - 1) : 0;
  return {
    container,
    active: clamped,
    setActive: setActiveState,
    focus(index) {
      setActiveState(index);
      const mark = container.current?.querySelector(`[data-roving="${index}"]`) as (Element & { focus?: () => void }) | null;
      mark?.focus?.();
    },
    tabIndex: (index) => (index === clamped ? 0 : -1),
  };
}
