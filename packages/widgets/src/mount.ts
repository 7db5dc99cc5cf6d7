import { h, render, type ComponentType } from 'preact';
import { adoptStyles } from './theme/styles.js';

/** Where and how a widget is mounted. */
export interface MountOptions {
  /** Render into a shadow root of the element (default: light DOM, so host CSS reaches it). */
  readonly shadow?: boolean;
  /** CSP nonce for the fallback `<style>` element (browsers without constructable stylesheets). */
  readonly nonce?: string;
}

/** A mounted widget. */
export interface MountHandle<P> {
  /** Merges `options` into the widget's options and re-renders. */
  update(options: Partial<P>): void;
  /** Unmounts: removes the widget's DOM, listeners and subscriptions, aborts its queries. */
  destroy(): void;
}

/**
 * Mounts a widget component into `element` for hosts that do not use Preact (React, Vue,
 * plain DOM): styles are adopted CSP-safely, then the component is rendered.
 */
export function mountComponent<P extends object>(component: ComponentType<P>, element: Element, options: P & MountOptions): MountHandle<P> {
  const { shadow, nonce, ...props } = options;
  const root: Element | ShadowRoot = shadow ? (element.shadowRoot ?? element.attachShadow({ mode: 'open' })) : element;
  adoptStyles(root === element ? element.ownerDocument : (root as ShadowRoot), nonce);
  let current = props as unknown as P;
  let mounted = true;
  render(h(component, current), root);
  return {
    update(next) {
      if (!mounted) return;
      const { shadow: _shadow, nonce: _nonce, ...rest } = next as Partial<P> & MountOptions;
      current = { ...current, ...rest } as P;
      render(h(component, current), root);
    },
    destroy() {
      if (!mounted) return;
      mounted = false;
      render(null, root);
    },
  };
}
