// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { Selection } from '@clvkit/core';
import { adoptStyles, mountTopProducts, setStyleNonce, stylesheetText, THEME_TOKENS } from '../src/index.js';
import { resetStyles } from '../src/theme/styles.js';
import { WIDGET_CSS } from '../src/theme/widget-css.js';
import { fakeEngine, interact, settle } from './helpers.js';

afterEach(() => {
  document.body.replaceChildren();
  document.head.querySelectorAll('style[data-clvkit]').forEach((s) => s.remove());
  document.adoptedStyleSheets = [];
  setStyleNonce(undefined);
  resetStyles();
});

describe('theme tokens', () => {
  test('the required tokens exist, and every colour has a dark value', () => {
    const names = THEME_TOKENS.map((t) => t.name);
    for (const name of [
      '--clv-color-accent', '--clv-color-bg', '--clv-color-text', '--clv-color-muted', '--clv-color-grid',
      '--clv-color-positive', '--clv-color-negative', '--clv-font-family', '--clv-font-size', '--clv-radius', '--clv-space',
      ...Array.from({ length: 8 }, (_, i) => `--clv-palette-${i + 1}`),
    ]) {
      expect(names).toContain(name);
    }
    for (const token of THEME_TOKENS.filter((t) => t.name.startsWith('--clv-color') || t.name.startsWith('--clv-palette'))) {
      expect(token.dark, token.name).toBeTruthy();
    }
  });

  test('light defaults on :root, dark on [data-clv-theme="dark"] and .clv-theme-dark, zero specificity', () => {
    const css = stylesheetText();
    expect(css).toContain(':where(:root){--clv-color-bg:#ffffff;');
    expect(css).toContain('@media (prefers-color-scheme: dark){:where(:root){--clv-color-bg:#0f172a;');
    expect(css).toContain(':where([data-clv-theme="light"],.clv-theme-light,clv-dashboard[theme="light"]){--clv-color-bg:#ffffff;');
    expect(css).toContain(':where([data-clv-theme="dark"],.clv-theme-dark,clv-dashboard[theme="dark"]){--clv-color-bg:#0f172a;');
    // The explicit themes come after the media query, so they win over the reader's preference.
    expect(css.indexOf('[data-clv-theme="light"]')).toBeGreaterThan(css.indexOf('prefers-color-scheme'));
  });

  test('widget rules use tokens for every colour, never literal colours', () => {
    // Literal colours (#hex, rgb(), named) may only appear in the token declarations.
    expect(WIDGET_CSS).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    expect(WIDGET_CSS).not.toMatch(/rgba?\(/);
    expect(WIDGET_CSS).not.toMatch(/:\s*(white|black|red|blue|gray|grey)\b/);
  });
});

describe('style injection', () => {
  test('a constructable stylesheet is adopted once by the document', () => {
    adoptStyles(document);
    adoptStyles(document);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(document.querySelector('style')).toBeNull();
  });

  test('a shadow root adopts the sheet, and the document too (for the inherited tokens)', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(root);
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(root.adoptedStyleSheets[0]).toBe(document.adoptedStyleSheets[0]);
  });

  test('without constructable stylesheets: a <style> carrying the nonce', () => {
    const original = CSSStyleSheet.prototype.replaceSync;
    // Simulate an old browser.
    CSSStyleSheet.prototype.replaceSync = () => {
      throw new TypeError('not supported');
    };
    try {
      resetStyles();
      adoptStyles(document, 'abc123');
      const style = document.head.querySelector('style[data-clvkit]')!;
      expect(style.getAttribute('nonce')).toBe('abc123');
      expect(style.textContent).toBe(stylesheetText());
      adoptStyles(document, 'abc123');
      expect(document.head.querySelectorAll('style[data-clvkit]')).toHaveLength(1);

      resetStyles();
      document.head.querySelectorAll('style[data-clvkit]').forEach((s) => s.remove());
      setStyleNonce('global-nonce');
      adoptStyles(document);
      expect(document.head.querySelector('style[data-clvkit]')!.getAttribute('nonce')).toBe('global-nonce');
    } finally {
      CSSStyleSheet.prototype.replaceSync = original;
    }
  });

  test('rendered widgets carry no inline style attributes and set theme with data-clv-theme', async () => {
    const engine = fakeEngine(() => ({ rows: [{ product: 'A', orders: 1, quantity: 1, lineRevenue: 1 }] }));
    const element = document.createElement('div');
    document.body.append(element);
    let handle!: ReturnType<typeof mountTopProducts>;
    await interact(() => {
      handle = mountTopProducts(element, { engine, selection: new Selection(), width: 300, theme: 'dark' });
    });
    await settle();
    expect(element.querySelector('[style]')).toBeNull();
    expect(element.firstElementChild!.getAttribute('data-clv-theme')).toBe('dark');
    await interact(() => handle.update({ theme: 'light' }));
    expect(element.firstElementChild!.getAttribute('data-clv-theme')).toBe('light');
    await interact(() => handle.update({ theme: undefined }));
    expect(element.firstElementChild!.hasAttribute('data-clv-theme')).toBe(false);
    handle.destroy();
  });
});
