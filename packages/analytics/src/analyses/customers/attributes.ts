import { readBoolean, readNumber, readTimestamp, type Calendar, type Column, type Table } from '@clvkit/core';

/**
 * Reading customer attributes whatever type the import gave them: hosts (and the sample shop)
 * often pass consents as "true"/"false", ages as "44" and birth dates as "1982-02-09" strings.
 * String columns are decoded once per dictionary entry, never per row.
 */

/** Per row, 1 when the column has a value (not missing; for strings, not empty). */
export function presentValues(column: Column, length: number): Uint8Array {
  const out = new Uint8Array(length);
  switch (column.type) {
    case 'string': {
      const usable = Uint8Array.from(column.dictionary, (v) => (v.trim() === '' ? 0 : 1));
      for (let i = 0; i < length; i++) out[i] = column.codes[i] >= 0 ? usable[column.codes[i]] : 0;
      return out;
    }
    case 'number':
    case 'time':
      for (let i = 0; i < length; i++) out[i] = column.values[i] === column.values[i] ? 1 : 0;
      return out;
    case 'boolean':
      return out.fill(1);
    case 'ref':
      for (let i = 0; i < length; i++) out[i] = column.rows[i] >= 0 ? 1 : 0;
      return out;
  }
}

/** Per row, 1 for a true value (booleans; numbers != 0; strings such as "true", "1", "yes"), else 0 (missing is 0). */
export function trueValues(column: Column, length: number): Uint8Array {
  const out = new Uint8Array(length);
  switch (column.type) {
    case 'boolean':
      return column.values;
    case 'string': {
      const truth = Uint8Array.from(column.dictionary, (v) => (readBoolean(v) === 1 ? 1 : 0));
      for (let i = 0; i < length; i++) out[i] = column.codes[i] >= 0 ? truth[column.codes[i]] : 0;
      return out;
    }
    case 'number':
      for (let i = 0; i < length; i++) out[i] = column.values[i] === column.values[i] && column.values[i] !== 0 ? 1 : 0;
      return out;
    default:
      return out;
  }
}

/** Per row, the value as a number (strings parsed, NaN where missing or not a number). */
export function numberValues(column: Column, length: number): Float64Array {
  if (column.type === 'number' || column.type === 'time') return column.values;
  const out = new Float64Array(length).fill(Number.NaN);
  if (column.type === 'string') {
    const parsed = Float64Array.from(column.dictionary, (v) => readNumber(v));
    for (let i = 0; i < length; i++) if (column.codes[i] >= 0) out[i] = parsed[column.codes[i]];
  }
  return out;
}

/** Per row, the value as an instant (time columns; strings parsed as timestamps in `calendar`'s zone), NaN where missing. */
export function timeValues(column: Column, length: number, calendar: Calendar): Float64Array {
  if (column.type === 'time' || column.type === 'number') return column.values;
  const out = new Float64Array(length).fill(Number.NaN);
  if (column.type === 'string') {
    const parsed = Float64Array.from(column.dictionary, (v) => readTimestamp(v, calendar));
    for (let i = 0; i < length; i++) if (column.codes[i] >= 0) out[i] = parsed[column.codes[i]];
  }
  return out;
}

/**
 * Per customer row, the age in whole years at `asOf` (NaN where unknown): from `birth_date`
 * when the table has it (birthdays counted in local calendar dates), else the `age` column as
 * given. Ages below 0 or above 150 are treated as unknown.
 */
export function ages(customers: Table, asOf: number, calendar: Calendar): Float64Array {
  const out = new Float64Array(customers.length).fill(Number.NaN);
  const birth = customers.columns.birth_date;
  const age = customers.columns.age;
  if (birth) {
    const now = localDate(asOf, calendar);
    const years = (born: number): number => {
      if (born !== born) return Number.NaN;
      const b = localDate(born, calendar);
      return now.year - b.year - (now.month < b.month || (now.month === b.month && now.day < b.day) ? 1 : 0);
    };
    if (birth.type === 'string') {
      // Once per distinct birth date, not per customer.
      const perCode = Float64Array.from(birth.dictionary, (text) => years(readTimestamp(text, calendar)));
      for (let i = 0; i < out.length; i++) if (birth.codes[i] >= 0) out[i] = perCode[birth.codes[i]];
    } else {
      const born = timeValues(birth, customers.length, calendar);
      for (let i = 0; i < out.length; i++) out[i] = years(born[i]);
    }
  }
  if (age) {
    const given = numberValues(age, customers.length);
    for (let i = 0; i < out.length; i++) if (out[i] !== out[i]) out[i] = Math.floor(given[i]);
  }
  for (let i = 0; i < out.length; i++) if (out[i] < 0 || out[i] > 150) out[i] = Number.NaN;
  return out;
}

/** The local calendar date of an instant. */
function localDate(ms: number, calendar: Calendar): { year: number; month: number; day: number } {
  const date = new Date(ms + calendar.offset(ms));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Default lower bounds of the age bands: <18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+. */
export const DEFAULT_AGE_BANDS: readonly number[] = Object.freeze([18, 25, 35, 45, 55, 65]);

/** Band labels for ascending lower bounds: "<18", "18-24", ..., "65+". */
export function bandLabels(bounds: readonly number[]): string[] {
  const labels: string[] = [];
  if (bounds[0] > 0) labels.push(`<${bounds[0]}`);
  for (let k = 0; k < bounds.length; k++) {
    labels.push(k + 1 < bounds.length ? `${bounds[k]}-${bounds[k + 1] - 1}` : `${bounds[k]}+`);
  }
  return labels;
}

/** The band number of `age` in `bandLabels(bounds)` order; -1 for NaN. */
export function bandOf(age: number, bounds: readonly number[]): number {
  if (age !== age) return -1;
  const offset = bounds[0] > 0 ? 1 : 0;
  let k = -1;
  while (k + 1 < bounds.length && age >= bounds[k + 1]) k++;
  return k + offset;
}
