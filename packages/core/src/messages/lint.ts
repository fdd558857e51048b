import type { MessageContext } from './context.js';
import type { Finding } from './finding.js';
import type { LintField, LintInput, LintOptions, LintRule, MessageDraft } from './lint-types.js';
import { outreachBrevity } from './rules/brevity.js';
import { errorFree } from './rules/error-free.js';
import { noJobAsk } from './rules/no-job-ask.js';
import { outreachContent } from './rules/outreach-content.js';
import { referralMention } from './rules/referral-mention.js';
import { thankYou } from './rules/thank-you.js';
import { wordsOf } from './text.js';

/** The lint's rules in run order (brevity reads no_job_ask's findings). Example: `MESSAGE_LINT_RULES.map((r) => r.id)`. */
export const MESSAGE_LINT_RULES = [
  { id: 'outreach.content', run: outreachContent },
  { id: 'outreach.no_job_ask', run: noJobAsk },
  { id: 'outreach.error_free', run: errorFree },
  { id: 'outreach.brevity', run: outreachBrevity },
  { id: 'referral.mention', run: referralMention },
  { id: 'after.thank_you', run: thankYou },
] as const satisfies readonly { id: string; run: LintRule }[];

function field(name: 'subject' | 'body', text: string): LintField {
  return { field: name, text, words: wordsOf(text) };
}

const FIELD_ORDER = { subject: 0, body: 1 } as const;

/**
 * Check a draft against the guide's rules (and the policy's preset checks). Rules listed in
 * `policy.disabledRules` are skipped; without `options.speller` spelling is not checked.
 * Findings come sorted by field (subject first), then offset.
 * Example: `lintMessage({ kind: 'outreach', subject, body }, ctx, { policy, speller })` → `Finding[]`.
 */
export function lintMessage(draft: MessageDraft, context: MessageContext, options: LintOptions): Finding[] {
  const disabled = new Set(options.policy.disabledRules);
  const findings: Finding[] = [];
  const input: LintInput = {
    draft,
    context,
    options,
    subject: draft.subject !== undefined ? field('subject', draft.subject) : undefined,
    body: field('body', draft.body),
    earlier: findings,
  };
  for (const rule of MESSAGE_LINT_RULES) {
    if (disabled.has(rule.id)) continue;
    findings.push(...rule.run(input));
  }
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        FIELD_ORDER[a.finding.field] - FIELD_ORDER[b.finding.field] ||
        a.finding.start - b.finding.start ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
