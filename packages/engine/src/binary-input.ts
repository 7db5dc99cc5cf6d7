import type { Dataset, Table } from '@clvkit/core';
import type { EngineSource } from './types.js';

/** Table data given as bytes: CSV or JSON text, UTF-8 encoded. */
export type BinaryInput = ArrayBuffer | ArrayBufferView;

/** True for an ArrayBuffer or a view over one (a Uint8Array, a DataView, ...). */
export function isBinary(data: unknown): data is BinaryInput {
  return data instanceof ArrayBuffer || ArrayBuffer.isView(data);
}

/**
 * The buffers `source` hands over to the worker: moved there (transferred), not copied, and
 * detached on this side. The bytes of an import's tables given as an ArrayBuffer or a view
 * (a view over part of a buffer moves the whole buffer), and the typed arrays of a Dataset
 * given with `transfer: true`. A buffer also used elsewhere in the source is listed once.
 */
export function transferables(source: EngineSource): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (data: unknown): void => {
    if (data instanceof ArrayBuffer) buffers.add(data);
    else if (ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer) buffers.add(data.buffer);
  };
  if (source.kind === 'import') for (const table of Object.values(source.input)) add((table as { data?: unknown } | undefined)?.data);
  if (source.kind === 'line-items') add(source.input.data);
  // The typed arrays of each column only: reading every property would also build a packed
  // dictionary's strings (a getter, see @clvkit/core's packed-strings.ts) just to look at them.
  if (source.kind === 'dataset' && source.transfer) {
    for (const table of tablesOf(source.dataset)) {
      for (const column of Object.values(table.columns)) {
        const arrays = column as { codes?: unknown; values?: unknown; rows?: unknown };
        add(arrays.codes);
        add(arrays.values);
        add(arrays.rows);
      }
    }
  }
  return [...buffers];
}

function tablesOf(dataset: Dataset): Table[] {
  return [dataset.sessions, dataset.customers, dataset.lines, dataset.messages].filter((t): t is Table => t !== undefined);
}

/** How many bytes are decoded at a time: large enough to keep the per-chunk cost low, small enough to never hold the whole text twice. */
const CHUNK_BYTES = 1 << 20;

/**
 * In the worker: bytes as the text chunks core's import reads (UTF-8 decoded a megabyte at a
 * time; a byte order mark is dropped), so a CSV of hundreds of MB never becomes one string.
 */
export function* textChunks(data: BinaryInput): Generator<string> {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const decoder = new TextDecoder();
  if (bytes.length === 0) {
    yield '';
    return;
  }
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const end = Math.min(start + CHUNK_BYTES, bytes.length);
    yield decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
  }
}

/** In the worker: `source` with every table given as bytes turned into text chunks (see `textChunks`). */
export function decodeBinaryTables(source: EngineSource): EngineSource {
  if (source.kind === 'import') {
    const input: Record<string, unknown> = {};
    for (const [name, table] of Object.entries(source.input) as [string, { data?: unknown } | undefined][]) {
      input[name] = table && isBinary(table.data) ? { ...table, data: textChunks(table.data) } : table;
    }
    return { ...source, input: input as never };
  }
  if (source.kind === 'line-items' && isBinary(source.input.data)) {
    return { ...source, input: { ...source.input, data: textChunks(source.input.data) as never } };
  }
  return source;
}
