/**
 * Server-side rendering hosts (Next.js, Nuxt, Astro, plain Node) import clvkit on the server,
 * where there is no DOM: importing @clvkit/widgets and the engine's main entry must neither
 * throw nor use a DOM global. Each DOM global is a trap while the modules load: it yields
 * undefined, as in Node, so any real use throws, and it records who read it; the only reads
 * allowed are the known `typeof X` feature tests in FEATURE_TESTS. In the browser the server's
 * `<clv-*>` markup then upgrades when `defineElements()` runs (see the README).
 */
import { afterEach, describe, expect, test } from 'vitest';

const DOM_GLOBALS = ['window', 'document', 'navigator', 'customElements', 'HTMLElement', 'Element', 'Node', 'CustomEvent', 'ShadowRoot', 'CSSStyleSheet', 'ResizeObserver', 'MutationObserver', 'IntersectionObserver', 'matchMedia', 'requestAnimationFrame', 'localStorage', 'sessionStorage', 'getComputedStyle'] as const;
/** Globals Node itself has, which a library may use anywhere. */
const NODE_HAS = new Set(['navigator', 'CustomEvent']);

/**
 * Global -> the modules whose `typeof` feature test reads it at import time: the elements' base
 * class, @preact/signals (its devtools hook, its rAF-or-setTimeout scheduler) and preact/hooks
 * (the same scheduler choice).
 */
const FEATURE_TESTS: Readonly<Record<string, readonly string[]>> = {
  HTMLElement: ['elements/html-element-base'],
  window: ['@preact/signals/'],
  requestAnimationFrame: ['@preact/signals/', 'preact/hooks/'],
};

/** Reads of a trapped global that are not a known feature test, with the reading frame. */
const touched: string[] = [];
const installed: string[] = [];

/** Defines a getter for every DOM global Node lacks: it records the access and yields undefined, as Node would. */
function installTraps(): void {
  for (const name of DOM_GLOBALS) {
    if (NODE_HAS.has(name) || name in globalThis) continue;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        const frame = new Error().stack?.split('\n')[2] ?? '';
        if (!FEATURE_TESTS[name]?.some((module) => frame.includes(module))) touched.push(`${name} ${frame.trim()}`);
        return undefined;
      },
    });
    installed.push(name);
  }
}

afterEach(() => {
  for (const name of installed.splice(0)) delete (globalThis as Record<string, unknown>)[name];
});

describe('importing clvkit without a DOM (SSR)', () => {
  test('Node has none of the browser globals the widgets use', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    expect(typeof customElements).toBe('undefined');
  });

  test('@clvkit/widgets, @clvkit/engine and @clvkit/core import without touching the DOM', async () => {
    installTraps();
    const widgets = await import('@clvkit/widgets');
    const engine = await import('@clvkit/engine');
    const core = await import('@clvkit/core');
    expect(touched).toEqual([]);
    expect(typeof widgets.defineElements).toBe('function');
    expect(typeof widgets.mount).toBe('function');
    expect(typeof engine.createEngine).toBe('function');
    expect(typeof core.Selection).toBe('function');
  });

  test('defineElements() is a no-op on the server, and the element classes exist', async () => {
    const widgets = await import('@clvkit/widgets');
    expect(() => widgets.defineElements()).not.toThrow();
    expect(widgets.ELEMENT_TAGS).toContain('clv-dashboard');
    expect(typeof widgets.ClvDashboardElement).toBe('function');
  });
});
