import { describe, expect, it } from 'vitest';
import type { BasketLine, CustomerDocument, MessageDocument, OrderDocument } from '../../src/documents.js';
import { indexLayout } from '../../src/layout.js';
import { clvkitIndices, customersIndex, messagesIndex, ordersIndex } from '../../src/mappings.js';

const layout = indexLayout({ orderActions: ['has_basket', 'order_screen'], customerActions: ['first_login_date'], customerAttributes: ['gender', 'location'] });

// One of each document, typed against documents.ts: a field added there without a mapping (or
// the reverse) fails below.
const line: BasketLine = { client: 'c', session_start: 1, product: 'p', category: 'c', description: 'd', price: 1.5, quantity: 2 };
const order: OrderDocument = {
  order_id: 'o', client: 'c', session_start: 1, session_end: 2, has_purchased: true, payment_amount: 3,
  discount_amount: 0, discount_share: 0, promotion_id: null, dimension: null, actions: { has_basket: true, order_screen: false }, basket: [line],
};
const customer: CustomerDocument = { client: 'c', download_date: 1, signup_date: null, actions: { first_login_date: 5 }, attributes: { gender: 'f', location: null } };
const message: MessageDocument = {
  message_id: 'm', client: 'c', channel: 'email', campaign: 'x', sent_at: 1, delivered_at: null, opened_at: null, clicked_at: null, unsubscribed_at: null,
};

type Props = Record<string, { type: string; properties?: Props; format?: string; dynamic?: string }>;
const props = (def: { mappings: { properties: unknown } }) => def.mappings.properties as Props;

describe('index mappings', () => {
  it('map exactly the fields of the documents, strictly', () => {
    for (const [def, doc] of [[ordersIndex(layout), order], [customersIndex(layout), customer], [messagesIndex(layout), message]] as const) {
      expect(def.mappings.dynamic).toBe('strict');
      expect(Object.keys(props(def)).sort()).toEqual(Object.keys(doc).sort());
    }
    const o = props(ordersIndex(layout));
    expect(Object.keys(o.basket.properties!).sort()).toEqual(Object.keys(line).sort());
    expect(Object.keys(o.actions.properties!)).toEqual(['has_basket', 'order_screen']);
    const c = props(customersIndex(layout));
    expect(Object.keys(c.actions.properties!)).toEqual(['first_login_date']);
    expect(Object.keys(c.attributes.properties!)).toEqual(['gender', 'location']);
    for (const p of [o.basket, o.actions, c.actions, c.attributes]) expect(p.dynamic).toBe('strict');
  });

  it('use keyword ids, epoch_millis dates, double amounts, a nested basket with a text description', () => {
    const o = props(ordersIndex(layout));
    for (const f of ['order_id', 'client', 'promotion_id', 'dimension']) expect(o[f]).toEqual({ type: 'keyword' });
    for (const f of ['session_start', 'session_end']) expect(o[f]).toEqual({ type: 'date', format: 'epoch_millis' });
    for (const f of ['payment_amount', 'discount_amount', 'discount_share']) expect(o[f]).toEqual({ type: 'double' });
    expect(o.has_purchased).toEqual({ type: 'boolean' });
    expect(o.basket.type).toBe('nested');
    expect(o.basket.properties).toEqual({ client: { type: 'keyword' }, session_start: { type: 'date', format: 'epoch_millis' }, product: { type: 'keyword' }, category: { type: 'keyword' }, description: { type: 'text' }, price: { type: 'double' }, quantity: { type: 'double' } });
    expect(o.actions).toEqual({ type: 'object', dynamic: 'strict', properties: { has_basket: { type: 'boolean' }, order_screen: { type: 'boolean' } } });
    const c = props(customersIndex(layout));
    expect(c.actions.properties!.first_login_date).toEqual({ type: 'date', format: 'epoch_millis' });
    expect(c.attributes.properties!.gender).toEqual({ type: 'keyword' });
    const m = props(messagesIndex(layout));
    for (const f of ['message_id', 'client', 'channel', 'campaign']) expect(m[f]).toEqual({ type: 'keyword' });
    for (const f of ['sent_at', 'delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at']) expect(m[f]).toEqual({ type: 'date', format: 'epoch_millis' });
  });

  it('take shards, replicas and refresh interval as settings', () => {
    expect(ordersIndex(layout).settings).toEqual({ number_of_shards: 1, number_of_replicas: 1 });
    expect(ordersIndex(layout, { shards: 2, replicas: 0, refreshInterval: '30s' }).settings).toEqual({ number_of_shards: 2, number_of_replicas: 0, refresh_interval: '30s' });
    expect(() => ordersIndex(layout, { shards: 0 })).toThrow(/shards must be an integer >= 1/);
    expect(() => ordersIndex(layout, { replicas: -1 })).toThrow(/replicas/);
  });

  it('refuse host names that cannot be field names', () => {
    expect(() => ordersIndex(indexLayout({ orderActions: ['a.b'] }))).toThrow(/layout.orderActions: "a.b" is not a usable field name/);
    expect(() => customersIndex(indexLayout({ customerAttributes: ['__proto__ x'] }))).toThrow(/customerAttributes/);
    expect(() => ordersIndex(indexLayout({ orderActions: ['x', 'x'] }))).toThrow(/listed twice/);
  });

  it('name the three indices of the layout', () => {
    expect(Object.keys(clvkitIndices(indexLayout({ orders: 'o', customers: 'c', messages: 'm' })))).toEqual(['o', 'c', 'm']);
  });
});
