import { BUILTIN_ANALYSES } from './analyses/index.js';
import type { AnalysisDefinition } from './types.js';

const registry = new Map<string, AnalysisDefinition<unknown>>(BUILTIN_ANALYSES.map((def) => [def.name, def]));

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Adds an analysis to the registry (e.g. a host's own report). Names are snake_case.
 * @throws TypeError when the definition is malformed or the name is taken (pass
 * `{ replace: true }` to replace an existing analysis on purpose).
 */
export function registerAnalysis<P>(definition: AnalysisDefinition<P>, options: { replace?: boolean } = {}): void {
  if (!definition || typeof definition.name !== 'string' || !NAME.test(definition.name)) {
    throw new TypeError(`registerAnalysis: name must be snake_case (a-z, 0-9, _), got ${JSON.stringify(definition?.name)}`);
  }
  if (typeof definition.run !== 'function') throw new TypeError(`registerAnalysis: ${definition.name} needs a run(context, params) function`);
  if (typeof definition.description !== 'string') throw new TypeError(`registerAnalysis: ${definition.name} needs a description`);
  if (registry.has(definition.name) && !options.replace) {
    throw new TypeError(`registerAnalysis: "${definition.name}" is already registered (pass { replace: true } to replace it)`);
  }
  registry.set(definition.name, definition as AnalysisDefinition<unknown>);
}

/** The analysis registered as `name`, if any. */
export function getAnalysis(name: string): AnalysisDefinition<unknown> | undefined {
  return registry.get(name);
}

/** The names of every registered analysis, sorted. */
export function reportNames(): string[] {
  return [...registry.keys()].sort();
}
