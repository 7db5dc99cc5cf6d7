import { tokensCss } from './tokens.js';
import { CHART_CSS } from './chart-css.js';
import { WIDGET_CSS } from './widget-css.js';
import { RFM_CSS } from '../widgets/rfm/rfm-css.js';
import { CLV_CSS } from '../widgets/clv/clv-css.js';
import { ANOMALY_CSS } from '../widgets/anomaly/anomaly-css.js';
import { SEARCH_CSS } from '../widgets/search/search-css.js';
import { ABTEST_CSS } from '../widgets/abtest/abtest-css.js';

/** Where styles go: the document (light DOM widgets) or a widget's shadow root. */
export type StyleRoot = Document | ShadowRoot;

let globalNonce: string | undefined;
let sheet: CSSStyleSheet | null | undefined;
let styledRoots = new WeakSet<StyleRoot>();

/** The whole stylesheet text: theme tokens, then widget rules, chart widget rules and the model widgets' rules. */
export function stylesheetText(): string {
  return tokensCss() + WIDGET_CSS + CHART_CSS + RFM_CSS + CLV_CSS + ANOMALY_CSS + SEARCH_CSS + ABTEST_CSS;
}

/**
 * Sets the CSP nonce used when styles must fall back to a `<style>` element (browsers without
 * constructable stylesheets). Per-widget `nonce` options take precedence.
 */
export function setStyleNonce(nonce: string | undefined): void {
  globalNonce = nonce;
}

/**
 * Makes the widget styles apply in `root`, once per root. CSP-safe: a constructable
 * stylesheet adopted by the document or shadow root (no markup, no style attribute), else a
 * `<style>` element carrying the nonce. A shadow root also gets the styles in its document,
 * because the theme tokens are declared on `:root` and inherited into the shadow tree.
 */
export function adoptStyles(root: StyleRoot, nonce?: string): void {
  const document = root instanceof ShadowRootCtor() ? root.ownerDocument : (root as Document);
  if (root !== document) adoptStyles(document, nonce);
  if (styledRoots.has(root)) return;
  styledRoots.add(root);
  const constructed = constructedSheet();
  if (constructed && 'adoptedStyleSheets' in root) {
    if (!root.adoptedStyleSheets.includes(constructed)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, constructed];
    return;
  }
  const style = document.createElement('style');
  style.setAttribute('data-clvkit', '');
  const value = nonce ?? globalNonce ?? metaNonce(document);
  if (value) style.setAttribute('nonce', value);
  style.textContent = stylesheetText();
  if (root === document) (document.head ?? document.documentElement).append(style);
  else root.prepend(style);
}

/** One shared `CSSStyleSheet` per realm, or null where constructable stylesheets are missing. */
function constructedSheet(): CSSStyleSheet | null {
  if (sheet !== undefined) return sheet;
  try {
    const created = new CSSStyleSheet();
    created.replaceSync(stylesheetText());
    sheet = created;
  } catch {
    sheet = null;
  }
  return sheet;
}

/** The nonce of `<meta property="csp-nonce" nonce="...">` (the Vite convention), if present. */
function metaNonce(document: Document): string | undefined {
  const meta = document.querySelector('meta[property="csp-nonce"]') as HTMLMetaElement | null;
  return meta?.nonce || meta?.getAttribute('nonce') || meta?.getAttribute('content') || undefined;
}

function ShadowRootCtor(): typeof ShadowRoot {
  // Some test DOMs lack ShadowRoot; an impossible class keeps `instanceof` false there.
  return typeof ShadowRoot === 'function' ? ShadowRoot : (class {} as unknown as typeof ShadowRoot);
}

/** Forgets the shared sheet and which roots were styled (for tests and documents that were reset). */
export function resetStyles(): void {
  sheet = undefined;
  styledRoots = new WeakSet<StyleRoot>();
}
