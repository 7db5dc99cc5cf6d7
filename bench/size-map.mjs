/**
 * What a built file is made of: attributes every byte of a minified bundle to the source
 * module its source map names, then groups modules by package (npm package, or clvkit package
 * and folder). No dependency: a base64 VLQ decoder of the source map's `mappings` is enough.
 *
 * Gzip is not additive, so each group gets two numbers: `gzipAlone` (its own bytes gzipped on
 * their own: what it would weigh shipped alone) and `gzipShare` (the whole file's gzip size
 * split in proportion to each group's `gzipAlone`, so the shares add up to the file's size).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one line of source-map mappings into [generatedColumn, sourceIndex | -1] pairs. */
function decodeLine(line, state) {
  const segments = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (segment === '') continue;
    const values = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = DIGIT.get(char);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0];
    if (values.length >= 4) {
      state.source += values[1];
      segments.push([column, state.source]);
    } else {
      segments.push([column, -1]);
    }
  }
  return segments;
}

/** Bytes of `file` per source module, as { source: text }; unmapped bytes go to '(unmapped)'. */
export function bytesBySource(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  const parts = new Map();
  const add = (name, text) => {
    if (!parts.has(name)) parts.set(name, []);
    parts.get(name).push(text);
  };
  const state = { source: 0 };
  lines.forEach((line, index) => {
    const segments = decodeLine(mappingLines[index] ?? '', state);
    if (segments.length === 0 || segments[0][0] > 0) add('(unmapped)', line.slice(0, segments[0]?.[0] ?? line.length));
    segments.forEach(([column, source], i) => {
      const end = i + 1 < segments.length ? segments[i + 1][0] : line.length;
      add(source >= 0 ? map.sources[source] : '(unmapped)', line.slice(column, end));
    });
    add('(unmapped)', '\n');
  });
  return Object.fromEntries([...parts].map(([name, texts]) => [name, texts.join('')]));
}

/** The group of a source path: the npm package, or clvkit's package and its first folder. */
export function packageOf(source) {
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (npm) return npm[1];
  const own = /packages\/([^/]+)\/src\/(?:([^/]+)\/)?/.exec(source);
  if (own) return `@clvkit/${own[1]}${own[2] ? `/${own[2]}` : ''}`;
  return source;
}

/**
 * Per-group raw and gzip weight of `file` (grouped by `groupOf`, default `packageOf`),
 * largest first, plus the file's total gzip size.
 */
export function breakdown(file, groupOf = packageOf) {
  const groups = new Map();
  for (const [source, text] of Object.entries(bytesBySource(file))) {
    const name = groupOf(source);
    groups.set(name, (groups.get(name) ?? '') + text);
  }
  const total = gzipSync(readFileSync(file), { level: 9 }).length;
  const rows = [...groups].map(([name, text]) => ({ name, raw: Buffer.byteLength(text), gzipAlone: gzipSync(text, { level: 9 }).length }));
  const sumAlone = rows.reduce((sum, r) => sum + r.gzipAlone, 0);
  for (const r of rows) r.gzipShare = Math.round((r.gzipAlone / sumAlone) * total);
  rows.sort((a, b) => b.gzipShare - a.gzipShare);
  return { file, total, rows };
}
