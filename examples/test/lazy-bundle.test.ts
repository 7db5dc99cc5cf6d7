/**
 * The browser bundle's lazy chunks in real headless Chromium (issue 5): the main entry
 * (dist/clvkit.js, a classic <script>; dist/clvkit.esm.js, a module) holds the overview's
 * widgets, and a heavier widget's code arrives as a chunk beside it the first time the widget
 * renders, with the loading skeleton meanwhile. Pages are served from the demo server's
 * origin (so the worker file is same-origin) through playwright routes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { launchBrowser, watchProblems } from './harness.js';

const url = inject('demoUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens `body` as a page of the demo origin under the given script tag; records the requests of dist/. */
async function openPage(script: string, body: string): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = watchProblems(page);
  const requests: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/dist/')) requests.push(path);
  });
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">${script}</head><body>${body}</body></html>`;
  await page.route(`${url}/lazy-test.html`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto(`${url}/lazy-test.html`);
  return { page, requests, problems };
}

/** Holds the requests matching `pattern` until `release()`; `failNext` makes the next one fail instead. */
async function holdRequests(page: Page, pattern: string | RegExp) {
  const held: Route[] = [];
  let fail = false;
  let released = false;
  await page.route(pattern, (route) => {
    if (fail) {
      fail = false;
      return route.abort('failed');
    }
    if (released) return route.continue();
    held.push(route);
  });
  return {
    failNext: () => (fail = true),
    release: async () => {
      released = true;
      await Promise.all(held.splice(0).map((route) => route.continue()));
    },
    held: () => held.length,
  };
}

const treemapTiles = (page: Page) => page.$$eval('clv-segment-treemap .clv-treemap-tile', (tiles) => tiles.map((tile) => tile.getAttribute('data-segment')));

