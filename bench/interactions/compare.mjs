/**
 * The correctness spot check: the rows a peer library returned for the checked interactions
 * against clvkit's, widget by widget. Numbers agree when they differ by at most 1e-6 absolute
 * or 1e-9 relative (sums of money in another order, and crossfilter's add-then-subtract
 * reductions, round differently); keys and row order must be equal.
 */

const ABS = 1e-6;
const REL = 1e-9;

/**
 * Compares two `checks` objects (kind -> interaction index -> widget -> rows).
 * @returns {{ compared: number, mismatches: number, details: string[] }} compared = widget results compared.
 */
export function compareChecks(reference, other) {
  let compared = 0;
  const details = [];
  for (const [kind, byIndex] of Object.entries(reference)) {
    for (const [index, byWidget] of Object.entries(byIndex)) {
      for (const [widget, rows] of Object.entries(byWidget)) {
        const theirs = other?.[kind]?.[index]?.[widget];
        if (theirs === undefined) continue;
        compared++;
        const problem = diffRows(normalize(widget, rows), normalize(widget, theirs));
        if (problem) details.push(`${kind} #${index} ${widget}: ${problem}`);
      }
    }
  }
  return { compared, mismatches: details.length, details };
}

/** Rows in a comparable order (the dimension bars have no defined order). */
function normalize(widget, rows) {
  if (widget !== 'dimension') return rows;
  return [...rows].sort((a, b) => String(a.dimension).localeCompare(String(b.dimension)));
}

function diffRows(a, b) {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const keys = new Set([...Object.keys(a[i]), ...Object.keys(b[i])]);
    for (const key of keys) {
      if (!sameValue(a[i][key], b[i][key])) return `row ${i} ${key}: ${JSON.stringify(a[i][key])} vs ${JSON.stringify(b[i][key])} (${JSON.stringify(a[i])})`;
    }
  }
  return null;
}

function sameValue(x, y) {
  if (typeof x === 'bigint') x = Number(x);
  if (typeof y === 'bigint') y = Number(y);
  if (typeof x === 'number' && typeof y === 'number') {
    if (x === y) return true;
    const d = Math.abs(x - y);
    return d <= ABS || d <= REL * Math.max(Math.abs(x), Math.abs(y));
  }
  return x === y;
}
