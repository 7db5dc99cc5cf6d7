/**
 * The load benchmark's TypeScript side, bundled by bench/lib/bundle.mjs and run by run.mjs in a
 * fresh process per measurement (so each has its own heap and peak RSS):
 *
 *   node load.mjs generate <orders> <seed> <dir>          writes sessions.csv, lines.csv, meta.json
 *   node load.mjs measure <dir> <input> [<orders> <seed>] prints one JSON line of measurements
 *
 * `input` is `string` (each file read whole into a string, then importDataset), `blob` (the
 * files as Blobs from fs.openAsBlob: streamed through the import exactly as a File in the
 * worker), `rows` (the shop's rows as arrays of objects) or `json` (those rows as JSON text).
 */
import { closeSync, openAsBlob, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { importDataset, type Dataset, type ImportInput } from '@clvkit/core';
// The tokenizer alone is not part of the public API: read from the source.
import { CsvScanner } from '../../packages/core/src/csv-scanner.js';
import { packedDictionaryOf } from '../../packages/core/src/packed-strings.js';
import { generateShop, writeShopCsv } from '@clvkit/sample-data';

const now = () => performance.now();
const MB = 1024 * 1024;

/** Full collections, with pauses for V8's concurrent sweeping (until it is done, heapUsed still counts dead objects). */
async function gc(): Promise<void> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return;
  for (let k = 0; k < 3; k++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Heap and off-heap (typed arrays) bytes in use now. */
function memory() {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external };
}

function generate(orders: number, seed: number, dir: string): void {
  const started = now();
  const fds = { sessions: openSync(join(dir, 'sessions.csv'), 'w'), lines: openSync(join(dir, 'lines.csv'), 'w') };
  const info = writeShopCsv(
    { orders, seed },
    { sessions: (chunk) => void writeSync(fds.sessions, chunk), lines: (chunk) => void writeSync(fds.lines, chunk) },
  );
  closeSync(fds.sessions);
  closeSync(fds.lines);
  const ms = now() - started;
  const meta = {
    orders,
    seed,
    ...info,
    generateMs: Math.round(ms),
    bytes: { sessions: statSync(join(dir, 'sessions.csv')).size, lines: statSync(join(dir, 'lines.csv')).size },
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 1));
  console.log(JSON.stringify(meta));
}

/** What one column holds: its typed array and, for a string column, its dictionary. */
interface ColumnBytes {
  type: string;
  /** e.g. Int32Array; `shared` when the same buffer was already counted for another column (lines.order_id = lines.order). */
  array: string;
  arrayBytes: number;
  /** Dictionary bytes when this column is the first to hold the dictionary, else 0. */
  dictionaryBytes: number;
  dictionaryEntries: number;
  /** `strings` (a string[]), `packed` (one byte buffer, strings made on first read), `shared` (counted at another column). */
  dictionary?: 'strings' | 'packed' | 'shared';
}

/**
 * Bytes of a dataset: its typed arrays (a buffer two columns share counted once), and its
 * dictionaries: a string[] as V8 lays its strings out in Node (16-byte header, 8-byte aligned,
 * one 8-byte slot each), a packed dictionary by its buffers. Reading a packed dictionary here
 * would build its strings, so it is measured through `packedDictionaryOf` instead.
 */
