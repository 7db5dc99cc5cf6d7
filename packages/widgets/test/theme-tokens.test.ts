import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stylesheetText, THEME_TOKENS } from '../src/index.js';
import { tokensCss } from '../src/theme/tokens.js';

/** The rules after the token declarations: what widgets actually style with. */
const rules = stylesheetText().slice(tokensCss().length);
const defined = new Set<string>(THEME_TOKENS.map((t) => t.name));
/** Custom properties the stylesheet declares itself (per-series colours), not theme tokens. */
const local = new Set([...rules.matchAll(/(--clv-[a-z0-9-]+)\s*:/g)].map((m) => m[1]));

/** Every .ts/.tsx file under `dir`: some tokens are read from code (canvas colours, segment colours). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('token set and stylesheet agree', () => {
  test('every var(--clv-*) the widget rules read is a theme token (or a property the rules declare)', () => {
    // Optional per-item hooks (`--clv-segment-<slug>`, `--clv-score-<n>`) are not tokens: they are
    // unset by default and always read with a fallback that is one (tested below).
    const used = new Set([...rules.matchAll(/var\((--clv-[a-z0-9-]+)/g)].map((m) => m[1]));
    const undefinedTokens = [...used].filter((name) => !defined.has(name) && !local.has(name) && !/^--clv-(segment|score)-/.test(name));
    expect(undefinedTokens).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  test('optional per-item hooks always fall back to theme tokens', () => {
    const hooks = [...rules.matchAll(/var\((--clv-(?:segment|score)-[a-z0-9-]+)([^;]*)/g)];
    expect(hooks.length).toBeGreaterThan(10);
    for (const [, name, rest] of hooks) {
      expect(rest.trimStart().startsWith(','), `${name} has a fallback`).toBe(true);
      const fallbacks = [...rest.matchAll(/var\((--clv-[a-z0-9-]+)/g)].map((m) => m[1]);
      expect(fallbacks.length, name).toBeGreaterThan(0);
      for (const fallback of fallbacks) expect(defined.has(fallback), `${name} falls back to ${fallback}`).toBe(true);
    }
  });

  test('every theme token is used: by the rules, or read by widget code', () => {
    const srcDir = new URL('../src', import.meta.url).pathname;
    const code = sources(srcDir)
      .filter((file) => !file.endsWith(join('theme', 'tokens.ts')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = [...defined].filter((name) => !new RegExp(`${name}(?![a-z0-9-])`).test(code));
    expect(unused).toEqual([]);
  });

  test('token names are unique and follow the naming scheme', () => {
    expect(defined.size).toBe(THEME_TOKENS.length);
    for (const token of THEME_TOKENS) {
      expect(token.name).toMatch(/^--clv-(color|palette|font|radius|space|border|line|grid|dimmed|shadow)(-[a-z0-9]+)*$/);
      expect(token.description.length, token.name).toBeGreaterThan(0);
    }
  });

  test('the rules use no literal colours outside the token declarations', () => {
    expect(rules).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    expect(rules).not.toMatch(/(rgba?|hsla?)\(/);
    expect(rules).not.toMatch(/:\s*(white|black|red|blue|green|gray|grey)\b/);
  });
});

// WCAG 2.x relative luminance and contrast ratio, written from the definition
// (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance), not taken from the tokens module.
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((h) => channel(Number.parseInt(h, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function value(name: string, theme: 'light' | 'dark'): string {
  const token = THEME_TOKENS.find((t) => t.name === name);
  if (!token) throw new Error(`no token ${name}`);
  return theme === 'dark' ? (token.dark ?? token.light) : token.light;
}

describe.each(['light', 'dark'] as const)('WCAG AA contrast, %s theme', (theme) => {
  const backgrounds = ['--clv-color-bg', '--clv-color-surface'];

  test('the contrast formula matches known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  test.each(['--clv-color-text', '--clv-color-muted', '--clv-color-positive', '--clv-color-negative'])('%s text is >= 4.5:1 on the backgrounds', (text) => {
    for (const bg of backgrounds) expect(contrast(value(text, theme), value(bg, theme)), `${text} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  test('text on the accent (selected buttons) and on the soft accent (chips, selected rows) is >= 4.5:1', () => {
    expect(contrast(value('--clv-color-accent-text', theme), value('--clv-color-accent', theme))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(value('--clv-color-text', theme), value('--clv-color-accent-soft', theme))).toBeGreaterThanOrEqual(4.5);
  });

  test('every categorical palette colour, the accent and the focus ring are >= 3:1 (non-text graphics) on the backgrounds', () => {
    const graphics = [...THEME_TOKENS.filter((t) => t.name.startsWith('--clv-palette-')).map((t) => t.name), '--clv-color-accent', '--clv-color-focus'];
    expect(graphics.length).toBeGreaterThanOrEqual(10);
    for (const mark of graphics) for (const bg of backgrounds) expect(contrast(value(mark, theme), value(bg, theme)), `${mark} on ${bg}`).toBeGreaterThanOrEqual(3);
  });
});