describe('lazy chunks of the browser bundle', () => {
  it('classic <script>: a treemap element loads its chunk beside clvkit.js on first use, with the skeleton meanwhile', async () => {
    const { page, requests, problems } = await openPage(
      '<script src="/dist/clvkit.js"></script>',
      '<clv-dashboard source="sample" orders="5000" seed="7"><clv-kpi-cards></clv-kpi-cards></clv-dashboard>',
    );
    await page.waitForFunction(() => document.querySelector('.clv-kpi-cards') && !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 90_000 });
    // The overview's widgets are in the main file: nothing else was fetched but the worker.
    expect(requests.filter((path) => path.startsWith('/dist/chunks/'))).toEqual([]);
    expect(requests).toContain('/dist/clvkit.worker.js');

    // window.clvkit is the public API only (the entry's internal exports for its chunks are not on it).
    const api = await page.evaluate(() => {
      const clvkit = (window as unknown as { clvkit: Record<string, unknown> }).clvkit;
      return { keys: Object.keys(clvkit), segments: clvkit.SEGMENT_NAMES as string[], treemap: typeof clvkit.SegmentTreemap, mount: typeof clvkit.mountSegmentTreemap };
    });
    expect(api.keys.filter((key) => key.length <= 2)).toEqual([]);
    expect(api.keys).toEqual(expect.arrayContaining(['createEngine', 'Selection', 'defineElements', 'SegmentTreemap', 'mountSegmentTreemap', 'PRESETS']));
    expect(api.treemap).toBe('function');

    const gate = await holdRequests(page, /\/dist\/chunks\/SegmentTreemap-[\w-]+\.js$/);
    await page.evaluate(() => document.querySelector('clv-dashboard')!.append(document.createElement('clv-segment-treemap')));
    await page.waitForFunction(() => document.querySelector('clv-segment-treemap .clv-loading[aria-busy="true"] .clv-skeleton'));
    expect(gate.held()).toBe(1);
    await gate.release();

    await page.waitForFunction(() => document.querySelectorAll('clv-segment-treemap .clv-treemap-tile').length > 0 && !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 90_000 });
    const tiles = await treemapTiles(page);
    expect(tiles.length).toBeGreaterThan(1);
    for (const segment of tiles) expect(api.segments).toContain(segment);
    const chunks = requests.filter((path) => path.startsWith('/dist/chunks/'));
    expect(chunks.some((path) => /\/SegmentTreemap-[\w-]+\.js$/.test(path))).toBe(true);
    // The worker fetched its own chunks beside it: the analyses and the sample shop, not tfjs.
    const workerChunks = requests.filter((path) => path.startsWith('/dist/worker/')).map((path) => path.replace(/-[\w-]{8}\.js$/, ''));
    expect([...new Set(workerChunks)].sort()).toEqual(['/dist/worker/analytics', '/dist/worker/sample-data']);
    expect(requests).not.toContain('/dist/clvkit.tfjs.js');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('classic <script>: a chunk that fails to load shows an error with Retry, and Retry loads it', async () => {
    const { page, problems } = await openPage('<script src="/dist/clvkit.js"></script>', '<clv-dashboard source="sample" orders="2000" seed="3"></clv-dashboard>');
    const gate = await holdRequests(page, /\/dist\/chunks\/SegmentTreemap-[\w-]+\.js$/);
    gate.failNext();
    await page.evaluate(() => document.querySelector('clv-dashboard')!.append(document.createElement('clv-segment-treemap')));
    await page.waitForSelector('clv-segment-treemap .clv-error[role="alert"]');
    expect(await page.textContent('clv-segment-treemap .clv-error-title')).toBe('Could not load the code of segment treemap');
    await gate.release();
    await page.click('clv-segment-treemap .clv-retry');
    await page.waitForFunction(() => document.querySelectorAll('clv-segment-treemap .clv-treemap-tile').length > 0, undefined, { timeout: 90_000 });
    // The failed request (and Chromium's console line about it) is the only problem logged.
    expect(problems[0]).toMatch(/^requestfailed: .*\/dist\/chunks\/SegmentTreemap-[\w-]+\.js/);
    expect(problems.slice(1)).toEqual(['console.error: Failed to load resource: net::ERR_FAILED']);
    await page.close();
  });

  it('<script type="module">: a preset dashboard loads its layout and widgets from dist/esm/', async () => {
    const { page, requests, problems } = await openPage(
      '<script type="module" src="/dist/clvkit.esm.js"></script>',
      '<clv-dashboard source="sample" orders="5000" seed="7" preset="segments"></clv-dashboard>',
    );
    await page.waitForFunction(
      () => document.querySelectorAll('clv-dashboard .clv-treemap-tile').length > 0 && !document.querySelector('[aria-busy="true"]'),
      undefined,
      { timeout: 120_000 },
    );
    expect(requests).toContain('/dist/clvkit.worker.js');
    expect(requests.some((path) => /^\/dist\/esm\/segments-[\w-]+\.js$/.test(path))).toBe(true);
    expect(requests.filter((path) => path.startsWith('/dist/chunks/'))).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { clvkit?: { createEngine?: unknown } }).clvkit?.createEngine)).toBe('function');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('lazy chunks from another origin (a CDN)', () => {
  it('classic <script> from a CDN origin: chunks load beside it, the worker starts through a blob: loader and finds its chunks', async () => {
    const cdn = 'http://cdn.clvkit.test';
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = watchProblems(page);
    const fromCdn: string[] = [];
    // The CDN is the demo server under another origin name: same files, cross-origin for the page.
    await page.route(`${cdn}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      fromCdn.push(path);
      const response = await route.fetch({ url: `${url}${path}` });
      await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
    });
    const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="${cdn}/dist/clvkit.js"></script></head><body><clv-dashboard source="sample" orders="3000" seed="5"><clv-segment-treemap></clv-segment-treemap></clv-dashboard></body></html>`;
    await page.route(`${url}/cdn-test.html`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await page.goto(`${url}/cdn-test.html`);
    await page.waitForFunction(() => document.querySelectorAll('clv-segment-treemap .clv-treemap-tile').length > 0 && !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 90_000 });
    const files = fromCdn.map((path) => path.replace(/-[\w-]{8}\.js$/, ''));
    expect(files).toEqual(expect.arrayContaining(['/dist/clvkit.js', '/dist/chunks/SegmentTreemap', '/dist/clvkit.worker.js', '/dist/worker/analytics', '/dist/worker/sample-data']));
    expect(problems).toEqual([]);
    await page.close();
  });
});
