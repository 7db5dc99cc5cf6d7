/**
 * The demo dashboard under a strict Content-Security-Policy (issue 7, "Hostile text and the
 * host page"): no `unsafe-eval`, no `unsafe-inline` script or style, workers only from the
 * page's origin or a blob. Every preset opens with every widget ready (or in its documented
 * empty / idle state), and the browser reports no violation: not as a
 * `securitypolicyviolation` event in the page, not as a report POSTed to `report-uri` (which
 * also covers the engine's worker), not as a "Refused to …" console message.
 *
 * The built demo (the one every browser test uses) is served through a small proxy here that
 * adds the header to every response, the worker script included.
 *
 * One documented exception: the anomaly models load tfjs, whose dependency `long` probes
 * WebAssembly once when it loads (`new WebAssembly.Module` in a try/catch, for faster 64-bit
 * multiplication) and falls back to plain JS when refused. Without `'wasm-unsafe-eval'` the
 * browser refuses that probe and reports one `wasm-eval` violation from the worker; the widgets
 * are unaffected. With `'wasm-unsafe-eval'` added (it allows compiling WebAssembly only, never
 * JS `eval`) the anomalies preset runs with no report at all.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchProblems } from './harness.js';
import { PRESET_WIDGETS, widgetStates } from './presets.js';

/** The style nonce of the served page: the widgets adopt constructable stylesheets and need it only where those are missing. */
const NONCE = 'clvkit-csp-test-nonce';
const REPORT_PATH = '/__csp-report';

/** The policy under test: what a careful host sends. `img-src data:` is for the demo page's own `<link rel="icon" href="data:,">`. */
function policy(scriptSrc: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "worker-src 'self' blob:",
    `style-src 'self' 'nonce-${NONCE}'`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    `report-uri ${REPORT_PATH}`,
  ].join('; ');
}

/** No eval of any kind, no inline script. */
export const STRICT_CSP = policy("'self'");
/** The same, allowing WebAssembly compilation (not JS eval): what tfjs's `long` probes for. */
export const STRICT_CSP_WASM = policy("'self' 'wasm-unsafe-eval'");
/** The policy the proxy sends now (tests run one at a time). */
let current = STRICT_CSP;

const demoUrl = inject('demoUrl');
let browser: Browser;
let proxy: Server;
let url: string;
/** Violation reports the browser POSTed (from pages and workers alike). */
const reports: unknown[] = [];

/** Forwards every request to the demo server and adds the policy to every response. */
function startCspProxy(): Promise<Server> {
  const target = new URL(demoUrl);
  const server = createServer((req, res) => {
    if (req.url?.startsWith(REPORT_PATH)) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push(body);
        }
        res.statusCode = 204;
        res.end();
      });
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-security-policy': current });
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  proxy = await startCspProxy();
  url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
});

/** Opens `preset` with a listener for CSP violations registered before any page script runs. */
async function openPreset(preset: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const response = await page.goto(`${url}/dashboard/?preset=${preset}&orders=20000&seed=42`);
  expect(response?.headers()['content-security-policy']).toBe(current);
  await page.waitForFunction(
    (count) => document.querySelectorAll('clv-dashboard .clv-widget').length >= count && !document.querySelector('clv-dashboard [aria-busy="true"]'),
    PRESET_WIDGETS[preset].widgets,
    { timeout: 90_000 },
  );
  return { page, problems };
}

