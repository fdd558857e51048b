import type { LintFinding } from '../messages/finding.js';
import type { LintField, LintInput } from '../messages/lint-types.js';
import { sentencesOf } from '../messages/text.js';
import type { QuestionListRule } from '../questions/finding.js';
import { defineRule } from './rule.js';

const ID = 'outreach.no_job_ask';

// outreach.no_job_ask — guide: "Do not ask for a job … By asking for a job, you risk embarrassment
// and ruin credibility." Severity: error for an ask (the guide is categorical); warning for saying
// you are looking for a job (not an ask, but it reads as one). Questions about the industry —
// "job content", "entry-level hiring", "job hunting strategies" — are the guide's own and never match.
// opportunity.welcome: a sentence about a job the contact raised is not an ask.

const JOB = '(?:jobs?|positions?|roles?|openings?|internships?|vacanc(?:y|ies))';
const DET = '(?:a|an|the|any|your|this|that|one of your)';

const ASKS: readonly RegExp[] = [
  /\b(?:are you|is (?:your|the) (?:company|team|firm|organi[sz]ation|group|department|office)) (?:currently |still |now )?hiring\b/gi,
  /\b(?:hire|employ|recruit) me\b/gi,
  /\bconsider(?:ed|ing)? me for\b/gi,
  /\b(?:any|current|available|open) (?:job |internship )?(?:openings?|vacanc(?:y|ies))\b/gi,
  /\b(?:jobs?|positions?|roles?|internships?) (?:openings?|vacanc(?:y|ies)|available)\b/gi,
  new RegExp(
    `\\b(?:refer|recommend|put in a (?:good )?word for) me (?:for|to) ${DET}? ?(?:[\\w-]+ ){0,2}?${JOB}\\b`,
    'gi',
  ),
  new RegExp(`\\b(?:a|an|your) (?:referral|recommendation) for ${DET}? ?(?:[\\w-]+ ){0,2}?${JOB}\\b`, 'gi'),
  new RegExp(
    `\\b(?:interview|apply|applying|application|candidate) for ${DET}? ?(?:[\\w-]+ ){0,2}?${JOB}\\b`,
    'gi',
  ),
  new RegExp(`\\bhelp me (?:to )?(?:get|land|find|secure) (?:a|an|the) (?:[\\w-]+ ){0,2}?${JOB}\\b`, 'gi'),
  new RegExp(`\\bask(?:ing)? (?:you )?(?:for|about) (?:a|an) (?:[\\w-]+ )?${JOB}\\b`, 'gi'),
  new RegExp(`\\b(?:do|would) you (?:have|know of) (?:any )?(?:[\\w-]+ ){0,2}?${JOB}\\b`, 'gi'),
  /\b(?:pass|forward|send|share) (?:along )?my (?:resume|résumé|CV)\b[^.?!\n]{0,40}\b(?:hiring|HR|recruit\w*)\b/gi,
];
const SEEKING =
  /\b(?:looking|searching|hoping) for (?:a|an) (?:new |full-time |part-time |summer )?(?:jobs?|positions?|internships?)\b/gi;
const NEGATED = /\b(?:not|never|no)\s+(?:\w+\s+)?$|n['’]t\s+(?:\w+\s+)?$/i;

function aboutOpportunity(sentence: string, input: LintInput): boolean {
  const opportunities = input.options.opportunities ?? [];
  if (opportunities.length === 0) return false;
  const lower = sentence.toLowerCase();
  if (/\byou (?:mentioned|raised|described|told me about)\b/.test(lower)) return true;
  return opportunities.some((opportunity) => lower.includes(opportunity.title.trim().toLowerCase()));
}

/** A job ask (error) or a "looking for a job" (warning) in a text. */
export interface JobAsk {
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

/** Every job ask in `text`, negations ("I am not asking for a job") excepted. Pure and fast. */
export function findJobAsks(text: string): JobAsk[] {
  const found: JobAsk[] = [];
  const check = (pattern: RegExp, severity: 'error' | 'warning'): void => {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      if (NEGATED.test(text.slice(Math.max(0, start - 16), start))) continue;
      found.push({ start, end, severity });
    }
  };
  for (const pattern of ASKS) check(pattern, 'error');
  check(SEEKING, 'warning');
  return found;
}

function scan(field: LintField, input: LintInput): LintFinding<typeof ID>[] {
  const asks = findJobAsks(field.text);
  if (asks.length === 0) return [];
  const sentences = sentencesOf(field.text);
  const findings: LintFinding<typeof ID>[] = [];
  for (const { start, end, severity } of asks) {
    const sentence = sentences.find((s) => s.start <= start && start < s.end) ?? {
      start: 0,
      end: field.text.length,
    };
    if (aboutOpportunity(field.text.slice(sentence.start, sentence.end), input)) continue;
    findings.push({
      ruleId: ID,
      check: severity === 'error' ? 'job_ask' : 'job_search',
      severity,
      field: field.field,
      start,
      end,
      message:
        severity === 'error'
          ? 'Do not ask for a job: you asked for information and advice, and asking for a job risks embarrassment and credibility.'
          : 'Saying you are looking for a job reads as an ask; keep the request to information and advice.',
    });
  }
  return findings;
}

/** outreach.no_job_ask: asks for a job, an opening, a referral or an interview for a role. */
function noJobAsk(input: LintInput): LintFinding<typeof ID>[] {
  // News of a secured position is not an ask.
  if (input.draft.kind === 'milestone_news') return [];
  return [...(input.subject ? scan(input.subject, input) : []), ...scan(input.body, input)].sort(
    (a, b) => a.start - b.start,
  );
}

/** "Do not ask for a job" holds in the meeting too: a job ask in a question list is an error. */
const jobAsksInQuestions: QuestionListRule<typeof ID> = (questions) =>
  questions.flatMap((question, index) => {
    const text = typeof question === 'string' ? question : question.text;
    const id = typeof question === 'string' ? {} : { questionId: question.id };
    return findJobAsks(text).map((ask) => ({
      ruleId: ID,
      check: 'job_ask',
      severity: ask.severity,
      index,
      ...id,
      start: ask.start,
      end: ask.end,
      message: 'Do not ask for a job in the meeting: you asked for information and advice.',
    }));
  });

export const outreachNoJobAsk = defineRule({
  record: {
    id: 'outreach.no_job_ask',
    summary: 'Outreach and the meeting never ask for a job.',
    trigger: 'lint of a message draft or of an interview’s question list',
    condition: 'the text asks for a job, an opening or a referral for a role',
    effects: ['lint'],
    policyKeys: [],
    source: 'guide',
    passage:
      'Do not ask for a job. Remember, you indicated that you were looking for advice and information.',
  },
  lint: noJobAsk,
  questionList: jobAsksInQuestions,
});
