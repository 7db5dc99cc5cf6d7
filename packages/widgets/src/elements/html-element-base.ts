/**
 * `HTMLElement`, or a stand-in class where there is no DOM (Node, workers), so importing the
 * widgets there (for types, SSR or tests) does not throw; the elements are only defined by
 * `defineElements()`, which needs a real DOM.
 */
export const HTMLElementBase: typeof HTMLElement =
  typeof HTMLElement === 'function' ? HTMLElement : (class {} as unknown as typeof HTMLElement);
