import { invalid } from './errors.js';

/**
 * Structural limits on the request JSON, checked before anything reads its meaning: nesting
 * depth (on the raw text, before `JSON.parse` builds anything), array lengths, string and key
 * lengths, keys that could reach an object's prototype, and non-finite numbers (`1e999` parses
 * to Infinity).
 */

/** The structural limits. */
export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxArray: number;
  readonly maxString: number;
}

/** Keys never accepted anywhere, whatever the position: they name or reach prototypes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const MAX_KEY = 64;

/** Throws a 400 when the raw JSON text nests deeper than `maxDepth` (strings skipped). */
export function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92) k++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) throw invalid('', `the body nests deeper than ${maxDepth} levels`);
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
}

/** Parses the body text; a 400 when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('', 'the body is not valid JSON');
  }
}

/** Walks a parsed value and throws a 400 at the first thing over the limits. */
export function checkStructure(value: unknown, limits: JsonLimits, path = '', depth = 0): void {
  if (depth > limits.maxDepth) throw invalid(path, `nested deeper than ${limits.maxDepth} levels`);
  if (typeof value === 'string') {
    if (value.length > limits.maxString) throw invalid(path, `string longer than ${limits.maxString} characters`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, 'numbers must be finite');
  } else if (Array.isArray(value)) {
    if (value.length > limits.maxArray) throw invalid(path, `array longer than ${limits.maxArray} items`);
    for (let k = 0; k < value.length; k++) checkStructure(value[k], limits, `${path}[${k}]`, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length > limits.maxArray) throw invalid(path, `object with more than ${limits.maxArray} keys`);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) throw invalid(path, `the key "${key}" is not accepted`);
      if (key.length > MAX_KEY) throw invalid(path, `a key is longer than ${MAX_KEY} characters`);
      checkStructure((value as Record<string, unknown>)[key], limits, path ? `${path}.${key}` : key, depth + 1);
    }
  } else if (typeof value !== 'boolean' && value !== null) {
    throw invalid(path, `unexpected ${typeof value}`);
  }
}
