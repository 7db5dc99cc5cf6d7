import { useEffect, useRef, useState } from 'preact/hooks';
import type { BrushClick, XBrushHandle } from './brush-x.js';
import { loadXBrush } from './load-x-brush.js';

/**
 * Preact hook: a lazily loaded x brush on the group `ref` over [left, right] x [top, bottom].
 * `onEnd` (read fresh on every event) gets a drag's pixel range, or null and the click
 * position for a click. `shown` (pixels, or null) is drawn on the brush whenever it changes.
 */
export function useXBrush(
  left: number,
  right: number,
  top: number,
  bottom: number,
  shown: readonly [number, number] | null,
  onEnd: (range: [number, number] | null, click: BrushClick | null, handle: XBrushHandle) => void,
): { ref: { current: SVGGElement | null } } {
  const ref = useRef<SVGGElement | null>(null);
  const handleRef = useRef<XBrushHandle | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(onEnd);
  latest.current = onEnd;

  useEffect(() => {
    const group = ref.current;
    if (!group || !(right > left) || !(bottom > top)) return;
    let live = true;
    loadXBrush().then(({ attachXBrush }) => {
      if (!live) return;
      const handle = attachXBrush(
        group,
        [
          [left, top],
          [right, bottom],
        ],
        (range, click) => latest.current(range, click, handle),
      );
      handleRef.current = handle;
      setVersion((v) => v + 1);
    });
    return () => {
      live = false;
      handleRef.current?.destroy();
      handleRef.current = null;
    };
  }, [left, right, top, bottom]);

  useEffect(() => {
    handleRef.current?.move(shown);
  }, [shown?.[0], shown?.[1], left, right, top, bottom, version]);

  return { ref };
}
