/**
 * Shared set-up for the real-browser tests: the demo server (the same Vite server `npm start`
 * runs, on a free port) and headless Debian Chromium driven by playwright-core.
 */
import { build } from 'vite';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type ConsoleMessage } from 'playwright-core';
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import serveStatic from '../static.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds dist/clvkit.js (+ worker) when it is missing or older than the sources it bundles. */
export function ensureBrowserBundle(): void {
  const bundle = `${root}/dist/clvkit.js`;
  if (existsSync(bundle) && statSync(bundle).mtimeMs > newestSource()) return;
  const build = spawnSync(process.execPath, [`${root}/node_modules/rollup/dist/bin/rollup`, '-c', `${root}/rollup.config.mjs`, '--silent'], {
    cwd: root,
    env: { ...process.env, CLVKIT_BUILD: 'browser' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`browser bundle build failed:\n${build.stderr}`);
}

function newestSource(): number {
  const result = spawnSync('git', ['ls-files', '-m', '-o', '--exclude-standard', 'packages'], { cwd: root, encoding: 'utf8' });
  const changed = result.stdout.split('\n').filter(Boolean);
  const log = spawnSync('git', ['log', '-1', '--format=%ct', '--', 'packages'], { cwd: root, encoding: 'utf8' });
  let newest = Number(log.stdout.trim() || 0) * 1000;
  for (const file of changed) {
    try {
      newest = Math.max(newest, statSync(`${root}/${file}`).mtimeMs);
    } catch {
      /* deleted */
    }
  }
  return newest;
}

/**
 * Builds the examples for production (minified, the worker as its own chunk, as a host app
 * ships them) and serves them with dist/ on a free port: tests see one fixed build, with no
 * dev-server reloads.
 */
export async function startDemoServer(): Promise<{ server: Server; url: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'clvkit-examples-'));
  await build({
    configFile: `${root}/examples/vite.config.mjs`,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: { index: `${root}/examples/index.html`, dashboard: `${root}/examples/dashboard/index.html`, plain: `${root}/examples/plain-html/index.html`, react: `${root}/examples/react/index.html`, vue: `${root}/examples/vue/index.html` } },
    },
  });
  const serveBuilt = serveStatic(outDir);
  const serveDist = serveStatic(`${root}/dist`);
  const server = createHttpServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end('not found');
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/dist/')) {
      req.url = req.url!.slice('/dist'.length);
      return serveDist(req, res, notFound);
    }
    if (path.endsWith('/')) req.url = `${path}index.html`;
    return serveBuilt(req, res, notFound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    rmSync(outDir, { recursive: true, force: true });
    return close(callback);
  }) as typeof server.close;
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/** Launches headless Debian Chromium with the flags that work on these machines. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (the CI script does this)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors, page errors and failed requests of a page, for "nothing was logged" checks. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return problems;
}
