import type { ImportOptions, TableInput, TableSource } from '@clvkit/core';
import { isBinary, type BinaryInput } from './binary-input.js';
import { SourceReadError } from './errors.js';
import { resolveRemoteSource } from './remote-source.js';
import type { EngineSource } from './types.js';

/**
 * Makes a source structured-cloneable: (async) iterables are drained on the main thread (rows
 * into an array, text chunks into one string), and the `signal` of the import options stays
 * here (the engine aborts the load itself). Arrays, strings, Blobs, bytes and Datasets pass
 * through untouched.
 */
export async function prepareSource(source: EngineSource): Promise<EngineSource> {
  switch (source.kind) {
    case 'import': {
      const input: Record<string, TableSource<object> | undefined> = {};
      for (const [name, table] of Object.entries(source.input) as [string, TableSource<object> | undefined][]) {
        input[name] = table ? { ...table, data: await materialize(table.data, name) } : table;
      }
      return { kind: 'import', input: input as unknown as typeof source.input, ...withoutSignal(source.options) };
    }
    case 'line-items':
      if (typeof source.input.mapping?.isCancelled === 'function') {
        throw new TypeError('line-items mapping.isCancelled is a function, which cannot be sent to the worker: use a prefix string or a RegExp');
      }
      return { kind: 'line-items', input: { ...source.input, data: await materialize(source.input.data, 'line-items') }, ...withoutSignal(source.options) };
    case 'remote':
      // Workers resolve relative URLs against their own script, not the page: resolve here.
      return resolveRemoteSource(source);
    default:
      return source;
  }
}

/** The abort signal of a source's import options, if any. */
export function sourceSignal(source: EngineSource): AbortSignal | undefined {
  return source.kind === 'import' || source.kind === 'line-items' ? source.options?.signal : undefined;
}

function withoutSignal(options: ImportOptions | undefined): { options?: ImportOptions } {
  if (!options) return {};
  const { signal: _signal, ...rest } = options;
  return { options: rest };
}

async function materialize(data: TableInput | BinaryInput, table: string): Promise<TableInput> {
  // Bytes are iterable (a Uint8Array) but move to the worker whole, never drained.
  if (isBinary(data)) return data as unknown as TableInput;
  if (typeof data === 'string' || Array.isArray(data) || isBlob(data)) return data;
  const items: unknown[] = [];
  try {
    if (data && typeof (data as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      for await (const item of data as AsyncIterable<unknown>) items.push(item);
    } else if (isReadableStream(data)) {
      // Browsers without async iteration of ReadableStream (Safari): read it by hand.
      const reader = data.getReader();
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) items.push(next.value);
      } finally {
        reader.releaseLock();
      }
    } else if (data && typeof (data as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const item of data as Iterable<unknown>) items.push(item);
    } else {
      return data;
    }
  } catch (error) {
    // The engine's own abort (options.signal) says so itself; anything else names the table.
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new SourceReadError(table, items.length, error);
  }
  if (items.length > 0 && items.every((item) => typeof item === 'string')) return items.join('');
  return items as Record<string, unknown>[];
}

function isReadableStream(data: unknown): data is ReadableStream<unknown> {
  return typeof data === 'object' && data !== null && typeof (data as ReadableStream).getReader === 'function';
}

function isBlob(data: unknown): data is Blob {
  return typeof Blob !== 'undefined' && data instanceof Blob;
}
