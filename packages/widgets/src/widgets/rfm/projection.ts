/** A point in the 3-D scatter's normalised space, each coordinate in [-1, 1]. */
export type Vec3 = readonly [number, number, number];

/** The camera of the 3-D scatter: rotation about the vertical axis, then tilt, in radians. */
export interface View {
  /** Rotation about the vertical (y) axis; positive turns the +z axis towards +x on screen. */
  readonly yaw: number;
  /** Tilt about the horizontal (x) axis; positive shows the chart more from above. */
  readonly pitch: number;
}

/** A projected point: screen position (px, y down) and depth (larger = nearer the viewer). */
export interface Projected {
  readonly sx: number;
  readonly sy: number;
  readonly depth: number;
}

/** The default view: turned a little and seen slightly from above, so all three axes show. */
export const DEFAULT_VIEW: View = { yaw: (-35 * Math.PI) / 180, pitch: (20 * Math.PI) / 180 };

/** The pitch is kept within straight-down and straight-up views. */
export const MAX_PITCH = Math.PI / 2;

/**
 * Rotates `p` by the view: first yaw about y (x' = x cos(yaw) + z sin(yaw),
 * z' = -x sin(yaw) + z cos(yaw)), then pitch about x (y'' = y cos(pitch) - z' sin(pitch),
 * z'' = y sin(pitch) + z' cos(pitch)).
 */
export function rotate(p: Vec3, view: View): Vec3 {
  const [x, y, z] = p;
  const cy = Math.cos(view.yaw);
  const sy = Math.sin(view.yaw);
  const cp = Math.cos(view.pitch);
  const sp = Math.sin(view.pitch);
  const x1 = x * cy + z * sy;
  const z1 = -x * sy + z * cy;
  return [x1, y * cp - z1 * sp, y * sp + z1 * cp];
}

/**
 * Orthographic projection of `p` onto the screen: rotated by `view`, then
 * sx = cx + scale * x, sy = cy - scale * y (screen y grows downwards), depth = rotated z.
 */
export function project(p: Vec3, view: View, cx: number, cy: number, scale: number): Projected {
  const [x, y, z] = rotate(p, view);
  return { sx: cx + scale * x, sy: cy - scale * y, depth: z };
}

/** A view turned by (dYaw, dPitch), the pitch clamped to ±90°. */
export function turn(view: View, dYaw: number, dPitch: number): View {
  const pitch = Math.min(Math.max(view.pitch + dPitch, -MAX_PITCH), MAX_PITCH);
  let yaw = (view.yaw + dYaw) % (2 * Math.PI);
  if (yaw > Math.PI) yaw -= 2 * Math.PI;
  if (yaw < -Math.PI) yaw += 2 * Math.PI;
  return { yaw, pitch };
}

/** How an axis of the 3-D scatter maps values: linear, or `log` (log1p of the value, for skewed counts and money). */
export type AxisKind = 'linear' | 'log';

/** Maps values of one axis onto [-1, 1]: the extent of `values` (after log1p for `log`). */
export interface AxisNormaliser {
  (value: number): number;
  /** The data extent [lo, hi]. */
  readonly extent: readonly [number, number];
}

/** The normaliser of an axis over `values`; a constant axis maps everything to 0. */
export function normaliser(values: readonly number[], kind: AxisKind = 'linear'): AxisNormaliser {
  const warp = kind === 'log' ? (v: number) => Math.sign(v) * Math.log1p(Math.abs(v)) : (v: number) => v;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi >= lo)) [lo, hi] = [0, 1];
  const a = warp(lo);
  const b = warp(hi);
  const fn = ((v: number) => (b > a ? (2 * (warp(v) - a)) / (b - a) - 1 : 0)) as AxisNormaliser;
  Object.assign(fn, { extent: [lo, hi] as const });
  return fn;
}
