import { SEGMENT_NAMES, segmentColor, segmentSlug } from './segments.js';

/** Colours of the cluster scores 1 (worst) .. 5 (best) of the cluster histograms. */
export const SCORE_TOKENS: readonly string[] = ['--clv-palette-8', '--clv-palette-2', '--clv-palette-7', '--clv-palette-6', '--clv-palette-3'];

/**
 * Stylesheet of the RFM widgets (segment treemap, scatters, 3-D scatter, cluster histograms,
 * segment movement), to be appended to the widget stylesheet like the chart rules. Tokens
 * only: each segment's colour is `--clv-segment-<slug>` with a palette fallback, set as
 * `--clv-series-color` on `.clv-seg-<slug>`; marks fill with `--clv-series-color`. The colour
 * rules are one class more specific than the `.clv-series-<n>` fallbacks the same marks carry,
 * so they win wherever this sheet is placed.
 */
export const RFM_CSS =
  SEGMENT_NAMES.map((name) => `.clv-root .clv-seg-${segmentSlug(name)}{--clv-series-color:${segmentColor(name)};}`).join('\n') +
  `
.clv-root .clv-seg-none{--clv-series-color:var(--clv-color-muted);}
${SCORE_TOKENS.map((token, i) => `.clv-root .clv-score-${i + 1}{--clv-series-color:var(--clv-score-${i + 1}, var(${token}));}`).join('\n')}
.clv-treemap-tile{cursor:pointer;outline:none;}
.clv-treemap-tile .clv-treemap-fill{fill:var(--clv-series-color);stroke:var(--clv-series-color);}
.clv-treemap-tile:hover .clv-treemap-fill{filter:brightness(1.08);}
.clv-treemap-tile:focus-visible .clv-treemap-fill{stroke:var(--clv-color-focus);stroke-width:3;}
.clv-svg .clv-treemap-tile text{fill:var(--clv-color-text);}
.clv-svg .clv-treemap-tile .clv-treemap-name{font-weight:var(--clv-font-weight-strong);}
.clv-svg .clv-treemap-tile .clv-treemap-value{font-variant-numeric:tabular-nums;}
.clv-scatter-hit{cursor:crosshair;}
.clv-scatter-band rect{fill:var(--clv-color-text);}
.clv-svg .clv-scatter-band-label{fill:var(--clv-color-muted);}
.clv-scatter-line line{stroke:var(--clv-color-muted);}
.clv-scatter-hover{stroke:var(--clv-color-text);}
.clv-svg .clv-axis-title{fill:var(--clv-color-text);}
.clv-dot-canvas canvas{display:block;}
.clv-color-probe{color:var(--clv-series-color);}
.clv-scatter3d-plot{cursor:grab;outline:none;user-select:none;touch-action:none;}
.clv-scatter3d-plot:active{cursor:grabbing;}
.clv-scatter3d-plot:focus-visible .clv-scatter3d-frame{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-scatter3d-axis{stroke:var(--clv-color-muted);}
.clv-svg .clv-scatter3d-axis-label{fill:var(--clv-color-text);}
.clv-cluster-bar .clv-cluster-fill{fill:var(--clv-series-color);}
.clv-cluster-bar{cursor:pointer;outline:none;}
.clv-cluster-bar.clv-inert{cursor:default;}
.clv-cluster-bar:focus-visible .clv-mark-hit{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-movement-dates{display:flex;flex-wrap:wrap;align-items:center;gap:var(--clv-space);margin-bottom:var(--clv-space);font-size:var(--clv-font-size-small);}
.clv-movement-dates label{display:inline-flex;align-items:center;gap:calc(var(--clv-space) * 0.5);color:var(--clv-color-muted);}
.clv-movement-dates input{font:inherit;color:var(--clv-color-text);background:var(--clv-color-surface);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius-small);padding:calc(var(--clv-space) * 0.25) calc(var(--clv-space) * 0.5);}
.clv-movement td.clv-movement-cell{text-align:right;font-variant-numeric:tabular-nums;}
.clv-movement .clv-movement-level-1{background:color-mix(in srgb, var(--clv-color-accent) 12%, transparent);}
.clv-movement .clv-movement-level-2{background:color-mix(in srgb, var(--clv-color-accent) 24%, transparent);}
.clv-movement .clv-movement-level-3{background:color-mix(in srgb, var(--clv-color-accent) 38%, transparent);}
.clv-movement .clv-movement-level-4{background:color-mix(in srgb, var(--clv-color-accent) 55%, transparent);}
.clv-movement .clv-movement-stay{font-weight:var(--clv-font-weight-strong);}
.clv-movement th .clv-swatch{margin-right:calc(var(--clv-space) * 0.5);vertical-align:middle;}
.clv-movement tbody tr{cursor:default;}
.clv-category-legend{margin-top:var(--clv-space);}
clv-segment-treemap,clv-scatter,clv-scatter-3d,clv-cluster-histogram,clv-segment-movement{display:block;min-width:0;}
`;
