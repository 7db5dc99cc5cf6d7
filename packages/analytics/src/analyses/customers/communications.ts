import { evaluatePredicate, type Column, type FieldPredicate, type Filter, type Predicate, type Row, type StringColumn } from '@clvkit/core';
import { indexByCode } from '../../derived.js';
import { ParamReader } from '../../params.js';
import { periodOf, type Period } from '../../period.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import type { CustomerOrders } from '../../customer-orders.js';
import { DAY_MS } from '../../as-of.js';
import { translateCodes } from '@clvkit/core';
import { clientCodesOf, ordersUnder, sessionsUnder, tableOf } from './scope.js';

/** Params of `communications`. */
export interface CommunicationsParams {
  readonly windowDays: number;
  readonly by: 'campaign_channel' | 'campaign' | 'channel';
}

const EVENTS = ['delivered', 'opened', 'clicked', 'unsubscribed'] as const;
type MessageEvent = (typeof EVENTS)[number];

/**
 * `communications` (seed 004 "e-mail, SMS, push" and SPEC "Communications"): the messages per
 * campaign and channel (`by`: `campaign_channel` by default, or `campaign`, or `channel`).
 *
 * Messages counted: those sent in the period when the filter has an interval on session_start
 * (the interval applied to sent_at), passing the filter's messages predicates (campaign,
 * channel, ...) on the message itself and its customers predicates through the recipient's
 * customer row; with an `or` filter, the messages whose recipient has a session passing it.
 *
 * - sent = messages; delivered / opened / clicked / unsubscribed = those with the event's
 *   time (delivered_at, opened_at, clicked_at, unsubscribed_at). An event a channel does not
 *   track is null, and so are its rates: the column is absent, or (delivered, opened, clicked)
 *   no message of that channel in the whole table has it, as SMS opens; a row over several
 *   channels is null when one of them does not track it;
 * - deliveryRate = delivered / sent; openRate = opened / delivered, clickRate = clicked /
 *   delivered, unsubscribeRate = unsubscribed / delivered (over sent where delivery is not
 *   tracked); clickToOpenRate = clicked / opened; null over 0;
 * - recipients = distinct customers messaged; converted = recipients with an order (a session
 *   with has_purchased passing the filter's predicates other than its session_start interval)
 *   in [sent_at, sent_at + windowDays × 24 h) of at least one of their messages of the row;
 *   conversion = converted / recipients; conversionBefore = the share with an order in
 *   [sent_at − window, sent_at) of one of those messages, the same customers' baseline.
 *
 * Rows `{ campaign, channel, firstSent, sent, delivered, opened, clicked, unsubscribed,
 * deliveryRate, openRate, clickRate, clickToOpenRate, unsubscribeRate, recipients, converted,
 * conversion, conversionBefore }` (campaign or channel null when `by` aggregates it away), by
 * firstSent (the earliest sent_at), then campaign, then channel. Params: `windowDays` (default
 * 7, 1..365), `by`. meta: `{ windowDays, by, period }`.
 */
