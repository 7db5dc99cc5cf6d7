/**
 * A clvkit `Dataset` (columnar tables of typed arrays and string dictionaries) saved to a
 * directory and read back, so a benchmark generates its sample shop once and then measures
 * each library in a fresh process (its own heap) from the same columns.
 *
 * Layout: `manifest.json` (tables, column types, lengths, the dataset's other fields), one
 * `<table>.<column>.bin` per typed array (raw little-endian bytes) and one
 * `<table>.<column>.dict` per string dictionary (values joined by "\n").
 */
import { mkdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const ARRAYS = { Float64Array, Int32Array, Uint8Array };

/**
 * Writes `dataset` (only the tables in `tables`) to `dir`; `extra` goes into the manifest.
 * @param {string} dir
 * @param {any} dataset
 * @param {string[]} tables
 * @param {Record<string, unknown>} [extra]
 */
export function writeDataset(dir, dataset, tables, extra = {}) {
  mkdirSync(dir, { recursive: true });
  const manifest = { tables: {}, sessionActions: dataset.sessionActions, customerActions: dataset.customerActions, ordersOnly: dataset.ordersOnly, time: dataset.time, extra };
  for (const name of tables) {
    const table = dataset[name];
    if (!table) continue;
    const columns = {};
    for (const [column, def] of Object.entries(table.columns)) {
      const base = `${name}.${column}`;
      const array = def.type === 'string' ? def.codes : def.type === 'ref' ? def.rows : def.values;
      writeArray(join(dir, `${base}.bin`), array);
      columns[column] = { type: def.type, array: array.constructor.name, file: `${base}.bin` };
      if (def.type === 'ref') columns[column].table = def.table;
      if (def.type === 'string') {
        writeDictionary(join(dir, `${base}.dict`), def.dictionary);
        columns[column].dict = `${base}.dict`;
        columns[column].size = def.dictionary.length;
      }
    }
    manifest.tables[name] = { length: table.length, columns };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

/**
 * Reads a dataset written by `writeDataset`. `pick` (table -> column names) limits what is read,
 * so a peer library loads only the columns it uses.
 * @param {string} dir
 * @param {Record<string, string[]>} [pick]
 * @returns {{ dataset: any, extra: any }}
 */
export function readDataset(dir, pick) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const dataset = { sessionActions: manifest.sessionActions, customerActions: manifest.customerActions, ordersOnly: manifest.ordersOnly, time: manifest.time };
  for (const [name, table] of Object.entries(manifest.tables)) {
    if (pick && !pick[name]) continue;
    const columns = {};
    for (const [column, meta] of Object.entries(table.columns)) {
      if (pick && !pick[name].includes(column)) continue;
      const array = readArray(join(dir, meta.file), ARRAYS[meta.array]);
      if (meta.type === 'string') columns[column] = { type: 'string', codes: array, dictionary: readDictionary(join(dir, meta.dict), meta.size) };
      else if (meta.type === 'ref') columns[column] = { type: 'ref', table: meta.table, rows: array };
      else columns[column] = { type: meta.type, values: array };
    }
    dataset[name] = { name, length: table.length, columns };
  }
  return { dataset, extra: manifest.extra };
}

/** True when `dir` holds a complete dataset (the manifest is written last). */
export function hasDataset(dir) {
  return existsSync(join(dir, 'manifest.json'));
}

function writeArray(path, array) {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const fd = openSync(path, 'w');
  // Chunks: writeSync takes at most 2 GB at once.
  for (let at = 0; at < bytes.length; at += 1 << 28) writeSync(fd, bytes.subarray(at, Math.min(bytes.length, at + (1 << 28))));
  closeSync(fd);
}

function readArray(path, Type) {
  const bytes = readFileSync(path);
  // A copy into a fresh, aligned buffer (the file's Buffer may sit at any offset of a pool).
  const out = new Type(bytes.length / Type.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function writeDictionary(path, dictionary) {
  const fd = openSync(path, 'w');
  const chunk = 100_000;
  for (let i = 0; i < dictionary.length; i += chunk) {
    const part = dictionary.slice(i, i + chunk);
    for (const value of part) if (value.includes('\n')) throw new Error(`dictionary value with a newline in ${path}: ${JSON.stringify(value)}`);
    writeSync(fd, (i > 0 ? '\n' : '') + part.join('\n'));
  }
  closeSync(fd);
}

function readDictionary(path, size) {
  if (size === 0) return [];
  const values = readFileSync(path, 'utf8').split('\n');
  if (values.length !== size) throw new Error(`${path}: ${values.length} values, the manifest says ${size}`);
  return values;
}
