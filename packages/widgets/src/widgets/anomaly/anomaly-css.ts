/**
 * Stylesheet of the anomaly widgets (`AnomalySeries`, `AnomalyTable`), to be appended to the
 * widget stylesheet. Like the other stylesheets: theme tokens only, no literal colours. The
 * flagged marks are red and round, and also listed in words (colour is never the only cue).
 */
export const ANOMALY_CSS = `
.clv-anomaly-line{stroke:var(--clv-color-accent);stroke-width:var(--clv-line-width);stroke-linejoin:round;}
.clv-anomaly-expected{stroke:var(--clv-color-muted);}
.clv-anomaly-band{fill:var(--clv-color-muted);fill-opacity:0.15;}
.clv-anomaly-point{cursor:pointer;}
.clv-anomaly-point.clv-inert{cursor:default;}
.clv-anomaly-dot{fill:var(--clv-color-negative);stroke:var(--clv-color-surface);stroke-width:2;}
.clv-anomaly-point.clv-selected .clv-anomaly-dot{stroke:var(--clv-color-focus);stroke-width:3;}
.clv-anomaly-point:hover .clv-anomaly-dot{filter:brightness(1.1);}
.clv-anomaly-legend-value .clv-swatch{color:var(--clv-color-accent);}
.clv-anomaly-legend-expected .clv-swatch,.clv-anomaly-legend-band .clv-swatch{color:var(--clv-color-muted);}
.clv-anomaly-legend-flag .clv-swatch{color:var(--clv-color-negative);}
.clv-anomaly-summary{margin:var(--clv-space) 0;font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-anomaly-list{display:flex;flex-direction:column;gap:calc(var(--clv-space) * 0.5);margin:0;padding:0;list-style:none;max-height:calc(var(--clv-space) * 30);overflow-y:auto;}
.clv-anomaly-list li{display:flex;}
.clv-root .clv-anomaly-item{flex:1;text-align:left;font-size:var(--clv-font-size-small);border-left:calc(var(--clv-space) * 0.5) solid var(--clv-color-negative);}
.clv-anomaly-list span.clv-anomaly-item{padding:calc(var(--clv-space) * 0.5) var(--clv-space);}
.clv-anomaly-only{display:inline-flex;align-items:center;gap:calc(var(--clv-space) * 0.5);font-size:var(--clv-font-size-small);color:var(--clv-color-muted);cursor:pointer;}
.clv-anomaly-row .clv-anomaly-flag{color:var(--clv-color-negative);font-weight:var(--clv-font-weight-strong);}
.clv-anomaly-row td:first-child{box-shadow:inset calc(var(--clv-space) * 0.5) 0 0 var(--clv-color-negative);}
clv-anomaly-series,clv-anomaly-table{display:block;min-width:0;}
`;
