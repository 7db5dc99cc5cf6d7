import { afterEach, describe, expect, it } from 'vitest';
import type { QuerySpec } from '@clvkit/core';
import { createEngine } from '../src/index.js';
import type { EngineSource, WorkerEngine } from '../src/index.js';
import { textChunks, transferables } from '../src/binary-input.js';
import { tinyDataset } from './fixtures/dataset.js';
import { inlineWorkers } from './fixtures/inline.js';

const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
// Three orders (10 + 20.5 + 5) and a visit without purchase.
const CSV = 'order_id,client,session_start,has_purchased,payment_amount\no1,a,2024-01-01T10:00:00Z,true,10\no2,b,2024-01-02T10:00:00Z,true,20.5\no3,a,2024-01-05T10:00:00Z,false,0\no4,c,2024-01-03T10:00:00Z,true,5\n';
const bytes = (text: string) => new TextEncoder().encode(text);

const engines: WorkerEngine[] = [];
function start(source: EngineSource, real = false) {
  // The real worker API (core's import), in-thread over a MessageChannel: transfer lists apply.
  const engine = createEngine({ source, worker: real ? 'inline' : inlineWorkers().factory });
  engines.push(engine);
  return engine;
}
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

// The first inline engine loads @clvkit/analytics (slow to transform on a busy machine).
describe('a CSV given as bytes', { timeout: 60_000 }, () => {
  it('an ArrayBuffer is imported like the same text, and moved: detached on the caller side', async () => {
    const buffer = bytes(CSV).buffer as ArrayBuffer;
    const engine = start({ kind: 'import', input: { sessions: { data: buffer, format: 'csv' } } }, true);
    const info = await engine.ready();
    expect(info.report.sessions).toMatchObject({ rowsIn: 4, rowsUsed: 4 });
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35.5 }]);
    expect(buffer.byteLength).toBe(0);
  });

  it('a Uint8Array over part of a buffer reads only its own bytes (format detected)', async () => {
    const whole = bytes(`garbage before${CSV}garbage after`);
    const view = whole.subarray('garbage before'.length, 'garbage before'.length + bytes(CSV).length);
    const engine = start({ kind: 'import', input: { sessions: { data: view } } }, true);
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35.5 }]);
  });
});

describe('textChunks', () => {
  it('decodes UTF-8 a megabyte at a time, keeping characters split across chunks whole', () => {
    // 'é' is two bytes: put one across the 1 MiB boundary.
    const text = `${'a'.repeat((1 << 20) - 1)}é${'b'.repeat(10)}`;
    const chunks = [...textChunks(bytes(text))];
    expect(chunks.length).toBe(2);
    expect(chunks.join('')).toBe(text);
  });

  it('drops a byte order mark; empty bytes are one empty chunk', () => {
    expect([...textChunks(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))].join('')).toBe('a');
    expect([...textChunks(new ArrayBuffer(0))]).toEqual(['']);
  });
});

describe('a Dataset', () => {
  it('is copied by default: the caller keeps its arrays', async () => {
    const dataset = tinyDataset();
    const engine = start({ kind: 'dataset', dataset });
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    const amounts = dataset.sessions.columns.payment_amount;
    expect(amounts.type === 'number' && amounts.values.length).toBe(4);
  });

  it('with transfer: true its typed arrays are moved, each buffer once', async () => {
    const dataset = tinyDataset();
    const source: EngineSource = { kind: 'dataset', dataset, transfer: true };
    // order_id, client (codes), session_start, has_purchased, payment_amount: five buffers.
    expect(transferables(source)).toHaveLength(5);
    const engine = start(source);
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    const amounts = dataset.sessions.columns.payment_amount;
    expect(amounts.type === 'number' && amounts.values.length).toBe(0);
  });

  it('rows, strings and Blobs are not moved', () => {
    expect(transferables({ kind: 'import', input: { sessions: { data: CSV } } })).toEqual([]);
    expect(transferables({ kind: 'import', input: { sessions: { data: new Blob([CSV]) } } })).toEqual([]);
    expect(transferables({ kind: 'dataset', dataset: tinyDataset() })).toEqual([]);
  });
});
