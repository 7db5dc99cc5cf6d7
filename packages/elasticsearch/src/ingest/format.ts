import type { TableReport } from '@clvkit/core';
import type { BulkReport } from './bulk.js';
import type { IngestReport } from './ingest.js';

/**
 * The ingest report as text, for the command line: per input table the importer's rows in,
 * used and rejected per reason; per index the documents read, written (created / updated)
 * and failed per Elasticsearch error type.
 */
export function formatIngestReport(report: IngestReport): string {
  const out: string[] = [];
  const { import: imported } = report;
  if (imported.lineItems) {
    const li = imported.lineItems;
    out.push(`line-items: ${li.rowsIn} rows in, ${li.orderLines} order lines in ${li.ordersDerived} orders, ${li.returns.lines} return lines${rejected(li)}`);
  } else {
    out.push(table('sessions', imported.sessions));
    if (imported.lines) out.push(table('lines', imported.lines));
  }
  if (imported.customers) out.push(table('customers', imported.customers));
  if (imported.messages) out.push(table('messages', imported.messages));
  for (const warning of imported.warnings) out.push(`warning (${warning.table}): ${warning.message}`);
  if (report.created.length > 0) out.push(`created indices: ${report.created.join(', ')}`);
  for (const bulk of [report.orders, report.customers, report.messages]) if (bulk) out.push(index(bulk));
  out.push(report.ok ? 'ok' : 'some documents were not written (see the errors above)');
  return out.join('\n');
}

function table(name: string, t: TableReport): string {
  return `${name}: ${t.rowsIn} rows in, ${t.rowsUsed} used${rejected(t)}`;
}

function rejected(t: TableReport): string {
  const reasons = Object.entries(t.rejected);
  return reasons.length === 0 ? ', 0 rejected' : `, rejected: ${reasons.map(([reason, n]) => `${reason} ${n}`).join(', ')}`;
}

function index(b: BulkReport): string {
  const errors = Object.entries(b.errors).map(([type, n]) => `${type} ${n}`).join(', ');
  const head = `${b.index}: ${b.documents} documents, ${b.written} written (${b.created} created, ${b.updated} updated), ${b.failed} failed${errors ? ` (${errors})` : ''}`;
  return b.retried > 0 ? `${head}, ${b.retried} items retried after 429` : head;
}
