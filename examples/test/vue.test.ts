/**
 * The Vue 3 host example (examples/vue) in real headless Chromium: render-function custom elements
 * with typed props, engine and selection set as DOM properties, `clv-select` / `clv-error`
 * listeners, `mount()` in onMounted, and an unmount that leaves nothing behind.
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

describe('Vue host (examples/vue)', () => {
  it('renders the elements, links them through the shared selection, and unmounts cleanly', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1200 } });
    const problems = watchProblems(page);
    await page.goto(`${url}/vue/`);
    await checkLinkedHost(page);
    await checkUnmountLeavesNothing(page, () => window.clvVue!.unmount());
    expect(problems).toEqual([]);
    await page.close();
  });
});
