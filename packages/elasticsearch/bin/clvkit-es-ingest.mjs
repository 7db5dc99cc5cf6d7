#!/usr/bin/env node
/**
 * clvkit-es-ingest: CSV / JSON files -> the clvkit Elasticsearch indices, through the same
 * importer as the browser. Run `node packages/elasticsearch/bin/clvkit-es-ingest.mjs --help`.
 *
 * The package's sources are TypeScript (the monorepo runs them through bundling, as bench/ does):
 * this launcher uses a prebuilt `dist/ingest-cli.mjs` when there is one, else bundles
 * src/ingest/cli.ts with esbuild into node_modules/.cache once (rebuilt when a source is newer)
 * and runs it with plain `node`.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prebuilt = join(root, 'dist', 'ingest-cli.mjs');

async function entry() {
  if (existsSync(prebuilt)) return prebuilt;
  const cache = join(root, 'node_modules', '.cache', 'clvkit-es');
  const out = join(cache, 'ingest-cli.mjs');
  if (!existsSync(out) || newestSource(join(root, '..', 'core', 'src'), join(root, 'src')) > statSync(out).mtimeMs) {
    let esbuild;
    try {
      esbuild = await import('esbuild');
    } catch {
      console.error('clvkit-es-ingest: esbuild is needed to run from the sources (npm install in the repository root)');
      process.exit(2);
    }
    mkdirSync(cache, { recursive: true });
    await esbuild.build({
      entryPoints: [join(root, 'src', 'ingest', 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'warning',
      // The official client stays a normal dependency, resolved from this package.
      external: ['@elastic/elasticsearch'],
    });
  }
  return out;
}

function newestSource(...dirs) {
  let newest = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

const { runIngestCli } = await import(pathToFileURL(await entry()).href);
process.exitCode = await runIngestCli(process.argv.slice(2), process.env, { out: (t) => console.log(t), err: (t) => console.error(t) });
