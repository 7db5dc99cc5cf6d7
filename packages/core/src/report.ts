import { ClvDataError, type DataLocation, type DataRule, type SerializedDataError } from './errors.js';
import type { InputTableName } from './schema.js';

/**
 * What an import did with every row. For every table `rowsIn === rowsUsed + Σ rejected`:
 * no row is dropped without being counted under a reason.
 */
export interface TableReport {
  /** Data rows read (header and blank lines not counted). */
  readonly rowsIn: number;
  /** Rows that made it into the dataset (for line items: order lines plus return lines). */
  readonly rowsUsed: number;
  /** Rejected rows by reason (a `DataRule`, e.g. `required`, `negative`, `duplicate`). */
  readonly rejected: Readonly<Record<string, number>>;
  /** Rows kept after a repair, by reason (e.g. `payment-without-purchase`). Included in `rowsUsed`. */
  readonly repaired: Readonly<Record<string, number>>;
  /** The first problems found (at most `MAX_SAMPLES`), serialised (`ClvDataError.fromJSON` revives them). */
  readonly samples: readonly SerializedDataError[];
}

/** A condition worth telling the host that did not cost any row. */
export interface ImportWarning {
  /** e.g. `unknown-customer` (sessions whose client is not in customers), `empty-table`. */
  readonly code: string;
  readonly table: InputTableName;
  /** How many rows it concerns. */
  readonly count: number;
  readonly message: string;
  /** A few example values (e.g. client ids). */
  readonly examples?: readonly string[];
}

/** Extra figures of a line-item import (`importLineItems`). */
export interface LineItemsReport extends TableReport {
  /** Orders (sessions with has_purchased) derived, one per invoice with at least one order line. */
  readonly ordersDerived: number;
  /** Source rows that became order lines (`dataset.lines`). */
  readonly orderLines: number;
  /** Order lines with price 0 (free items, kept). */
  readonly freeLines: number;
  /** Returns and cancellations (`dataset.returns`). */
  readonly returns: {
    /** Source rows that became return lines. */
    readonly lines: number;
    /** Distinct invoice ids among them. */
    readonly invoices: number;
    /** Σ price × |quantity| over return lines (a positive amount). */
    readonly amount: number;
  };
}

/** The report of `importDataset` / `importLineItems`. */
export interface ImportReport {
  readonly sessions: TableReport;
  readonly customers?: TableReport;
  readonly lines?: TableReport;
  readonly messages?: TableReport;
  /** Present for `importLineItems`: the source rows, which turned into sessions, lines and returns. */
  readonly lineItems?: LineItemsReport;
  readonly warnings: readonly ImportWarning[];
}

/** How many problems a table report keeps as samples. */
export const MAX_SAMPLES = 20;

/**
 * Collects one table's counts while rows stream by. Problems are counted without building an
 * error object; a `ClvDataError` is only created for the first `MAX_SAMPLES` problems or when
 * `throwOnReject` asks for the first one to be thrown.
 */
export class TableReportBuilder {
  rowsIn = 0;
  rowsUsed = 0;
  readonly rejected: Record<string, number> = {};
  readonly repaired: Record<string, number> = {};
  readonly samples: SerializedDataError[] = [];

  constructor(
    readonly table: InputTableName,
    readonly throwOnReject = false,
  ) {}

  /**
   * Counts a rejected row under `rule`; throws the error instead when `throwOnReject`.
   * `location` excludes the table, which this builder adds.
   */
  reject(rule: DataRule, location: Omit<DataLocation, 'table'>, message: string, value?: unknown, hint?: string): void {
    if (this.throwOnReject) throw this.#error(rule, location, message, value, hint);
    this.rejected[rule] = (this.rejected[rule] ?? 0) + 1;
    if (this.samples.length < MAX_SAMPLES) this.samples.push(this.#error(rule, location, message, value, hint).toJSON());
  }

  /** Counts a row kept after a repair (it still needs `used()`). */
  repair(reason: string): void {
    this.repaired[reason] = (this.repaired[reason] ?? 0) + 1;
  }

  /** Σ rejected. */
  get rejectedTotal(): number {
    let total = 0;
    for (const key in this.rejected) total += this.rejected[key];
    return total;
  }

  /** The finished report; throws when the counts do not reconcile (an importer bug). */
  build(): TableReport {
    if (this.rowsIn !== this.rowsUsed + this.rejectedTotal) {
      throw new Error(`${this.table}: report does not reconcile: ${this.rowsIn} in, ${this.rowsUsed} used, ${this.rejectedTotal} rejected (importer bug)`);
    }
    return { rowsIn: this.rowsIn, rowsUsed: this.rowsUsed, rejected: { ...this.rejected }, repaired: { ...this.repaired }, samples: this.samples.slice() };
  }

  #error(rule: DataRule, location: Omit<DataLocation, 'table'>, message: string, value: unknown, hint: string | undefined): ClvDataError {
    return new ClvDataError(rule, { table: this.table, ...location }, message, { value, hint });
  }
}

/** A report of a table that was given but empty or absent: everything zero. */
export function emptyTableReport(): TableReport {
  return { rowsIn: 0, rowsUsed: 0, rejected: {}, repaired: {}, samples: [] };
}
