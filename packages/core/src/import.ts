import { calendarFor, validateTimeOptions } from './calendar.js';
import { ClvDataError } from './errors.js';
import { canonicalPlans, columnFor, decoderFor, mapSource, readRows, type MappedSource } from './import-loop.js';
import { emptyTableReport, TableReportBuilder, type ImportReport, type ImportWarning, type TableReport } from './report.js';
import { fieldPlan, type FieldPlan, type RowDecoder } from './row-decoder.js';
import type { CustomersMapping, InputTableName, LinesMapping, MessagesMapping, SessionsMapping } from './schema.js';
import { openSource, type TableSource } from './source.js';
import { BooleanColumnBuilder, KeyColumnBuilder, NumberColumnBuilder, StringColumnBuilder, TableBuilder } from './table-builder.js';
import type { Dataset, Table, TableName, TimeOptions } from './table.js';

export type { TableInput, TableSource } from './source.js';

/** The tables of an import; only `sessions` is required. */
export interface ImportInput {
  readonly sessions: TableSource<SessionsMapping>;
  readonly customers?: TableSource<CustomersMapping>;
  readonly lines?: TableSource<LinesMapping>;
  readonly messages?: TableSource<MessagesMapping>;
}

/** Options of `importDataset` and `importLineItems`. */
export interface ImportOptions {
  /** IANA zone for wall-clock timestamps (those without a zone) and for buckets. Default UTC. */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday .. 6 = Saturday. Default 1. */
  readonly weekStart?: number;
  /** `skip` (default): rows that cannot be used are counted in the report; `throw`: the first one throws its `ClvDataError`. */
  readonly onInvalidRow?: 'skip' | 'throw';
  /** Aborts the import (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** What an import returns. */
export interface ImportResult {
  readonly dataset: Dataset;
  readonly report: ImportReport;
}

/** The repair reason of a session without purchase whose payment was not 0. */
export const PAYMENT_WITHOUT_PURCHASE = 'payment-without-purchase';

/** Sessions tried after a line's previous order before looking its order_id up (see importLines). */
const NEAR_ORDERS = 4;

/** How many example values a warning lists. */
const WARNING_EXAMPLES = 5;

/**
 * Imports the host's tables into a columnar `Dataset`, validating every row.
 *
 * Per table, mapped columns are checked first (a missing one throws `ClvDataError` rule
 * `missing-column` naming table, field and column, and listing the columns present). Then each
 * row is decoded; a row that cannot be used is counted in the report under its rule (or, with
 * `onInvalidRow: 'throw'`, its error is thrown): `parse` (ragged CSV row), `required`, `type`,
 * `number`, `non-finite`, `date`, `boolean`, `negative`, `duplicate` (later rows with an
 * order_id, client or message_id already seen), `unknown-reference` (a basket line whose
 * order_id is not a session). Kept with a repair: a session without purchase whose payment
 * is not 0 (payment set to 0, counted under `repaired['payment-without-purchase']`).
 * Warnings (rows kept): sessions or messages of clients missing from the customers table
 * (their `customer` ref is -1), optional tables given empty.
 *
 * Conventions: without a `has_purchased` column every session is an order and
 * `dataset.ordersOnly` is true (the column is still present, all 1). An empty flag cell
 * (purchase or action) is false. A session without purchase may leave payment_amount empty
 * (it is 0); an order may not. discount_amount defaults to 0, quantity to 1. Strings are
 * trimmed. Columns of optional fields absent from the input are absent from the dataset,
 * except has_purchased and discount_amount (sessions) and quantity (lines), always present.
 *
 * `report.<table>.rowsIn === rowsUsed + Σ rejected` always holds.
 */
export async function importDataset(input: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  const time = checkOptions(options);
  const calendar = calendarFor(time);
  if (input === null || typeof input !== 'object' || !input.sessions) {
    throw new ClvDataError('empty-input', { table: 'sessions' }, 'the sessions table is required', { hint: 'pass { sessions: { data, mapping? } }' });
  }
  options.signal?.throwIfAborted();
  const warnings: ImportWarning[] = [];
  const throwOnReject = options.onInvalidRow === 'throw';

  // Open every input and check every mapping before reading any row.
  const sessions = mapSource('sessions', await openRequired('sessions', input.sessions), input.sessions.mapping);
  const customers = await openOptional('customers', input.customers, warnings);
  const lines = await openOptional('lines', input.lines, warnings);
  const messages = await openOptional('messages', input.messages, warnings);

  const context: ImportContext = { calendar, signal: options.signal, throwOnReject, warnings };
  const customerResult = customers ? await importCustomers(customers, input.customers!, context) : null;
  const sessionResult = await importSessions(sessions, input.sessions, customerResult?.clients ?? null, context);
  const lineResult = lines ? await importLines(lines, input.lines!, sessionResult, context) : null;
  const messageResult = messages ? await importMessages(messages, input.messages!, customerResult?.clients ?? null, context) : null;

  const dataset: Dataset = {
    sessions: sessionResult.table,
    ...(customerResult && { customers: customerResult.table }),
    ...(lineResult && { lines: lineResult.table }),
    ...(messageResult && { messages: messageResult.table }),
    sessionActions: sessionResult.actions,
    customerActions: customerResult?.actions ?? [],
    ordersOnly: sessionResult.ordersOnly,
    time,
  };
  const report: ImportReport = {
    sessions: sessionResult.report,
    ...(input.customers && { customers: customerResult?.report ?? emptyTableReport() }),
    ...(input.lines && { lines: lineResult?.report ?? emptyTableReport() }),
    ...(input.messages && { messages: messageResult?.report ?? emptyTableReport() }),
    warnings,
  };
  return { dataset, report };
}

/** Validates the shared options; returns the time options. */
export function checkOptions(options: ImportOptions): TimeOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  if (options.onInvalidRow !== undefined && options.onInvalidRow !== 'skip' && options.onInvalidRow !== 'throw') {
    throw new RangeError(`onInvalidRow: must be "skip" or "throw", got ${JSON.stringify(options.onInvalidRow)}`);
  }
  return validateTimeOptions({ timeZone: options.timeZone, weekStart: options.weekStart });
}

