/**
 * The default tfjs loader: dynamic imports, so bundlers put tfjs in its own chunk that is only
 * fetched when a neural analysis first runs. The <script> worker bundle (dist/clvkit.worker.js)
 * replaces this module at build time (rollup.config.mjs) by one that loads dist/clvkit.tfjs.js
 * with importScripts, so tfjs never lands in the worker file itself.
 */
import type { TfModules } from './types.js';

/** Imports tfjs-core, tfjs-layers and the pure-JS CPU backend (registers itself on import). */
export async function importTf(): Promise<TfModules> {
  const [tf, layers] = await Promise.all([
    import('@tensorflow/tfjs-core'),
    import('@tensorflow/tfjs-layers'),
    import('@tensorflow/tfjs-backend-cpu'),
  ]);
  return { tf, layers };
}
