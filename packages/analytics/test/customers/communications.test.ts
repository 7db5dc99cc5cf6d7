import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { fixture, ms, report, type MessageSpec } from './fixtures.js';

/*
 * Campaign c1 sent 2024-05-01T10:00Z by e-mail to m1..m5 and by SMS to m1, m2; c2 by e-mail to m3
 * on 06-01 and 06-02. Window 7 days: [05-01T10:00, 05-08T10:00).
 * | client | orders                                   | c1 conversion | c1 before ([04-24T10, 05-01T10)) |
 * | m1     | 04-28T12:00 (web), 05-03T12:00 (web)     | yes           | yes                              |
 * | m2     | 05-09T10:00 (= sent + 8 days, app)       | no            | no                               |
 * | m3     | 05-08T09:59 (app)                        | yes           | no                               |
 * | m4     | a visit 05-02, no order                  | no            | no                               |
 * | m5     | no session at all                        | no            | no                               |
 * | id | client | channel | campaign | delivered | opened | clicked | unsubscribed |
 * | 1  | m1     | email   | c1       | yes       | yes    | yes     |              |
 * | 2  | m2     | email   | c1       | yes       | yes    |         |              |
 * | 3  | m3     | email   | c1       | yes       |        |         | yes          |
 * | 4  | m4     | email   | c1       |           |        |         |              |
 * | 5  | m5     | email   | c1       | yes       |        |         |              |
 * | 6  | m1     | sms     | c1       | yes       | (SMS opens are never tracked) | yes |    |
 * | 7  | m2     | sms     | c1       | yes       |        |         |              |
 * | 8  | m3     | email   | c2 06-01 | yes       | yes    |         |              |
 * | 9  | m3     | email   | c2 06-02 | yes       |        |         |              |
 */
const c1 = '2024-05-01T10:00:00Z';
const later = '2024-05-01T11:00:00Z';
const messages: MessageSpec[] = [
  { id: '1', client: 'm1', channel: 'email', campaign: 'c1', sent: c1, delivered: c1, opened: later, clicked: later },
  { id: '2', client: 'm2', channel: 'email', campaign: 'c1', sent: c1, delivered: c1, opened: later },
  { id: '3', client: 'm3', channel: 'email', campaign: 'c1', sent: c1, delivered: c1, unsubscribed: later },
  { id: '4', client: 'm4', channel: 'email', campaign: 'c1', sent: c1 },
  { id: '5', client: 'm5', channel: 'email', campaign: 'c1', sent: c1, delivered: c1 },
  { id: '6', client: 'm1', channel: 'sms', campaign: 'c1', sent: c1, delivered: c1, clicked: later },
  { id: '7', client: 'm2', channel: 'sms', campaign: 'c1', sent: c1, delivered: c1 },
  { id: '8', client: 'm3', channel: 'email', campaign: 'c2', sent: '2024-06-01T10:00:00Z', delivered: '2024-06-01T10:00:00Z', opened: '2024-06-01T12:00:00Z' },
  { id: '9', client: 'm3', channel: 'email', campaign: 'c2', sent: '2024-06-02T10:00:00Z', delivered: '2024-06-02T10:00:00Z' },
];
const data = () =>
  fixture({
    sessions: [
      { id: 'o1', client: 'm1', start: '2024-04-28T12:00:00Z', payment: 10, dimension: 'web' },
      { id: 'o2', client: 'm1', start: '2024-05-03T12:00:00Z', payment: 10, dimension: 'web' },
      { id: 'o3', client: 'm2', start: '2024-05-09T10:00:00Z', payment: 10, dimension: 'app' },
      { id: 'o4', client: 'm3', start: '2024-05-08T09:59:00Z', payment: 10, dimension: 'app' },
      { id: 'v1', client: 'm4', start: '2024-05-02T10:00:00Z', purchased: false, dimension: 'app' },
    ],
    messages,
  });

