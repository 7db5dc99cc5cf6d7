/**
 * The widgets' stylesheet. Every colour, font, size, radius and spacing comes from a theme
 * token (see tokens.ts); selectors are all prefixed `clv-` and wrapped in `:where()` where
 * that helps hosts override them with a single class.
 */
export const WIDGET_CSS = `
.clv-root{font-family:var(--clv-font-family);font-size:var(--clv-font-size);color:var(--clv-color-text);line-height:1.4;box-sizing:border-box;}
.clv-root *,.clv-root *::before,.clv-root *::after{box-sizing:inherit;}
.clv-widget{background:var(--clv-color-surface);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius);box-shadow:var(--clv-shadow);padding:calc(var(--clv-space) * 2);min-width:0;}
.clv-header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:var(--clv-space);margin-bottom:calc(var(--clv-space) * 1.5);}
.clv-title{margin:0;font-size:var(--clv-font-size);font-weight:var(--clv-font-weight-strong);}
.clv-controls{display:flex;flex-wrap:wrap;align-items:center;gap:var(--clv-space);}
.clv-body{position:relative;min-height:calc(var(--clv-space) * 6);}
.clv-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;}
.clv-root button,.clv-root select{font:inherit;font-size:var(--clv-font-size-small);color:var(--clv-color-text);background:var(--clv-color-surface);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius-small);padding:calc(var(--clv-space) * 0.5) var(--clv-space);cursor:pointer;}
.clv-root button:hover{border-color:var(--clv-color-accent);}
.clv-root :focus-visible{outline:2px solid var(--clv-color-focus);outline-offset:2px;}
.clv-root button[aria-pressed="true"]{background:var(--clv-color-accent);border-color:var(--clv-color-accent);color:var(--clv-color-accent-text);}
.clv-segmented{display:inline-flex;}
.clv-segmented button{border-radius:0;margin-left:calc(var(--clv-border-width) * -1);}
.clv-segmented button:first-child{border-radius:var(--clv-radius-small) 0 0 var(--clv-radius-small);margin-left:0;}
.clv-segmented button:last-child{border-radius:0 var(--clv-radius-small) var(--clv-radius-small) 0;}
.clv-reloading .clv-content{opacity:0.6;transition:opacity 0.2s;}
.clv-empty,.clv-error{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:var(--clv-space);min-height:calc(var(--clv-space) * 12);padding:calc(var(--clv-space) * 2);text-align:center;color:var(--clv-color-muted);}
.clv-error{color:var(--clv-color-negative);}
.clv-empty-title,.clv-error-title{margin:0;font-weight:var(--clv-font-weight-strong);}
.clv-empty-detail,.clv-error-detail{margin:0;font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-skeleton{background:var(--clv-color-skeleton);border-radius:var(--clv-radius-small);animation:clv-pulse 1.4s ease-in-out infinite;}
.clv-progress{display:flex;align-items:center;gap:var(--clv-space);font-size:var(--clv-font-size-small);color:var(--clv-color-muted);margin-bottom:var(--clv-space);}.clv-progress progress{flex:1;accent-color:var(--clv-color-accent);}
.clv-skeleton-chart{height:calc(var(--clv-space) * 24);}
.clv-skeleton-line{height:calc(var(--clv-space) * 2);margin:var(--clv-space) 0;}
@keyframes clv-pulse{0%,100%{opacity:1}50%{opacity:0.55}}
@media (prefers-reduced-motion: reduce){.clv-skeleton{animation:none;}.clv-reloading .clv-content{transition:none;}}
.clv-kpi-list{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:calc(var(--clv-space) * 1.5);margin:0;padding:0;list-style:none;}
.clv-kpi{display:flex;flex-direction:column;gap:calc(var(--clv-space) * 0.5);padding:calc(var(--clv-space) * 1.5);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius);background:var(--clv-color-surface);min-width:0;}
.clv-kpi-label{font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-kpi-value{font-size:var(--clv-font-size-large);font-weight:var(--clv-font-weight-strong);font-variant-numeric:tabular-nums;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;}
.clv-kpi-change{font-size:var(--clv-font-size-small);font-variant-numeric:tabular-nums;color:var(--clv-color-muted);}
.clv-kpi-change[data-direction="up"]{color:var(--clv-color-positive);}
.clv-kpi-change[data-direction="down"]{color:var(--clv-color-negative);}
.clv-kpi .clv-skeleton-line:first-child{width:50%;}
.clv-period{margin:0 0 var(--clv-space);font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-chart{position:relative;width:100%;}
.clv-svg{display:block;overflow:visible;font-family:var(--clv-font-family);}
.clv-svg text{fill:var(--clv-color-muted);font-size:var(--clv-font-size-small);}
.clv-svg:focus{outline:none;}
.clv-svg:focus-visible{outline:2px solid var(--clv-color-focus);outline-offset:2px;}
.clv-grid line{stroke:var(--clv-color-grid);stroke-opacity:1;stroke-width:var(--clv-grid-width);stroke-dasharray:var(--clv-grid-dasharray);}
.clv-axis line,.clv-axis path{stroke:var(--clv-color-border);stroke-opacity:1;}
.clv-axis text{font-variant-numeric:tabular-nums;}
.clv-area{fill:var(--clv-color-accent);fill-opacity:0.12;stroke:none;}
.clv-line{fill:none;stroke:var(--clv-color-accent);stroke-width:var(--clv-line-width);stroke-linejoin:round;stroke-linecap:round;}
.clv-dot{fill:var(--clv-color-accent);}
.clv-selected-range{fill:var(--clv-color-accent-soft);fill-opacity:1;}
.clv-keyboard-range{fill:none;stroke:var(--clv-color-focus);stroke-width:2;stroke-dasharray:4 3;}
.clv-brush .selection{fill:var(--clv-color-accent);fill-opacity:0;stroke:var(--clv-color-accent);stroke-opacity:0.7;}
.clv-brush .overlay{cursor:crosshair;}
.clv-selection-bar{display:flex;flex-wrap:wrap;align-items:center;gap:var(--clv-space);margin-top:var(--clv-space);font-size:var(--clv-font-size-small);color:var(--clv-color-muted);min-height:calc(var(--clv-space) * 3.5);}
.clv-bar{cursor:pointer;outline:none;}
.clv-bar-track{fill:var(--clv-color-grid);fill-opacity:0.5;}
.clv-bar-fill{fill:var(--clv-color-accent);fill-opacity:1;}
.clv-bar-hit{fill:transparent;}
.clv-bar .clv-bar-label{fill:var(--clv-color-text);}
.clv-bar .clv-bar-value{fill:var(--clv-color-muted);font-variant-numeric:tabular-nums;}
.clv-bar:hover .clv-bar-fill{filter:brightness(1.1);}
.clv-bar:focus-visible .clv-bar-hit{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-bar[aria-pressed="true"] .clv-bar-label{font-weight:var(--clv-font-weight-strong);}
.clv-dimmed{opacity:var(--clv-dimmed-opacity);}
.clv-chips{display:flex;flex-wrap:wrap;gap:var(--clv-space);margin:0;padding:0;list-style:none;}
.clv-root .clv-chip{border-radius:999px;padding:calc(var(--clv-space) * 0.5) calc(var(--clv-space) * 1.5);}
.clv-chip-count{margin-left:calc(var(--clv-space) * 0.5);opacity:0.75;font-variant-numeric:tabular-nums;}
.clv-root .clv-chip[aria-pressed="true"]{background:var(--clv-color-accent-soft);color:var(--clv-color-text);border-color:var(--clv-color-accent);}
.clv-filter-bar{display:flex;flex-wrap:wrap;align-items:center;gap:var(--clv-space);min-height:calc(var(--clv-space) * 4);}
.clv-filter-chip{display:inline-flex;align-items:center;gap:calc(var(--clv-space) * 0.5);padding:calc(var(--clv-space) * 0.25) calc(var(--clv-space) * 0.25) calc(var(--clv-space) * 0.25) var(--clv-space);border:var(--clv-border-width) solid var(--clv-color-accent);border-radius:999px;background:var(--clv-color-accent-soft);font-size:var(--clv-font-size-small);}
.clv-root .clv-filter-chip button{border:none;background:transparent;padding:0 calc(var(--clv-space) * 0.5);border-radius:999px;}
.clv-filter-none{color:var(--clv-color-muted);font-size:var(--clv-font-size-small);}
.clv-dashboard{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:calc(var(--clv-space) * 2);padding:calc(var(--clv-space) * 2);background:var(--clv-color-bg);color:var(--clv-color-text);}
.clv-dashboard>.clv-wide{grid-column:1 / -1;}
@media (max-width: 720px){.clv-dashboard{grid-template-columns:minmax(0,1fr);}}
.clv-select{min-width:10rem;}
clv-kpi-cards,clv-time-series,clv-top-products,clv-top-categories,clv-dimension-picker,clv-filter-chips{display:block;min-width:0;}
clv-dashboard{display:block;}
:host{display:block;min-width:0;}
`;
