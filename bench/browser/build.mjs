/**
 * Builds the benchmark page (page/main.tsx) and its worker (page/worker.ts) for the browser
 * with esbuild: minified ES modules (names kept, for readable traces) with code splitting (tfjs stays a lazy chunk of the
 * worker), as a host's production build would ship them. Output in bench/.cache/browser/.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT } from '../lib/bundle.mjs';

/** Where the page is built. */
export const PAGE_DIR = join(CACHE, 'browser');

/** Builds the page; returns its directory. */
export async function buildPage() {
  rmSync(PAGE_DIR, { recursive: true, force: true });
  mkdirSync(PAGE_DIR, { recursive: true });
  await build({
    entryPoints: { main: join(ROOT, 'bench/browser/page/main.tsx'), worker: join(ROOT, 'bench/browser/page/worker.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Whitespace and syntax minified as in production; names kept so traces and profiles are readable.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    outdir: PAGE_DIR,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  copyFileSync(join(ROOT, 'bench/browser/page/index.html'), join(PAGE_DIR, 'index.html'));
  return PAGE_DIR;
}
