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

/** Turns anything thrown in the worker into plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ClvDataError) return error.toJSON();
  if (error instanceof MissingInputError) {
    return { name: 'MissingInputError', message: error.message, analysis: error.analysis, missing: error.missing };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: typeof error === 'string' ? error : `Non-error thrown: ${safeString(error)}` };
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

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}
