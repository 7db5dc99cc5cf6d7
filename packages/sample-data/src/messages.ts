/**
 * One customer's messages: every campaign sent after their first contact on a channel they
 * consented to (email and SMS need a sign-up), until they unsubscribe from that channel.
 * Delivery, open, click and unsubscribe rates are per channel and scale with the customer's
 * engagement. Events after the end of the period have not happened yet (missing).
 */
import { MINUTE } from './clock.js';
import type { ShopContext } from './context.js';
import { STREAM, type CustomerProfile } from './customer.js';
import { Rng } from './random.js';

/** A message as generated (wall times; `NaN` = did not happen). */
export interface MessagePlan {
  /** Index into `ctx.campaigns`. */
  readonly campaign: number;
  readonly sentWall: number;
  readonly deliveredWall: number;
  readonly openedWall: number;
  readonly clickedWall: number;
  readonly unsubscribedWall: number;
}

const SECOND = 1000;

/** Generates the messages of a customer, in send order. */
export function customerMessages(ctx: ShopContext, customer: CustomerProfile): MessagePlan[] {
  const out: MessagePlan[] = [];
  if (!customer.emailOptIn && !customer.smsOptIn && !customer.pushOptIn) return out;
  const rng = new Rng(ctx.options.seed, customer.index, STREAM.messages);
  const { campaigns, campaignWalls } = ctx;
  const end = ctx.clock.endWall;
  let emailOpen = customer.emailOptIn;
  let smsOpen = customer.smsOptIn;
  let pushOpen = customer.pushOptIn;
  const signedUp = customer.signupWall;
  for (let k = firstAfter(campaignWalls, customer.downloadWall); k < campaigns.length; k++) {
    const campaign = campaigns[k];
    const channel = campaign.channel;
    if (channel === 'email' ? !emailOpen || !(signedUp < campaign.sentWall) : channel === 'sms' ? !smsOpen || !(signedUp < campaign.sentWall) : !pushOpen) continue;
    if (!rng.chance(campaign.audience)) continue;
    const sentWall = campaign.sentWall + Math.floor(rng.uniform(0, 25 * MINUTE) / SECOND) * SECOND;
    let deliveredWall = NaN;
    let openedWall = NaN;
    let clickedWall = NaN;
    let unsubscribedWall = NaN;
    const e = customer.engagement;
    if (channel === 'email') {
      if (rng.chance(0.97)) {
        deliveredWall = sentWall + Math.round(rng.uniform(2, 90)) * SECOND;
        if (rng.chance(Math.min(0.9, 0.24 * e))) {
          openedWall = deliveredWall + Math.round(rng.logNormal(3 * 60, 1.2)) * MINUTE;
          if (rng.chance(Math.min(0.8, 0.16 * e))) clickedWall = openedWall + Math.round(rng.logNormal(120, 1)) * SECOND;
          else if (rng.chance(0.014)) unsubscribedWall = openedWall + Math.round(rng.uniform(10, 300)) * SECOND;
        }
      }
    } else if (channel === 'sms') {
      if (rng.chance(0.95)) {
        deliveredWall = sentWall + Math.round(rng.uniform(1, 20)) * SECOND;
        // SMS opens are not tracked: opened_at stays missing.
        if (rng.chance(Math.min(0.6, 0.045 * e))) clickedWall = deliveredWall + Math.round(rng.logNormal(20, 1.2) * 60) * SECOND;
        else if (rng.chance(0.009)) unsubscribedWall = deliveredWall + Math.round(rng.logNormal(30, 1) * 60) * SECOND;
      }
    } else if (rng.chance(0.88)) {
      deliveredWall = sentWall + Math.round(rng.uniform(1, 10)) * SECOND;
      // A push "open" is the tap; most taps follow the deep link (the click).
      if (rng.chance(Math.min(0.7, 0.08 * e))) {
        openedWall = deliveredWall + Math.round(rng.logNormal(25, 1.3) * 60) * SECOND;
        if (rng.chance(0.55)) clickedWall = openedWall + Math.round(rng.uniform(5, 60)) * SECOND;
      } else if (rng.chance(0.003)) {
        unsubscribedWall = deliveredWall + Math.round(rng.logNormal(60, 1) * 60) * SECOND;
      }
    }
    if (!(deliveredWall < end)) deliveredWall = NaN;
    if (!(openedWall < end)) openedWall = NaN;
    if (!(clickedWall < end) || Number.isNaN(deliveredWall)) clickedWall = NaN;
    if (!(unsubscribedWall < end)) unsubscribedWall = NaN;
    if (!Number.isNaN(unsubscribedWall)) {
      if (channel === 'email') emailOpen = false;
      else if (channel === 'sms') smsOpen = false;
      else pushOpen = false;
    }
    if (sentWall < end) out.push({ campaign: k, sentWall, deliveredWall, openedWall, clickedWall, unsubscribedWall });
  }
  return out;
}

/** First index whose value is greater than `wall`. */
function firstAfter(walls: Float64Array, wall: number): number {
  let lo = 0;
  let hi = walls.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (walls[mid] > wall) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
