/**
 * The chunk loader of the classic-script bundles (dist/clvkit.js and dist/clvkit.worker.js).
 * Rollup writes their code-split chunks as AMD modules with named defines
 * (`__clvkitDefine('chunks/treemap-abc', ['exports', '../clvkit'], factory)`); this loader,
 * put in front of each entry file by the build (rollup.config.mjs), runs them:
 *
 * - a module is keyed by its absolute URL: its id resolved against the directory of the
 *   script that defined it (`document.currentScript` on a page, the URL being imported in a
 *   worker), so chunks load relative to the entry script wherever it is served, and two copies
 *   of clvkit from different places do not mix;
 * - `define` runs the factory as soon as its dependencies have run; the entry has none but
 *   `exports` and `require`, so it runs synchronously while its script evaluates (the custom
 *   elements and `window.clvkit` exist right after the <script> tag, as with one IIFE file);
 * - a dynamic import (`require(['./chunk'], resolve, reject)`) adds a classic <script> for the
 *   chunk (with the entry script's nonce and crossorigin, for CSPs) or, in a worker, calls
 *   `importScripts`.
 *
 * The build compiles this function on its own and inlines its source, so it must not import
 * anything or refer to anything outside its body.
 */
export function installChunkLoader(scope: typeof globalThis): void {
  type Factory = (...args: unknown[]) => void;
  interface ModuleRecord {
    exports: Record<string, unknown>;
    /** 0: requested, 1: defined (waiting for dependencies), 2: running, 3: done, 4: failed. */
    state: number;
    error?: unknown;
    waiters: { done: () => void; fail: (error: unknown) => void }[];
  }
  interface LoaderScope {
    __clvkitDefine?: (id: string, deps: string[], factory: Factory) => void;
    clvkitWorkerUrl?: string;
    importScripts?: (...urls: string[]) => void;
  }
  const global = scope as unknown as LoaderScope & typeof globalThis;
  if (global.__clvkitDefine) return;

  const SPECIAL = ['exports', 'require', 'module'];
  const modules = new Map<string, ModuleRecord>();
  const inWorker = typeof document === 'undefined' && typeof global.importScripts === 'function';
  const firstScript = inWorker ? null : (document.currentScript as HTMLScriptElement | null);
  let importing: string | null = null;

  const record = (url: string): ModuleRecord => {
    let found = modules.get(url);
    if (!found) modules.set(url, (found = { exports: {}, state: 0, waiters: [] }));
    return found;
  };

  /** The URL of the script that is evaluating now. */
  const currentUrl = (): string => {
    if (importing) return importing;
    if (!inWorker) {
      const script = document.currentScript as HTMLScriptElement | null;
      return script?.src || location.href;
    }
    if (global.clvkitWorkerUrl) return global.clvkitWorkerUrl;
    const href = location.href;
    if (!href.startsWith('blob:')) return href;
    // A worker started from a blob: loader: the script URL is in the stack of an error.
    return /(https?:|file:)\/\/[^\s()]+?\.js/.exec(new Error().stack ?? '')?.[0] ?? href;
  };

  const settle = (entry: ModuleRecord, error?: unknown): void => {
    entry.state = error === undefined ? 3 : 4;
    entry.error = error;
    const waiters = entry.waiters.splice(0);
    for (const waiter of waiters) if (error === undefined) waiter.done();
    else waiter.fail(error);
  };

  /** A file that did not arrive (network, server): fail its waiters, and let a later request fetch it again. */
  const loadFailed = (url: string, entry: ModuleRecord, error: Error): void => {
    modules.delete(url);
    settle(entry, error);
  };

  /** Calls `done` once `url` has run (loading it if nobody has), `fail` if it cannot. */
  const whenReady = (url: string, done: () => void, fail: (error: unknown) => void): void => {
    const entry = record(url);
    // A module that is running (a cycle between chunks) gives its exports as they are, as ES would.
    if (entry.state === 3 || entry.state === 2) return done();
    if (entry.state === 4) return fail(entry.error);
    entry.waiters.push({ done, fail });
    if (entry.state === 0 && entry.waiters.length === 1) load(url, entry);
  };

  const load = (url: string, entry: ModuleRecord): void => {
    const missing = () => new Error(`clvkit: ${url} did not define its module`);
    if (inWorker) {
      const before = importing;
      importing = url;
      try {
        global.importScripts!(url);
        if (entry.state === 0) loadFailed(url, entry, missing());
      } catch (error) {
        // importScripts also throws what the chunk's factory threw: that module stays failed.
        if (entry.state === 0) loadFailed(url, entry, new Error(`clvkit: could not load ${url}`, { cause: error }));
      } finally {
        importing = before;
      }
      return;
    }
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    if (firstScript?.nonce) script.nonce = firstScript.nonce;
    const crossOrigin = firstScript?.getAttribute('crossorigin');
    if (crossOrigin !== null && crossOrigin !== undefined) script.crossOrigin = crossOrigin;
    script.onload = () => {
      script.remove();
      if (entry.state === 0) loadFailed(url, entry, missing());
    };
    script.onerror = () => {
      script.remove();
      loadFailed(url, entry, new Error(`clvkit: could not load ${url}`));
    };
    document.head.appendChild(script);
  };

  /** Runs `deps` (ids relative to `from`), then `then` with their exports. */
  const requireFrom = (from: string, deps: string[], then: (values: unknown[]) => void, fail: (error: unknown) => void): void => {
    const urls = deps.map((dep) => (SPECIAL.includes(dep) ? dep : new URL(`${dep}.js`, from).href));
    let waiting = 1;
    let failed = false;
    const next = () => {
      if (--waiting > 0 || failed) return;
      then(urls.map((url) => (SPECIAL.includes(url) ? undefined : modules.get(url)!.exports)));
    };
    const stop = (error: unknown) => {
      if (failed) return;
      failed = true;
      fail(error);
    };
    for (const url of urls) {
      if (SPECIAL.includes(url)) continue;
      waiting++;
      whenReady(url, next, stop);
    }
    next();
  };

  global.__clvkitDefine = (id, deps, factory) => {
    // The id is the file's path from the entry's directory: climb that many folders up.
    const depth = id.split('/').length - 1;
    const url = new URL(`${id}.js`, new URL('../'.repeat(depth) || './', currentUrl())).href;
    const entry = record(url);
    if (entry.state !== 0) return;
    entry.state = 1;
    const localRequire = (ids: string[], resolve: (...values: unknown[]) => void, reject: (error: unknown) => void) =>
      requireFrom(url, ids, (values) => resolve(...values), reject);
    requireFrom(
      url,
      deps,
      (values) => {
        entry.state = 2;
        const special: Record<string, unknown> = { exports: entry.exports, require: localRequire, module: { id, uri: url, exports: entry.exports } };
        try {
          factory(...deps.map((dep, i) => (SPECIAL.includes(dep) ? special[dep] : values[i])));
        } catch (error) {
          settle(entry, error);
          throw error;
        }
        settle(entry);
      },
      (error) => settle(entry, error),
    );
  };
}
