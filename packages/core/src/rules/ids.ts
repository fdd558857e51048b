import { RULE_MODULES } from './registry.js';

/** A built-in rule id, e.g. `'follow_up.due'`. Tenant rules use ids starting with `custom.`. */
export type RuleId = (typeof RULE_MODULES)[number]['record']['id'];

/**
 * Every built-in rule id, in the registry's order. Stable: tenants disable rules and tasks are
 * explained by these ids. Example: `RULE_IDS.includes('follow_up.due')`.
 */
export const RULE_IDS: readonly RuleId[] = Object.freeze(RULE_MODULES.map((rule) => rule.record.id));

/** Whether `id` names a built-in rule. Example: `isRuleId('follow_up.due') === true`. */
export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
