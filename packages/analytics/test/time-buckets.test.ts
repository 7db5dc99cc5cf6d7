import { describe, expect, it } from 'vitest';
import { calendarFor } from '@clvkit/core';
import { buildBucketIndex, coarserBucketIndex } from '../src/time-buckets.js';
import { derivedColumns } from '../src/index.js';
import { buildDataset } from './helpers.js';
import { mulberry32 as random } from '../src/random.js';


describe('coarserBucketIndex', () => {
  // Zones with DST at 02:00, at midnight (São Paulo until 2019), a 30-minute shift (Lord Howe)
  // and a half-hour offset without DST (Kolkata).
  const zones = ['UTC', 'Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns'];
  for (const timeZone of zones) {
    it(`gives the weeks, months, quarters and years of a direct build from the days, in ${timeZone}`, () => {
      const next = random(zones.indexOf(timeZone) + 1);
      const from = Date.UTC(2016, 0, 1);
      const span = 5 * 365 * 86_400_000;
      // Random instants, some missing, and every midnight-adjacent minute of a few days.
      const values = Float64Array.from({ length: 1500 }, (_, i) => (i % 97 === 0 ? Number.NaN : from + Math.floor(next() * span)));
      for (const weekStart of [0, 1, 6]) {
        const calendar = calendarFor({ timeZone, weekStart });
        const days = buildBucketIndex(values, calendar, 'day');
        for (const unit of ['week', 'month', 'quarter', 'year'] as const) {
          expect(coarserBucketIndex(days, calendar, unit)).toEqual(buildBucketIndex(values, calendar, unit));
        }
      }
    });
  }

  it('is what the derived columns use for weeks and months, and handles a column without times', () => {
    const dataset = buildDataset({
      sessions: [
        { id: 'a', client: 'x', start: '2024-03-31T23:30:00Z' },
        { id: 'b', client: 'x', start: 'not a time' },
        { id: 'c', client: 'y', start: '2024-04-01T00:30:00Z' },
      ],
      time: { timeZone: 'Europe/Berlin' },
    });
    const derived = derivedColumns(dataset);
    const calendar = derived.calendar;
    const values = (dataset.sessions.columns.session_start as { values: Float64Array }).values;
    expect(derived.buckets('sessions', 'session_start', 'month')).toEqual(buildBucketIndex(values, calendar, 'month'));
    expect(derived.buckets('sessions', 'session_start', 'month').codes).toEqual(Int32Array.of(0, -1, 0));
    const empty = buildBucketIndex(Float64Array.of(Number.NaN), calendar, 'day');
    expect(coarserBucketIndex(empty, calendar, 'week')).toEqual(buildBucketIndex(Float64Array.of(Number.NaN), calendar, 'week'));
  });
});
