import { describe, expect, test } from 'vitest';
import { THEME_TOKENS } from '../../src/theme/tokens.js';
import { ANOMALY_CSS } from '../../src/widgets/anomaly/anomaly-css.js';
import { SEARCH_CSS } from '../../src/widgets/search/search-css.js';

describe('anomaly and search stylesheets', () => {
  for (const [name, css] of Object.entries({ ANOMALY_CSS, SEARCH_CSS })) {
    test(`${name}: colours only from theme tokens, every token defined`, () => {
      expect(css).not.toMatch(/#[0-9a-f]{3,8}\b/i);
      expect(css).not.toMatch(/rgba?\(|hsla?\(/);
      expect(css).not.toMatch(/:\s*(white|black|red|blue|green|gray|grey)\b/);
      const known = new Set(THEME_TOKENS.map((t) => t.name));
      const used = [...css.matchAll(/var\((--clv-[a-z0-9-]+)\)/g)].map((m) => m[1]);
      expect(used.length).toBeGreaterThan(0);
      expect(used.filter((token) => !known.has(token as `--clv-${string}`))).toEqual([]);
    });
  }
});
