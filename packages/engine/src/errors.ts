import { ClvDataError, MissingInputError } from '@clvkit/core';
import type { SerializedDataError } from '@clvkit/core';

/**
 * A query was superseded by a newer query from the same widget (`source`) before it finished.
 * Widgets ignore it: the newer query's answer is the one to show.
 */
export class StaleQueryError extends Error {
  override readonly name = 'StaleQueryError';
  readonly source: string | undefined;

  constructor(source?: string) {
    super(source === undefined ? 'The query was superseded by a newer one' : `The query of "${source}" was superseded by a newer one`);
    this.source = source;
  }
}

/** A failure of the engine itself (worker crashed and could not be restarted, engine destroyed). */
export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A table given as a stream (an async iterable or a ReadableStream of CSV/JSON text or rows)
 * failed while the engine read it on the main thread. Nothing was imported: fix the source and
 * call `load()` again. `table` names the input (`sessions`, `customers`, ..., or `line-items`).
 */
export class SourceReadError extends Error {
  override readonly name = 'SourceReadError';
  readonly table: string;
  /** Chunks (or rows) read before the failure. */
  readonly chunks: number;

  constructor(table: string, chunks: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `input.${table} could not be read: its stream failed after ${chunks} chunk${chunks === 1 ? '' : 's'} (${clip(reason, 500)}). Nothing was imported; fix the source and call load() again`,
      { cause },
    );
    this.table = table;
    this.chunks = chunks;
  }
}

/** `MissingInputError` as plain data. */
export interface SerializedMissingInputError {
  readonly name: 'MissingInputError';
  readonly message: string;
  readonly analysis: string;
  readonly missing: string;
}

/** Any other error as plain data: its name and message (and the worker's stack, for debugging). */
export interface SerializedGenericError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** An error that crossed the worker boundary. Classes do not survive structured clone; this does. */
export type SerializedError = SerializedDataError | SerializedMissingInputError | SerializedGenericError;

/** The result of every worker call: errors are returned as data, never thrown through comlink. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SerializedError };

/**
 * Longest error message that crosses the worker boundary: a widget shows it and a host logs
 * it, so an analysis that throws a megabyte of text must not ship (and display) all of it.
 */
export const MAX_ERROR_MESSAGE = 2000;

/**
 * Turns anything thrown in the worker into plain data. Never throws itself: a thrown value
 * whose getters throw (a Proxy, an Error with a hostile `name`) still becomes an answer, or
 * the query it failed would never be answered.
 */
export function serializeError(error: unknown): SerializedError {
  try {
    return serializeReadable(error);
  } catch {
    return { name: 'Error', message: 'The analysis threw a value that cannot be read (its properties throw)' };
  }
}

function serializeReadable(error: unknown): SerializedError {
  if (error instanceof ClvDataError) {
    const data = error.toJSON();
    return { ...data, message: clip(data.message) };
  }
  if (error instanceof MissingInputError) {
    return { name: 'MissingInputError', message: clip(error.message), analysis: error.analysis, missing: error.missing };
  }
  if (error instanceof Error) {
    const name = typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
    const stack = typeof error.stack === 'string' ? clip(error.stack, 2 * MAX_ERROR_MESSAGE) : undefined;
    return { name, message: clip(String(error.message)), ...(stack ? { stack } : {}) };
  }
  if (typeof error === 'string') return { name: 'Error', message: clip(error) };
  // An error-like object ({ name, message }, e.g. from another realm or a library that throws plain objects).
  const shaped = error as { name?: unknown; message?: unknown } | null;
  if (typeof shaped === 'object' && shaped !== null && typeof shaped.message === 'string') {
    return { name: typeof shaped.name === 'string' && shaped.name !== '' ? shaped.name : 'Error', message: clip(shaped.message) };
  }
  return { name: 'Error', message: clip(`Non-error thrown: ${safeString(error)}`) };
}

/** `text` cut to `max` characters, saying how much was left out. */
export function clip(text: string, max = MAX_ERROR_MESSAGE): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const standardErrors: Readonly<Record<string, new (message: string) => Error>> = {
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Rebuilds an error on the main thread with its class and fields (`instanceof` works again). */
export function rebuildError(data: SerializedError): Error {
  if (isDataError(data)) return ClvDataError.fromJSON(data);
  if (isMissingInputError(data)) {
    const error = Object.create(MissingInputError.prototype) as MissingInputError;
    Object.assign(error, { message: data.message, analysis: data.analysis, missing: data.missing });
    Object.defineProperty(error, 'name', { value: 'MissingInputError' });
    return error;
  }
  if (data.name === 'StaleQueryError') return new StaleQueryError();
  if (data.name === 'EngineError') return new EngineError(data.message);
  const Standard = standardErrors[data.name];
  const error = Standard ? new Standard(data.message) : new Error(data.message);
  if (!Standard && data.name !== 'Error') Object.defineProperty(error, 'name', { value: data.name, configurable: true, writable: true });
  if ('stack' in data && data.stack) error.stack = data.stack;
  return error;
}

/** The error a query rejects with when its `signal` aborts. */
export function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

function isDataError(data: SerializedError): data is SerializedDataError {
  return data.name === 'ClvDataError' && 'rule' in data;
}

function isMissingInputError(data: SerializedError): data is SerializedMissingInputError {
  return data.name === 'MissingInputError' && 'analysis' in data;
}

/** A readable form of a thrown non-error (the caller clips it): JSON for plain data, else `String()`. */
function safeString(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    if (typeof value === 'object' && value !== null) {
      const json = JSON.stringify(value);
      if (typeof json === 'string') return json;
    }
    return String(value);
  } catch {
    return typeof value;
  }
}
