import { calendarFor } from './calendar.js';
import { ClvDataError } from './errors.js';
import { checkOptions, type ImportOptions, type ImportResult } from './import.js';
import { canonicalPlans, decoderFor, mapSource, readRows } from './import-loop.js';
import { TableReportBuilder, type ImportReport, type LineItemsReport } from './report.js';
import type { LineItemsMapping } from './schema.js';
import { openSource, type TableSource } from './source.js';
import { TableBuilder } from './table-builder.js';
import type { Dataset } from './table.js';

/**
 * Imports a "one row per order line" export (e.g. UCI Online Retail: InvoiceNo, StockCode,
 * Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country) and derives the orders.
 *
 * Every source row ends up in exactly one place, so
 * `rowsIn = orderLines + returns.lines + Σ rejected` (`report.lineItems`):
 * - rejected `required`: a required cell is empty; a row without a client cannot be
 *   attributed to a customer (135,080 rows of Online Retail);
 * - rejected `number`, `non-finite`, `date`, `type`: a cell of the wrong type;
 * - rejected `negative`: a negative unit price. These are accounting adjustments (Online
 *   Retail's "Adjust bad debt"), not sales or returns;
 * - rejected `duplicate`: a line whose invoice was already seen with another client;
 * - a return line (`dataset.returns`): a line of a cancelled invoice (`mapping.isCancelled`,
 *   default: the invoice id starts with "C") or with a negative quantity;
 * - otherwise an order line (`dataset.lines`). A price of 0 is kept as a free line (counted
 *   in `freeLines`); it adds 0 to the order's payment.
 *
 * One order (a session with `has_purchased` 1) is derived per invoice that has at least one
 * order line: `payment_amount` = Σ price × quantity of its order lines, `session_start` = the
 * earliest line date, `client` and `dimension` from its first order line. `discount_amount`
 * is 0. The dataset is `ordersOnly`. Returns keep the source's negative quantities and do
 * not reduce the order's payment (a cancellation invoice does not name the invoice it
 * cancels); their total is in `report.lineItems.returns.amount`.
 */
