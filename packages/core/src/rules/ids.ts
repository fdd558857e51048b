/**
 * Every rule id of DOMAIN.md's table, plus the preset-only and care rules. Stable: tenants
 * disable rules and tasks are explained by these ids.
 */
export const RULE_IDS = [
  'channel.first_contact',
  'outreach.content',
  'outreach.no_job_ask',
  'outreach.error_free',
  'outreach.brevity',
  'outreach.professional_cap',
  'follow_up.due',
  'follow_up.move_on',
  'follow_up.second_contact',
  'prep.checklist',
  'prep.questions',
  'meeting.length',
  'meeting.close',
  'after.notes',
  'after.thank_you',
  'referral.ask',
  'referral.mention',
  'referral.report_back',
  'nurture.keep_in_touch',
  'milestone.notify',
  'opportunity.welcome',
] as const;

/** A built-in rule id, e.g. `'follow_up.due'`. Tenant rules use ids starting with `custom.`. */
export type RuleId = (typeof RULE_IDS)[number];

/** Whether `id` names a built-in rule. Example: `isRuleId('follow_up.due') === true`. */
export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
