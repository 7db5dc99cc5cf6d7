/**
 * Shared set-up for the real-browser tests: the demo server (the same Vite server `npm start`
 * runs, on a free port) and headless Debian Chromium driven by playwright-core.
 */
import { createServer, type ViteDevServer } from 'vite';
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

/** Starts the examples server on a free port; returns it with its base URL. */
export async function startDemoServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: `${root}/examples/vite.config.mjs`,
    server: { port: 0, host: '127.0.0.1' },
    plugins: [{ name: 'clvkit-dist', configureServer: (s) => void s.middlewares.use('/dist', serveStatic(`${root}/dist`)) }],
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('demo server has no port');
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
