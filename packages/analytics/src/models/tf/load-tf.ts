/**
 * Lazy access to tfjs for the neural models (anomaly autoencoder). Nothing imports tfjs
 * statically: `loadTf()` loads it on first use through the current loader (default: dynamic
 * imports; a host or the browser worker may supply its own with `setTfLoader`), selects the
 * deterministic pure-JS 'cpu' backend (in tfjs's production mode) and caches the result.
 */
import { importTf } from './import-tf.js';
import type { TfLoader, TfModules } from './types.js';

let loader: TfLoader = importTf;
let loading: Promise<TfModules> | null = null;

/**
 * Replaces the way tfjs is obtained (e.g. `importScripts` of a prebuilt tfjs file in a classic
 * worker, or modules a host already loaded). `null` restores the default dynamic imports.
 * Takes effect for the next `loadTf()` that has not yet resolved a cached instance.
 */
export function setTfLoader(next: TfLoader | null): void {
  loader = next ?? importTf;
  loading = null;
}

/**
 * Loads tfjs once (tfjs-core + tfjs-layers + tfjs-backend-cpu) and selects the 'cpu' backend,
 * whose kernels are plain JS and so give the same numbers on every machine. Randomness is
 * seeded by the callers (initialiser `seed`s, no shuffling). A failed load is not cached, so
 * a later call retries.
 */
export function loadTf(): Promise<TfModules> {
  if (loading) return loading;
  const attempt = (async () => {
    const modules = await loader();
    // Production mode: no debug checks, and no "install tfjs-node" banner in Node.
    modules.tf.env().set('PROD', true);
    if (modules.tf.getBackend() !== 'cpu') {
      const ok = await modules.tf.setBackend('cpu');
      if (!ok) throw new Error("tfjs: the 'cpu' backend is not registered (import @tensorflow/tfjs-backend-cpu in the tfjs loader)");
    }
    await modules.tf.ready();
    return modules;
  })();
  loading = attempt;
  attempt.catch(() => {
    if (loading === attempt) loading = null;
  });
  return attempt;
}
