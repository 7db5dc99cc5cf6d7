/**
 * Writes the sample shop as CSV files plus the mapping to ingest them with (bundled and run by
 * write-sample.mjs): sessions.csv, lines.csv, customers.csv, messages.csv, mapping.json in `dir`.
 */
import { writeShopCsv } from '@clvkit/sample-data';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the files; returns what was written (row counts and the time zone to ingest with). */
export function writeSample(dir: string, orders: number) {
  mkdirSync(dir, { recursive: true });
  const sink = (name: string) => {
    writeFileSync(join(dir, name), '');
    return (chunk: string) => appendFileSync(join(dir, name), chunk);
  };
  const info = writeShopCsv({ orders }, { sessions: sink('sessions.csv'), lines: sink('lines.csv'), customers: sink('customers.csv'), messages: sink('messages.csv') });
  writeFileSync(join(dir, 'mapping.json'), `${JSON.stringify(info.mappings, null, 2)}\n`);
  return info;
}
