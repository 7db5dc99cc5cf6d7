import type { DerivedColumns } from '../../derived.js';

/**
 * The steps of the session funnel: `session` (every session), then each host action of
 * `dataset.sessionActions` in the host's order (a boolean column of sessions), then
 * `purchase` (has_purchased). `fields[i]` is the sessions column a widget filters on to
 * select the sessions of step i (`isIn(field, [true])`); null for `session`.
 */
export interface SessionFunnelSteps {
  readonly steps: readonly string[];
  readonly fields: readonly (string | null)[];
}

/** The session funnel's steps for a dataset (actions that are not boolean columns are left out). */
export function sessionFunnelSteps(derived: DerivedColumns): SessionFunnelSteps {
  const actions = derivedActions(derived);
  return { steps: ['session', ...actions, 'purchase'], fields: [null, ...actions, 'has_purchased'] };
}

function derivedActions(derived: DerivedColumns): string[] {
  const columns = derived.dataset.sessions.columns;
  return derived.dataset.sessionActions.filter((name) => columns[name]?.type === 'boolean');
}

/**
 * Counts per group and step: `counts[g * steps + s]` = sessions of group g (its `codes` value,
 * ignoring rows with code < 0 or outside `mask`; null: every session) that have step s: every session for step 0,
 * the action flag set for action steps, has_purchased for the last step. The seed counts each
 * flag's true values, so when the host's actions are not nested a step can exceed the one
 * before it (conversion above 1), which shows the data as it is.
 */
export function sessionFunnelCounts(derived: DerivedColumns, codes: Int32Array | null, groups: number, mask: Uint8Array | null): Float64Array {
  const { steps } = sessionFunnelSteps(derived);
  const width = steps.length;
  const columns = derived.dataset.sessions.columns;
  const flags = steps.slice(1, -1).map((name) => (columns[name] as { values: Uint8Array }).values);
  const purchased = derived.purchased();
  const counts = new Float64Array(groups * width);
  const actions = flags.length;
  if (actions > MAX_PACKED_ACTIONS) {
    for (let i = 0; i < purchased.length; i++) {
      if (mask !== null && mask[i] === 0) continue;
      const g = codes !== null ? codes[i] : 0;
      if (g < 0 || g >= groups) continue;
      const base = g * width;
      counts[base]++;
      for (let a = 0; a < actions; a++) if (flags[a][i]) counts[base + 1 + a]++;
      if (purchased[i]) counts[base + width - 1]++;
    }
    return counts;
  }
  // A session's flags packed into one small integer (bit a: action a, the top bit: purchase)
  // and tallied per group and pattern in one pass; the step counts are summed from the
  // patterns after. Reading two flag columns by name beats a loop over a list per row.
  const patterns = 1 << (actions + 1);
  const tally = new Int32Array(groups * patterns);
  const first = actions > 0 ? flags[0] : null;
  const second = actions > 1 ? flags[1] : null;
  for (let i = 0; i < purchased.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const g = codes !== null ? codes[i] : 0;
    if (g < 0 || g >= groups) continue;
    let bits = purchased[i] << actions;
    if (first !== null) bits |= first[i];
    if (second !== null) bits |= second[i] << 1;
    for (let a = 2; a < actions; a++) bits |= flags[a][i] << a;
    tally[g * patterns + bits]++;
  }
  for (let g = 0; g < groups; g++) {
    const base = g * width;
    for (let bits = 0; bits < patterns; bits++) {
      const sessions = tally[g * patterns + bits];
      if (sessions === 0) continue;
      counts[base] += sessions;
      for (let a = 0; a <= actions; a++) if ((bits >> a) & 1) counts[base + 1 + a] += sessions;
    }
  }
  return counts;
}

/** Host actions up to which a session's flags are packed into one tally index (2^7 patterns per group). */
const MAX_PACKED_ACTIONS = 6;
