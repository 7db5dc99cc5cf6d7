import { describe, expect, it } from 'vitest';
import { derivedColumns } from '../../src/index.js';
import { sessionFunnelCounts } from '../../src/analyses/stats/session-funnel-steps.js';
import { booleans, buildDataset } from '../helpers.js';
import { mulberry32 as random } from '../../src/random.js';


describe('sessionFunnelCounts', () => {
  // 0 to 2 actions read by name, 3 to 6 packed in a loop, 8 counted step by step.
  for (const actions of [0, 1, 2, 3, 6, 8]) {
    it(`counts every step per group with ${actions} host actions, with and without a mask`, () => {
      const next = random(actions + 1);
      const n = 400;
      const purchased = Array.from({ length: n }, () => next() < 0.3);
      const base = buildDataset({ sessions: purchased.map((p, i) => ({ id: `s${i}`, client: `c${i % 17}`, start: '2024-01-01T00:00Z', purchased: p })) });
      const names = Array.from({ length: actions }, (_, a) => `action_${a}`);
      const flags = names.map(() => Array.from({ length: n }, () => next() < 0.5));
      const columns = { ...base.sessions.columns, ...Object.fromEntries(names.map((name, a) => [name, booleans(flags[a])])) };
      const dataset = { ...base, sessions: { ...base.sessions, columns }, sessionActions: names };
      const groups = 5;
      const codes = Int32Array.from({ length: n }, () => Math.floor(next() * (groups + 2)) - 1); // -1 and `groups` fall outside
      const mask = Uint8Array.from({ length: n }, () => (next() < 0.7 ? 1 : 0));
      for (const kept of [null, mask]) {
        // Brute force: per session in the mask and a group, 1 for the session step, each set flag, a purchase.
        const width = actions + 2;
        const expected = new Float64Array(groups * width);
        for (let i = 0; i < n; i++) {
          if (kept && !kept[i]) continue;
          const g = codes[i];
          if (g < 0 || g >= groups) continue;
          expected[g * width]++;
          for (let a = 0; a < actions; a++) if (flags[a][i]) expected[g * width + 1 + a]++;
          if (purchased[i]) expected[g * width + width - 1]++;
        }
        expect(sessionFunnelCounts(derivedColumns(dataset), codes, groups, kept)).toEqual(expected);
      }
    });
  }
});
