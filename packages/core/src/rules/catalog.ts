import type { RuleId } from './ids.js';
import { RULE_MODULES } from './registry.js';
import type { RuleModule, RuleRecord } from './rule.js';

/** The catalog of a list of rule modules: their records, and a look-up by id. Example: `catalogOf([...RULE_MODULES, myRule])`. */
export function catalogOf<Id extends string>(modules: readonly RuleModule<Id>[]) {
  const rules: readonly RuleRecord<Id>[] = Object.freeze(modules.map((m) => m.record));
  const byId = new Map<string, RuleRecord<Id>>(rules.map((r) => [r.id, r]));
  if (byId.size !== rules.length) throw new Error('two rule modules share an id');
  return {
    rules,
    /** The record of `id`; throws for an id no module has. */
    ruleRecord(id: Id): RuleRecord<Id> {
      const rule = byId.get(id);
      if (!rule) throw new Error(`unknown rule id ${id}`);
      return rule;
    },
  };
}

const CATALOG = catalogOf<RuleId>(RULE_MODULES);

/** The rule catalog: every rule's record, in the registry's order. Example: `RULES.map((r) => r.id)`. */
export const RULES: readonly RuleRecord<RuleId>[] = CATALOG.rules;

/** The catalog record of a rule. Example: `ruleRecord('follow_up.due').passage`. */
export const ruleRecord: (id: RuleId) => RuleRecord<RuleId> = CATALOG.ruleRecord;
