/** The x brush module, loaded once on first use (d3-brush stays out of the main bundle). */
let loading: Promise<typeof import('./brush-x.js')> | null = null;

/** Loads `attachXBrush` (d3-brush, d3-selection) on demand. */
export function loadXBrush(): Promise<typeof import('./brush-x.js')> {
  loading ??= import('./brush-x.js');
  return loading;
}
