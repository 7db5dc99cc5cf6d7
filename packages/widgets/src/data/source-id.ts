import { useState } from 'preact/hooks';

let counter = 0;

/** A new selection source id such as `top-products-3`, unique in this page. */
export function generateSourceId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Preact hook: `given`, or an id generated once for this component instance. */
export function useSourceId(prefix: string, given?: string): string {
  const [generated] = useState(() => generateSourceId(prefix));
  return given && given !== '' ? given : generated;
}
