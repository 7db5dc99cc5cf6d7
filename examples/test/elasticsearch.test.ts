/**
 * The demo dashboard on Elasticsearch (issue 6), in real headless Chromium: the example server
 * (examples/elasticsearch/server.mjs) with the test stand-in as its cluster, the sample shop
 * ingested through the real ingest path, and every preset opened through the clvkit proxy.
 * Widgets whose analyses run on Elasticsearch show their results, the KPIs equal to the
 * in-memory engine's on the same shop; a widget whose analysis cannot run there shows its
 * error state saying so, never a spinner; nothing else goes wrong.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  console.log(Object.entries(coverage).map(([preset, c]) => `${preset}: ${c.ready} ready; not shown: ${c.unavailable.join('; ') || '-'}`).join('\n'));
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

/** A refusal a user can act on: it names the analysis or field and why it cannot run there. */
const CLEAR_REFUSAL = /Elasticsearch|allow-list|summar|not available|cannot run|data source/i;

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
    it(`${preset}: every widget ready or saying why it cannot run on Elasticsearch`, async () => {
      const { page, problems } = await openPreset(preset);
      const states = await widgetStates(page);
      expect(states.length).toBe(PRESET_WIDGETS[preset].widgets);
      const allowed = PRESET_WIDGETS[preset].empty ?? {};
      const unavailable: string[] = [];
      let ready = 0;
      for (const { widget, state, text } of states) {
        if (PRESET_WIDGETS[preset].idle?.includes(widget)) continue;
        // Never left spinning.
        expect(['ready', 'empty', 'error'], `${widget}: ${state}`).toContain(state);
        if (state === 'error' || (state === 'empty' && !(widget in allowed))) {
          // The refusal of the proxy or the worker, shown by the widget: the analysis and why.
          if (state === 'error') expect(text, widget).toMatch(CLEAR_REFUSAL);
          unavailable.push(`${widget} (${state}: ${text.replace(/^Could not load /, '').replace(/Retry$/, '').slice(0, 120)})`);
          continue;
        }
        ready++;
      }
      coverage[preset] = { ready, unavailable };
      expect(problems.filter((p) => !expectedProblem(p))).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
