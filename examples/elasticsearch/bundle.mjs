/**
 * Bundles the example's server-side TypeScript (which imports the workspace packages from their
 * sources) with esbuild so plain `node` can run it, as bench/lib/bundle.mjs does for the
 * benchmarks. The output goes under packages/elasticsearch/node_modules/.cache so that the
 * official client (a dependency of that package, left external) resolves from it.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = fileURLToPath(new URL('../../packages/elasticsearch/node_modules/.cache/clvkit-es/', import.meta.url));

/**
 * @param {string} entry absolute path of a .ts entry
 * @param {string} name output file name
 * @returns {Promise<string>} the bundle's path
 */
export async function bundleForNode(entry, name) {
  mkdirSync(cache, { recursive: true });
  const outfile = join(cache, name);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // The client stays a dependency; tfjs is only loaded by neural analyses, which never run here.
    external: ['@elastic/elasticsearch', '@tensorflow/*'],
    banner: { js: "import { createRequire as __clvkitRequire } from 'node:module'; const require = __clvkitRequire(import.meta.url);" },
  });
  return outfile;
}
