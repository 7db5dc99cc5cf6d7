/**
 * Per-merchant theming (examples/themes/) in real headless Chromium: two dashboards on one
 * page, each branded by theme tokens on its wrapper, each with its own engine. The computed
 * styles of each follow its brand, and neither brand reaches the other or the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import serveStatic from '../static.mjs';
import { ensureBrowserBundle, launchBrowser, root, watchProblems } from './harness.js';

let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  // The page is plain HTML on the <script> bundle, as it is served by `npm start`: static files, no build.
  ensureBrowserBundle();
  const serveExample = serveStatic(`${root}/examples/themes`);
  const serveDist = serveStatic(`${root}/dist`);
  server = createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end('not found');
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/dist/')) {
      req.url = path.slice('/dist'.length);
      return serveDist(req, res, notFound);
    }
    req.url = path.replace(/^\/themes\//, '/').replace(/\/$/, '/index.html');
    return serveExample(req, res, notFound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/themes/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** What the brand shows in dashboard `id`: computed styles of its real elements. */
async function brandOf(page: Page, id: string) {
  return page.evaluate((id) => {
    const dashboard = document.getElementById(id)!;
    const widget = dashboard.querySelector('.clv-top-products .clv-widget, .clv-top-products.clv-widget')!;
    const style = getComputedStyle(widget);
    const token = (name: string) => style.getPropertyValue(name).trim();
    return {
      surface: style.backgroundColor,
      radius: style.borderTopLeftRadius,
      font: getComputedStyle(dashboard.querySelector('.clv-root')!).fontFamily,
      barFill: getComputedStyle(dashboard.querySelector('.clv-top-products .clv-bar-fill')!).fill,
      gridDash: getComputedStyle(dashboard.querySelector('.clv-time-series .clv-grid line')!).strokeDasharray,
      accent: token('--clv-color-accent'),
      palette2: token('--clv-palette-2'),
      space: token('--clv-space'),
    };
  }, id);
}

describe('two branded dashboards on one page (examples/themes)', () => {
  it('each dashboard shows its own brand; neither leaks into the other or into the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' });
    const problems = watchProblems(page);
    await page.goto(url);
    await page.waitForFunction(
      () =>
        ['roastery', 'arena'].every((id) => document.querySelectorAll(`#${id} .clv-widget`).length === 4) &&
        document.querySelectorAll('.clv-top-products .clv-bar-fill').length > 0 &&
        document.querySelectorAll('.clv-time-series .clv-grid line').length > 0 &&
        !document.querySelector('[aria-busy="true"]'),
      undefined,
      { timeout: 90_000 },
    );

    const roastery = await brandOf(page, 'roastery');
    const arena = await brandOf(page, 'arena');
    expect(roastery).toMatchObject({ surface: 'rgb(255, 253, 249)', radius: '0px', barFill: 'rgb(138, 75, 31)', accent: '#8a4b1f', palette2: '#2f6f4e', space: '8px' });
    expect(roastery.font).toContain('Georgia');
    expect(roastery.gridDash).toMatch(/^2(px)?,? 3(px)?$/);
    // The arena sits on the dark theme: its surface is the dark default, its brand tokens win over the dark accent.
    expect(arena).toMatchObject({ surface: 'rgb(30, 41, 59)', radius: '16px', barFill: 'rgb(34, 211, 238)', accent: '#22d3ee', palette2: '#f472b6', space: '10px', gridDash: 'none' });
    expect(arena.font).toContain('Trebuchet MS');
    expect(arena.font).not.toContain('Georgia');

    // The page outside both wrappers keeps clvkit's defaults.
    const pageTokens = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return { accent: style.getPropertyValue('--clv-color-accent').trim(), radius: style.getPropertyValue('--clv-radius').trim() };
    });
    expect(pageTokens).toEqual({ accent: '#2563eb', radius: '8px' });

    // Switching one merchant to the light base at run time re-themes that one only, in place.
    const workers = page.workers().length;
    await page.evaluate(() => document.querySelector('.merchant-arena')!.setAttribute('data-clv-theme', 'light'));
    const arenaLight = await brandOf(page, 'arena');
    expect(arenaLight).toMatchObject({ surface: 'rgb(255, 255, 255)', barFill: 'rgb(34, 211, 238)', radius: '16px' });
    expect(await brandOf(page, 'roastery')).toEqual(roastery);
    expect(page.workers().length).toBe(workers);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('without an explicit theme the widgets follow prefers-color-scheme', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('.clv-widget') !== null, undefined, { timeout: 60_000 });
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--clv-color-bg').trim());
    expect(bg).toBe('#0f172a');
    // An explicitly themed wrapper keeps its theme whatever the reader prefers.
    const roasteryBg = await page.evaluate(() => getComputedStyle(document.querySelector('.merchant-roastery')!).getPropertyValue('--clv-color-bg').trim());
    expect(roasteryBg).toBe('#faf6f0');
    await page.close();
  });
});
