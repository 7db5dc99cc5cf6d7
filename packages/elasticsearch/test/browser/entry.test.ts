import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { elasticsearchSource } from '../../src/browser.js';
import pkg from '../../package.json' with { type: 'json' };

describe('@clvkit/elasticsearch/browser', () => {
  it('is a package entry', () => {
    expect((pkg.exports as Record<string, string>)['./browser']).toBe('./src/browser.ts');
  });

  it('bundles for the browser alone: no official client, no Node module, nothing else', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/browser.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).map((p) => p.replace(/^.*packages\//, ''))).toEqual(['elasticsearch/src/browser.ts']);
    expect(result.outputFiles[0].text).not.toMatch(/node:|@elastic|require\(/);
  });

  it('returns the engine remote source', () => {
    expect(elasticsearchSource({ endpoint: '/api/clvkit', headers: { authorization: 'Bearer x' }, timeoutMs: 5000 })).toEqual({ kind: 'remote', endpoint: '/api/clvkit', headers: { authorization: 'Bearer x' }, timeoutMs: 5000 });
    expect(elasticsearchSource({ endpoint: 'https://shop.example/api/clvkit' })).toEqual({ kind: 'remote', endpoint: 'https://shop.example/api/clvkit' });
  });

  it('refuses a missing endpoint with what to pass', () => {
    expect(() => elasticsearchSource({ endpoint: '' })).toThrow(/options.endpoint must be the URL of the proxy/);
    expect(() => elasticsearchSource(undefined as never)).toThrow(/options.endpoint/);
  });
});
