/** A point's position on screen (px). */
export interface ScreenPoint {
  readonly px: number;
  readonly py: number;
}

/** Finds the drawn point under the pointer. */
export interface HitIndex {
  /** The index (into the indexed array) of the point nearest (x, y) within `maxDistance` px, or -1. */
  nearest(x: number, y: number, maxDistance: number): number;
}

/**
 * A uniform grid over the points' screen positions, `cell` px wide, so hover and click on a
 * canvas with tens of thousands of points look at the few cells around the pointer only.
 * Ties go to the point drawn last (the one on top).
 */
export function createHitIndex(points: readonly ScreenPoint[], cell = 16): HitIndex {
  const size = Math.max(cell, 1);
  const grid = new Map<string, number[]>();
  points.forEach((p, i) => {
    if (!Number.isFinite(p.px) || !Number.isFinite(p.py)) return;
    const key = `${Math.floor(p.px / size)},${Math.floor(p.py / size)}`;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });
  return {
    nearest(x, y, maxDistance) {
      const reach = Math.ceil(maxDistance / size);
      const cx = Math.floor(x / size);
      const cy = Math.floor(y / size);
      let best = -1;
      let bestDistance = maxDistance * maxDistance;
      for (let gx = cx - reach; gx <= cx + reach; gx++) {
        for (let gy = cy - reach; gy <= cy + reach; gy++) {
          const list = grid.get(`${gx},${gy}`);
          if (!list) continue;
          for (const i of list) {
            const dx = points[i].px - x;
            const dy = points[i].py - y;
            const d = dx * dx + dy * dy;
            if (d < bestDistance || (d === bestDistance && i > best)) {
              best = i;
              bestDistance = d;
            }
          }
        }
      }
      return best;
    },
  };
}
