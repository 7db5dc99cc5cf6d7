import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateShop, type ShopData } from '../src/index.js';
import { rowsOf, type ShopRows } from './helpers.js';

// Generating and scanning whole shops takes seconds on a busy machine; speed is not what is tested.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let shop: ShopData;
let rows: ShopRows;

beforeAll(() => {
  shop = generateShop({ orders: 20_000, seed: 42 });
  rows = rowsOf(shop);
});

describe('referential consistency', () => {
  it('has unique ids in every table', () => {
    expect(new Set(rows.customers.map((c) => c.client)).size).toBe(rows.customers.length);
    expect(new Set(rows.sessions.map((s) => s.order_id)).size).toBe(rows.sessions.length);
    expect(new Set(rows.messages.map((m) => m.message_id)).size).toBe(rows.messages.length);
  });

  it('puts every line on an existing purchase, and every purchase has lines', () => {
    const sessions = new Map(rows.sessions.map((s) => [s.order_id, s]));
    const withLines = new Set<string>();
    const problems: string[] = [];
    for (const line of rows.lines) {
      const order = sessions.get(line.order_id);
      if (!order) problems.push(`line of unknown order ${line.order_id}`);
      else if (!order.has_purchased) problems.push(`line of non-purchase ${line.order_id}`);
      withLines.add(line.order_id);
    }
    for (const s of rows.sessions) if (s.has_purchased && !withLines.has(s.order_id)) problems.push(`purchase without lines ${s.order_id}`);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('gives every session and message a client of the customers table, after their first contact', () => {
    const customers = new Map(rows.customers.map((c) => [c.client, c]));
    const problems: string[] = [];
    for (const s of rows.sessions) {
      const customer = customers.get(s.client);
      if (!customer) problems.push(`session ${s.order_id} of unknown client ${s.client}`);
      else if (!(s.session_start > customer.download_date)) problems.push(`session ${s.order_id} before first contact`);
      if (!(s.session_end > s.session_start)) problems.push(`session ${s.order_id} ends before it starts`);
    }
    for (const m of rows.messages) {
      const customer = customers.get(m.client);
      if (!customer) problems.push(`message ${m.message_id} to unknown client ${m.client}`);
      else if (!(m.sent_at > customer.download_date)) problems.push(`message ${m.message_id} before first contact`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('keeps the funnel flags nested: purchase => order screen => basket', () => {
    let screens = 0;
    let baskets = 0;
    let broken = 0;
    for (const s of rows.sessions) {
      if (s.has_purchased && !s.order_screen) broken++;
      if (s.order_screen && !s.has_basket) broken++;
      if (s.order_screen && !s.has_purchased) screens++;
      if (s.has_basket && !s.order_screen) baskets++;
    }
    expect(broken).toBe(0);
    // Every step loses someone: abandoned checkouts and abandoned baskets both exist.
    expect(screens).toBeGreaterThan(100);
    expect(baskets).toBeGreaterThan(100);
  });

  it('sets payment = sum of price x quantity - discount, non-negative, and 0 without purchase', () => {
    const subtotal = new Map<string, number>();
    for (const line of rows.lines) subtotal.set(line.order_id, (subtotal.get(line.order_id) ?? 0) + line.price * line.quantity);
    const problems: string[] = [];
    for (const s of rows.sessions) {
      if (!s.has_purchased) {
        if (s.payment_amount !== 0 || s.discount_amount !== 0 || s.promotion_id !== null) problems.push(`non-purchase ${s.order_id} has money or a promotion`);
        continue;
      }
      if (!(s.payment_amount > 0) || !(s.discount_amount >= 0)) problems.push(`order ${s.order_id}: payment ${s.payment_amount}, discount ${s.discount_amount}`);
      if (!(Math.abs(subtotal.get(s.order_id)! - s.discount_amount - s.payment_amount) < 0.005)) {
        problems.push(`order ${s.order_id}: lines ${subtotal.get(s.order_id)} - discount ${s.discount_amount} != payment ${s.payment_amount}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('leaves organic orders without promotion and discount, and promoted ones with both', () => {
    let organic = 0;
    let promoted = 0;
    let wrong = 0;
    for (const s of rows.sessions) {
      if (!s.has_purchased) continue;
      if (s.promotion_id === null) {
        organic++;
        if (s.discount_amount !== 0) wrong++;
      } else {
        promoted++;
        if (s.promotion_id === '' || !(s.discount_amount > 0)) wrong++;
      }
    }
    expect(wrong).toBe(0);
    // A real shop: most orders are organic, a good share use a code.
    expect(promoted / (organic + promoted)).toBeGreaterThan(0.08);
    expect(promoted / (organic + promoted)).toBeLessThan(0.4);
  });

  it('orders customer dates: download <= signup <= first login', () => {
    let signedUp = 0;
    for (const c of rows.customers) {
      if (c.signup_date !== null) {
        signedUp++;
        expect(c.signup_date).toBeGreaterThanOrEqual(c.download_date);
      }
      if (c.first_login_date !== null) expect(c.first_login_date).toBeGreaterThan(c.signup_date!);
    }
    // Most customers sign up, not all.
    expect(signedUp / rows.customers.length).toBeGreaterThan(0.7);
    expect(signedUp).toBeLessThan(rows.customers.length);
  });

  it('keeps sessions, customers and messages inside the period', () => {
    const start = Date.UTC(2024, 6, 1);
    const end = Date.UTC(2026, 5, 30) + 86_400_000;
    const inside = (t: number) => t >= start && t < end;
    expect(rows.sessions.filter((s) => !inside(s.session_start))).toEqual([]);
    expect(rows.customers.filter((c) => !inside(c.download_date))).toEqual([]);
    expect(rows.messages.filter((m) => !inside(m.sent_at))).toEqual([]);
  });

  it('has a catalogue of 150-300 products in two- and three-level category paths, one category and price per product', () => {
    const category = new Map<string, string>();
    const price = new Map<string, number>();
    const problems: string[] = [];
    for (const line of rows.lines) {
      if ((category.get(line.product) ?? line.category) !== line.category) problems.push(`${line.product} in two categories`);
      if ((price.get(line.product) ?? line.price) !== line.price) problems.push(`${line.product} at two prices`);
      category.set(line.product, line.category);
      price.set(line.product, line.price);
      if (!(line.quantity >= 1 && Number.isInteger(line.quantity))) problems.push(`quantity ${line.quantity}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(category.size).toBeGreaterThanOrEqual(150);
    expect(category.size).toBeLessThanOrEqual(300);
    const depths = new Set([...category.values()].map((c) => c.split('/').length));
    expect([...depths].sort()).toEqual([2, 3]);
  });

  it('uses the three sales channels as dimension', () => {
    const counts = new Map<string, number>();
    for (const s of rows.sessions) counts.set(s.dimension, (counts.get(s.dimension) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['app', 'marketplace', 'web']);
    expect(counts.get('web')!).toBeGreaterThan(counts.get('marketplace')!);
  });
});

describe('customers', () => {
  it('have demographics with some missing values, and shared cities with their regions', () => {
    const cities = new Map<string, string>();
    let missingGender = 0;
    let missingBirth = 0;
    const problems: string[] = [];
    for (const c of rows.customers) {
      if (c.gender === null) missingGender++;
      else if (!['female', 'male', 'other'].includes(c.gender)) problems.push(`gender ${c.gender}`);
      if (c.birth_date === null) {
        missingBirth++;
        if (c.age !== null) problems.push(`${c.client}: age without birth date`);
      } else if (!/^\d{4}-\d{2}-\d{2}$/.test(c.birth_date) || !(c.age! >= 18)) {
        problems.push(`${c.client}: birth date ${c.birth_date}, age ${c.age}`);
      }
      if (c.location !== null) {
        if ((cities.get(c.location) ?? c.region) !== c.region) problems.push(`${c.location} in two regions`);
        cities.set(c.location, c.region!);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(missingGender).toBeGreaterThan(0);
    expect(missingBirth).toBeGreaterThan(0);
    expect(cities.size).toBeGreaterThan(10);
    expect(cities.size).toBeLessThan(rows.customers.length / 10);
  });

  it('give consent only with a contact field', () => {
    const problems: string[] = [];
    for (const c of rows.customers) {
      if (c.email_opt_in && !/@example\.com$/.test(c.email ?? '')) problems.push(`${c.client}: e-mail consent without e-mail`);
      if (c.sms_opt_in && !/^\+44 7700 900\d{3}$/.test(c.phone ?? '')) problems.push(`${c.client}: SMS consent without phone`);
      if ((c.email !== null || c.phone !== null) && c.signup_date === null) problems.push(`${c.client}: contact without sign-up`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const share = (f: (c: (typeof rows.customers)[number]) => boolean) => rows.customers.filter(f).length / rows.customers.length;
    expect(share((c) => c.email_opt_in)).toBeGreaterThan(0.3);
    expect(share((c) => c.email !== null && !c.email_opt_in)).toBeGreaterThan(0.1);
    expect(share((c) => c.push_opt_in)).toBeGreaterThan(0.1);
  });
});

describe('messages', () => {
  it('go only to customers who consented on that channel, never after an unsubscribe', () => {
    const customers = new Map(rows.customers.map((c) => [c.client, c]));
    const unsubscribed = new Map<string, number>();
    const byTime = [...rows.messages].sort((a, b) => a.sent_at - b.sent_at);
    const problems: string[] = [];
    let unsubscribes = 0;
    for (const m of byTime) {
      const c = customers.get(m.client)!;
      const consent = m.channel === 'email' ? c.email_opt_in : m.channel === 'sms' ? c.sms_opt_in : c.push_opt_in;
      if (!consent) problems.push(`${m.message_id}: ${m.channel} to ${m.client} without consent`);
      const key = `${m.client}|${m.channel}`;
      const gone = unsubscribed.get(key);
      if (gone !== undefined && m.sent_at >= gone) problems.push(`${m.message_id}: sent after unsubscribe`);
      if (m.unsubscribed_at !== null && gone === undefined) {
        unsubscribed.set(key, m.unsubscribed_at);
        unsubscribes++;
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(unsubscribes).toBeGreaterThan(10);
  });

  it('have ordered event times: sent <= delivered <= opened <= clicked', () => {
    const problems: string[] = [];
    for (const m of rows.messages) {
      if (m.delivered_at !== null && !(m.delivered_at >= m.sent_at)) problems.push(`${m.message_id}: delivered before sent`);
      if (m.opened_at !== null && !(m.delivered_at !== null && m.opened_at >= m.delivered_at)) problems.push(`${m.message_id}: opened before delivered`);
      if (m.clicked_at !== null && m.delivered_at === null) problems.push(`${m.message_id}: clicked, not delivered`);
      if (m.clicked_at !== null && m.channel !== 'sms' && !(m.opened_at !== null && m.clicked_at >= m.opened_at)) problems.push(`${m.message_id}: clicked before opened`);
      if (m.channel === 'sms' && m.opened_at !== null) problems.push(`${m.message_id}: SMS open tracked`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('have realistic rates per channel', () => {
    const rate = (channel: string, event: 'delivered_at' | 'opened_at' | 'clicked_at' | 'unsubscribed_at', of: 'sent' | 'delivered_at') => {
      const base = rows.messages.filter((m) => m.channel === channel && (of === 'sent' || m.delivered_at !== null));
      return base.filter((m) => m[event] !== null).length / base.length;
    };
    expect(rate('email', 'delivered_at', 'sent')).toBeGreaterThan(0.93);
    expect(rate('email', 'opened_at', 'delivered_at')).toBeGreaterThan(0.15);
    expect(rate('email', 'opened_at', 'delivered_at')).toBeLessThan(0.45);
    expect(rate('email', 'clicked_at', 'delivered_at')).toBeGreaterThan(0.02);
    expect(rate('email', 'clicked_at', 'delivered_at')).toBeLessThan(0.12);
    expect(rate('email', 'unsubscribed_at', 'delivered_at')).toBeLessThan(0.02);
    expect(rate('sms', 'clicked_at', 'delivered_at')).toBeGreaterThan(0.01);
    expect(rate('push', 'delivered_at', 'sent')).toBeLessThan(rate('email', 'delivered_at', 'sent'));
    expect(rate('push', 'opened_at', 'delivered_at')).toBeLessThan(rate('email', 'opened_at', 'delivered_at'));
    const channels = new Set(rows.messages.map((m) => m.channel));
    expect([...channels].sort()).toEqual(['email', 'push', 'sms']);
  });
});
