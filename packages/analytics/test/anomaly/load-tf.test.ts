import { afterEach, describe, expect, it } from 'vitest';
import { loadTf, setTfLoader } from '../../src/models/tf/index.js';
import type { TfModules } from '../../src/models/tf/index.js';

afterEach(() => setTfLoader(null));

describe('loadTf', () => {
  it('loads tfjs lazily with the cpu backend selected and caches it', { timeout: 30_000 }, async () => {
    const first = await loadTf();
    expect(first.tf.getBackend()).toBe('cpu');
    expect(typeof first.layers.sequential).toBe('function');
    // 1 + 2 = 3 on the loaded backend
    expect(first.tf.add(first.tf.scalar(1), first.tf.scalar(2)).dataSync()[0]).toBe(3);
    expect(await loadTf()).toBe(first);
  });

  it('uses a loader supplied with setTfLoader, and retries after a failed load', async () => {
    const real = await loadTf();
    let calls = 0;
    setTfLoader(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return { tf: real.tf, layers: real.layers } satisfies TfModules;
    });
    await expect(loadTf()).rejects.toThrow('offline');
    const second = await loadTf();
    expect(calls).toBe(2);
    expect(second.tf).toBe(real.tf);
    expect(await loadTf()).toBe(second);
  });
});
