/**
 * Bundles a TypeScript entry of the benchmarks (which imports the workspace packages from
 * their sources) into bench/.cache with esbuild, so plain `node` can run it, and returns the
 * bundle's path. The packages are built exactly as the worker runs them: no type checking,
 * ES2022, minified identifiers off so profiles stay readable.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where bundles and generated data files go (git-ignored). */
export const CACHE = join(ROOT, 'bench', '.cache');

/**
 * Bundles `entry` (a path relative to the repository root) for Node and returns the output path.
 * @param {string} entry
 * @returns {Promise<string>}
 */
export async function bundleForNode(entry) {
  mkdirSync(CACHE, { recursive: true });
  const outfile = join(CACHE, basename(entry).replace(/\.[cm]?[jt]sx?$/, '.mjs'));
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // CommonJS dependencies (jstat, ml-kmeans) call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __clvkitRequire } from 'node:module'; const require = __clvkitRequire(import.meta.url);" },
  });
  return outfile;
}
