/**
 * `generateShop`: one pass over the customers fixes how many are needed to reach the order
 * target (the last one is cut to hit it exactly) and where each customer's session and message
 * ids start; the tables are then re-iterable views that regenerate every customer from the
 * seed on each iteration, so a million orders never sit in memory as row objects.
 */
import type { CustomersMapping, ImportInput, LinesMapping, MessagesMapping, SessionsMapping } from '@clvkit/core';
import { createContext, type ShopContext } from './context.js';
import { customerAttributes, customerProfile, type CustomerProfile } from './customer.js';
import { customerMessages, type MessagePlan } from './messages.js';
import { resolveShopOptions, type ShopOptions } from './options.js';
import { describePlanted, type PlantedEffects } from './planted.js';
import {
  customerRow,
  messageId,
  messageRow,
  sessionId,
  sessionRow,
  type CustomerRow,
  type LineRow,
  type MessageRow,
  type SessionRow,
} from './rows.js';
import { customerSessions, respondsToMessages, type SessionsOfCustomer } from './sessions.js';

/** A table of the shop: re-iterable rows in canonical column names. */
export interface ShopTable<R, M> {
  /** Rows, regenerated from the seed on every iteration (identical each time). */
  readonly data: Iterable<R>;
  readonly format: 'rows';
  /** Canonical names need no mapping; it only declares the extra columns (actions, attributes). */
  readonly mapping: M;
}

/** The four tables, ready for `importDataset`. */
export interface ShopInput extends ImportInput {
  readonly sessions: ShopTable<SessionRow, SessionsMapping>;
  readonly customers: ShopTable<CustomerRow, CustomersMapping>;
  readonly lines: ShopTable<LineRow, LinesMapping>;
  readonly messages: ShopTable<MessageRow, MessagesMapping>;
}

/** Session action columns, in funnel order. */
const SESSION_ACTIONS = ['has_basket', 'order_screen'];
/** Customer action date columns. */
const CUSTOMER_ACTIONS = ['first_login_date'];
/** Customer attribute columns. */
const CUSTOMER_ATTRIBUTES = ['gender', 'birth_date', 'age', 'location', 'region', 'email', 'phone', 'email_opt_in', 'sms_opt_in', 'push_opt_in'];

/** Row counts of the shop. */
export interface ShopSummary {
  readonly customers: number;
  readonly sessions: number;
  readonly orders: number;
  readonly lines: number;
  readonly messages: number;
}

/** A generated shop. */
export interface ShopData {
  readonly input: ShopInput;
  /** Time options to import with. */
  readonly options: { readonly timeZone: string; readonly weekStart: number };
  /** Session action columns, in funnel order. */
  readonly sessionActions: string[];
  /** Customer action date columns, in funnel order. */
  readonly customerActions: string[];
  readonly planted: PlantedEffects;
  readonly summary: ShopSummary;
}

/** A customer and everything generated for them. */
export interface CustomerData {
  readonly profile: CustomerProfile;
  readonly messages: MessagePlan[];
  readonly sessions: SessionsOfCustomer;
}

/** The population fixed by the first pass. */
interface Population {
  readonly customers: number;
  /** Purchase cap of the last customer. */
  readonly lastCap: number;
  /** Per customer: index of their first session / message in the whole shop (length customers + 1). */
  readonly sessionStart: Float64Array;
  readonly messageStart: Float64Array;
  readonly groups: Uint8Array;
  readonly lines: number;
}

/**
 * Generates a deterministic synthetic shop: customers with distinct buying rhythms, sessions
 * with a purchase funnel, basket lines, messages, and planted effects (see `PlantedEffects`).
 * The same options give the same rows on every machine and every iteration.
 */
export function generateShop(options: ShopOptions = {}): ShopData {
  const resolved = resolveShopOptions(options);
  const ctx = createContext(resolved);
  const population = populate(ctx, resolved.orders);
  const input: ShopInput = {
    sessions: table(() => sessionRows(ctx, population), { actions: [...SESSION_ACTIONS] }),
    customers: table(() => customerRows(ctx, population), { actions: [...CUSTOMER_ACTIONS], attributes: [...CUSTOMER_ATTRIBUTES] }),
    lines: table(() => lineRows(ctx, population), {}),
    messages: table(() => messageRows(ctx, population), {}),
  };
  return {
    input,
    options: { timeZone: resolved.timeZone, weekStart: 1 },
    sessionActions: [...SESSION_ACTIONS],
    customerActions: [...CUSTOMER_ACTIONS],
    planted: describePlanted(ctx, population.groups),
    summary: {
      customers: population.customers,
      sessions: population.sessionStart[population.customers],
      orders: resolved.orders,
      lines: population.lines,
      messages: population.messageStart[population.customers],
    },
  };
}

