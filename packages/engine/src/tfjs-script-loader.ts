/**
 * The tfjs loader of the <script> worker bundle (dist/clvkit.worker.js, a classic IIFE): the
 * build (rollup.config.mjs) puts this module in place of analytics' models/tf/import-tf.ts, so
 * the worker file does not contain tfjs. When a neural analysis first runs it loads the sibling
 * classic script `clvkit.tfjs.js` with importScripts, which defines the global `clvkitTf`.
 * Only for that build: ES-module builds keep analytics' dynamic imports.
 */
import type { TfModules } from '@clvkit/analytics';

/** The file beside clvkit.worker.js that holds tfjs-core, tfjs-layers and the CPU backend. */
export const TFJS_SCRIPT = 'clvkit.tfjs.js';

interface TfScriptScope {
  clvkitTf?: TfModules;
  /** Set by a blob: loader worker (@clvkit/widgets' script-worker.ts) to the real worker script URL. */
  clvkitWorkerUrl?: string;
  importScripts?: (...urls: string[]) => void;
  location?: { href: string };
}

const scope = globalThis as unknown as TfScriptScope;

/**
 * The URL of this worker script, captured while it evaluates. A worker started from a blob:
 * loader (cross-origin CDN) has a blob: location, against which no sibling resolves: then the
 * loader's hint, else the script URL in the stack of an error thrown right now.
 */
const workerScriptUrl: string | null = (() => {
  if (scope.clvkitWorkerUrl) return scope.clvkitWorkerUrl;
  const href = scope.location?.href;
  if (href && !href.startsWith('blob:')) return href;
  const stack = new Error().stack ?? '';
  return /(https?:|file:)\/\/[^\s()]+?\.js/.exec(stack)?.[0] ?? href ?? null;
})();

/** Loads clvkit.tfjs.js beside the worker script (once; importScripts is synchronous). */
export async function importTf(): Promise<TfModules> {
  if (!scope.clvkitTf) {
    if (typeof scope.importScripts !== 'function' || workerScriptUrl === null) {
      throw new Error(`tfjs: ${TFJS_SCRIPT} can only be loaded inside the clvkit <script> worker (importScripts)`);
    }
    const url = new URL(TFJS_SCRIPT, scope.clvkitWorkerUrl ?? workerScriptUrl).href;
    try {
      scope.importScripts(url);
    } catch (cause) {
      throw new Error(`tfjs: could not load ${url} (serve ${TFJS_SCRIPT} beside clvkit.worker.js)`, { cause });
    }
  }
  const modules = scope.clvkitTf;
  if (!modules?.tf || !modules.layers) throw new Error(`tfjs: ${TFJS_SCRIPT} did not define clvkitTf`);
  return modules;
}
