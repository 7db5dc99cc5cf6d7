/**
 * The command-line flags every benchmark part takes, parsed one way so `npm run bench` can pass
 * its own flags through to each part unchanged:
 *
 *   --sizes=100k,1m[,10m]   order counts (k = thousand, m = million); default 100k,1m
 *   --only=a,b              parts to run (the orchestrator only); default all that exist
 *   --seed=N                seed of the sample shop and of the interaction sequence; default 42
 *   --interactions=N        interactions per kind (cross-filter part); default 200
 *
 * `--flag value` works as well as `--flag=value`.
 */

/** Defaults of the shared flags. */
export const DEFAULTS = Object.freeze({ sizes: ['100k', '1m'], seed: 42, interactions: 200 });

/**
 * Parses `argv` (without node and the script) into `{ sizes, only, seed, interactions, rest }`.
 * Unknown flags are kept in `rest` as `name -> value` (a part may define its own).
 * @param {string[]} argv
 */
export function parseArgs(argv) {
  const flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)} (flags look like --sizes=100k,1m)`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(arg.slice(2), argv[++i]);
    else flags.set(arg.slice(2), 'true');
  }
  const take = (name) => {
    const value = flags.get(name);
    flags.delete(name);
    return value;
  };
  const sizesText = take('sizes');
  const sizes = sizesText ? sizesText.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULTS.sizes];
  for (const size of sizes) parseSize(size);
  const onlyText = take('only');
  const only = onlyText ? onlyText.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const seed = integerFlag('seed', take('seed'), DEFAULTS.seed);
  const interactions = integerFlag('interactions', take('interactions'), DEFAULTS.interactions);
  return { sizes, only, seed, interactions, rest: flags };
}

/**
 * Orders of a size label: `100k` -> 100000, `1m` -> 1000000, `2500` -> 2500.
 * @param {string} label
 */
export function parseSize(label) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(label).trim());
  if (!m) throw new Error(`bad size ${JSON.stringify(label)}: use e.g. 100k, 1m, 10m`);
  const n = Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`bad size ${JSON.stringify(label)}: at least 1000 orders`);
  return n;
}

/**
 * The canonical label of an order count (1000000 -> "1m"), used in file names.
 * @param {number} orders
 */
export function sizeLabel(orders) {
  if (orders % 1e6 === 0) return `${orders / 1e6}m`;
  if (orders % 1e3 === 0) return `${orders / 1e3}k`;
  return String(orders);
}

/**
 * The flags back as argv, for passing to a child process.
 * @param {{ sizes: string[], seed: number, interactions: number }} args
 */
export function toArgv({ sizes, seed, interactions }) {
  return [`--sizes=${sizes.join(',')}`, `--seed=${seed}`, `--interactions=${interactions}`];
}

function integerFlag(name, text, fallback) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}