interface ImportContext {
  readonly calendar: ReturnType<typeof calendarFor>;
  readonly signal: AbortSignal | undefined;
  readonly throwOnReject: boolean;
  readonly warnings: ImportWarning[];
}

interface TableResult {
  readonly table: Table;
  readonly report: TableReport;
}

async function openRequired(table: TableName, source: TableSource<unknown>) {
  const opened = await openSource(table, source);
  if (opened.empty) {
    throw new ClvDataError('empty-input', { table }, 'the input is empty (no header and no rows)', {
      hint: 'a CSV needs at least its header line; rows need at least one object',
    });
  }
  return opened;
}

async function openOptional(table: TableName, source: TableSource<unknown> | undefined, warnings: ImportWarning[]): Promise<MappedSource | null> {
  if (source === undefined || source === null) return null;
  const opened = await openSource(table, source);
  if (opened.empty) {
    warnings.push({ code: 'empty-table', table, count: 0, message: `${table} was given but is empty (no header, no rows); imported without it` });
    return null;
  }
  return mapSource(table, opened, source.mapping as object | undefined);
}

/** Tracks values missing from a lookup, for one warning with a count and a few examples. */
class MissingTally {
  count = 0;
  readonly examples: string[] = [];
  add(value: string): void {
    this.count++;
    if (this.examples.length < WARNING_EXAMPLES && !this.examples.includes(value)) this.examples.push(value);
  }
  warn(warnings: ImportWarning[], code: string, table: InputTableName, message: string): void {
    if (this.count > 0) warnings.push({ code, table, count: this.count, message, examples: this.examples });
  }
}

interface CustomersResult extends TableResult {
  readonly clients: StringColumnBuilder;
  readonly actions: readonly string[];
}

async function importCustomers(mapped: MappedSource, source: TableSource<CustomersMapping>, context: ImportContext): Promise<CustomersResult> {
  const builder = new TableBuilder('customers');
  const plans = canonicalPlans(mapped, builder);
  const { mapping } = mapped;
  for (const column of mapping.actions) plans.push(extraPlan(mapped, builder, column, 'time'));
  for (const column of mapping.attributes) plans.push(extraPlan(mapped, builder, column, 'string'));
  const decoder = decoderFor(mapped.source, plans, context.calendar, source.decimalComma);
  const clients = target<StringColumnBuilder>(decoder, 'client');
  const clientSlot = decoder.indexOf('client');
  const report = new TableReportBuilder('customers', context.throwOnReject);

  await readRows(mapped.source, decoder, report, context.signal, (d, at) => {
    const first = d.codeIn(clientSlot, clients);
    if (first >= 0) {
      const client = d.text(clientSlot)!;
      report.reject('duplicate', { field: 'client', column: plans[clientSlot].column, row: at.row, line: at.line }, `client "${client}" appears again (first at customers row ${first + 1} of the dataset); later rows are dropped`, client, 'keep one row per client in customers (merge or drop the repeats)');
      return false;
    }
    d.commit();
    builder.commitRow();
    return true;
  }, (rows) => builder.reserve(rows));
  return { table: builder.build(), report: report.build(), clients, actions: mapping.actions };
}