describe('communications', () => {
  it('counts sent, delivered, opened, clicked, unsubscribed and the conversion per campaign and channel', () => {
    const { rows, meta } = report(data(), 'communications');
    expect(meta).toMatchObject({ windowDays: 7, by: 'campaign_channel' });
    expect(rows).toEqual([
      {
        campaign: 'c1', channel: 'email', firstSent: ms(c1),
        sent: 5, delivered: 4, opened: 2, clicked: 1, unsubscribed: 1,
        // delivery 4/5; open, click, unsubscribe over the 4 delivered; click-to-open 1/2.
        deliveryRate: 0.8, openRate: 0.5, clickRate: 0.25, clickToOpenRate: 0.5, unsubscribeRate: 0.25,
        // m1 and m3 ordered within 7 days (m2 exactly 8 days later); m1 also the week before.
        recipients: 5, converted: 2, conversion: 0.4, conversionBefore: 0.2,
      },
      {
        campaign: 'c1', channel: 'sms', firstSent: ms(c1),
        sent: 2, delivered: 2, opened: null, clicked: 1, unsubscribed: 0,
        deliveryRate: 1, openRate: null, clickRate: 0.5, clickToOpenRate: null, unsubscribeRate: 0,
        recipients: 2, converted: 1, conversion: 0.5, conversionBefore: 0.5,
      },
      {
        campaign: 'c2', channel: 'email', firstSent: ms('2024-06-01T10:00:00Z'),
        sent: 2, delivered: 2, opened: 1, clicked: 0, unsubscribed: 0,
        deliveryRate: 1, openRate: 0.5, clickRate: 0, clickToOpenRate: 0, unsubscribeRate: 0,
        // One recipient, two messages; m3 did not order around either.
        recipients: 1, converted: 0, conversion: 0, conversionBefore: 0,
      },
    ]);
  });

  it('rolls up per channel or per campaign (an event one channel does not track is null)', () => {
    const channels = report(data(), 'communications', { by: 'channel' }).rows;
    expect(channels.map((r) => [r.campaign, r.channel, r.sent, r.delivered, r.opened, r.recipients, r.converted, r.conversion])).toEqual([
      // e-mail: 7 messages to m1..m5; converted m1 and m3 (after c1).
      [null, 'email', 7, 6, 3, 5, 2, 0.4],
      [null, 'sms', 2, 2, null, 2, 1, 0.5],
    ]);
    const campaigns = report(data(), 'communications', { by: 'campaign' }).rows;
    expect(campaigns.map((r) => [r.campaign, r.channel, r.sent, r.opened, r.clicked, r.recipients, r.converted])).toEqual([
      ['c1', null, 7, null, 2, 5, 2],
      ['c2', null, 2, 1, 0, 1, 0],
    ]);
  });

  it('takes the window in days (the end is exclusive)', () => {
    // 8 days: [05-01T10, 05-09T10) still misses m2's 05-09T10:00 order; 9 days catches it.
    expect(report(data(), 'communications', { windowDays: 8 }).rows[0].converted).toBe(2);
    expect(report(data(), 'communications', { windowDays: 9 }).rows[0].converted).toBe(3);
  });

  it('follows the selection: sent in a brushed range, message fields, and the recipients\' sessions', () => {
    expect(report(data(), 'communications', {}, [interval('session_start', ms('2024-05-15'), ms('2024-07-01'))]).rows.map((r) => r.campaign)).toEqual(['c2']);
    expect(report(data(), 'communications', {}, [isIn('campaign', ['c2'])]).rows.map((r) => [r.campaign, r.sent])).toEqual([['c2', 2]]);
    expect(report(data(), 'communications', {}, [isIn('messages.channel', ['sms'])]).rows.map((r) => [r.channel, r.sent])).toEqual([['sms', 2]]);
    // web: recipients with a web session (m1 only); conversion counts web orders.
    const web = report(data(), 'communications', {}, [isIn('dimension', ['web'])]).rows;
    expect(web.map((r) => [r.campaign, r.channel, r.sent, r.recipients, r.converted])).toEqual([
      ['c1', 'email', 1, 1, 1],
      ['c1', 'sms', 1, 1, 1],
    ]);
  });

  it('says it needs messages', () => {
    const bare = fixture({ sessions: [{ id: 'o', client: 'x', start: '2024-01-01T00:00:00Z', payment: 1 }] });
    expect(() => report(bare, 'communications')).toThrow(MissingInputError);
  });
});
