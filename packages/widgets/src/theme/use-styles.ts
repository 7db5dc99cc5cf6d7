import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { adoptStyles, type StyleRoot } from './styles.js';

/**
 * Preact hook: adopts the widget styles into the document or shadow root `ref`'s element
 * lives in, so Preact hosts that render components directly (without mount() or the custom
 * elements) get them too. Cheap after the first call per root.
 */
export function useStyles(ref: RefObject<Element | null>): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof element.getRootNode !== 'function') return;
    const root = element.getRootNode();
    // A document, or a shadow root (a fragment with a host); a detached tree has neither.
    if (root.nodeType === 9 || (root.nodeType === 11 && (root as ShadowRoot).host)) adoptStyles(root as StyleRoot);
  }, [ref]);
}