interface SessionsResult extends TableResult {
  readonly orderIds: StringColumnBuilder;
  readonly actions: readonly string[];
  readonly ordersOnly: boolean;
}

async function importSessions(mapped: MappedSource, source: TableSource<SessionsMapping>, customers: StringColumnBuilder | null, context: ImportContext): Promise<SessionsResult> {
  const builder = new TableBuilder('sessions');
  const { mapping } = mapped;
  const ordersOnly = !mapping.fields.some((f) => f.spec.name === 'has_purchased');
  const plans = canonicalPlans(mapped, builder).map((plan) =>
    // Payment sign and presence depend on the purchase flag: checked below, not by the decoder.
    plan.field === 'payment_amount' && !ordersOnly ? { ...plan, required: false, nonNegative: false } : plan,
  );
  for (const column of mapping.actions) plans.push(extraPlan(mapped, builder, column, 'boolean'));
  const decoder = decoderFor(mapped.source, plans, context.calendar, source.decimalComma);

  const orderIds = target<StringColumnBuilder>(decoder, 'order_id');
  const orderSlot = decoder.indexOf('order_id');
  const clientSlot = decoder.indexOf('client');
  const paymentSlot = decoder.indexOf('payment_amount');
  const purchaseSlot = decoder.indexOf('has_purchased');
  const paymentColumn = plans[paymentSlot].column;
  // Always-present columns for fields the input may lack.
  const purchaseFlags = purchaseSlot < 0 ? builder.boolean('has_purchased') : null;
  const discounts = decoder.indexOf('discount_amount') < 0 ? builder.number('discount_amount') : null;
  const customerRefs = customers ? columnRef(builder, 'customer', 'customers') : null;
  const unknownClients = new MissingTally();
  const report = new TableReportBuilder('sessions', context.throwOnReject);

  await readRows(mapped.source, decoder, report, context.signal, (d, at) => {
    const purchased = purchaseSlot < 0 || d.numbers[purchaseSlot] === 1;
    const payment = d.numbers[paymentSlot];
    if (purchased && payment !== payment) {
      report.reject('required', { field: 'payment_amount', column: paymentColumn, row: at.row, line: at.line }, 'an order needs a payment amount', undefined, 'fill in the amount paid (0 for a free order), or set the purchase flag to false for a visit without purchase');
      return false;
    }
    if (purchased && payment < 0) {
      report.reject('negative', { field: 'payment_amount', column: paymentColumn, row: at.row, line: at.line }, 'an order cannot have a negative payment', payment, 'refunds are not orders: leave them out of sessions or record them as returns');
      return false;
    }
    const first = d.codeIn(orderSlot, orderIds);
    if (first >= 0) {
      const orderId = d.text(orderSlot)!;
      report.reject('duplicate', { field: 'order_id', column: plans[orderSlot].column, row: at.row, line: at.line }, `order_id "${orderId}" appears again (first kept as session ${first + 1}); later rows are dropped`, orderId, 'give every session its own order_id; an order with several lines belongs in the lines table');
      return false;
    }
    if (!purchased && payment !== 0) {
      // NaN (empty) is the natural 0 of a session without purchase; only a real amount is a repair.
      if (payment === payment) report.repair(PAYMENT_WITHOUT_PURCHASE);
      d.numbers[paymentSlot] = 0;
    }
    d.commit();
    if (purchaseFlags) purchaseFlags.push(1);
    if (discounts) discounts.push(0);
    if (customerRefs) {
      const row = d.codeIn(clientSlot, customers!);
      if (row < 0) unknownClients.add(d.text(clientSlot)!);
      customerRefs.push(row);
    }
    builder.commitRow();
    return true;
  }, (rows) => builder.reserve(rows));
  unknownClients.warn(context.warnings, 'unknown-customer', 'sessions', `${unknownClients.count} sessions belong to clients missing from the customers table (kept; their customer reference is -1)`);
  return { table: builder.build(), report: report.build(), orderIds, actions: mapping.actions, ordersOnly };
}

