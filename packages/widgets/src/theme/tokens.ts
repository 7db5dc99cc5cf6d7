/**
 * The theme: every colour, font, size, radius and spacing the widgets use is one of these CSS
 * custom properties. Hosts white-label by setting them on any ancestor (or `:root`), at run
 * time. `data-clv-theme="dark"` (or the class `clv-theme-dark`) on any ancestor switches to
 * the dark values; `data-clv-theme="light"` / `clv-theme-light` switches back inside it.
 * Without either, the reader's `prefers-color-scheme` picks light or dark.
 */
export interface ThemeToken {
  /** The custom property, e.g. `--clv-color-accent`. */
  readonly name: `--clv-${string}`;
  readonly light: string;
  /** Dark value; omitted for sizes and fonts that do not change. */
  readonly dark?: string;
  readonly description: string;
}

/** Every theme token with its light and dark default. */
export const THEME_TOKENS: readonly ThemeToken[] = [
  { name: '--clv-color-bg', light: '#ffffff', dark: '#0f172a', description: 'page background behind a dashboard' },
  { name: '--clv-color-surface', light: '#ffffff', dark: '#1e293b', description: 'widget card background' },
  { name: '--clv-color-text', light: '#0f172a', dark: '#e2e8f0', description: 'main text' },
  { name: '--clv-color-muted', light: '#526071', dark: '#94a3b8', description: 'secondary text, axis labels' },
  { name: '--clv-color-border', light: '#d9dee5', dark: '#334155', description: 'card and control borders' },
  { name: '--clv-color-grid', light: '#e8ecf1', dark: '#2b3a50', description: 'chart grid lines and bar tracks' },
  { name: '--clv-color-accent', light: '#2563eb', dark: '#60a5fa', description: 'marks, selected state, primary buttons' },
  { name: '--clv-color-accent-text', light: '#ffffff', dark: '#0f172a', description: 'text on the accent colour' },
  { name: '--clv-color-accent-soft', light: '#dbe7fd', dark: '#1e3a5f', description: 'brushed range, selected chip background' },
  { name: '--clv-color-positive', light: '#047857', dark: '#34d399', description: 'increase versus the previous period' },
  { name: '--clv-color-negative', light: '#b91c1c', dark: '#f87171', description: 'decrease versus the previous period, errors' },
  { name: '--clv-color-focus', light: '#b45309', dark: '#fbbf24', description: 'keyboard focus ring' },
  { name: '--clv-color-skeleton', light: '#eef1f5', dark: '#273449', description: 'loading placeholders' },
  { name: '--clv-palette-1', light: '#2563eb', dark: '#60a5fa', description: 'categorical colour 1' },
  { name: '--clv-palette-2', light: '#d97706', dark: '#fbbf24', description: 'categorical colour 2' },
  { name: '--clv-palette-3', light: '#059669', dark: '#34d399', description: 'categorical colour 3' },
  { name: '--clv-palette-4', light: '#db2777', dark: '#f472b6', description: 'categorical colour 4' },
  { name: '--clv-palette-5', light: '#7c3aed', dark: '#a78bfa', description: 'categorical colour 5' },
  { name: '--clv-palette-6', light: '#0891b2', dark: '#22d3ee', description: 'categorical colour 6' },
  { name: '--clv-palette-7', light: '#65a30d', dark: '#a3e635', description: 'categorical colour 7' },
  { name: '--clv-palette-8', light: '#dc2626', dark: '#f87171', description: 'categorical colour 8' },
  { name: '--clv-font-family', light: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', description: 'all text' },
  { name: '--clv-font-size', light: '14px', description: 'body text' },
  { name: '--clv-font-size-small', light: '12px', description: 'axis ticks, captions, chips' },
  { name: '--clv-font-size-large', light: '24px', description: 'KPI values' },
  { name: '--clv-font-weight-strong', light: '600', description: 'headings and values' },
  { name: '--clv-radius', light: '8px', description: 'card corner radius' },
  { name: '--clv-radius-small', light: '4px', description: 'buttons, chips, bars' },
  { name: '--clv-space', light: '8px', description: 'spacing unit (paddings and gaps are multiples)' },
  { name: '--clv-border-width', light: '1px', description: 'card and control borders' },
  { name: '--clv-grid-width', light: '1px', description: 'chart grid line width' },
  { name: '--clv-grid-dasharray', light: 'none', description: 'chart grid line dash pattern, e.g. `2 3` for dotted grids' },
  { name: '--clv-line-width', light: '2px', description: 'time series line' },
  { name: '--clv-dimmed-opacity', light: '0.35', description: 'opacity of marks outside the selection' },
  { name: '--clv-shadow', light: '0 1px 2px rgba(15, 23, 42, 0.06)', dark: 'none', description: 'card shadow' },
];

function declarations(theme: 'light' | 'dark'): string {
  return THEME_TOKENS.filter((t) => theme === 'light' || t.dark !== undefined)
    .map((t) => `${t.name}:${theme === 'light' ? t.light : t.dark};`)
    .join('');
}

/**
 * The token rules. `:where()` keeps their specificity at zero so any host rule that sets a
 * token wins; the theme selectors set all tokens on the themed element, which its
 * descendants (shadow roots included) inherit. Without an explicit theme the page follows
 * the reader's `prefers-color-scheme`; the explicit rules come last so `data-clv-theme` (or
 * the class) beats the media query, also on `<html>` itself. `<clv-dashboard theme="dark">`
 * themes its child widgets through the same rule, without the element's code knowing.
 */
export function tokensCss(): string {
  return (
    `:where(:root){${declarations('light')}color-scheme:light;}` +
    `@media (prefers-color-scheme: dark){:where(:root){${declarations('dark')}color-scheme:dark;}}` +
    `:where([data-clv-theme="light"],.clv-theme-light,clv-dashboard[theme="light"]){${declarations('light')}color-scheme:light;}` +
    `:where([data-clv-theme="dark"],.clv-theme-dark,clv-dashboard[theme="dark"]){${declarations('dark')}color-scheme:dark;}`
  );
}
