import type { LintFinding } from '../messages/finding.js';
import type { LintInput } from '../messages/lint-types.js';
import { defineRule } from './rule.js';

const ID = 'referral.mention';

// referral.mention — guide: "make sure to note who referred you (both in the subject line of the
// email and in the text)". Severity: error — the guide says "make sure", and a name is matched
// exactly (full name, first name or last name). Without a referrer name there is nothing to check.

const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|mx|miss)\.?$/i;

function mentions(text: string, tokens: readonly string[]): boolean {
  return tokens.some((token) =>
    new RegExp(`(?:^|[^\\p{L}])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text),
  );
}

/** referral.mention: a referral outreach names the referrer in its subject and its body. */
function referralMentionLint({ draft, context, options, body }: LintInput): LintFinding<typeof ID>[] {
  if (draft.kind !== 'referral_outreach') return [];
  const name = (options.referrerName ?? context.referrer?.name ?? '').trim();
  if (!name) return [];
  const tokens = name.split(/\s+/).filter((token) => token.length >= 2 && !HONORIFIC.test(token));
  const findings: LintFinding<typeof ID>[] = [];
  const subject = draft.subject ?? '';
  if (draft.channel !== 'phone' && !mentions(subject, tokens)) {
    findings.push({
      ruleId: ID,
      check: 'subject',
      severity: 'error',
      field: 'subject',
      start: 0,
      end: subject.length,
      message: `Name ${name}, who referred you, in the subject line.`,
      fix: { replacement: subject.trim() ? `Referred by ${name}: ${subject.trim()}` : `Referred by ${name}` },
    });
  }
  if (!mentions(body.text, tokens)) {
    findings.push({
      ruleId: ID,
      check: 'body',
      severity: 'error',
      field: 'body',
      start: 0,
      end: 0,
      message: `Name ${name}, who referred you, in the text (e.g. "${name} suggested that I contact you").`,
    });
  }
  return findings;
}

export const referralMention = defineRule({
  record: {
    id: 'referral.mention',
    summary: 'Outreach to a referred contact names the referrer in the subject line and the body.',
    trigger: 'lint of a referral_outreach draft',
    condition: 'the referrer is missing from the subject or the body',
    effects: ['lint'],
    policyKeys: [],
    source: 'guide',
    passage: 'make sure to note who referred you (both in the subject line of the email and in the text).',
  },
  lint: referralMentionLint,
});