export const communications = defineAnalysis({
  name: 'communications',
  description: 'Sent, delivered, opened, clicked, unsubscribed and conversion to orders per campaign and channel',
  tables: ['messages'],
  params: (raw): CommunicationsParams => {
    const read = new ParamReader('communications', raw, ['windowDays', 'by']);
    return { windowDays: read.integer('windowDays', 1, 365, 7), by: read.oneOf('by', ['campaign_channel', 'campaign', 'channel'], 'campaign_channel') };
  },
  run(context, params) {
    const messages = context.dataset.messages!;
    const n = messages.length;
    const period = periodOf(context);
    const scope = messagesInScope(context, period);
    const campaign = stringColumn(messages.columns.campaign, n);
    const channel = stringColumn(messages.columns.channel, n);
    const sentAt = timeColumn(messages.columns.sent_at, n);
    const channels = channel.dictionary.length + 1;
    const campaigns = campaign.dictionary.length;
    const groups = (campaigns + 1) * channels;
    const tracked = trackedEvents(context, channel, channels);
    const eventTimes = EVENTS.map((event) => {
      const column = messages.columns[`${event}_at`];
      return column ? timeColumn(column, n) : null;
    });
    // One pass over the messages: each one's group (campaign × channel slot; -1 outside the
    // selection), sent and first sent, and per event its count, or that a channel of the group
    // does not track it. All counts and minima, so the order of the messages does not matter.
    const gid = new Int32Array(n);
    const sent = new Float64Array(groups);
    const firstSent = new Float64Array(groups).fill(Infinity);
    const counts = EVENTS.map(() => new Float64Array(groups));
    const untracked = EVENTS.map(() => new Uint8Array(groups));
    const byCampaign = params.by !== 'channel';
    const byChannel = params.by !== 'campaign';
    // The four events by name: a loop over a list of columns per message is several times slower.
    const [deliveredAt, openedAt, clickedAt, unsubscribedAt] = eventTimes;
    const [deliveredTracked, openedTracked, clickedTracked, unsubscribedTracked] = tracked;
    const [deliveredCount, openedCount, clickedCount, unsubscribedCount] = counts;
    const [deliveredUntracked, openedUntracked, clickedUntracked, unsubscribedUntracked] = untracked;
    for (let i = 0; i < n; i++) {
      if (!scope[i]) {
        gid[i] = -1;
        continue;
      }
      const slot = channel.codes[i] < 0 ? channels - 1 : channel.codes[i];
      const a = byCampaign ? (campaign.codes[i] < 0 ? campaigns : campaign.codes[i]) : 0;
      const g = a * channels + (byChannel ? slot : 0);
      gid[i] = g;
      sent[g]++;
      if (sentAt[i] < firstSent[g]) firstSent[g] = sentAt[i];
      if (deliveredAt === null || !deliveredTracked[slot]) deliveredUntracked[g] = 1;
      else if (deliveredAt[i] === deliveredAt[i]) deliveredCount[g]++;
      if (openedAt === null || !openedTracked[slot]) openedUntracked[g] = 1;
      else if (openedAt[i] === openedAt[i]) openedCount[g]++;
      if (clickedAt === null || !clickedTracked[slot]) clickedUntracked[g] = 1;
      else if (clickedAt[i] === clickedAt[i]) clickedCount[g]++;
      if (unsubscribedAt === null || !unsubscribedTracked[slot]) unsubscribedUntracked[g] = 1;
      else if (unsubscribedAt[i] === unsubscribedAt[i]) unsubscribedCount[g]++;
    }
    const conversion = conversions(context, gid, sentAt, groups, params.windowDays * DAY_MS, ordersUnder(context, period.rest));
    const rows: Row[] = [];
    for (let g = 0; g < groups; g++) {
      if (sent[g] === 0) continue;
      const a = Math.floor(g / channels);
      const b = g % channels;
      const value = (event: MessageEvent): number | null => {
        const e = EVENTS.indexOf(event);
        return untracked[e][g] ? null : counts[e][g];
      };
      const delivered = value('delivered');
      const opened = value('opened');
      const clicked = value('clicked');
      const unsubscribed = value('unsubscribed');
      const base = delivered ?? sent[g];
      rows.push({
        campaign: params.by === 'channel' || a === campaign.dictionary.length ? null : campaign.dictionary[a],
        channel: params.by === 'campaign' || b === channel.dictionary.length ? null : channel.dictionary[b],
        firstSent: Number.isFinite(firstSent[g]) ? firstSent[g] : null,
        sent: sent[g],
        delivered,
        opened,
        clicked,
        unsubscribed,
        deliveryRate: ratio(delivered, sent[g]),
        openRate: ratio(opened, base),
        clickRate: ratio(clicked, base),
        clickToOpenRate: ratio(clicked, opened),
        unsubscribeRate: ratio(unsubscribed, base),
        recipients: conversion.recipients[g],
        converted: conversion.converted[g],
        conversion: ratio(conversion.converted[g], conversion.recipients[g]),
        conversionBefore: ratio(conversion.convertedBefore[g], conversion.recipients[g]),
      });
    }
    const text = (v: unknown) => (v === null ? '\uffff' : String(v));
    rows.sort((x, y) => (x.firstSent as number) - (y.firstSent as number) || cmp(text(x.campaign), text(y.campaign)) || cmp(text(x.channel), text(y.channel)));
    return { rows, meta: { windowDays: params.windowDays, by: params.by, period: period.range } };
  },
});