async function importLines(mapped: MappedSource, source: TableSource<LinesMapping>, sessions: SessionsResult, context: ImportContext): Promise<TableResult> {
  const builder = new TableBuilder('lines');
  const orderIds = sessions.orderIds;
  const orderRefs = columnRef(builder, 'order', 'sessions');
  // order_id is the key of the line's order: its codes are the order references and its
  // dictionary is sessions.order_id's, not a second copy of every order id.
  const plans = canonicalPlans(mapped, builder).map((plan) => (plan.field === 'order_id' ? { ...plan, target: null } : plan));
  const orderIdColumn = sessions.table.columns.order_id;
  if (orderIdColumn.type !== 'string') throw new Error('sessions.order_id is not a string column (importer bug)');
  builder.replace('order_id', new KeyColumnBuilder(orderRefs, orderIdColumn));
  const decoder = decoderFor(mapped.source, plans, context.calendar, source.decimalComma);
  const orderSlot = decoder.indexOf('order_id');
  const quantities = decoder.indexOf('quantity') < 0 ? builder.number('quantity') : null;
  const report = new TableReportBuilder('lines', context.throwOnReject);

  // Exports list lines grouped by order, in the order of the sessions: the next line's order
  // is this one or one of the next few sessions (a few browsing sessions in between).
  let lastOrder = 0;
  await readRows(mapped.source, decoder, report, context.signal, (d, at) => {
    const order = d.codeNear(orderSlot, orderIds, lastOrder, NEAR_ORDERS);
    if (order < 0) {
      const orderId = d.text(orderSlot)!;
      report.reject('unknown-reference', { field: 'order_id', column: plans[orderSlot].column, row: at.row, line: at.line }, `order_id "${orderId}" is not in sessions (or its session was rejected)`, orderId, 'import the order in sessions too (see the sessions report for rejected rows), or drop the line');
      return false;
    }
    lastOrder = order;
    orderRefs.push(order);
    d.commit();
    if (quantities) quantities.push(1);
    builder.commitRow();
    return true;
  }, (rows) => builder.reserve(rows));
  return { table: builder.build(), report: report.build() };
}

async function importMessages(mapped: MappedSource, source: TableSource<MessagesMapping>, customers: StringColumnBuilder | null, context: ImportContext): Promise<TableResult> {
  const builder = new TableBuilder('messages');
  const plans = canonicalPlans(mapped, builder);
  const decoder = decoderFor(mapped.source, plans, context.calendar, source.decimalComma);
  const ids = target<StringColumnBuilder>(decoder, 'message_id');
  const idSlot = decoder.indexOf('message_id');
  const clientSlot = decoder.indexOf('client');
  const unknownClients = new MissingTally();
  const report = new TableReportBuilder('messages', context.throwOnReject);

  await readRows(mapped.source, decoder, report, context.signal, (d, at) => {
    if (d.codeIn(idSlot, ids) >= 0) {
      const id = d.text(idSlot)!;
      report.reject('duplicate', { field: 'message_id', column: plans[idSlot].column, row: at.row, line: at.line }, `message_id "${id}" appears again; later rows are dropped`, id, 'give every message its own message_id');
      return false;
    }
    if (customers && d.codeIn(clientSlot, customers) < 0) unknownClients.add(d.text(clientSlot)!);
    d.commit();
    builder.commitRow();
    return true;
  }, (rows) => builder.reserve(rows));
  unknownClients.warn(context.warnings, 'unknown-customer', 'messages', `${unknownClients.count} messages went to clients missing from the customers table (kept)`);
  return { table: builder.build(), report: report.build() };
}

/** A plan for a host-named extra column (action or attribute), stored under the host's name. */
function extraPlan(mapped: MappedSource, builder: TableBuilder, column: string, type: 'time' | 'boolean' | 'string'): FieldPlan {
  return fieldPlan({ field: column, column, key: mapped.source.keyOf(column), type, target: columnFor(mapped.mapping.table, builder, column, type) });
}

function columnRef(builder: TableBuilder, name: string, table: TableName) {
  if (builder.has(name)) {
    throw new ClvDataError('mapping', { table: builder.name, field: name }, `"${name}" is reserved for the reference to ${table}; rename the action or attribute column`);
  }
  return builder.ref(name, table);
}

function target<B extends NumberColumnBuilder | StringColumnBuilder | BooleanColumnBuilder>(decoder: RowDecoder, field: string): B {
  const plan = decoder.plans[decoder.indexOf(field)];
  return plan.target as B;
}
