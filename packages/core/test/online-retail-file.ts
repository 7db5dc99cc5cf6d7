import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * The UCI Online Retail file (../shared/data beside the repository) and a deliberately simple
 * parse of it, shared by the tests that check the importer and the analyses against it. Never
 * a run-time dependency: the tests skip when the file is absent.
 */
export const ONLINE_RETAIL_FILE = fileURLToPath(new URL('../../../../shared/data/online-retail/online_retail_2010_2011.csv.gz', import.meta.url));

/** True when the file is there; otherwise warns that `test` is skipped. */
export function onlineRetailPresent(test: string): boolean {
  const present = existsSync(ONLINE_RETAIL_FILE);
  if (!present) console.warn(`${test}: skipped, ${ONLINE_RETAIL_FILE} is absent`);
  return present;
}

/** Splits one CSV line with "quoted" fields and doubled quotes (the file has no newlines inside quotes). */
export function splitLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** The file's non-empty text lines, header first. */
export function onlineRetailLines(): string[] {
  return gunzipSync(readFileSync(ONLINE_RETAIL_FILE)).toString('utf8').split(/\r?\n/).filter((l) => l.length > 0);
}
