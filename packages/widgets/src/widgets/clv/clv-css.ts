/**
 * Stylesheet of the CLV prediction widgets and dashboards (timeline, churn / newcomer panels,
 * rate rings, segment split, tabs). Like the other sheets: theme tokens only, no literal
 * colours. Appended to the widget stylesheet by theme/styles.ts.
 */
export const CLV_CSS = `
.clv-tabs{display:flex;flex-direction:column;gap:calc(var(--clv-space) * 2);min-width:0;}
.clv-tablist{display:flex;flex-wrap:wrap;gap:calc(var(--clv-space) * 0.5);border-bottom:var(--clv-border-width) solid var(--clv-color-border);}
.clv-root .clv-tab{border:none;border-bottom:2px solid transparent;border-radius:var(--clv-radius-small) var(--clv-radius-small) 0 0;background:transparent;padding:var(--clv-space) calc(var(--clv-space) * 1.5);font-size:var(--clv-font-size);color:var(--clv-color-muted);}
.clv-root .clv-tab:hover{color:var(--clv-color-text);border-bottom-color:var(--clv-color-border);}
.clv-root .clv-tab[aria-selected="true"]{color:var(--clv-color-text);border-bottom-color:var(--clv-color-accent);font-weight:var(--clv-font-weight-strong);}
.clv-tab-panel{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:calc(var(--clv-space) * 2);}
.clv-tab-panel[hidden]{display:none;}
.clv-tab-panel>.clv-wide{grid-column:1 / -1;}
@media (max-width: 720px){.clv-tab-panel{grid-template-columns:minmax(0,1fr);}}
.clv-forecast-band{fill:var(--clv-color-accent-soft);fill-opacity:0.6;}
.clv-asof-line{stroke:var(--clv-color-muted);stroke-width:1;}
.clv-svg .clv-asof-label{fill:var(--clv-color-muted);}
.clv-date-marker line,.clv-date-marker circle,line.clv-date-marker{stroke:var(--clv-color-focus);fill:var(--clv-color-focus);}
.clv-clv-timeline{cursor:pointer;}
.clv-rates-rings{display:flex;flex-wrap:wrap;gap:calc(var(--clv-space) * 3);}
.clv-rate-ring{margin:0;display:flex;flex-direction:column;gap:var(--clv-space);}
.clv-split-part,.clv-split-label{cursor:pointer;outline:none;}
.clv-split-part:focus-visible .clv-split-fill,.clv-split-label:focus-visible .clv-bar-hit,.clv-split-part[aria-pressed="true"] .clv-split-fill{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-split-part .clv-split-fill{stroke:var(--clv-color-surface);stroke-width:1;}
.clv-svg .clv-split-value{fill:var(--clv-color-accent-text);pointer-events:none;}
.clv-group-filter{margin-top:var(--clv-space);}
`;
