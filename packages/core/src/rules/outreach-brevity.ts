import type { LintFinding } from '../messages/finding.js';
import type { LintInput } from '../messages/lint-types.js';
import { afterGreeting, overlaps, sentencesOf } from '../messages/text.js';
import { outreachNoJobAsk } from './outreach-no-job-ask.js';
import { defineRule } from './rule.js';

const ID = 'outreach.brevity';

// outreach.brevity — the two_hour_job_search preset (3B7): outreach under policy.outreachMaxWords
// words, the connection stated first, no mention of jobs at all. Severity: warning — a tenant's
// house style rather than the guide's "do not"; each check is off when its policy value is off.
// Email only: a phone script is not read.

const JOB_MENTION =
  /\b(?:jobs?|job-\w+|openings?|vacanc(?:y|ies)|hiring|hire[ds]?|employment|recruit\w*|résumé|resume|CVs?)\b/gi;
const CONNECTION =
  /\b(?:fellow|alum(?:na|nus|nae|ni)?|also (?:studied|attended|went|graduated)|we met|met you|referred|suggested|recommended|mutual|in common|classmate|worked (?:together|with you|for you|under you)|your former|found your name|came across your)\b/i;

/** outreach.brevity: the 3B7 email checks of the two_hour_job_search preset. */
function outreachBrevityLint({
  draft,
  context,
  options,
  subject,
  body,
  earlier,
}: LintInput): LintFinding<typeof ID>[] {
  if (draft.kind !== 'outreach' && draft.kind !== 'referral_outreach') return [];
  if (draft.channel === 'phone') return [];
  const { policy } = options;
  const findings: LintFinding<typeof ID>[] = [];
  const text = body.text;

  if (policy.outreachConnectionFirst && context.contact.known !== true) {
    const from = afterGreeting(text);
    const first = sentencesOf(text.slice(from))[0];
    if (first) {
      const sentence = text.slice(from + first.start, from + first.end);
      const cues = [
        context.student.profile?.school,
        context.contact.foundVia,
        options.referrerName ?? context.referrer?.name,
      ].filter((cue): cue is string => typeof cue === 'string' && cue.trim() !== '');
      const lower = sentence.toLowerCase();
      if (!CONNECTION.test(sentence) && !cues.some((cue) => lower.includes(cue.trim().toLowerCase()))) {
        findings.push({
          ruleId: ID,
          check: 'connection_first',
          severity: 'warning',
          field: 'body',
          start: from + first.start,
          end: from + first.end,
          message:
            'State your connection first (e.g. "I found your name in the … alumni directory" or "… suggested I contact you").',
        });
      }
    }
  }

  if (policy.outreachNoJobMention) {
    const asks = earlier.filter((f) => f.ruleId === outreachNoJobAsk.record.id);
    const fields = subject ? [subject, body] : [body];
    for (const field of fields) {
      for (const match of field.text.matchAll(JOB_MENTION)) {
        const span = { start: match.index, end: match.index + match[0].length };
        if (
          overlaps(
            span,
            asks.filter((f) => f.field === field.field),
          )
        )
          continue;
        findings.push({
          ruleId: ID,
          check: 'job_mention',
          severity: 'warning',
          field: field.field,
          ...span,
          message: `Leave out "${match[0]}": this outreach asks for advice only, with no mention of jobs.`,
        });
      }
    }
  }

  if (policy.outreachMaxWords !== null && body.words.length > 0) {
    const counted = text.match(/\S*[\p{L}\p{N}]\S*/gu) ?? [];
    if (counted.length > policy.outreachMaxWords) {
      let seen = 0;
      let start = 0;
      for (const match of text.matchAll(/\S*[\p{L}\p{N}]\S*/gu)) {
        seen += 1;
        if (seen === policy.outreachMaxWords + 1) {
          start = match.index;
          break;
        }
      }
      findings.push({
        ruleId: ID,
        check: 'word_count',
        severity: 'warning',
        field: 'body',
        start,
        end: text.trimEnd().length,
        message: `${counted.length} words: keep outreach to ${policy.outreachMaxWords} words or fewer; the words past the limit are marked.`,
      });
    }
  }
  return findings;
}

export const outreachBrevity = defineRule({
  record: {
    id: 'outreach.brevity',
    summary: 'Two-hour job search: outreach under 100 words, the connection first, no mention of jobs.',
    trigger: 'lint of an outreach draft under a policy with outreachMaxWords',
    condition: 'too long, connection not first, or any mention of jobs',
    effects: ['lint'],
    policyKeys: ['outreachMaxWords', 'outreachConnectionFirst', 'outreachNoJobMention'],
    source: 'two_hour_job_search',
    passage:
      'The 3B7 routine: an outreach email under 100 words that states the connection first and does not mention jobs.',
  },
  lint: outreachBrevityLint,
});