function datasetBytes(dataset: Dataset) {
  const tables: Record<string, { rows: number; arrays: number; dictionaries: number; dictionaryEntries: number; columns: Record<string, ColumnBytes> }> = {};
  let arrays = 0;
  let dictionaries = 0;
  const seenDictionaries = new Set<unknown>();
  const seenBuffers = new Set<ArrayBufferLike>();
  for (const name of ['sessions', 'customers', 'lines', 'messages'] as const) {
    const table = dataset[name];
    if (!table) continue;
    const entry = { rows: table.length, arrays: 0, dictionaries: 0, dictionaryEntries: 0, columns: {} as Record<string, ColumnBytes> };
    for (const [column, def] of Object.entries(table.columns)) {
      const array = def.type === 'string' ? def.codes : def.type === 'ref' ? def.rows : def.values;
      const shared = seenBuffers.has(array.buffer);
      seenBuffers.add(array.buffer);
      const bytes: ColumnBytes = { type: def.type, array: shared ? `${array.constructor.name} (shared)` : array.constructor.name, arrayBytes: shared ? 0 : array.byteLength, dictionaryBytes: 0, dictionaryEntries: 0 };
      entry.arrays += bytes.arrayBytes;
      if (def.type === 'string') {
        const packed = packedDictionaryOf(def);
        const key = packed ?? def.dictionary;
        if (seenDictionaries.has(key)) bytes.dictionary = 'shared';
        else {
          seenDictionaries.add(key);
          let d = 0;
          if (packed && !packed.unpacked) {
            bytes.dictionary = 'packed';
            d = packed.byteLength;
            bytes.dictionaryEntries = packed.length;
          } else {
            bytes.dictionary = 'strings';
            d = 8 * def.dictionary.length;
            for (const value of def.dictionary) d += 16 + Math.ceil(value.length / 8) * 8;
            bytes.dictionaryEntries = def.dictionary.length;
          }
          bytes.dictionaryBytes = d;
          entry.dictionaries += d;
          entry.dictionaryEntries += bytes.dictionaryEntries;
        }
      }
      entry.columns[column] = bytes;
    }
    arrays += entry.arrays;
    dictionaries += entry.dictionaries;
    tables[name] = entry;
  }
  return { total: arrays + dictionaries, arrays, dictionaries, tables };
}

/**
 * What the same dataset would take with column types the Column interfaces do not allow today:
 * codes as 1 or 2 bytes when the dictionary is small, a dictionary of ASCII strings packed into
 * one byte string plus 4-byte offsets, whole-second times as 4 bytes, small whole numbers
 * (quantities) as 2 bytes, flags as bits, and a key column that repeats a reference (lines.order_id)
 * stored once. Money stays Float64. Packed dictionaries are measured without building them.
 */
function narrowBytes(dataset: Dataset): number {
  let total = 0;
  const seen = new Set<unknown>();
  for (const name of ['sessions', 'customers', 'lines', 'messages'] as const) {
    const table = dataset[name];
    if (!table) continue;
    const n = table.length;
    for (const def of Object.values(table.columns)) {
      if (def.type === 'string') {
        const packed = packedDictionaryOf(def);
        const key = packed ?? def.dictionary;
        const size = packed ? packed.length : def.dictionary.length;
        const shared = seen.has(key);
        // A key column over another table's dictionary is its reference column again.
        if (!shared) total += n * (size <= 256 ? 1 : size <= 65_536 ? 2 : 4);
        if (!shared) {
          seen.add(key);
          if (packed && !packed.unpacked) total += packed.byteLength + 4 * packed.length;
          else for (const value of def.dictionary) total += value.length + 4;
        }
      } else if (def.type === 'ref') {
        total += n * 4;
      } else if (def.type === 'boolean') {
        total += Math.ceil(n / 8);
      } else if (def.type === 'time') {
        let seconds = true;
        for (let i = 0; i < n && seconds; i++) seconds = Number.isNaN(def.values[i]) || def.values[i] % 1000 === 0;
        total += n * (seconds ? 4 : 8);
      } else {
        let small = true;
        for (let i = 0; i < n && small; i++) small = Number.isInteger(def.values[i]) && def.values[i] >= 0 && def.values[i] < 65_536;
        total += n * (small ? 2 : 8);
      }
    }
  }
  return total;
}

/** Time to run the CSV tokenizer alone over `text` (records found, nothing decoded), as the import runs it on a string. */
function tokenizeOnly(text: string): { ms: number; records: number } {
  const started = now();
  let records = 0;
  const scanner = new CsvScanner();
  scanner.feed(text);
  scanner.end();
  while (scanner.next()) records++;
  return { ms: now() - started, records };
}

