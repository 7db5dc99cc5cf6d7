import { useLayoutEffect, useRef } from 'preact/hooks';

/** A dot to paint: position in CSS px, a colour class (see `categoryColorScale`), dimmed or not. */
export interface CanvasDot {
  readonly px: number;
  readonly py: number;
  readonly colorClass: string;
  readonly dimmed: boolean;
}

/** The part of a 2-D canvas context the painters use (a fake in tests). */
export type DotContext = Pick<CanvasRenderingContext2D, 'clearRect' | 'beginPath' | 'arc' | 'fill' | 'setTransform'> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  globalAlpha: number;
};

/** Options of `paintDots`. */
export interface PaintOptions {
  readonly width: number;
  readonly height: number;
  /** Device pixels per CSS pixel the bitmap was sized with. */
  readonly ratio: number;
  readonly radius: number;
  /** Colour of each class, as the canvas reads it (see `resolveSeriesColor`). */
  readonly colors: ReadonlyMap<string, string>;
  /** Opacity of dimmed dots (the theme's `--clv-dimmed-opacity`). */
  readonly dimmedOpacity: number;
}

/**
 * Paints `dots` on a canvas context: clears it, then dims first and highlighted dots last, so
 * a selected segment is drawn on top of the rest. Dots keep their order within each pass.
 */
export function paintDots(context: DotContext, dots: readonly CanvasDot[], options: PaintOptions): void {
  context.setTransform(options.ratio, 0, 0, options.ratio, 0, 0);
  context.clearRect(0, 0, options.width, options.height);
  for (const pass of [true, false]) {
    context.globalAlpha = pass ? options.dimmedOpacity * 0.6 : 0.8;
    let color = '';
    for (const dot of dots) {
      if (dot.dimmed !== pass) continue;
      const next = options.colors.get(dot.colorClass) ?? '';
      if (next !== color) {
        color = next;
        if (color) context.fillStyle = color;
      }
      context.beginPath();
      context.arc(dot.px, dot.py, options.radius, 0, Math.PI * 2);
      context.fill();
    }
  }
  context.globalAlpha = 1;
}

/**
 * The colour a colour class gives marks (`--clv-series-color` of an element carrying it), as a
 * canvas can use it: custom properties are computed with their `var()` references resolved, so
 * host overrides and the dark theme apply. Falls back to the element's text colour, then to
 * `fallback`, where the environment does not resolve them (test DOMs).
 */
export function resolveSeriesColor(element: Element | null, fallback = 'gray'): string {
  if (!element || typeof getComputedStyle !== 'function') return fallback;
  const style = getComputedStyle(element);
  const series = style.getPropertyValue('--clv-series-color').trim();
  // A plain colour as is; a computed one (color-mix) through the probe's resolved `color`.
  if (/^(#[0-9a-f]{3,8}|rgba?\(|hsla?\(|[a-z]+$)/i.test(series)) return series;
  const color = style.color?.trim();
  return color && !color.includes('var(') ? color : series && !series.includes('var(') ? series : fallback;
}

/** The theme's opacity of dimmed marks, read from `element` (0.35 when unknown). */
export function dimmedOpacity(element: Element | null): number {
  if (!element || typeof getComputedStyle !== 'function') return 0.35;
  const value = Number.parseFloat(getComputedStyle(element).getPropertyValue('--clv-dimmed-opacity'));
  return Number.isFinite(value) ? value : 0.35;
}

/** Props of `DotCanvas`. */
export interface DotCanvasProps {
  /** Where the canvas sits in the enclosing SVG. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Dots in the canvas' coordinates (0,0 = its top-left corner). */
  readonly dots: readonly CanvasDot[];
  readonly radius: number;
  /** The colour classes to resolve (one hidden probe each). */
  readonly classes: readonly string[];
  /** Called with the context after each paint (3-D axes are drawn over the dots). */
  readonly after?: (context: CanvasRenderingContext2D, colorOf: (colorClass: string) => string) => void;
}

/**
 * A canvas inside an SVG chart (a `foreignObject`), sized for the device pixel ratio by an SVG
 * transform rather than a style attribute, painting `dots` after every render. Hidden from
 * assistive technology: the chart describes itself through its SVG label and legend.
 */
export function DotCanvas({ x, y, width, height, dots, radius, classes, after }: DotCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const probes = useRef<HTMLSpanElement>(null);
  const ratio = typeof window !== 'undefined' ? Math.min(Math.max(window.devicePixelRatio || 1, 1), 2) : 1;
  useLayoutEffect(() => {
    const element = canvas.current;
    const context = element && typeof element.getContext === 'function' ? element.getContext('2d') : null;
    if (!context) return;
    const colors = new Map<string, string>();
    const spans = probes.current?.children ?? [];
    classes.forEach((c, i) => colors.set(c, resolveSeriesColor(spans[i] ?? null)));
    paintDots(context, dots, { width, height, ratio, radius, colors, dimmedOpacity: dimmedOpacity(element) });
    after?.(context, (c) => colors.get(c) ?? resolveSeriesColor(element));
  });
  // The bitmap has `ratio` device pixels per CSS pixel; the SVG transform shrinks it back.
  return (
    <foreignObject
      class="clv-dot-canvas"
      width={Math.round(width * ratio)}
      height={Math.round(height * ratio)}
      transform={`translate(${x},${y}) scale(${1 / ratio})`}
      aria-hidden="true"
      pointer-events="none"
    >
      <div>
        <span ref={probes} hidden>
          {classes.map((c) => (
            <span key={c} class={`clv-color-probe ${c}`} />
          ))}
        </span>
        <canvas ref={canvas} width={Math.round(width * ratio)} height={Math.round(height * ratio)} data-ratio={String(ratio)} />
      </div>
    </foreignObject>
  );
}
