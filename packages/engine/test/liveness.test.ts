import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivenessGuard, LOAD_GRACE, STARTUP_GRACE } from '../src/liveness.js';

describe('LivenessGuard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function guard(timeout = 1000) {
    const probes: { resolve: () => void }[] = [];
    const deaths: Error[] = [];
    const probe = vi.fn(() => new Promise<void>((resolve) => probes.push({ resolve })));
    const live = new LivenessGuard(timeout, probe, (error) => deaths.push(error));
    return { live, probe, probes, deaths };
  }

  it('does nothing while no request is open', async () => {
    const { live, probe, deaths } = guard();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).not.toHaveBeenCalled();
    expect(deaths).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    live.watch(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('probes after `timeout` of silence and declares death after another `timeout` without answer', async () => {
    const { live, probe, deaths } = guard(1000);
    live.watch(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(deaths).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(deaths).toHaveLength(1);
    expect(deaths[0].message).toBe('The analytics worker stopped responding (no message for 2000 ms while requests were open)');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an answered probe or any message keeps the worker alive', async () => {
    const { live, probe, probes, deaths } = guard(1000);
    live.watch(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(probe).toHaveBeenCalledTimes(1);
    probes[0].resolve();
    await vi.advanceTimersByTimeAsync(1500);
    expect(deaths).toEqual([]);
    live.heard(); // a message at t = 2500
    await vi.advanceTimersByTimeAsync(999);
    expect(probe).toHaveBeenCalledTimes(2); // the silence since the probe answer (t = 1000) reached 1000 at t = 2000
    expect(deaths).toEqual([]);
  });

  it('stops when the requests are answered, and leaves no timer', async () => {
    const { live, probe } = guard(1000);
    live.watch(true);
    expect(vi.getTimerCount()).toBe(1);
    live.watch(false);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe).not.toHaveBeenCalled();
  });

  it('gives a starting worker the startup grace', async () => {
    const { live, probe, deaths } = guard(100);
    live.starting();
    live.watch(true);
    await vi.advanceTimersByTimeAsync(STARTUP_GRACE - 1);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(STARTUP_GRACE);
    expect(deaths).toHaveLength(1);
  });

  it('once a starting worker is heard from, the normal timeout applies again', async () => {
    const { live, probe, deaths } = guard(100);
    live.starting();
    live.watch(true);
    await vi.advanceTimersByTimeAsync(50);
    live.heard(); // started at t = 50
    await vi.advanceTimersByTimeAsync(100);
    expect(probe).toHaveBeenCalledTimes(1); // t = 150: 100 ms of silence
    await vi.advanceTimersByTimeAsync(100);
    expect(deaths).toHaveLength(1); // t = 250, not after the 10 s grace
  });

  it('while data loads, silence is judged by the load grace; afterwards by the timeout again', async () => {
    const { live, probe, deaths } = guard(1000);
    live.watch(true, true);
    await vi.advanceTimersByTimeAsync(LOAD_GRACE - 1);
    expect(probe).not.toHaveBeenCalled();
    live.heard(); // the load's answer
    live.watch(true, false); // a query is still open
    await vi.advanceTimersByTimeAsync(999);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(deaths).toHaveLength(1);
  });
});
