import type { Question } from '../questions/bank.js';
import type { QuestionListFinding, QuestionListRule } from '../questions/finding.js';
import { defineRule } from './rule.js';

const ID = 'prep.questions';

// prep.questions — guide: "Open-ended questions stimulate the conversation" and "always try to get
// the name of at least one additional contact". Its lint is a check of the student's question list.
// Severity: hint for a closed question (with an open-ended rewrite as the fix; the guide's own list
// yields at most hints); warning for a list with fewer than policy.minReferralQuestions referral
// questions. (A job ask in the list is outreach.no_job_ask's: "Do not ask for a job" holds in the
// meeting too.)

const CLOSED = /^(?:do|does|did|is|are|was|were|have|has|had|will|would|should|can|could|may|might|shall)\b/i;
// "Could you describe…", "Can you tell me about…": polite forms of an open question.
const POLITE_OPEN =
  /^(?:can|could|would|will) you (?:please )?(?:describe|tell|explain|share|walk|talk|give|say|elaborate|help me understand)\b/i;
// "May I send you…", "Would you mind if I…": requests, rightly answered yes or no.
const PERMISSION =
  /^(?:may I|can I|could I|would you mind|would it be (?:okay|ok|all right|alright) if I)\b/i;
const REFERRAL =
  /\b(?:anyone|anybody|someone) else\b|\bother (?:people|professionals|contacts)\b|\b(?:refer|introduce) me to\b|\brecommend (?:that )?I (?:speak|talk)\b/i;

function sentenceCase(text: string): string {
  return /^I\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * An open-ended rewrite of a closed question.
 * Example: `openRewrite('Do you like your job?') === 'What do you like about your job?'`.
 */
export function openRewrite(question: string): string {
  const text = question.trim().replace(/\?*$/, '');
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [
      /^Do you have any (.+?)(?: (as a result of|from|about|on|for|regarding) (.+))?$/i,
      (m) => `What ${m[1]} do you have${m[2] ? ` ${m[2]} ${m[3]}` : ''}`,
    ],
    [
      /^Are there any (.+?) that you would (recommend|suggest)(.*)$/i,
      (m) => `Which ${m[1]} would you ${m[2]}${m[3]}`,
    ],
    [/^Do you (?:happen to )?know (the .+)$/i, (m) => `What is ${m[1]}`],
    [/^Do you (like|enjoy|dislike) (.+)$/i, (m) => `What do you ${m[1]!.toLowerCase()} about ${m[2]}`],
    [/^(?:Do|Would) you (?:recommend|suggest) (.+)$/i, (m) => `What would you recommend about ${m[1]}`],
    [/^(?:Are|Is) there (?:any|a|an) (.+)$/i, (m) => `What can you tell me about ${m[1]}`],
    [/^Did you (.+)$/i, (m) => `How did you come to ${m[1]}`],
    [
      /^(Is|Are|Was|Were) (it|this|that|there|they|you|(?:the|this|that|your|my|a|an) [\w-]+) (.+)$/i,
      (m) => `What can you tell me about whether ${sentenceCase(m[2]!)} ${m[1]!.toLowerCase()} ${m[3]}`,
    ],
    // Otherwise an open "how" keeps the student's own words: "Does the firm pay…?" → "How does the firm pay…?"
    [/^(\w+) (.+)$/i, (m) => `How ${m[1]!.toLowerCase()} ${m[2]}`],
  ];
  for (const [pattern, rewrite] of rules) {
    const match = text.match(pattern);
    if (match) return `${rewrite(match)}?`;
  }
  return `What can you tell me about ${sentenceCase(text)}?`;
}

/** Whether a question asks for another contact's name. Example: `isReferralQuestion('Is there anyone else I should meet?') === true`. */
export function isReferralQuestion(question: Question | string): boolean {
  return typeof question === 'string'
    ? REFERRAL.test(question)
    : question.referral === true || REFERRAL.test(question.text);
}

/** Whether a question invites a yes or no. Example: `isClosedQuestion('Do you like your job?') === true`. */
export function isClosedQuestion(text: string): boolean {
  const trimmed = text.trim();
  return (
    CLOSED.test(trimmed) && !POLITE_OPEN.test(trimmed) && !PERMISSION.test(trimmed) && !REFERRAL.test(trimmed)
  );
}

/** Closed questions get a hint with an open-ended rewrite; too few referral questions a warning. */
const questionListCheck: QuestionListRule<typeof ID> = (questions, policy) => {
  const findings: QuestionListFinding<typeof ID>[] = [];
  questions.forEach((question, index) => {
    const text = typeof question === 'string' ? question : question.text;
    if (!isClosedQuestion(text) || isReferralQuestion(question)) return;
    const lead = text.length - text.trimStart().length;
    findings.push({
      ruleId: ID,
      check: 'closed_question',
      severity: 'hint',
      index,
      ...(typeof question === 'string' ? {} : { questionId: question.id }),
      start: lead,
      end: lead + text.trim().length,
      message: 'This invites a yes or no; an open-ended question keeps the conversation going.',
      fix: { replacement: openRewrite(text) },
    });
  });
  const referrals = questions.filter(isReferralQuestion).length;
  if (referrals < policy.minReferralQuestions) {
    findings.push({
      ruleId: ID,
      check: 'referral_question',
      severity: 'warning',
      index: null,
      start: 0,
      end: 0,
      message: `Add ${policy.minReferralQuestions === 1 ? 'a question' : `${policy.minReferralQuestions} questions`} asking for another contact, e.g. "Is there anyone else you would recommend that I speak with?"`,
    });
  }
  return findings;
};

export const prepQuestions = defineRule({
  record: {
    id: 'prep.questions',
    summary: 'The question list is open-ended and includes at least one next-steps/referral question.',
    trigger: 'check of an interview’s question list',
    condition: 'a closed question, or too few next-steps questions',
    effects: ['lint', 'warning'],
    policyKeys: ['minReferralQuestions'],
    source: 'guide',
    passage:
      'Open-ended questions stimulate the conversation… always try to get the name of at least one additional contact.',
  },
  questionList: questionListCheck,
});
