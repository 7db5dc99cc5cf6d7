import { defineConfig } from 'vitest/config';

// Two projects: `unit` (Node and happy-dom, beside each package) and `browser`
// (real headless Debian Chromium driven by playwright-core against the demo).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.{ts,tsx}', 'stories/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['examples/test/**/*.test.ts'],
          globalSetup: ['examples/test/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
