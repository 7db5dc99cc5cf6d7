import type { CustomerRecord, MessageRecord } from '@clvkit/analytics';
import type { ExecuteOptions } from './types.js';

/**
 * Pages of the customers and messages indices (one row per customer, one per message), for
 * the analyses the worker runs on them. Built by the customers-index work.
 */

/** Where a page resumes and how many rows it holds. */
export interface IndexPageInput {
  readonly after?: Record<string, unknown> | null;
  readonly size?: number;
}

/** One page of an index: its rows and the `after` of the next page (null at the end). */
export interface IndexPage<R> {
  readonly rows: R[];
  readonly after: Record<string, unknown> | null;
}

/** One page of the customers index. */
export async function executeCustomers(input: IndexPageInput, options: ExecuteOptions): Promise<IndexPage<CustomerRecord>> {
  void input;
  void options;
  throw new Error('executeCustomers: not built yet');
}

/** One page of the messages index. */
export async function executeMessages(input: IndexPageInput, options: ExecuteOptions): Promise<IndexPage<MessageRecord>> {
  void input;
  void options;
  throw new Error('executeMessages: not built yet');
}
