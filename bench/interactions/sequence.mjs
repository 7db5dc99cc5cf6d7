/**
 * The seeded sequence of interactions every library replays. Three kinds, each replayed from
 * an empty selection:
 *
 * - `brush`: the time-series brush jumps to a random range `[lo, hi)`, lo and hi uniformly
 *   random day starts of the data (not small moves: every brush is a new, unrelated range);
 * - `click`: a click on a random bar of a random clickable widget (a product, a category, a
 *   channel, a status slice, an order-value bin); clicking the selected bar again clears it
 *   (30 % of the clicks on a widget that has a selection);
 * - `mixed`: brushes and clicks in random order (half each; 10 % of the brushes clear it).
 *
 * The same seed and domain give the same sequence in every process (a small sfc32 generator,
 * never Math.random).
 */

/** Interaction kinds, in the order they run and are reported. */
export const KINDS = ['brush', 'click', 'mixed'];

/** Widgets a click can land on. */
const CLICKABLE = ['products', 'categories', 'dimension', 'status', 'histogram'];

/**
 * The domain the clicks and brushes draw from, read off the data.
 * @typedef {{ days: number[], products: string[], categories: string[], dimensions: string[], statuses: string[], bins: number[] }} Domain
 * `days`: the start of every day of the data plus the end of the last day (epoch ms, ascending);
 * `bins`: lower edges of the order-value bins that hold orders.
 */

/**
 * `count` interactions of each kind: `{ brush: Step[], click: Step[], mixed: Step[] }`, a step
 * being `{ widget, value }` (value null clears the widget's selection).
 * @param {Domain} domain
 * @param {number} count
 * @param {number} seed
 */
export function interactionSequence(domain, count, seed) {
  const out = {};
  KINDS.forEach((kind, k) => {
    const random = sfc32(seed, 0x9e3779b9 + k);
    const selected = new Map();
    const steps = [];
    for (let i = 0; i < count; i++) {
      const brush = kind === 'brush' || (kind === 'mixed' && random() < 0.5);
      const step = brush ? brushStep(domain, random, kind === 'mixed' && selected.has('time') && random() < 0.1) : clickStep(domain, random, selected);
      if (step.value === null) selected.delete(step.widget);
      else selected.set(step.widget, step.value);
      steps.push(step);
    }
    out[kind] = steps;
  });
  return out;
}

/**
 * Indices of the interactions whose results are compared between the libraries (the
 * correctness spot check): `perKind` evenly spread ones of each kind.
 */
export function checkedIndices(count, perKind = 5) {
  const out = [];
  for (let j = 0; j < perKind && j < count; j++) out.push(Math.floor(((j + 0.5) * count) / perKind));
  return out;
}

function brushStep(domain, random, clear) {
  if (clear) return { widget: 'time', value: null };
  const n = domain.days.length;
  let a = Math.floor(random() * n);
  let b = Math.floor(random() * n);
  while (b === a) b = Math.floor(random() * n);
  if (a > b) [a, b] = [b, a];
  return { widget: 'time', value: [domain.days[a], domain.days[b]] };
}

function clickStep(domain, random, selected) {
  const widget = CLICKABLE[Math.floor(random() * CLICKABLE.length)];
  if (selected.has(widget) && random() < 0.3) return { widget, value: null };
  const choices = { products: domain.products, categories: domain.categories, dimension: domain.dimensions, status: domain.statuses, histogram: domain.bins }[widget];
  const value = choices[Math.floor(random() * choices.length)];
  // Clicking the selected bar again toggles it off.
  return { widget, value: selected.get(widget) === value ? null : value };
}

/** sfc32 (Chris Doty-Humphrey's small fast counter), seeded from two integers. */
function sfc32(seed, salt) {
  let a = salt >>> 0;
  let b = seed >>> 0;
  let c = (seed / 2 ** 32) >>> 0;
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}
