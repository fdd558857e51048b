import type { MessageContext } from '../messages/context.js';
import type { LintFinding } from '../messages/finding.js';
import type { LintField, LintInput, LintOptions, LintRule, MessageDraft } from '../messages/lint-types.js';
import { wordsOf } from '../messages/text.js';
import type { RuleId } from './ids.js';
import { RULE_MODULES } from './registry.js';
import type { RuleModule } from './rule.js';

/**
 * One problem in a draft, found by the rule `ruleId`. `start`/`end` are UTF-16 offsets into
 * `field`; a part that is absent (nothing to underline) is anchored as the empty span `0..0` of the body.
 * Example: `{ ruleId: 'outreach.error_free', check: 'doubled_word', severity: 'warning',
 *   field: 'body', start: 10, end: 17, message: 'Doubled word "the the".', fix: { replacement: 'the' } }`.
 */
export type Finding = LintFinding<RuleId>;

/** A lint over a list of rule modules: every module's `lint`, in the list's order. */
export type MessageLint<Id extends string> = (
  draft: MessageDraft,
  context: MessageContext,
  options: LintOptions,
) => LintFinding<Id>[];

function field(name: 'subject' | 'body', text: string): LintField {
  return { field: name, text, words: wordsOf(text) };
}

const FIELD_ORDER = { subject: 0, body: 1 } as const;

/** The lint rules of a list of modules, in order. */
function lintRulesOf<Id extends string>(modules: readonly RuleModule<Id>[]) {
  return Object.freeze(
    modules.flatMap((m) => (m.lint ? [{ id: m.record.id, run: m.lint as LintRule<Id> }] : [])),
  );
}

/**
 * The message lint over a list of rule modules. `lintMessage` is this over the registry.
 * Example: `messageLint([...RULE_MODULES, myRule])(draft, context, { policy })`.
 */
export function messageLint<Id extends string>(modules: readonly RuleModule<Id>[]): MessageLint<Id> {
  const rules = lintRulesOf(modules);
  return (draft, context, options) => {
    const disabled = new Set(options.policy.disabledRules);
    const findings: LintFinding<Id>[] = [];
    const input: LintInput = {
      draft,
      context,
      options,
      subject: draft.subject !== undefined ? field('subject', draft.subject) : undefined,
      body: field('body', draft.body),
      earlier: findings,
    };
    for (const rule of rules) {
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
  };
}

/** The lint's rules in run order (outreach.brevity reads outreach.no_job_ask's findings). Example: `MESSAGE_LINT_RULES.map((r) => r.id)`. */
export const MESSAGE_LINT_RULES: readonly { id: RuleId; run: LintRule<RuleId> }[] =
  lintRulesOf<RuleId>(RULE_MODULES);

/**
 * Check a draft against the guide's rules (and the policy's preset checks). Rules listed in
 * `policy.disabledRules` are skipped; without `options.speller` spelling is not checked.
 * Findings come sorted by field (subject first), then offset.
 * Example: `lintMessage({ kind: 'outreach', subject, body }, ctx, { policy, speller })` → `Finding[]`.
 */
export const lintMessage: MessageLint<RuleId> = messageLint<RuleId>(RULE_MODULES);
