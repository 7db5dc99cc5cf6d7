import { EngineError } from './errors.js';

/** A new worker gets at least this long (ms) to start and send its first message. */
export const STARTUP_GRACE = 10_000;
/**
 * While data is loading the worker may not answer for long (an import of millions of rows runs
 * without yielding to its message loop), so silence is judged by at least this much (ms).
 */
export const LOAD_GRACE = 120_000;

/**
 * Notices a worker that died without an `error` event (browsers kill workers for memory without
 * telling the page). While requests are open, silence longer than `timeout` sends a probe; a
 * probe unanswered for another `timeout` declares the worker dead. Any message from the worker
 * counts as a sign of life, so a busy worker that keeps answering is never declared dead.
 * A worker that has not said anything yet is starting (creating a thread, fetching and
 * evaluating its script): it gets at least `STARTUP_GRACE`; one that is loading data gets at
 * least `LOAD_GRACE`.
 */
export class LivenessGuard {
  readonly #timeout: number;
  readonly #probe: () => Promise<unknown>;
  readonly #onDead: (error: Error) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastHeard = 0;
  #probeSentAt: number | null = null;
  #active = false;
  #starting = false;
  #loading = false;

  /**
   * @param timeout milliseconds of silence before probing (and of probing before giving up)
   * @param probe asks the worker to answer (a cheap call)
   * @param onDead called once when the worker is declared dead
   */
  constructor(timeout: number, probe: () => Promise<unknown>, onDead: (error: Error) => void) {
    this.#timeout = timeout;
    this.#probe = probe;
    this.#onDead = onDead;
  }

  /** Records a message from the worker. */
  heard(): void {
    this.#lastHeard = Date.now();
    this.#probeSentAt = null;
    if (!this.#starting) return;
    // The check was scheduled with the startup grace; from now on the normal limit applies.
    this.#starting = false;
    if (this.#active) this.#arm(this.#limit());
  }

  /** A new worker was started: until it is heard from, silence is judged by the startup grace. */
  starting(): void {
    this.#starting = true;
  }

  /**
   * Watches while `open` (requests are waiting for answers); idles otherwise. `loading`: one of
   * them is a data load, which may keep the worker silent for long.
   */
  watch(open: boolean, loading = false): void {
    const modeChanged = loading !== this.#loading;
    this.#loading = loading;
    if (open === this.#active) {
      // Re-judge the silence so far under the new limit.
      if (open && modeChanged) this.#arm(1);
      return;
    }
    this.#active = open;
    if (open) {
      this.#lastHeard = Date.now();
      this.#probeSentAt = null;
      this.#arm(this.#limit());
    } else {
      this.stop();
    }
  }

  /** Clears the timer; the guard does nothing until `watch(true)`. */
  stop(): void {
    this.#active = false;
    this.#probeSentAt = null;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delay: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#check, Math.max(1, delay));
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    if (!this.#active) return;
    const now = Date.now();
    const limit = this.#limit();
    if (this.#probeSentAt !== null) {
      const waited = now - this.#probeSentAt;
      if (waited < limit) return this.#arm(limit - waited);
      const silent = now - this.#lastHeard;
      this.stop();
      this.#onDead(new EngineError(`The analytics worker stopped responding (no message for ${silent} ms while requests were open)`));
      return;
    }
    const silent = now - this.#lastHeard;
    if (silent < limit) return this.#arm(limit - silent);
    this.#probeSentAt = now;
    this.#probe().then(
      () => this.heard(),
      () => undefined,
    );
    this.#arm(limit);
  };

  #limit(): number {
    if (this.#loading) return Math.max(this.#timeout, LOAD_GRACE);
    return this.#starting ? Math.max(this.#timeout, STARTUP_GRACE) : this.#timeout;
  }
}
