/**
 * Once per browser-test run: build the <script> bundle and the examples, and serve them.
 * Test files read the base URL with `inject('demoUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { ensureBrowserBundle, startDemoServer } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBrowserBundle();
  const { server, url } = await startDemoServer();
  project.provide('demoUrl', url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
