/**
 * Stylesheet of the chart widgets (funnel, cohort heatmap, histogram, donut, line chart,
 * journey, data table, pairs table), appended to the widget stylesheet. Like widget-css.ts:
 * every colour, font, size and spacing is a theme token; no literal colours.
 */
export const CHART_CSS = `
.clv-series-1{--clv-series-color:var(--clv-palette-1);}
.clv-series-2{--clv-series-color:var(--clv-palette-2);}
.clv-series-3{--clv-series-color:var(--clv-palette-3);}
.clv-series-4{--clv-series-color:var(--clv-palette-4);}
.clv-series-5{--clv-series-color:var(--clv-palette-5);}
.clv-series-6{--clv-series-color:var(--clv-palette-6);}
.clv-series-7{--clv-series-color:var(--clv-palette-7);}
.clv-series-8{--clv-series-color:var(--clv-palette-8);}
.clv-mark-hit{fill:transparent;}
.clv-funnel-step,.clv-heat-cell,.clv-bin,.clv-journey-point{cursor:pointer;outline:none;}
.clv-inert{cursor:default;}
.clv-funnel-step:focus-visible .clv-mark-hit,.clv-bin:focus-visible .clv-mark-hit,.clv-journey-point:focus-visible .clv-mark-hit{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-funnel-step:hover .clv-bar-fill,.clv-bin:hover .clv-bar-fill{filter:brightness(1.1);}
.clv-svg .clv-funnel-label{fill:var(--clv-color-text);}
.clv-funnel-value,.clv-funnel-overall,.clv-funnel-conversion{font-variant-numeric:tabular-nums;}
.clv-funnel-step[aria-pressed="true"] .clv-funnel-label{font-weight:var(--clv-font-weight-strong);}
.clv-funnel-trend{margin-top:var(--clv-space);}
.clv-heat-cell .clv-heat-fill{fill:var(--clv-color-accent);}
.clv-heat-cell .clv-heat-empty{fill:var(--clv-color-grid);fill-opacity:0.4;}
.clv-svg .clv-heat-cell text{fill:var(--clv-color-text);font-variant-numeric:tabular-nums;}
.clv-svg .clv-heat-cell.clv-heat-strong text{fill:var(--clv-color-accent-text);}
.clv-heat-cell .clv-heat-outline{fill:none;stroke:none;}
.clv-heat-cell:focus-visible .clv-heat-outline,.clv-heat-cell[aria-pressed="true"] .clv-heat-outline{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-svg .clv-heat-row-label{fill:var(--clv-color-text);}
.clv-bin .clv-bar-fill{fill:var(--clv-color-accent);}
.clv-donut-slice path{fill:var(--clv-series-color);stroke:var(--clv-color-surface);stroke-width:1;cursor:pointer;}
.clv-donut-slice.clv-selected path{stroke:var(--clv-color-text);stroke-width:2;}
.clv-svg .clv-donut-total{fill:var(--clv-color-text);font-size:var(--clv-font-size-large);font-weight:var(--clv-font-weight-strong);}
.clv-donut-layout{display:flex;flex-wrap:wrap;align-items:center;gap:calc(var(--clv-space) * 2);}
.clv-legend{display:flex;flex-direction:column;gap:calc(var(--clv-space) * 0.5);margin:0;padding:0;list-style:none;min-width:0;}
.clv-legend-row{flex-direction:row;flex-wrap:wrap;gap:var(--clv-space);margin-top:var(--clv-space);}
.clv-legend li{display:flex;align-items:center;gap:calc(var(--clv-space) * 0.5);}
.clv-root .clv-legend button{display:inline-flex;align-items:center;gap:calc(var(--clv-space) * 0.75);text-align:left;}
.clv-root .clv-legend button[aria-pressed="true"]{background:var(--clv-color-accent-soft);color:var(--clv-color-text);border-color:var(--clv-color-accent);}
.clv-root .clv-legend .clv-legend-toggle[aria-pressed="true"]{background:var(--clv-color-surface);border-color:var(--clv-color-border);}
.clv-root .clv-legend .clv-legend-toggle[aria-pressed="false"]{opacity:var(--clv-dimmed-opacity);}
.clv-swatch{display:inline-block;flex:none;}
.clv-swatch rect,.clv-swatch line{fill:var(--clv-series-color);stroke:var(--clv-series-color);}
.clv-legend-share{color:var(--clv-color-muted);font-variant-numeric:tabular-nums;}
.clv-series-line{fill:none;stroke:var(--clv-series-color);stroke-width:var(--clv-line-width);stroke-linejoin:round;stroke-linecap:round;}
.clv-series-bar{fill:var(--clv-series-color);}
.clv-series-dot{fill:var(--clv-series-color);}
.clv-cursor-line{stroke:var(--clv-color-muted);stroke-width:1;stroke-dasharray:3 3;}
.clv-zero-line{stroke:var(--clv-color-muted);stroke-width:1;}
.clv-tooltip-box{fill:var(--clv-color-text);fill-opacity:0.92;}
.clv-svg .clv-tooltip text{fill:var(--clv-color-surface);}
.clv-svg .clv-tooltip .clv-tooltip-title{font-weight:var(--clv-font-weight-strong);}
.clv-journey-path{fill:none;stroke:var(--clv-color-accent);stroke-width:var(--clv-line-width);}
.clv-journey-point circle{fill:var(--clv-color-accent);stroke:var(--clv-color-surface);stroke-width:2;}
.clv-journey-point[aria-pressed="true"] circle{stroke:var(--clv-color-focus);stroke-width:3;}
.clv-svg .clv-journey-value{fill:var(--clv-color-text);font-variant-numeric:tabular-nums;}
.clv-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:var(--clv-space);margin:0 0 calc(var(--clv-space) * 1.5);padding:0;list-style:none;}
.clv-figure{display:flex;flex-direction:column;padding:var(--clv-space);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius-small);}
.clv-figure-label{font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-figure-value{font-weight:var(--clv-font-weight-strong);font-variant-numeric:tabular-nums;}
.clv-table-wrap{overflow-x:auto;}
.clv-table{width:100%;border-collapse:collapse;font-size:var(--clv-font-size-small);}
.clv-table th,.clv-table td{padding:calc(var(--clv-space) * 0.75) var(--clv-space);border-bottom:var(--clv-border-width) solid var(--clv-color-border);text-align:left;white-space:nowrap;}
.clv-table th{font-weight:var(--clv-font-weight-strong);color:var(--clv-color-muted);}
.clv-table .clv-num{text-align:right;font-variant-numeric:tabular-nums;}
.clv-root .clv-table th button{border:none;background:transparent;padding:0;font-weight:inherit;color:inherit;}
.clv-root .clv-table th button:hover{color:var(--clv-color-text);}
.clv-table tbody tr{cursor:pointer;}
.clv-table tbody tr:hover{background:var(--clv-color-accent-soft);}
.clv-table tbody tr.clv-selected{background:var(--clv-color-accent-soft);font-weight:var(--clv-font-weight-strong);}
.clv-root .clv-table .clv-row-select{border:none;background:transparent;padding:0;text-decoration:underline;text-underline-offset:2px;}
.clv-root .clv-table .clv-row-select[aria-pressed="true"]{background:transparent;color:var(--clv-color-text);}
.clv-pager{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:var(--clv-space);margin-top:var(--clv-space);font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-pager-buttons{display:flex;gap:calc(var(--clv-space) * 0.5);}
.clv-root button:disabled{opacity:0.5;cursor:default;}
.clv-root .clv-primary{background:var(--clv-color-accent);border-color:var(--clv-color-accent);color:var(--clv-color-accent-text);}
.clv-status{font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
clv-funnel,clv-cohort-heatmap,clv-histogram,clv-donut,clv-line-chart,clv-journey,clv-data-table,clv-customer-list,clv-pairs-table,clv-bought-with,clv-location-breakdown{display:block;min-width:0;}
`;
