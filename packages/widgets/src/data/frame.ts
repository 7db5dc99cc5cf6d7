/**
 * Schedules `callback` for the next animation frame (a timer where there is none, e.g. in a
 * worker or Node) and returns a function that cancels it. Frames batch bursts of selection
 * changes (a brush emits many) into one query per widget.
 */
export function scheduleFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
}