export async function importLineItems(source: TableSource<LineItemsMapping>, options: ImportOptions = {}): Promise<ImportResult> {
  const time = checkOptions(options);
  const calendar = calendarFor(time);
  options.signal?.throwIfAborted();
  const opened = await openSource('line-items', source);
  if (opened.empty) {
    throw new ClvDataError('empty-input', { table: 'line-items' }, 'the input is empty (no header and no rows)', { hint: 'a CSV needs at least its header line' });
  }
  const mapped = mapSource('line-items', opened, source.mapping);
  const isCancelled = cancellationRule(source.mapping?.isCancelled);

  const plans = canonicalPlans(mapped, null);
  const decoder = decoderFor(opened, plans, calendar, source.decimalComma);
  const slot = (field: string) => decoder.indexOf(field);
  const [orderSlot, clientSlot, dateSlot, productSlot, priceSlot, quantitySlot] = ['order_id', 'client', 'session_start', 'product', 'price', 'quantity'].map(slot);
  const categorySlot = slot('category');
  const descriptionSlot = slot('description');
  const dimensionSlot = slot('dimension');

  // Derived orders.
  const sessions = new TableBuilder('sessions');
  const orderIds = sessions.string('order_id');
  const clients = sessions.string('client');
  const starts = sessions.time('session_start');
  const purchased = sessions.boolean('has_purchased');
  const payments = sessions.number('payment_amount');
  const discounts = sessions.number('discount_amount');
  const dimensions = dimensionSlot >= 0 ? sessions.string('dimension') : null;

  // Order lines and return lines have the same shape.
  const lineTable = lineColumns('lines', categorySlot >= 0, descriptionSlot >= 0);
  const returnTable = lineColumns('lines', categorySlot >= 0, descriptionSlot >= 0);
  const orderRefs = lineTable.builder.ref('order', 'sessions');
  const returnClients = returnTable.builder.string('client');
  const returnedAt = returnTable.builder.time('returned_at');
  const returnDimensions = dimensionSlot >= 0 ? returnTable.builder.string('dimension') : null;

  const report = new TableReportBuilder('line-items', options.onInvalidRow === 'throw');
  const returnInvoices = new Set<string>();
  let returnAmount = 0;
  let freeLines = 0;

  await readRows(opened, decoder, report, options.signal, (d, at) => {
    const price = d.numbers[priceSlot];
    if (price < 0) {
      report.reject('negative', { field: 'price', column: plans[priceSlot].column, row: at.row, line: at.line }, 'a negative unit price is an adjustment, not a sale or a return', price, 'adjustments are not imported; a return is a negative quantity or a cancelled invoice');
      return false;
    }
    const orderId = d.text(orderSlot)!;
    const client = d.text(clientSlot)!;
    const quantity = d.numbers[quantitySlot];
    const date = d.numbers[dateSlot];
    const text = (slot: number) => (slot >= 0 ? d.text(slot) : null);
    if (quantity < 0 || isCancelled(orderId)) {
      returnTable.push(orderId, d.text(productSlot)!, text(categorySlot), text(descriptionSlot), price, quantity);
      returnClients.push(client);
      returnedAt.push(date);
      if (returnDimensions) returnDimensions.push(d.text(dimensionSlot));
      returnTable.builder.commitRow();
      returnInvoices.add(orderId);
      returnAmount += price * Math.abs(quantity);
      return true;
    }
    let order = orderIds.codeOf(orderId);
    if (order < 0) {
      order = orderIds.push(orderId);
      clients.push(client);
      starts.push(date);
      purchased.push(1);
      payments.push(0);
      discounts.push(0);
      if (dimensions) dimensions.push(d.text(dimensionSlot));
      sessions.commitRow();
    } else {
      if (clients.valueAt(order) !== client) {
        report.reject('duplicate', { field: 'client', column: plans[clientSlot].column, row: at.row, line: at.line }, `invoice "${orderId}" already belongs to client "${clients.valueAt(order)}"`, client, 'every line of an invoice must name the same client');
        return false;
      }
      if (date < starts.values[order]) starts.values[order] = date;
    }
    payments.values[order] += price * quantity;
    if (price === 0) freeLines++;
    lineTable.push(orderId, d.text(productSlot)!, text(categorySlot), text(descriptionSlot), price, quantity);
    orderRefs.push(order);
    lineTable.builder.commitRow();
    return true;
  });

  const sourceReport = report.build();
  const sessionsTable = sessions.build();
  const lines = lineTable.builder.build();
  const returns = returnTable.builder.build();
  const lineItems: LineItemsReport = {
    ...sourceReport,
    ordersDerived: sessionsTable.length,
    orderLines: lines.length,
    freeLines,
    returns: { lines: returns.length, invoices: returnInvoices.size, amount: returnAmount },
  };
  const derived = (n: number) => ({ rowsIn: n, rowsUsed: n, rejected: {}, repaired: {}, samples: [] });
  const fullReport: ImportReport = {
    sessions: derived(sessionsTable.length),
    lines: derived(lines.length),
    lineItems,
    warnings: [],
  };
  const dataset: Dataset = {
    sessions: sessionsTable,
    lines,
    returns,
    sessionActions: [],
    customerActions: [],
    ordersOnly: true,
    time,
  };
  return { dataset, report: fullReport };
}

/** The columns shared by order lines and return lines. */
function lineColumns(name: 'lines', withCategory: boolean, withDescription: boolean) {
  const builder = new TableBuilder(name);
  const orderId = builder.string('order_id');
  const product = builder.string('product');
  const category = withCategory ? builder.string('category') : null;
  const description = withDescription ? builder.string('description') : null;
  const price = builder.number('price');
  const quantity = builder.number('quantity');
  return {
    builder,
    push(id: string, productValue: string, categoryValue: string | null, descriptionValue: string | null, priceValue: number, quantityValue: number): void {
      orderId.push(id);
      product.push(productValue);
      category?.push(categoryValue);
      description?.push(descriptionValue);
      price.push(priceValue);
      quantity.push(quantityValue);
    },
  };
}

/** The predicate of `mapping.isCancelled` (default: the id starts with "C"). */
export function cancellationRule(rule: LineItemsMapping['isCancelled']): (orderId: string) => boolean {
  if (rule === undefined) return (id) => id.charCodeAt(0) === 67; // "C"
  if (rule === false) return () => false;
  if (typeof rule === 'string') return (id) => id.startsWith(rule);
  if (rule instanceof RegExp) {
    const pattern = new RegExp(rule.source, rule.flags.replace(/[gy]/g, '')); // stateless test()
    return (id) => pattern.test(id);
  }
  if (typeof rule === 'function') return rule;
  throw new ClvDataError('mapping', { table: 'line-items', field: 'isCancelled' }, 'isCancelled must be a prefix string, a RegExp, false or a function');
}
