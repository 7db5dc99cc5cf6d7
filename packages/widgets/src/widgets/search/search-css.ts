/**
 * Stylesheet of the search box, the entity view and its A/B result, to be appended to the
 * widget stylesheet. Theme tokens only, no literal colours.
 */
export const SEARCH_CSS = `
.clv-search{position:relative;}
.clv-search-label{display:block;margin-bottom:calc(var(--clv-space) * 0.75);font-weight:var(--clv-font-weight-strong);}
.clv-search-field{position:relative;}
.clv-root .clv-search-input{width:100%;font:inherit;color:var(--clv-color-text);background:var(--clv-color-surface);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius-small);padding:var(--clv-space) calc(var(--clv-space) * 1.5);}
.clv-root .clv-search-input:focus-visible{outline:2px solid var(--clv-color-focus);outline-offset:1px;}
.clv-search-list{position:absolute;z-index:10;top:100%;left:0;right:0;margin-top:calc(var(--clv-space) * 0.5);max-height:calc(var(--clv-space) * 40);overflow-y:auto;background:var(--clv-color-surface);border:var(--clv-border-width) solid var(--clv-color-border);border-radius:var(--clv-radius-small);box-shadow:var(--clv-shadow);padding:calc(var(--clv-space) * 0.5) 0;}
.clv-search-list[hidden]{display:none;}
.clv-search-group-label{padding:calc(var(--clv-space) * 0.5) calc(var(--clv-space) * 1.5);font-size:var(--clv-font-size-small);font-weight:var(--clv-font-weight-strong);color:var(--clv-color-muted);}
.clv-search-option{display:flex;justify-content:space-between;gap:var(--clv-space);padding:calc(var(--clv-space) * 0.75) calc(var(--clv-space) * 1.5);cursor:pointer;}
.clv-search-option[aria-selected="true"]{background:var(--clv-color-accent-soft);box-shadow:inset 3px 0 0 var(--clv-color-accent);}
.clv-search-value{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;}
.clv-search-score{flex:none;font-size:var(--clv-font-size-small);color:var(--clv-color-muted);font-variant-numeric:tabular-nums;}
.clv-search-status{margin:calc(var(--clv-space) * 0.5) 0 0;min-height:1.4em;font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-search-hint{text-align:center;color:var(--clv-color-muted);}
.clv-widget.clv-entity-view{background:transparent;border:none;box-shadow:none;padding:0;}
.clv-entity-grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:calc(var(--clv-space) * 2);}
.clv-entity-grid>.clv-wide{grid-column:1 / -1;}
@media (max-width: 720px){.clv-entity-grid{grid-template-columns:minmax(0,1fr);}}
.clv-entity-list{margin-top:calc(var(--clv-space) * 1.5);font-size:var(--clv-font-size-small);}
.clv-entity-list-heading{margin:0 0 calc(var(--clv-space) * 0.5);font-weight:var(--clv-font-weight-strong);}
.clv-entity-list ol{margin:0;padding-left:calc(var(--clv-space) * 2.5);}
.clv-entity-list-count{color:var(--clv-color-muted);font-variant-numeric:tabular-nums;}
.clv-ab-test{padding:var(--clv-space) 0;border-top:var(--clv-border-width) solid var(--clv-color-border);}
.clv-ab-test-title{margin:0 0 calc(var(--clv-space) * 0.75);font-weight:var(--clv-font-weight-strong);}
.clv-ab-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:var(--clv-space);margin:0;}
.clv-ab-figures dt{font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-ab-figures dd{margin:0;font-weight:var(--clv-font-weight-strong);font-variant-numeric:tabular-nums;}
.clv-ab-verdict[data-verdict="increase"] dd{color:var(--clv-color-positive);}
.clv-ab-verdict[data-verdict="decrease"] dd{color:var(--clv-color-negative);}
.clv-ab-status,.clv-ab-note{margin:0;font-size:var(--clv-font-size-small);color:var(--clv-color-muted);}
.clv-ab-note{margin-top:var(--clv-space);}
clv-search-box,clv-entity-view{display:block;min-width:0;}
`;
