import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Runs the example block of packages/core/README.md verbatim (only the package import is
 * pointed at the source), so the README cannot drift from the code.
 */
const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
const entry = resolve(here, '../src/index.ts');

function exampleCode(): string {
  const match = /<!-- readme-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- readme-example:end -->/.exec(readme);
  if (!match) throw new Error('README example block not found');
  return match[1];
}

describe('README example', () => {
  it('runs and gives the results its comments state', async () => {
    const code = exampleCode().replace("from '@clvkit/core'", `from ${JSON.stringify(entry)}`);
    const dir = mkdtempSync(join(tmpdir(), 'clvkit-readme-'));
    const file = join(dir, 'example.ts');
    writeFileSync(file, `${code}\nexport { used, rejected, firstDay, chartFilter, problem, retail, report };\n`);
    try {
      const m = await import(/* @vite-ignore */ file);
      expect(m.used).toBe(2);
      expect(m.rejected).toEqual({ negative: 1, duplicate: 1 });
      expect(m.report.sessions.rowsIn).toBe(4);
      expect(m.firstDay).toBe('2024-03-30');
      expect(m.chartFilter).toEqual({ mode: 'and', predicates: [{ type: 'in', field: 'promotion_id', values: ['SPRING'] }] });
      expect(m.problem).toBe('missing-column: sessions.client <- Customer');
      const li = m.retail.report.lineItems;
      expect([li.rowsIn, li.orderLines, li.returns.lines, li.rejected]).toEqual([4, 2, 1, { required: 1 }]);
      const payment = m.retail.dataset.sessions.columns.payment_amount.values[0];
      // 6 × 2.55 + 6 × 3.39 = 15.30 + 20.34 = 35.64
      expect(payment).toBeCloseTo(35.64, 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
