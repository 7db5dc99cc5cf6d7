/**
 * One customer's profile: group, first contact, sign-up, first login, demographics, contact
 * fields and consents, preferred sales channel, and when their first order is planned (the
 * sign-up must come before it). Drawn from the customer's own stream, so any customer can be
 * regenerated alone.
 */
import { DAY, HOUR, MINUTE } from './clock.js';
import type { ShopContext } from './context.js';
import { PLACE_CUMULATIVE } from './geography.js';
import { GROUPS, GROUP_CUMULATIVE, type GroupProfile } from './groups.js';
import { Rng } from './random.js';
import { intensityAt, wallAtIntensity, wallOnDay } from './timeline.js';

/** Random-stream keys: each part of a customer has its own stream. */
export const STREAM = { profile: 1, messages: 2, orders: 3, baskets: 4, attributes: 5 } as const;

/** Sales channels (`dimension` of sessions). */
export const SALES_CHANNELS = ['web', 'app', 'marketplace'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

/** A customer as generated (wall times; `NaN` = missing). Demographics are in `CustomerAttributes`. */
export interface CustomerProfile {
  readonly index: number;
  readonly client: string;
  readonly group: number;
  readonly profile: GroupProfile;
  readonly downloadWall: number;
  readonly signupWall: number;
  readonly firstLoginWall: number;
  /** Planned first order (`NaN`: none in the period). */
  readonly firstOrderWall: number;
  readonly hasEmail: boolean;
  readonly hasPhone: boolean;
  readonly emailOptIn: boolean;
  readonly smsOptIn: boolean;
  readonly pushOptIn: boolean;
  /** Index into `SALES_CHANNELS`. */
  readonly channel: number;
  /** Multiplier on message open and click rates. */
  readonly engagement: number;
}

/** Demographics, drawn from their own stream only when the customers table is read. */
export interface CustomerAttributes {
  readonly gender: string | null;
  readonly birthDate: string | null;
  /** Whole years on the last day of the period. */
  readonly age: number | null;
  /** Index into `PLACE_LIST`, or -1. */
  readonly place: number;
}

/** The client id of customer `index` (0-based): `C000001`, `C000002`, ... */
export function clientId(index: number): string {
  return 'C' + String(index + 1).padStart(6, '0');
}

/** The 0-based customer index of a client id made by `clientId`, or -1. */
export function customerIndex(client: string): number {
  const match = /^C(\d{6,})$/.exec(client);
  return match ? Number(match[1]) - 1 : -1;
}

const GROUP_ENGAGEMENT: Readonly<Record<GroupProfile['name'], number>> = {
  champion: 1.6,
  weekly: 1.3,
  monthly: 1.1,
  occasional: 0.9,
  churner: 1.0,
  'one-timer': 0.7,
  browser: 0.6,
};

/** Generates customer `index`. */
export function customerProfile(ctx: ShopContext, index: number): CustomerProfile {
  const rng = new Rng(ctx.options.seed, index, STREAM.profile);
  const { clock, season } = ctx;
  const group = rng.pickCumulative(GROUP_CUMULATIVE);
  const profile = GROUPS[group];
  const arrivalDay = rng.pickCumulative(season.arrivalCumulative);
  const downloadWall = wallOnDay(ctx, arrivalDay, rng);
  const channelDraw = rng.next();
  const channel = channelDraw < 0.5 ? 0 : channelDraw < 0.85 ? 1 : 2;

  let firstOrderWall = NaN;
  if (profile.firstOrderDays !== null) {
    if (rng.chance(0.3)) {
      // Bought in the first visit.
      firstOrderWall = downloadWall + Math.round(rng.uniform(5, 120)) * MINUTE;
    } else {
      const planned = wallAtIntensity(ctx, intensityAt(ctx, downloadWall) + rng.exponential(profile.firstOrderDays), rng);
      firstOrderWall = planned > downloadWall ? planned : downloadWall + Math.round(rng.uniform(5, 120)) * MINUTE;
    }
    if (firstOrderWall >= clock.endWall) firstOrderWall = NaN;
  }

  let signupWall = NaN;
  if (!Number.isNaN(firstOrderWall)) {
    // Buyers sign up before their first order, usually within hours of first contact.
    signupWall = downloadWall + Math.min(rng.exponential(6 * HOUR), 0.8 * (firstOrderWall - downloadWall));
  } else if (rng.chance(0.55)) {
    signupWall = downloadWall + rng.exponential(2 * DAY);
  }
  signupWall = roundSecond(signupWall);
  if (signupWall >= clock.endWall) signupWall = NaN;

  let firstLoginWall = NaN;
  if (!Number.isNaN(signupWall) && rng.chance(0.9)) {
    firstLoginWall = roundSecond(signupWall + MINUTE + rng.exponential(DAY));
    if (firstLoginWall >= clock.endWall) firstLoginWall = NaN;
  }

  const client = clientId(index);
  const signedUp = !Number.isNaN(signupWall);
  const hasEmail = signedUp && rng.chance(0.97);
  const hasPhone = signedUp && rng.chance(0.7);
  const emailOptIn = hasEmail && rng.chance(0.62);
  const smsOptIn = hasPhone && rng.chance(0.4);
  const pushOptIn = rng.chance(channel === 1 ? 0.65 : 0.08);
  const engagement = GROUP_ENGAGEMENT[profile.name] * rng.logNormal(1, 0.5);

  return {
    index,
    client,
    group,
    profile,
    downloadWall,
    signupWall,
    firstLoginWall,
    firstOrderWall,
    hasEmail,
    hasPhone,
    emailOptIn,
    smsOptIn,
    pushOptIn,
    channel,
    engagement,
  };
}

function roundSecond(wall: number): number {
  return Math.round(wall / 1000) * 1000;
}

/** Draws the demographics of customer `index`. */
export function customerAttributes(ctx: ShopContext, index: number): CustomerAttributes {
  const rng = new Rng(ctx.options.seed, index, STREAM.attributes);
  const { clock } = ctx;
  const genderDraw = rng.next();
  const gender = genderDraw < 0.52 ? 'female' : genderDraw < 0.95 ? 'male' : genderDraw < 0.96 ? 'other' : null;
  let birthDate: string | null = null;
  let age: number | null = null;
  const ageAtStart = Math.min(85, Math.max(18, Math.round(37 + 12 * rng.normal())));
  const birthWall = clock.startWall - ageAtStart * 365.25 * DAY - rng.int(365) * DAY;
  if (rng.chance(0.85)) {
    const birth = new Date(birthWall);
    birthDate = birth.toISOString().slice(0, 10);
    const end = new Date(clock.endWall - DAY);
    age = end.getUTCFullYear() - birth.getUTCFullYear();
    if (end.getUTCMonth() < birth.getUTCMonth() || (end.getUTCMonth() === birth.getUTCMonth() && end.getUTCDate() < birth.getUTCDate())) age--;
  }
  const place = rng.chance(0.97) ? rng.pickCumulative(PLACE_CUMULATIVE) : -1;
  return { gender, birthDate, age, place };
}

/** The e-mail address of a client (the reserved example.com domain). */
export function emailOf(client: string): string {
  return `${client.toLowerCase()}@example.com`;
}

/** The phone number of customer `index`: Ofcom's drama range (07700 900000-900999), never a real subscriber. */
export function phoneOf(index: number): string {
  return `+44 7700 900${String(index % 1000).padStart(3, '0')}`;
}
