import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { build as esbuildBundle } from 'esbuild';

/**
 * Builds, for every package, an ESM build (packages/<name>/dist/index.js, dependencies
 * external), and the browser bundle (all minified, with source maps):
 *   dist/clvkit.js         classic <script>: registers the custom elements, sets window.clvkit;
 *                          the chunk loader in front; lazy widgets and presets in dist/chunks/
 *   dist/clvkit.esm.js     the same entry as an ES module (<script type="module">, CDNs); its
 *                          lazy chunks in dist/esm/
 *   dist/clvkit.worker.js  the engine worker (classic script, the same chunk loader over
 *                          importScripts); analytics and the sample data in dist/worker/
 *   dist/clvkit.tfjs.js    tfjs (core, layers, CPU backend) as a classic script: the worker
 *                          loads it with importScripts when a neural analysis first runs
 * `CLVKIT_BUILD=browser` builds only the browser bundle (what `npm start` needs).
 * Budgets: bench/size.mjs (`npm run size`); what the files are made of: `npm run size -- --breakdown`.
 */
const packages = ['core', 'sample-data', 'analytics', 'engine', 'widgets'];
const ts = () => esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', tsconfig: 'tsconfig.json' });
const resolve = () => [nodeResolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'], exportConditions: ['browser', 'module', 'import', 'default'] }), commonjs()];
const minify = () => terser({ ecma: 2020, module: false, format: { comments: false } });

/**
 * In the browser bundle the worker is the classic script clvkit.worker.js beside the entry:
 * replace the engine's default-worker module by widgets' script-worker.ts, which resolves it
 * against the entry's URL (import.meta.url: native in the ES module, the chunk loader's
 * module.uri in the classic script).
 */
function siblingWorker() {
  const scriptWorker = fileURLToPath(new URL('./packages/widgets/src/script-worker.ts', import.meta.url));
  return {
    name: 'clvkit-sibling-worker',
    resolveId(source, importer) {
      if (importer && /engine[\\/]src/.test(importer) && /default-worker(\.js|\.ts)?$/.test(source)) return scriptWorker;
      // The in-thread mode would inline the whole worker (analytics, importers, sample data)
      // into the page bundle; the <script> bundle always uses its worker file instead.
      if (importer && /engine[\\/]src[\\/]client/.test(importer) && /worker-api(\.js|\.ts)?$/.test(source)) return INLINE_STUB;
      return null;
    },
    load(id) {
      if (id !== INLINE_STUB) return null;
      return `export function createWorkerApi() {
  throw new Error("worker: 'inline' is not available in the browser bundle (clvkit.js): it uses clvkit.worker.js; import @clvkit/engine as an ES module for in-thread mode");
}`;
    },
    generateBundle(_options, bundle) {
      // import.meta.url is the entry's URL only in the entry chunk.
      const holder = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.moduleIds.includes(scriptWorker));
      if (holder && !holder.isEntry) this.error(`script-worker.ts must stay in the entry chunk, not ${holder.fileName}`);
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

/**
 * The classic-script chunk loader (packages/widgets/src/chunk-loader.ts), compiled on its own
 * and minified: the banner of each classic entry file, so its AMD chunks load relative to it.
 */
const chunkLoader = (
  await esbuildBundle({
    stdin: { contents: "import { installChunkLoader } from './chunk-loader.ts'; installChunkLoader(globalThis);", resolveDir: fileURLToPath(new URL('./packages/widgets/src/', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2020',
    write: false,
    logLevel: 'error',
  })
).outputFiles[0].text.trim();

/**
 * Chunk file names in `folder`: a chunk that is a whole workspace package (the worker's
 * analytics, sample data) is named after it rather than after its `index.ts`; the stub of the
 * engine's in-thread mode (which throws) gets a readable name.
 */
const chunkName = (folder) => (chunk) => {
  if (chunk.facadeModuleId === INLINE_STUB) return `${folder}/inline-unavailable-[hash].js`;
  const pkg = /packages[\\/]([^\\/]+)[\\/]src[\\/]index\.ts$/.exec(chunk.facadeModuleId ?? '');
  return `${folder}/${pkg ? pkg[1] : '[name]'}-[hash].js`;
};

/**
 * The classic-script form of a code-split build: AMD chunks with ids (`chunks/x-hash`) calling
 * `__clvkitDefine` (not `define`, so a page's own AMD loader is left alone), the chunk loader
 * in front of the entry file. `dir` is the entry's folder; chunks go to `dir/<chunks>/`.
 */
const classicOutput = (entryFileNames, chunks) => ({
  dir: 'dist',
  format: 'amd',
  amd: { autoId: true, define: '__clvkitDefine' },
  entryFileNames,
  chunkFileNames: chunkName(chunks),
  banner: (chunk) => (chunk.isEntry ? chunkLoader : ''),
  sourcemap: true,
  plugins: [minify()],
});

/** Deletes the chunk folders of the previous build (their names carry content hashes). */
function cleanChunks(folders) {
  return {
    name: 'clvkit-clean-chunks',
    buildStart() {
      for (const folder of folders) rmSync(`dist/${folder}`, { recursive: true, force: true });
    },
  };
}

const browserBuilds = [
  {
    // One module graph, two forms: dist/clvkit.js + dist/chunks/ (classic <script>) and
    // dist/clvkit.esm.js + dist/esm/ (<script type="module">). The entry chunk holds what
    // the entry needs at once; the lazy widgets and presets are chunks that import from it.
    input: { clvkit: 'packages/widgets/src/browser.ts' },
    preserveEntrySignatures: 'allow-extension',
    plugins: [cleanChunks(['chunks', 'esm']), siblingWorker(), resolve(), ts()],
    output: [
      classicOutput('[name].js', 'chunks'),
      { dir: 'dist', format: 'es', entryFileNames: '[name].esm.js', chunkFileNames: chunkName('esm'), sourcemap: true, plugins: [terser({ module: true, format: { comments: false } })] },
    ],
  },
  {
    // The worker's first file holds the engine's worker side and core's importers; its dynamic
    // imports (@clvkit/analytics on the first query, @clvkit/sample-data for sample sources)
    // are chunks in dist/worker/, loaded with importScripts by the chunk loader.
    input: { 'clvkit.worker': 'packages/engine/src/worker.ts' },
    preserveEntrySignatures: false,
    plugins: [cleanChunks(['worker']), tfjsScriptLoader(), resolve(), ts()],
    output: classicOutput('[name].js', 'worker'),
  },
  {
    input: './packages/analytics/src/models/tf/tfjs-global.ts',
    plugins: [esbuildBundled()],
    output: { file: 'dist/clvkit.tfjs.js', format: 'iife', name: 'clvkitTf', sourcemap: false, plugins: [minify()] },
  },
];

export default process.env.CLVKIT_BUILD === 'browser' ? browserBuilds : [...packageBuilds, ...browserBuilds];
