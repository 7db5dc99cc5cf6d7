/**
 * The framework host examples in real headless Chromium: React 19 (examples/react: JSX custom
 * elements with typed props, engine and selection set through refs, `mount()` from an effect)
 * and Vue 3 (examples/vue: render functions, engine and selection as DOM properties, `mount()`
 * in onMounted). Each: `clv-select` / `clv-error` listeners, the shared selection linking the
 * widgets and the host's state, and an unmount that leaves nothing behind.
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

describe('framework hosts', () => {
  const hosts = [
    ['React', 'react', () => window.clvReact!.unmount()],
    ['Vue', 'vue', () => window.clvVue!.unmount()],
  ] as const;
  for (const [name, path, unmount] of hosts) {
    it(`${name} (examples/${path}): renders the elements, links them through the shared selection, and unmounts cleanly`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1200 } });
      const problems = watchProblems(page);
      await page.goto(`${url}/${path}/`);
      await checkLinkedHost(page);
      await checkUnmountLeavesNothing(page, unmount);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