/** Per event of EVENTS, per channel slot: 1 when some message of the channel (in the whole table) has the event's time. */
function trackedEvents(context: AnalysisContext, channel: StringColumn, channels: number): Uint8Array[] {
  return context.derived.memo('customersGroup:trackedEvents', () => {
    const messages = context.dataset.messages!;
    const n = messages.length;
    return EVENTS.map((event) => {
      const flags = new Uint8Array(channels);
      const column = messages.columns[`${event}_at`];
      if (!column) return flags;
      // Unsubscribes are rare: their absence says nothing about tracking.
      if (event === 'unsubscribed') return flags.fill(1);
      const times = timeColumn(column, n);
      for (let i = 0; i < n; i++) if (times[i] === times[i]) flags[channel.codes[i] < 0 ? channels - 1 : channel.codes[i]] = 1;
      return flags;
    });
  });
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stringColumn(column: Column | undefined, n: number): StringColumn {
  if (column && column.type === 'string') return column;
  return { type: 'string', codes: new Int32Array(n).fill(-1), dictionary: [] };
}

function timeColumn(column: Column | undefined, n: number): Float64Array {
  if (column && (column.type === 'time' || column.type === 'number')) return column.values;
  return new Float64Array(n).fill(Number.NaN);
}

/**
 * The messages in the selection (see `communications`): sent in the period when it comes from
 * the filter; under an `and` filter, passing its messages predicates on themselves, its
 * customers predicates through their recipient's customer row, and its other predicates
 * (sessions, lines, compound clauses; the session_start interval aside) through the recipient
 * having a session that passes them all; under an `or` filter, recipients with a session
 * passing it.
 */
export function messagesInScope(context: AnalysisContext, period: Period): Uint8Array {
  const { dataset, filter } = context;
  const messages = dataset.messages!;
  const n = messages.length;
  const out = new Uint8Array(n).fill(1);
  const sentAt = timeColumn(messages.columns.sent_at, n);
  const range = period.fromFilter ? period.range : null;
  if (range) for (let i = 0; i < n; i++) if (!(sentAt[i] >= range[0] && sentAt[i] < range[1])) out[i] = 0;
  if (filter.predicates.length === 0) return out;
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const recipientCodes = clientCodesOf(context.derived, 'messages');
  const keepClientsWithSessions = (sessionFilter: Filter) => {
    const passing = sessionsUnder(context, sessionFilter);
    const { codes, cardinality } = context.derived.sessionClients();
    const clientPasses = new Uint8Array(cardinality);
    for (let i = 0; i < codes.length; i++) if (passing[i] && codes[i] >= 0) clientPasses[codes[i]] = 1;
    for (let i = 0; i < n; i++) if (recipientCodes[i] < 0 || !clientPasses[recipientCodes[i]]) out[i] = 0;
  };
  if (!isAnd) {
    keepClientsWithSessions(filter);
    return out;
  }
  const others: Predicate[] = [];
  for (const predicate of flatten(period.rest.predicates)) {
    const table = tableOf(context, predicate.field);
    if (table === 'messages') {
      const { mask } = evaluatePredicate(dataset, predicate);
      for (let i = 0; i < n; i++) out[i] &= mask[i];
    } else if (table === 'customers' && dataset.customers) {
      const { mask } = evaluatePredicate(dataset, predicate);
      const rowOf = messageCustomerRows(context);
      for (let i = 0; i < n; i++) if (rowOf[i] < 0 || !mask[rowOf[i]]) out[i] = 0;
    } else others.push(predicate);
  }
  if (others.length > 0) keepClientsWithSessions({ mode: 'and', predicates: others });
  return out;
}

/** Per message row, its recipient's row in customers (-1 where none), matched by client id. */
function messageCustomerRows(context: AnalysisContext): Int32Array {
  return context.derived.memo('customersGroup:messageCustomerRows', () => {
    const recipients = context.dataset.messages!.columns.client as StringColumn;
    const client = context.dataset.customers!.columns.client as StringColumn;
    const toCustomerCode = translateCodes(recipients, client);
    const rowOfCode = new Int32Array(client.dictionary.length).fill(-1);
    for (let row = 0; row < client.codes.length; row++) if (client.codes[row] >= 0 && rowOfCode[client.codes[row]] < 0) rowOfCode[client.codes[row]] = row;
    const out = new Int32Array(recipients.codes.length).fill(-1);
    for (let i = 0; i < out.length; i++) {
      const code = recipients.codes[i] >= 0 ? toCustomerCode[recipients.codes[i]] : -1;
      if (code >= 0) out[i] = rowOfCode[code];
    }
    return out;
  });
}

function flatten(predicates: readonly Predicate[]): FieldPredicate[] {
  const out: FieldPredicate[] = [];
  for (const p of predicates) {
    if (p.type === 'and') out.push(...flatten(p.predicates));
    else out.push(p);
  }
  return out;
}

/** Per group: distinct recipients, those with an order in the window after, and in the window before, one of their messages. */
function conversions(
  context: AnalysisContext,
  gid: Int32Array,
  sentAt: Float64Array,
  groups: number,
  windowMs: number,
  orders: CustomerOrders,
): { recipients: Float64Array; converted: Float64Array; convertedBefore: Float64Array } {
  const messages = context.dataset.messages!;
  const own = messages.columns.client as StringColumn;
  const byRecipient = context.derived.memo('customersGroup:messagesByRecipient', () => indexByCode(own.codes, own.dictionary.length));
  const sessionCode = clientCodesOf(context.derived, 'messages');
  const recipients = new Float64Array(groups);
  const converted = new Float64Array(groups);
  const convertedBefore = new Float64Array(groups);
  const lastRecipient = new Int32Array(groups).fill(-1);
  const lastConverted = new Int32Array(groups).fill(-1);
  const lastBefore = new Int32Array(groups).fill(-1);
  const { rows: orderRows, starts, start } = orders;
  for (let r = 0; r < own.dictionary.length; r++) {
    for (let k = byRecipient.starts[r]; k < byRecipient.starts[r + 1]; k++) {
      const i = byRecipient.rows[k];
      const g = gid[i];
      if (g < 0) continue;
      if (lastRecipient[g] !== r) {
        lastRecipient[g] = r;
        recipients[g]++;
      }
      const c = sessionCode[i];
      const t = sentAt[i];
      if (c < 0 || t !== t) continue;
      // First order at or after the send.
      let lo = starts[c];
      let hi = starts[c + 1];
      const from = lo;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (start[orderRows[mid]] < t) lo = mid + 1;
        else hi = mid;
      }
      if (lo < starts[c + 1] && start[orderRows[lo]] < t + windowMs && lastConverted[g] !== r) {
        lastConverted[g] = r;
        converted[g]++;
      }
      if (lo > from && start[orderRows[lo - 1]] >= t - windowMs && lastBefore[g] !== r) {
        lastBefore[g] = r;
        convertedBefore[g]++;
      }
    }
  }
  return { recipients, converted, convertedBefore };
}
