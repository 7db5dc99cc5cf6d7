/**
 * The engine's worker factory in the browser bundle (dist/clvkit.js and dist/clvkit.esm.js):
 * rollup.config.mjs puts this module in place of @clvkit/engine's default-worker.ts. The
 * worker is the classic script `clvkit.worker.js` beside the entry file. `import.meta.url` is
 * the entry's URL in both builds: native in the ES module, the chunk loader's `module.uri` in
 * the classic script (the build checks that this module stays in the entry chunk).
 */

/** The worker script's URL: beside the bundle's entry file. */
export const WORKER_URL: string = new URL('clvkit.worker.js', import.meta.url).href;

/**
 * Starts the bundled worker. Browsers refuse a worker script from another origin (the bundle
 * on a CDN): then a same-origin blob: worker loads it with importScripts (which needs
 * `worker-src blob:` under a CSP) and tells it its real URL, against which it finds its own
 * chunks and clvkit.tfjs.js.
 */
export function createDefaultWorker(): Worker {
  if (typeof location === 'undefined' || new URL(WORKER_URL).origin === location.origin) return new Worker(WORKER_URL);
  const loader = `self.clvkitWorkerUrl=${JSON.stringify(WORKER_URL)};importScripts(self.clvkitWorkerUrl);`;
  return new Worker(URL.createObjectURL(new Blob([loader], { type: 'text/javascript' })));
}
