import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexLayout } from '../../src/layout.js';
import { compileRequest } from '../../src/query/index.js';
import { queryEnv } from '../../src/query/env.js';
import { summariesBody } from '../../src/query/summaries.js';
import { activityBody } from '../../src/query/activity.js';

/**
 * Golden request bodies: test/golden/<name>.json holds a request, the layout and the exact
 * `_search` bodies it compiles to, pretty-printed for review against the Elasticsearch 8
 * reference (see test/golden/README.md for what was checked). A change to a body fails here
 * and must be reviewed; `UPDATE_GOLDEN=1` rewrites the files after review.
 */
const dir = join(import.meta.dirname, '..', 'golden');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('golden request bodies', () => {
  it('there are golden files for every spec shape', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(file, () => {
      const golden = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const layout = indexLayout(golden.layout);
      const env = () => queryEnv({ layout, search: () => Promise.reject(new Error('no search')), extraFilters: golden.extraFilters });
      const bodies = golden.summaries
        ? [summariesBody(env(), golden.summaries)]
        : golden.activity
          ? [activityBody(env(), golden.activity)]
          : compileRequest(golden.request, { layout, extraFilters: golden.extraFilters });
      const actual = JSON.parse(JSON.stringify(bodies));
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(join(dir, file), `${JSON.stringify({ ...golden, bodies: actual }, null, 2)}\n`);
      else expect(actual).toEqual(golden.bodies);
    });
  }
});