function table<R, M>(rows: () => Iterator<R>, mapping: M): ShopTable<R, M> {
  return { data: { [Symbol.iterator]: rows }, format: 'rows', mapping };
}

/** Generates customer `index`; `allMessages: false` skips the messages when they cannot change the sessions. */
export function customerData(ctx: ShopContext, index: number, cap: number, allMessages: boolean): CustomerData {
  const profile = customerProfile(ctx, index);
  const messages = allMessages || respondsToMessages(profile) ? customerMessages(ctx, profile) : [];
  return { profile, messages, sessions: customerSessions(ctx, profile, messages, cap, true) };
}

/** Adds customers until their orders reach `target`; the last one is capped to hit it exactly. */
function populate(ctx: ShopContext, target: number): Population {
  let capacity = Math.max(16, Math.ceil(target / 8));
  let sessionStart: Float64Array = new Float64Array(capacity + 1);
  let messageStart: Float64Array = new Float64Array(capacity + 1);
  let groups = new Uint8Array(capacity);
  let orders = 0;
  let lines = 0;
  let customers = 0;
  let lastCap = Infinity;
  while (orders < target) {
    if (customers === capacity) {
      capacity *= 2;
      sessionStart = grow(sessionStart, capacity + 1);
      messageStart = grow(messageStart, capacity + 1);
      const bigger = new Uint8Array(capacity);
      bigger.set(groups);
      groups = bigger;
    }
    let data = customerData(ctx, customers, Infinity, true);
    if (orders + data.sessions.orders >= target) {
      lastCap = target - orders;
      data = customerData(ctx, customers, lastCap, true);
    }
    orders += data.sessions.orders;
    for (const s of data.sessions.sessions) if (s.lines) lines += s.lines.length / 2;
    groups[customers] = data.profile.group;
    sessionStart[customers + 1] = sessionStart[customers] + data.sessions.sessions.length;
    messageStart[customers + 1] = messageStart[customers] + data.messages.length;
    customers++;
  }
  return {
    customers,
    lastCap,
    sessionStart: sessionStart.slice(0, customers + 1),
    messageStart: messageStart.slice(0, customers + 1),
    groups: groups.slice(0, customers),
    lines,
  };
}

function grow(values: Float64Array, length: number): Float64Array {
  const out = new Float64Array(length);
  out.set(values);
  return out;
}

function capOf(population: Population, index: number): number {
  return index === population.customers - 1 ? population.lastCap : Infinity;
}

function* customerRows(ctx: ShopContext, population: Population): Iterator<CustomerRow> {
  for (let i = 0; i < population.customers; i++) yield customerRow(ctx, customerProfile(ctx, i), customerAttributes(ctx, i));
}

function* sessionRows(ctx: ShopContext, population: Population): Iterator<SessionRow> {
  for (let i = 0; i < population.customers; i++) {
    const { profile, sessions } = customerData(ctx, i, capOf(population, i), false);
    const first = population.sessionStart[i];
    const list = sessions.sessions;
    for (let k = 0; k < list.length; k++) yield sessionRow(ctx, profile.client, sessionId(first + k), list[k]);
  }
}

function* lineRows(ctx: ShopContext, population: Population): Iterator<LineRow> {
  const products = ctx.catalog.products;
  for (let i = 0; i < population.customers; i++) {
    const { sessions } = customerData(ctx, i, capOf(population, i), false);
    const first = population.sessionStart[i];
    const list = sessions.sessions;
    for (let k = 0; k < list.length; k++) {
      const lines = list[k].lines;
      if (!lines) continue;
      const orderId = sessionId(first + k);
      for (let j = 0; j < lines.length; j += 2) {
        const product = products[lines[j]];
        yield { order_id: orderId, product: product.name, category: product.category, price: product.priceCents / 100, quantity: lines[j + 1] };
      }
    }
  }
}

function* messageRows(ctx: ShopContext, population: Population): Iterator<MessageRow> {
  for (let i = 0; i < population.customers; i++) {
    const profile = customerProfile(ctx, i);
    const messages = customerMessages(ctx, profile);
    const first = population.messageStart[i];
    for (let k = 0; k < messages.length; k++) yield messageRow(ctx, profile.client, messageId(first + k), messages[k]);
  }
}
