/**
 * Frame batching shared by every widget on the page: callbacks scheduled before the next
 * animation frame all run in ONE frame callback, in the order they were scheduled. Running them
 * in one task (instead of one requestAnimationFrame callback each, with a microtask checkpoint
 * after every callback) is what lets the engine send the queries of all widgets that a brush
 * changed as one worker message: it flushes its requests in a microtask, after this task.
 */
const pending = new Set<() => void>();
let cancelScheduled: (() => void) | null = null;

function runFrame(): void {
  cancelScheduled = null;
  const callbacks = [...pending];
  pending.clear();
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      // One widget's failure must not starve the others of their frame; report it async.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function requestFrame(): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(runFrame);
    return () => cancelAnimationFrame(id);
  }
  // No frames (a worker, Node): one timer stands in.
  const id = setTimeout(runFrame, 16);
  return () => clearTimeout(id);
}

/**
 * Schedules `callback` for the next animation frame (a timer where there is none) and returns a
 * function that cancels it. Frames batch bursts of selection changes (a brush emits many) into
 * one query per widget, and the queries of all widgets into one task.
 */
export function scheduleFrame(callback: () => void): () => void {
  // A wrapper per call, so scheduling the same function twice gives two independent entries.
  const entry = (): void => callback();
  pending.add(entry);
  cancelScheduled ??= requestFrame();
  return () => {
    pending.delete(entry);
    if (pending.size === 0 && cancelScheduled) {
      cancelScheduled();
      cancelScheduled = null;
    }
  };
}
