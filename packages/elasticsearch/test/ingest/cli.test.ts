import { Client } from '@elastic/elasticsearch';
import { writeShopCsv } from '@clvkit/sample-data';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOptions, parseArgs, runIngestCli } from '../../src/ingest/cli.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';

const run = promisify(execFile);
const BIN = join(__dirname, '..', '..', 'bin', 'clvkit-es-ingest.mjs');

let dir: string;
let standIn: StandIn;
let info: ReturnType<typeof writeShopCsv>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clvkit-es-cli-'));
  const file = (name: string) => {
    writeFileSync(join(dir, name), '');
    return (chunk: string) => appendFileSync(join(dir, name), chunk);
  };
  info = writeShopCsv({ orders: 200, days: 60 }, { sessions: file('sessions.csv'), lines: file('lines.csv'), customers: file('customers.csv') });
  writeFileSync(join(dir, 'mapping.json'), JSON.stringify(info.mappings));
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('clvkit-es-ingest', () => {
  it('runs with plain node: ingests the sample CSVs, prints the report, and a rerun adds nothing', { timeout: 120_000 }, async () => {
    const args = [BIN, '--node', standIn.url, '--orders', join(dir, 'sessions.csv'), '--lines', join(dir, 'lines.csv'), '--customers', join(dir, 'customers.csv'), '--mapping', join(dir, 'mapping.json'), '--time-zone', info.options.timeZone, '--create-indices', '--batch-size', '50'];
    const first = await run(process.execPath, args, { env: { ...process.env, ES_API_KEY: 'a2V5' } });
    expect(first.stdout).toContain(`sessions: ${info.summary.sessions} rows in, ${info.summary.sessions} used, 0 rejected`);
    expect(first.stdout).toContain(`clvkit-orders: ${info.summary.sessions} documents, ${info.summary.sessions} written (${info.summary.sessions} created, 0 updated), 0 failed`);
    expect(first.stdout).toContain(`clvkit-customers: ${info.summary.customers} documents`);
    expect(first.stdout.trim().endsWith('ok')).toBe(true);
    // The API key went out as the client sends it.
    expect(standIn.requests.find((r) => r.path === '/_bulk')!.headers.authorization).toBe('ApiKey a2V5');
    const second = await run(process.execPath, args);
    expect(second.stdout).toContain(`${info.summary.sessions} written (0 created, ${info.summary.sessions} updated)`);
    expect(standIn.indices.get('clvkit-orders')!.documents.size).toBe(info.summary.sessions);
    const orders = [...standIn.indices.get('clvkit-orders')!.documents.values()];
    expect(Object.keys(orders[0].actions as object).sort()).toEqual(['has_basket', 'order_screen']);
  });

  it('exits 2 with the usage for a bad command line, 3 when the cluster cannot be reached', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    expect(await runIngestCli(['--orders'], {}, io)).toBe(2);
    expect(lines.join('\n')).toMatch(/--orders needs a value/);
    expect(await runIngestCli(['--bogus', 'x'], {}, io)).toBe(2);
    expect(await runIngestCli(['--orders', 'x.csv'], {}, io)).toBe(2);
    expect(lines.join('\n')).toMatch(/--node URL \(or env ES_URL\) is required/);
    const closed = await startStandIn();
    const url = closed.url;
    await closed.close();
    expect(await runIngestCli(['--orders', join(dir, 'sessions.csv'), '--mapping', join(dir, 'mapping.json')], { ES_URL: url }, io, (o) => new Client({ ...o, maxRetries: 0 }))).toBe(3);
  });

  it('reads credentials from the environment', () => {
    expect(clientOptions('http://x', { ES_API_KEY: 'k' })).toEqual({ node: 'http://x', auth: { apiKey: 'k' } });
    expect(clientOptions('http://x', { ES_USERNAME: 'u', ES_PASSWORD: 'p' })).toEqual({ node: 'http://x', auth: { username: 'u', password: 'p' } });
    expect(() => clientOptions('http://x', { ES_USERNAME: 'u' })).toThrow(/both ES_USERNAME and ES_PASSWORD/);
    expect(parseArgs(['--batch-size=10', '--create-indices'])).toEqual({ 'batch-size': '10', 'create-indices': true });
  });
});