/** The tables of `input` kind, ready for importDataset; `phases` gets the time spent reading or generating them. */
async function loadInput(dir: string, input: string, orders: number, seed: number, meta: Meta, phases: Record<string, number>): Promise<ImportInput> {
  const t = now();
  const mappings = meta.mappings;
  if (input === 'string') {
    const sessions = readFileSync(join(dir, 'sessions.csv'), 'utf8');
    const lines = readFileSync(join(dir, 'lines.csv'), 'utf8');
    phases.read = now() - t;
    return { sessions: { data: sessions, format: 'csv', mapping: mappings.sessions }, lines: { data: lines, format: 'csv', mapping: mappings.lines } };
  }
  if (input === 'blob') {
    const sessions = await openAsBlob(join(dir, 'sessions.csv'));
    const lines = await openAsBlob(join(dir, 'lines.csv'));
    return { sessions: { data: sessions, format: 'csv', mapping: mappings.sessions }, lines: { data: lines, format: 'csv', mapping: mappings.lines } };
  }
  const shop = generateShop({ orders, seed });
  const sessions = [...(shop.input.sessions.data as Iterable<Record<string, unknown>>)];
  const lines = [...(shop.input.lines.data as Iterable<Record<string, unknown>>)];
  phases.generate = now() - t;
  if (input === 'rows') {
    return { sessions: { data: sessions, format: 'rows', mapping: shop.input.sessions.mapping }, lines: { data: lines, format: 'rows', mapping: shop.input.lines.mapping } };
  }
  if (input !== 'json') throw new Error(`unknown input ${input}`);
  const t2 = now();
  const sessionsJson = JSON.stringify(sessions);
  const linesJson = JSON.stringify(lines);
  phases.stringify = now() - t2;
  return { sessions: { data: sessionsJson, format: 'json', mapping: shop.input.sessions.mapping }, lines: { data: linesJson, format: 'json', mapping: shop.input.lines.mapping } };
}

/** Loads the input and imports it; the input is unreachable once this returns (its frame is gone). */
async function runImport(dir: string, input: string, orders: number, seed: number, meta: Meta, phases: Record<string, number>) {
  const importInput = await loadInput(dir, input, orders, seed, meta, phases);
  await gc();
  const before = memory();
  const cpu = process.cpuUsage();
  const t = now();
  const result = await importDataset(importInput, meta.options);
  phases.import = now() - t;
  const used = process.cpuUsage(cpu);
  phases.importCpu = (used.user + used.system) / 1000;
  return { ...result, before, peakRss: process.resourceUsage().maxRSS * 1024 };
}

/**
 * Phases of the import from a CPU profile of it: each sample's function is attributed by the
 * module it comes from (esbuild marks each module's start in the bundle with a comment).
 */
const PHASE_OF_MODULE: Record<string, string> = {
  'csv-scanner.ts': 'tokenize',
  'csv.ts': 'tokenize',
  'source.ts': 'tokenize',
  'csv-row-decoder.ts': 'decode cells',
  'row-decoder.ts': 'decode cells',
  'range-values.ts': 'decode cells',
  'values.ts': 'decode cells',
  'calendar.ts': 'decode cells',
  'import.ts': 'table rules',
  'import-loop.ts': 'table rules',
  'report.ts': 'table rules',
  'errors.ts': 'table rules',
  'string-index.ts': 'dictionaries',
  'table-builder.ts': 'build columns',
  'packed-strings.ts': 'build columns',
};

/** Line ranges of the bundle's modules: [first line, module file name], sorted. */
function bundleModules(): [number, string][] {
  const bundle = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const starts: [number, string][] = [];
  bundle.forEach((line, k) => {
    const m = /^\/\/ (\S+\.[cm]?[jt]sx?)$/.exec(line);
    if (m) starts.push([k, m[1].split('/').pop()!]);
  });
  return starts;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Milliseconds of self time per phase in `profile` (garbage collection and native code apart). */
function phasesOf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): Record<string, number> {
  const modules = bundleModules();
  const self = new Map<number, number>();
  profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
  const out: Record<string, number> = {};
  for (const node of profile.nodes) {
    const us = self.get(node.id);
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    let phase = 'other';
    if (functionName === '(garbage collector)') phase = 'garbage collection';
    else if (functionName === '(idle)' || functionName === '(program)') phase = 'other';
    else if (url === import.meta.url) {
      let module = '';
      for (const [line, name] of modules) if (line <= lineNumber) module = name;
      phase = PHASE_OF_MODULE[module] ?? 'other';
    } else if (!url) {
      phase = 'native (indexOf, slice, ...)';
    }
    out[phase] = (out[phase] ?? 0) + us / 1000;
  }
  return out;
}

/** importDataset under the CPU profiler; returns the phases of its profile. */
async function profiledImport(importInput: ImportInput, options: Meta['options']): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await importDataset(importInput, options);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return phasesOf(profile as unknown as Parameters<typeof phasesOf>[0]);
}

interface Meta {
  readonly summary: { sessions: number; lines: number };
  readonly options: { timeZone: string; weekStart: number };
  readonly mappings: Record<'sessions' | 'lines', object>;
}

