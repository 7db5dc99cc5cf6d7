import { defineConfig } from 'vitest/config';

// Three projects: `unit` (Node and happy-dom, beside each package), `browser` (real headless
// Debian Chromium driven by playwright-core against the demo) and `stress` (minutes-long runs:
// a 1 GB file, a 10,000-change soak; `npm run test:stress`, also run by CI).
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
          name: 'stress',
          include: ['packages/*/test/**/*.stress.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
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
