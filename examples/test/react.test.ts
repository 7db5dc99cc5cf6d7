/**
 * The React 19 host example (examples/react) in real headless Chromium: JSX custom elements
 * with typed props, engine and selection set through refs, `clv-select` / `clv-error`
 * listeners, `mount()` from an effect, and an unmount that leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchProblems } from './harness.js';
import { checkLinkedHost, checkUnmountLeavesNothing } from './framework-host.js';

const url = inject('demoUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('React host (examples/react)', () => {
  it('renders the elements, links them through the shared selection, and unmounts cleanly', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1200 } });
    const problems = watchProblems(page);
    await page.goto(`${url}/react/`);
    await checkLinkedHost(page);
    await checkUnmountLeavesNothing(page, () => window.clvReact!.unmount());
    expect(problems).toEqual([]);
    await page.close();
  });
});
