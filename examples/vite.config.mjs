import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The demo server: serves examples/ with the workspace packages compiled from source, so
 * `npm start` needs no prior build. The plain-HTML example loads the rollup browser bundle
 * from /dist/, which examples/serve.mjs builds first.
 */
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  server: { host: '127.0.0.1', strictPort: false, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  worker: { format: 'es' },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  optimizeDeps: {
    include: [
      'preact', 'preact/hooks', 'preact/jsx-runtime', '@preact/signals', 'comlink',
      'd3-scale', 'd3-shape', 'd3-array', 'd3-brush', 'd3-selection', 'd3-format', 'd3-time', 'd3-axis',
    ],
  },
});
