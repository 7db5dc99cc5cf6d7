/**
 * Stylesheet of the A/B test widgets (forest chart, verdict cards, before/after pairs), to be
 * appended to the widget stylesheet like the chart rules. Tokens only. A verdict's colour is
 * never its only sign: the cards and rows also say it in words.
 */
export const ABTEST_CSS = `
.clv-root .clv-ab-increase{--clv-series-color:var(--clv-color-positive);}
.clv-root .clv-ab-decrease{--clv-series-color:var(--clv-color-negative);}
.clv-root .clv-ab-flat{--clv-series-color:var(--clv-color-muted);}
.clv-ab-row{cursor:pointer;outline:none;}
.clv-ab-row .clv-mark-hit{fill:transparent;}
.clv-ab-row:hover .clv-mark-hit{fill:var(--clv-color-accent-soft);}
.clv-ab-row:focus-visible .clv-mark-hit{stroke:var(--clv-color-focus);stroke-width:2;}
.clv-ab-row.clv-dimmed{opacity:var(--clv-dimmed-opacity);}
.clv-ab-whisker{stroke:var(--clv-series-color);stroke-width:2;}
.clv-ab-dot{fill:var(--clv-series-color);}
.clv-svg .clv-ab-label{fill:var(--clv-color-text);}
.clv-svg .clv-ab-value{fill:var(--clv-color-muted);font-variant-numeric:tabular-nums;}
.clv-ab-zero{stroke:var(--clv-color-muted);stroke-dasharray:4 3;}
.clv-ab-diagonal{stroke:var(--clv-color-muted);stroke-dasharray:4 3;}
.clv-ab-pair{fill:var(--clv-series-color);fill-opacity:0.7;}
.clv-ab-cards{list-style:none;margin:0;padding:0;display:grid;gap:var(--clv-space);grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));}
.clv-ab-card{border:var(--clv-border-width) solid var(--clv-color-border);border-left:4px solid var(--clv-series-color);border-radius:var(--clv-radius-small);padding:var(--clv-space);background:var(--clv-color-surface);}
.clv-ab-card.clv-selected{box-shadow:0 0 0 2px var(--clv-color-focus);}
.clv-ab-card.clv-dimmed{opacity:var(--clv-dimmed-opacity);}
.clv-ab-card-head{display:flex;align-items:center;justify-content:space-between;gap:var(--clv-space);}
.clv-ab-card-subject{font:inherit;font-weight:var(--clv-font-weight-strong);color:var(--clv-color-text);background:none;border:none;padding:0;cursor:pointer;text-align:left;}
.clv-ab-card-subject:focus-visible{outline:2px solid var(--clv-color-focus);outline-offset:2px;}
.clv-ab-badge{font-size:var(--clv-font-size-small);color:var(--clv-series-color);font-weight:var(--clv-font-weight-strong);white-space:nowrap;}
.clv-ab-sentence{margin:calc(var(--clv-space) * 0.5) 0;}
.clv-ab-facts{margin:0;font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-ab-legend{display:flex;flex-wrap:wrap;gap:var(--clv-space);font-size:var(--clv-font-size-small);color:var(--clv-color-muted);margin:calc(var(--clv-space) * 0.5) 0 0;}
.clv-ab-swatch{display:inline-block;width:0.7em;height:0.7em;border-radius:50%;background:var(--clv-series-color);margin-right:0.3em;}
`;