async function measure(dir: string, input: string, orders: number, seed: number): Promise<void> {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  await gc();
  const base = memory();
  const phases: Record<string, number> = {};
  if (input === 'profile') {
    // The string input's import once more, under the profiler, for its phases.
    const sessions = readFileSync(join(dir, 'sessions.csv'), 'utf8');
    const lines = readFileSync(join(dir, 'lines.csv'), 'utf8');
    const profile = await profiledImport({ sessions: { data: sessions, format: 'csv', mapping: meta.mappings.sessions }, lines: { data: lines, format: 'csv', mapping: meta.mappings.lines } }, meta.options);
    console.log(JSON.stringify({ input, phases: roundAll(profile) }));
    return;
  }
  if (input === 'tokenize') {
    let t = now();
    const sessions = readFileSync(join(dir, 'sessions.csv'), 'utf8');
    const lines = readFileSync(join(dir, 'lines.csv'), 'utf8');
    phases.read = now() - t;
    t = now();
    const s = tokenizeOnly(sessions);
    phases.tokenizeSessions = now() - t;
    t = now();
    const l = tokenizeOnly(lines);
    phases.tokenizeLines = now() - t;
    console.log(JSON.stringify({ input, phases: roundAll(phases), records: s.records + l.records, chars: sessions.length + lines.length }));
    return;
  }
  const { dataset, report, before, peakRss } = await runImport(dir, input, orders, seed, meta, phases);
  const rowsIn = report.sessions.rowsIn + report.lines!.rowsIn;
  if (report.sessions.rowsUsed !== meta.summary.sessions || report.lines!.rowsUsed !== meta.summary.lines) {
    throw new Error(`unexpected counts: ${JSON.stringify(report)}`);
  }
  await gc();
  const after = memory();
  const bytes = datasetBytes(dataset);
  const narrow = narrowBytes(dataset);
  // What the worker holds once something has read every dictionary (packed ones built as strings).
  for (const table of [dataset.sessions, dataset.lines]) for (const def of Object.values(table!.columns)) if (def.type === 'string') void def.dictionary.length;
  await gc();
  const unpacked = memory();
  const result = {
    input,
    rows: rowsIn,
    phases: roundAll(phases),
    rowsPerSecond: Math.round(rowsIn / (phases.import / 1000)),
    memoryMB: {
      peakRss: mb(peakRss),
      baseRss: mb(base.rss),
      inputHeld: mb(before.heapUsed + before.arrayBuffers - base.heapUsed - base.arrayBuffers),
      afterRss: mb(after.rss),
      afterHeapUsed: mb(after.heapUsed),
      afterArrayBuffers: mb(after.arrayBuffers),
      /** Heap + typed arrays held after the load (input dropped), minus what the process held before reading anything. */
      retained: mb(after.heapUsed + after.arrayBuffers - base.heapUsed - base.arrayBuffers),
      /** `retained` once every dictionary has been read (packed dictionaries built as strings). */
      retainedDictionariesRead: mb(unpacked.heapUsed + unpacked.arrayBuffers - base.heapUsed - base.arrayBuffers),
    },
    datasetMB: {
      total: mb(bytes.total),
      withNarrowerTypes: mb(narrow),
      arrays: mb(bytes.arrays),
      dictionaries: mb(bytes.dictionaries),
      tables: Object.fromEntries(
        Object.entries(bytes.tables).map(([name, t]) => [
          name,
          { rows: t.rows, arrays: mb(t.arrays), dictionaries: mb(t.dictionaries), dictionaryEntries: t.dictionaryEntries, columns: Object.fromEntries(Object.entries(t.columns).map(([c, b]) => [c, { ...b, arrayBytes: undefined, dictionaryBytes: undefined, arrayMB: +(b.arrayBytes / MB).toFixed(2), dictionaryMB: +(b.dictionaryBytes / MB).toFixed(2) }])) },
        ]),
      ),
    },
  };
  console.log(JSON.stringify(result));
}

const mb = (bytes: number) => +(bytes / MB).toFixed(1);
const roundAll = (phases: Record<string, number>) => Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]));

const [command, ...args] = process.argv.slice(2);
if (command === 'generate') generate(Number(args[0]), Number(args[1]), args[2]);
else if (command === 'measure') await measure(args[0], args[1], Number(args[2]), Number(args[3]));
else throw new Error('usage: load.mjs generate <orders> <seed> <dir> | measure <dir> <input> <orders> <seed>');
