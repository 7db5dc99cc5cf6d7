/**
 * Replaces default-worker.ts in the <script> browser bundle (see rollup.config.mjs): the worker
 * is `clvkit.worker.js` next to the `clvkit.js` that loaded the page's bundle. The script's URL
 * is captured while the bundle evaluates, because `document.currentScript` is null afterwards.
 * This module must not import anything: the build loads it as a virtual module.
 */
const scriptUrl: string | null =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement && document.currentScript.src
    ? document.currentScript.src
    : null;

/**
 * Starts the bundled worker (a classic IIFE script) from beside clvkit.js. Browsers refuse a
 * worker script from another origin (clvkit.js on a CDN), so then a same-origin blob: worker
 * loads it with importScripts (which needs `worker-src blob:` under a CSP).
 */
export function createDefaultWorker(): Worker {
  const base = scriptUrl ?? (typeof location !== 'undefined' ? location.href : '');
  const url = new URL('clvkit.worker.js', base);
  if (typeof location === 'undefined' || url.origin === location.origin) return new Worker(url);
  const loader = new Blob([`importScripts(${JSON.stringify(url.href)});`], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(loader));
}