describe('the demo under a strict Content-Security-Policy', () => {
  it('the policy really is enforced: an inline script and an inline style attribute are refused and reported', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    });
    await page.goto(`${url}/dashboard/?preset=overview&orders=5000`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.append(script);
      const div = document.createElement('div');
      div.innerHTML = '<p style="color: red">x</p>';
      document.body.append(div);
    });
    await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length >= 2);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    const seen = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(seen.map((d) => d.split('-')[0])).toEqual(expect.arrayContaining(['script', 'style']));
    await page.close();
    reports.length = 0;
  });

  /** The `wasm-eval` probe of tfjs's `long` (see the top of the file), the one report the anomaly models cause under STRICT_CSP. */
  const isLongWasmProbe = (report: unknown) => {
    const body = (report as { 'csp-report'?: Record<string, unknown> })['csp-report'] ?? {};
    return body['blocked-uri'] === 'wasm-eval' && body['effective-directive'] === 'script-src';
  };

  const cases = [...Object.keys(PRESET_WIDGETS).map((preset) => [preset, STRICT_CSP] as const), ['anomalies', STRICT_CSP_WASM] as const];
  for (const [preset, header] of cases) {
    const wasm = header === STRICT_CSP_WASM;
    it(`${preset}${wasm ? " with 'wasm-unsafe-eval'" : ''}: every widget ready, no CSP violation in the page, its worker or the console`, async () => {
      current = header;
      const before = reports.length;
      const { page, problems } = await openPreset(preset);
      const states = await widgetStates(page);
      expect(states.length).toBe(PRESET_WIDGETS[preset].widgets);
      const allowed = PRESET_WIDGETS[preset].empty ?? {};
      for (const { widget, state, text } of states) {
        if (PRESET_WIDGETS[preset].idle?.includes(widget)) expect(state, widget).not.toBe('error');
        else if (widget in allowed) expect(state, widget).toBe('empty');
        else expect({ widget, state, text }).toEqual({ widget, state: 'ready', text: '' });
      }
      // Reports are sent asynchronously: give them a moment to arrive before reading them.
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
      const reported = reports.slice(before);
      // Under the strict policy the anomaly models' tfjs load reports its WebAssembly probe (once per worker); nothing else is allowed.
      const expectedProbe = preset === 'anomalies' && !wasm;
      expect(reported.filter((r) => !(expectedProbe && isLongWasmProbe(r)))).toEqual([]);
      if (expectedProbe) expect(reported.length).toBeGreaterThan(0);
      expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
      expect(problems).toEqual([]);
      // The styles came as an adopted constructable stylesheet: no <style> element needed a nonce.
      expect(await page.evaluate(() => [document.adoptedStyleSheets.length > 0, document.querySelectorAll('style').length, getComputedStyle(document.documentElement).getPropertyValue('--clv-radius').trim()])).toEqual([true, 0, '8px']);
      await page.close();
    });
  }

  it("without constructable stylesheets the widgets fall back to a <style> with the page's nonce (<meta property=\"csp-nonce\">), and nothing is refused", async () => {
    current = STRICT_CSP;
    const before = reports.length;
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems = watchProblems(page);
    await page.addInitScript((nonce) => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      // An older browser: no constructable stylesheets.
      CSSStyleSheet.prototype.replaceSync = () => {
        throw new TypeError('replaceSync is not supported');
      };
      // The host's nonce, the Vite convention; in place before the module scripts run.
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        const meta = document.createElement('meta');
        meta.setAttribute('property', 'csp-nonce');
        meta.setAttribute('nonce', nonce);
        document.head.append(meta);
      });
    }, NONCE);
    await page.goto(`${url}/dashboard/?preset=overview&orders=5000`);
    await page.waitForFunction(() => document.querySelectorAll('clv-dashboard .clv-widget').length >= 5 && !document.querySelector('clv-dashboard [aria-busy="true"]'), undefined, { timeout: 90_000 });
    const styled = await page.evaluate(() => ({
      styles: [...document.querySelectorAll('style[data-clvkit]')].map((s) => (s as HTMLStyleElement).nonce),
      adopted: document.adoptedStyleSheets.length,
      radius: getComputedStyle(document.documentElement).getPropertyValue('--clv-radius').trim(),
    }));
    expect(styled).toEqual({ styles: [NONCE], adopted: 0, radius: '8px' });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(reports.slice(before)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
