import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';
import { build as esbuildBundle } from 'esbuild';

/**
 * Builds, for every package, an ESM build (packages/<name>/dist/index.js, dependencies
 * external), and the browser bundle for <script> embedding:
 *   dist/clvkit.js         self-registering custom elements + window.clvkit (IIFE, minified)
 *   dist/clvkit.worker.js  the engine worker with analytics and sample data (IIFE, minified)
 *   dist/clvkit.esm.js     the same main entry as one ES module (for size tracking and CDNs)
 *   dist/clvkit.tfjs.js    tfjs (core, layers, CPU backend) as a classic script: the worker
 *                          loads it with importScripts when a neural analysis first runs
 * `CLVKIT_BUILD=browser` builds only the browser bundle (what `npm start` needs).
 */
const packages = ['core', 'sample-data', 'analytics', 'engine', 'widgets'];
const ts = () => esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', tsconfig: 'tsconfig.json' });
const resolve = () => [nodeResolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'], exportConditions: ['browser', 'module', 'import', 'default'] }), commonjs()];
const minify = () => terser({ ecma: 2020, module: false, format: { comments: false } });

/**
 * In the browser bundle the worker is a sibling file of the script that loaded clvkit.js:
 * replace the engine's default-worker module by one that resolves `clvkit.worker.js` against
 * document.currentScript, captured while the bundle evaluates.
 */
function siblingWorker() {
  const browserWorker = fileURLToPath(new URL('./packages/engine/src/browser-worker.ts', import.meta.url));
  return {
    name: 'clvkit-sibling-worker',
    resolveId(source, importer) {
      if (importer && /engine[\\/]src/.test(importer) && /default-worker(\.js|\.ts)?$/.test(source)) return browserWorker;
      // The in-thread mode would inline the whole worker (analytics, importers, sample data)
      // into the page bundle; the <script> bundle always uses its worker file instead.
      if (importer && /engine[\\/]src[\\/]client/.test(importer) && /worker-api(\.js|\.ts)?$/.test(source)) return INLINE_STUB;
      return null;
    },
    load(id) {
      if (id !== INLINE_STUB) return null;
      return `export function createWorkerApi() {
  throw new Error("worker: 'inline' is not available in the <script> bundle (clvkit.js): it uses clvkit.worker.js; import @clvkit/engine as an ES module for in-thread mode");
}`;
    },
  };
}
const INLINE_STUB = '\0clvkit-inline-unavailable';

/**
 * In the published ESM build the worker sits beside index.js as worker.js: point the engine's
 * `new URL('./worker.ts', import.meta.url)` at it (bundlers of host apps then emit it).
 */
function builtWorkerPath() {
  return {
    name: 'clvkit-built-worker-path',
    transform(code, id) {
      if (!/engine[\\/]src[\\/]default-worker\.ts$/.test(id)) return null;
      return { code: code.replace("new URL('./worker.ts', import.meta.url)", "new URL('./worker.js', import.meta.url)"), map: null };
    },
  };
}

const external = (name) => (id) => {
  // The commonjs plugin asks about entry modules by their relative path too.
  if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0') || id.startsWith('packages/')) return false;
  return !id.startsWith(`@clvkit/${name}`);
};

/**
 * In the <script> worker bundle, analytics' default tfjs loader (dynamic imports, which
 * inlineDynamicImports would inline) is replaced by the engine's importScripts loader of
 * clvkit.tfjs.js, so the worker file does not grow by tfjs.
 */
function tfjsScriptLoader() {
  const scriptLoader = fileURLToPath(new URL('./packages/engine/src/tfjs-script-loader.ts', import.meta.url));
  return {
    name: 'clvkit-tfjs-script-loader',
    resolveId(source, importer) {
      if (importer && /analytics[\\/]src[\\/]models[\\/]tf[\\/]/.test(importer) && /^\.\/import-tf(\.js|\.ts)?$/.test(source)) return scriptLoader;
      return null;
    },
  };
}

/**
 * tfjs depends on CommonJS modules (seedrandom, long) that rollup cannot bundle without a
 * CommonJS plugin: esbuild bundles the tfjs entry into one ES module first, rollup wraps it as
 * the classic script dist/clvkit.tfjs.js.
 */
function esbuildBundled() {
  const prefix = '\0clvkit-esbuild-bundled:';
  return {
    name: 'clvkit-esbuild-bundled',
    resolveId(source, importer) {
      return importer === undefined ? prefix + fileURLToPath(new URL(source, import.meta.url)) : null;
    },
    async load(id) {
      if (!id.startsWith(prefix)) return null;
      const result = await esbuildBundle({ entryPoints: [id.slice(prefix.length)], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'error' });
      return { code: result.outputFiles[0].text, map: null };
    },
  };
}

const packageBuilds = packages.map((name) => ({
  input: { index: `packages/${name}/src/index.ts`, ...(name === 'engine' ? { worker: 'packages/engine/src/worker.ts' } : {}) },
  external: external(name),
  plugins: [builtWorkerPath(), resolve(), ts()],
  output: { dir: `packages/${name}/dist`, format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
}));

const browserBuilds = [
  {
    input: 'packages/widgets/src/browser.ts',
    plugins: [siblingWorker(), resolve(), ts()],
    output: [
      { file: 'dist/clvkit.js', format: 'iife', name: 'clvkit', sourcemap: true, inlineDynamicImports: true, plugins: [minify()] },
    ],
  },
  {
    input: 'packages/widgets/src/browser.ts',
    plugins: [siblingWorker(), resolve(), ts()],
    output: { file: 'dist/clvkit.esm.js', format: 'es', sourcemap: true, inlineDynamicImports: true, plugins: [terser({ module: true, format: { comments: false } })] },
  },
  {
    input: 'packages/engine/src/worker.ts',
    plugins: [tfjsScriptLoader(), resolve(), ts()],
    output: { file: 'dist/clvkit.worker.js', format: 'iife', sourcemap: true, inlineDynamicImports: true, plugins: [minify()] },
  },
  {
    input: './packages/analytics/src/models/tf/tfjs-global.ts',
    plugins: [esbuildBundled()],
    output: { file: 'dist/clvkit.tfjs.js', format: 'iife', name: 'clvkitTf', sourcemap: false, plugins: [minify()] },
  },
];

export default process.env.CLVKIT_BUILD === 'browser' ? browserBuilds : [...packageBuilds, ...browserBuilds];
