import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Preact hook: the content width of `ref`'s element, followed with a ResizeObserver. A
 * `fixed` width wins (and skips the observer); `fallback` is used until a width is known.
 */
export function useWidth(ref: RefObject<HTMLElement | null>, fixed: number | undefined, fallback: number): number {
  const [measured, setMeasured] = useState<number | null>(null);
  useEffect(() => {
    if (fixed !== undefined) return;
    const element = ref.current;
    if (!element) return;
    const read = () => {
      const width = Math.floor(element.clientWidth);
      if (width > 0) setMeasured(width);
    };
    read();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, fixed]);
  return fixed ?? measured ?? fallback;
}
