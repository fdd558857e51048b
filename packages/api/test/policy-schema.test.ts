import { type Policy as CorePolicy, POLICY_KEYS, PRESETS } from '@infoview/core';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { Policy } from '../src/routes/policies/schemas.js';

type HttpPolicy = Static<typeof Policy>;
// Both ways assignable: the HTTP schema and core's Policy type describe the same object. A field
// added to one and not the other, or typed differently, fails `pnpm typecheck`.
const toCore = (policy: HttpPolicy): CorePolicy => policy;
const fromCore = (policy: CorePolicy): HttpPolicy => policy;

describe("the HTTP Policy schema is core's Policy", () => {
  it('has exactly the keys of core’s policy field table', () => {
    expect(Object.keys(Policy.properties).sort()).toEqual([...POLICY_KEYS].sort());
    expect([...Policy.required].sort()).toEqual([...POLICY_KEYS].sort());
  });

  it.each(Object.entries(PRESETS))('accepts the %s preset as it is', (_name, preset) => {
    expect(Value.Errors(Policy, fromCore(preset))).toEqual([]);
    expect(toCore(Value.Clone(preset) as HttpPolicy)).toEqual(preset);
  });
});
