/**
 * Frame batching shared by every widget on the page: callbacks scheduled together all run in
 * ONE task, in the order they were scheduled. Running them in one task (instead of one
 * requestAnimationFrame callback each, with a microtask checkpoint after every callback) is
 * what lets the engine send the queries of all widgets that a brush changed as one worker
 * message: it flushes its requests in a microtask, after this task.
 *
 * When. A change after a quiet spell (a click, the end of a brush) runs in a microtask, right
 * after the code that changed the selection, without waiting for the next frame: the queries
 * leave up to a frame (8 ms on average) earlier, and before the clicked widget re-renders its
 * highlight (Preact renders in a later microtask), so the worker computes while the page
 * renders. Changes that keep coming (a drag publishing on every move) run once per animation
 * frame, with the latest state.
 */
const pending = new Set<() => void>();
let cancelScheduled: (() => void) | null = null;
/** When the last batch ran (ms, performance.now). */
let lastRun = -Infinity;
/** A batch within this long of the previous one waits for the next animation frame. */
const FRAME_MS = 16;

function runBatch(): void {
  cancelScheduled = null;
  lastRun = now();
  const callbacks = [...pending];
  pending.clear();
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      // One widget's failure must not starve the others of their turn; report it async.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Runs `runBatch` in a microtask, once the code that scheduled it has finished. */
function soon(): () => void {
  let live = true;
  queueMicrotask(() => {
    if (live) runBatch();
  });
  return () => {
    live = false;
  };
}

function nextFrame(): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(runBatch);
    return () => cancelAnimationFrame(id);
  }
  // No frames (a worker, Node): one timer stands in.
  const id = setTimeout(runBatch, FRAME_MS);
  return () => clearTimeout(id);
}

/**
 * Schedules `callback` with every other widget's (see above: a microtask after a quiet spell,
 * else the next animation frame) and returns a function that cancels it. Bursts of
 * selection changes (a brush emits many) become one query per widget, and the queries of all
 * widgets one task.
 */
export function scheduleFrame(callback: () => void): () => void {
  // A wrapper per call, so scheduling the same function twice gives two independent entries.
  const entry = (): void => callback();
  pending.add(entry);
  cancelScheduled ??= now() - lastRun >= FRAME_MS ? soon() : nextFrame();
  return () => {
    pending.delete(entry);
    if (pending.size === 0 && cancelScheduled) {
      cancelScheduled();
      cancelScheduled = null;
    }
  };
}
