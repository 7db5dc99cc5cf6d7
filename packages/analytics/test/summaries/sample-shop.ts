import { type Dataset, type Filter, interval, isIn, type QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { runQuery, type SummaryEnv } from '../../src/index.js';
import { envOf } from './harness.js';

/** The sample shop of the summary tests (1 500 orders, seed 5, Europe/London), its extent and selections on it. */
export interface SampleShop {
  readonly dataset: Dataset;
  /** First and last session_start. */
  readonly first: number;
  readonly last: number;
  /** A selection of its first dimension value. */
  readonly oneDimension: Filter;
  /** A selection of the sessions of days 30 .. 100 (or `from` .. `to`) after the first. */
  brushed(from?: number, to?: number): Filter;
}

const DAY = 86_400_000;

/** Generates the sample shop (see `SampleShop`). */
export async function sampleShop(): Promise<SampleShop> {
  const { dataset } = await sampleDataset({ orders: 1500, seed: 5, timeZone: 'Europe/London' });
  const [first, last] = envOf(dataset).timeExtent!;
  const column = dataset.sessions.columns.dimension;
  const dimension = column.type === 'string' ? column.dictionary[0] : '';
  return {
    dataset,
    first,
    last,
    oneDimension: { mode: 'and', predicates: [isIn('dimension', [dimension])] },
    brushed: (from = 30, to = 100) => ({ mode: 'and', predicates: [interval('session_start', first + from * DAY, first + to * DAY)] }),
  };
}

/** `env` with `query` answered by the in-memory registry on `dataset` (the server's aggregates and pushed-down analyses), recording the requests. */
export function withQuery(env: SummaryEnv, dataset: Dataset, asked: QueryRequest[] = []): SummaryEnv {
  return {
    ...env,
    query: async (r) => {
      asked.push(r);
      return runQuery(dataset, r);
    },
  };
}
