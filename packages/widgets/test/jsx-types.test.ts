/**
 * The JSX / DOM types of the clv-* elements (src/jsx) against the widget registry: a widget
 * added to the registry without a declared tag fails here (at run time) and in the typecheck
 * (`ClvTagsCoverRegistry`). The `expectTypeOf` lines are checked by `npm run typecheck`.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { Selection } from '@clvkit/core';
import { ELEMENT_TAGS, WIDGETS, type ClvErrorDetail, type EngineLike } from '../src/index.js';
import type { ClvElementProps, ClvElementTag, ClvEventMap, ClvWidgetTagMap } from '../src/jsx/elements.js';
import type { ClvReactProps } from '../src/jsx/react.js';
import type { ClvPreactProps } from '../src/jsx/preact.js';

/** The members of `interface ClvWidgetTagMap` in src/jsx/elements.ts, as tag -> widget name. */
function declaredTags(): Map<string, string> {
  const path = new URL('../src/jsx/elements.ts', import.meta.url);
  const source = ts.createSourceFile('elements.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const tags = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'ClvWidgetTagMap') return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isLiteralTypeNode(member.type) || !ts.isStringLiteral(member.type.literal)) continue;
      tags.set((member.name as ts.StringLiteral).text, member.type.literal.text);
    }
  });
  return tags;
}

describe('JSX IntrinsicElements declarations', () => {
  test('declare exactly the tags defineElements() registers, each with its registry widget', () => {
    const declared = declaredTags();
    expect([...declared.keys(), 'clv-dashboard'].sort()).toEqual([...ELEMENT_TAGS].sort());
    for (const [name, definition] of Object.entries(WIDGETS)) expect(declared.get(definition.tag), definition.tag).toBe(name);
  });

  test('type the options, host properties and events (checked by the typecheck)', () => {
    expectTypeOf<ClvElementProps<'clv-kpi-cards'>['metrics']>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<ClvElementProps<'clv-time-series'>>().toHaveProperty('time-zone');
    expectTypeOf<ClvElementProps<'clv-dashboard'>['engine']>().toEqualTypeOf<EngineLike | undefined>();
    expectTypeOf<ClvReactProps<'clv-kpi-cards'>['selection']>().toEqualTypeOf<Selection | undefined>();
    expectTypeOf<NonNullable<ClvReactProps<'clv-funnel'>['onclv-error']>>().parameter(0).toEqualTypeOf<CustomEvent<ClvErrorDetail>>();
    expectTypeOf<ClvPreactProps<'clv-dashboard'>>().toHaveProperty('preset');
    expectTypeOf<ClvEventMap['clv-error']['detail']['phase']>().toEqualTypeOf<'render' | 'query' | 'interaction'>();
    expectTypeOf<HTMLElementTagNameMap['clv-kpi-cards']['engine']>().toEqualTypeOf<EngineLike | undefined>();
    expectTypeOf<keyof ClvWidgetTagMap | 'clv-dashboard'>().toEqualTypeOf<ClvElementTag>();
    expect(true).toBe(true);
  });
});
