/** The brush module, loaded once on first use (see brush.ts for why it is separate). */
let loading: Promise<typeof import('./brush.js')> | null = null;

/** Loads `attachBrush` (d3-brush, d3-selection) on demand. */
export function loadBrush(): Promise<typeof import('./brush.js')> {
  loading ??= import('./brush.js');
  return loading;
}
