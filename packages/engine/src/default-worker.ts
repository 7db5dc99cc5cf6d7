/**
 * Starts the package's own worker. Kept alone in this module so that a library build can
 * replace it (the browser bundle swaps in @clvkit/widgets' script-worker.ts, which loads the sibling
 * clvkit.worker.js). Vite and webpack 5 recognise this exact `new Worker(new URL(...))` form
 * and emit the worker as its own chunk.
 */
export function createDefaultWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
