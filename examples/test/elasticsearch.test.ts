/**
 * The demo dashboard on Elasticsearch (issue 6), in real headless Chromium: the example server
 * (examples/elasticsearch/server.mjs) with the test stand-in as its cluster, the sample shop
 * ingested through the real ingest path, and every preset (every tab) opened through the clvkit
 * proxy beside the in-memory demo of the same shop: every widget ends in the same state on both
 * (ready, or the same empty state where the shop has too little data, e.g. too few customers
 * per promotion for an A/B test), never a spinner or an error; the KPIs equal the in-memory
 * engine's; nothing else goes wrong.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { importDataset, NO_FILTER } from '@clvkit/core';
import { runQuery } from '@clvkit/analytics';
import { shopCsv } from '@clvkit/sample-data';
import { launchBrowser, watchProblems } from './harness.js';
import { PRESET_WIDGETS, widgetStates } from './presets.js';

const ORDERS = 1_500;
const SERVER = fileURLToPath(new URL('../elasticsearch/server.mjs', import.meta.url));

let server: ChildProcess;
let url: string;
let browser: Browser;
/** Per preset: widgets that ran and widgets whose analysis is not available on Elasticsearch. */
const coverage: Record<string, { ready: number; unavailable: string[] }> = {};

beforeAll(async () => {
  server = spawn(process.execPath, [SERVER, '--stand-in', '--port', '0', '--orders', String(ORDERS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the example server did not start:\n${output}`)), 170_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /clvkit on Elasticsearch: (http\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.on('exit', (code) => reject(new Error(`the example server exited (${code}):\n${output}`)));
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  // The table the closing note quotes: what runs on Elasticsearch today.
  console.log(Object.entries(coverage).map(([preset, c]) => `${preset}: ${c.ready} ready; otherwise: ${c.unavailable.join('; ') || '-'}`).join('\n'));
});

/** Opens `preset` on the Elasticsearch page and waits until its widgets are there and none is busy. */
async function openPreset(preset: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await page.goto(`${url}/?preset=${preset}`);
  await page.waitForFunction(
    (count) => document.querySelectorAll('clv-dashboard .clv-widget').length >= count && !document.querySelector('clv-dashboard [aria-busy="true"]'),
    PRESET_WIDGETS[preset].widgets,
    { timeout: 120_000 },
  );
  return { page, problems };
}

/**
 * What the browser reports that is not a fault: the proxy's 4xx refusal of an analysis it
 * cannot run (the widget then says why), and requests the engine aborted because a newer
 * query replaced them.
 */
const expectedProblem = (problem: string) => /status of 4\d\d/.test(problem) || /api\/clvkit net::ERR_ABORTED/.test(problem);


describe('the demo dashboard on Elasticsearch (stand-in cluster, proxy, browser source)', () => {
  it('overview: the KPIs equal the in-memory engine on the same shop', async () => {
    const csv = shopCsv({ orders: ORDERS });
    const { dataset } = await importDataset(csv.input, csv.options);
    const expected = runQuery(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter: NO_FILTER }).rows;
    const { page, problems } = await openPreset('overview');
    // Every KPI card the preset shows, by its exact (unformatted) value.
    const shown = await page.$$eval('.clv-kpi[data-metric]', (cards) =>
      cards.map((card) => ({ metric: card.getAttribute('data-metric') ?? '', value: Number(card.querySelector('.clv-kpi-value')?.getAttribute('title')) })),
    );
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const { metric, value } of shown) expect(value, metric).toBeCloseTo(Number(expected.find((r) => r.metric === metric)?.value), 6);
    expect(problems.filter((p) => !expectedProblem(p))).toEqual([]);
    await page.close();
  }, 180_000);

  for (const preset of Object.keys(PRESET_WIDGETS)) {
    it(`${preset}: every widget (every tab) in the same state as on the in-memory demo of the same shop`, async () => {
      const { page, problems } = await openPreset(preset);
      const memory = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await memory.goto(`${inject('demoUrl')}/dashboard/?preset=${preset}&orders=${ORDERS}&seed=42`);
      const settled = async (p: Page) =>
        p.waitForFunction((count) => document.querySelectorAll('clv-dashboard .clv-widget').length >= count && !document.querySelector('clv-dashboard [aria-busy="true"]'), PRESET_WIDGETS[preset].widgets, { timeout: 120_000 });
      await settled(memory);
      const unavailable: string[] = [];
      let ready = 0;
      const compare = async (where: string) => {
        const [remote, local] = [await widgetStates(page), await widgetStates(memory)];
        expect(remote.map((w) => w.widget), where).toEqual(local.map((w) => w.widget));
        remote.forEach(({ widget, state, text }, k) => {
          if (PRESET_WIDGETS[preset].idle?.includes(widget)) return;
          // Never left spinning; ready where memory is ready; an empty state only where memory shows the same one.
          expect(['ready', 'empty', 'error'], `${where} ${widget}: ${state} ${text}`).toContain(state);
          expect(`${state}: ${text}`, `${where} ${widget}`).toBe(`${local[k].state}: ${local[k].text}`);
          if (state === 'ready') ready++;
          else unavailable.push(`${where}${widget} (${state} in both: ${text.slice(0, 80)})`);
        });
      };
      await compare('');
      // A preset in tabs (clv-segments): every other tab's widgets too.
      const tabs = await page.$$eval('clv-dashboard [role="tab"][aria-selected="false"]', (nodes) => nodes.map((n) => n.getAttribute('data-tab') ?? ''));
      for (const tab of tabs) {
        for (const p of [page, memory]) {
          await p.click(`clv-dashboard [role="tab"][data-tab="${tab}"]`);
          await p.waitForFunction(
            (id) => document.querySelector(`clv-dashboard [role="tabpanel"][data-tab="${id}"] .clv-widget`) !== null && !document.querySelector('clv-dashboard [aria-busy="true"]'),
            tab,
            { timeout: 120_000 },
          );
        }
        await compare(`${tab}/`);
      }
      coverage[preset] = { ready, unavailable };
      expect(problems.filter((p) => !expectedProblem(p))).toEqual([]);
      await Promise.all([page.close(), memory.close()]);
    }, 300_000);
  }
});
