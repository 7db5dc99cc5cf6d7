import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportNames } from '@clvkit/analytics';
import { describe, expect, it } from 'vitest';
import { pushedDownAnalyses } from '../../src/query/index.js';

/** The README's table classifies every registered analysis once, and class (a) is exactly what runs. */
function classification(): Map<string, string> {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const expand = (s: string): string[] => {
    const m = /\{[^}]*\}/.exec(s);
    return m ? m[0].slice(1, -1).split(',').flatMap((o) => expand(s.replace(m[0], o))) : [s];
  };
  const out = new Map<string, string>();
  for (const m of readme.matchAll(/^\| ([a-z_0-9{}, ]+) \| (a|a′|b|c|a′ \/ b) \|/gm)) {
    for (const name of m[1].split(', ').flatMap(expand)) {
      expect(out.has(name.trim()), `${name} classified twice`).toBe(false);
      out.set(name.trim(), m[2]);
    }
  }
  return out;
}

describe('analysis classification', () => {
  it('covers every registered analysis exactly once', () => {
    const table = classification();
    expect([...table.keys()].sort()).toEqual([...reportNames()].sort());
  });

  it('class (a) is the set of pushed-down analyses', () => {
    const table = classification();
    const a = [...table].filter(([, c]) => c === 'a').map(([n]) => n).sort();
    expect(a).toEqual(pushedDownAnalyses().sort());
  });
});
