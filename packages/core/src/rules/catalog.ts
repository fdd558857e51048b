import type { Policy } from '../policy/types.js';
import type { RuleId } from './ids.js';

/** What a rule produces. */
export type RuleEffect = 'task' | 'warning' | 'refusal' | 'timed_transition' | 'lint';

/** One rule of the method, as data. The rules reference in docs/ is generated from this. */
export interface RuleRecord {
  id: RuleId;
  /** What the rule asks of the student, in a sentence. */
  summary: string;
  /** When the rule is looked at. */
  trigger: string;
  /** What must hold for it to apply. */
  condition: string;
  effects: readonly RuleEffect[];
  /** The policy keys it reads; their values are recorded on everything it derives. */
  policyKeys: readonly (keyof Policy)[];
  /** Where the rule comes from: the career-centre guide, the 3B7 routine, or Infoview's own care rules. */
  source: RuleSource;
  /** The source's own words. */
  passage: string;
}

/** Where a rule comes from. */
export type RuleSource = 'guide' | 'two_hour_job_search' | 'infoview';

/** The rule catalog: every rule of DOMAIN.md under the id the table gives it. */
export const RULES: readonly RuleRecord[] = [
  {
    id: 'channel.first_contact',
    summary: 'Make first contact with an unknown person by email; phone is for people you know.',
    trigger: 'event send_outreach',
    condition: 'the contact is not known to the student and the channel is not email',
    effects: ['warning', 'refusal'],
    policyKeys: ['channelEnforcement'],
    source: 'guide',
    passage:
      'If you do not know the person, it is more considerate to make the initial contact via email… If you already know the person, you can first contact him/her by phone.',
  },
  {
    id: 'outreach.content',
    summary:
      'The first email says who you are, why this person, how you found them, a brief background, why you are interested, and asks for a 20–30 minute meeting for information and advice.',
    trigger: 'lint of an outreach or referral_outreach draft',
    condition: 'a part of the guide’s outreach content is missing',
    effects: ['lint'],
    policyKeys: ['meetingMinMinutes', 'meetingMaxMinutes'],
    source: 'guide',
    passage:
      'In the email, you’ll generally want to explain who you are, why you are contacting this person, and how you found their name… then request a 20-30 minute meeting to get information and advice.',
  },
  {
    id: 'outreach.no_job_ask',
    summary: 'Outreach and the meeting never ask for a job.',
    trigger: 'lint of a message draft',
    condition: 'the text asks for a job, an opening or a referral for a role',
    effects: ['lint'],
    policyKeys: [],
    source: 'guide',
    passage:
      'Do not ask for a job. Remember, you indicated that you were looking for advice and information.',
  },
  {
    id: 'outreach.error_free',
    summary: 'Outreach, follow-up and thank-you text has no spelling errors or unfilled placeholders.',
    trigger: 'lint of a message draft',
    condition: 'a misspelling, a doubled word or an unfilled placeholder',
    effects: ['lint'],
    policyKeys: [],
    source: 'guide',
    passage: 'Make sure that your correspondence is error free.',
  },
  {
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
  {
    id: 'outreach.professional_cap',
    summary: 'One professional receives at most so many requests from the institution’s students.',
    trigger: 'event send_outreach',
    condition: 'the professional already received the capped number of requests in the period',
    effects: ['warning', 'refusal'],
    policyKeys: ['professionalCap'],
    source: 'infoview',
    passage:
      'Many students of one institution may target the same alumnus. A tenant can cap how many outreach requests one professional receives from its students in a period.',
  },
  {
    id: 'follow_up.due',
    summary:
      'No reply → follow up this long after the last attempt (with the default two attempts: after the first).',
    trigger: 'state awaiting_reply or followed_up',
    condition: 'no reply and fewer attempts than allowed',
    effects: ['task', 'warning'],
    policyKeys: ['followUpAfter', 'maxUnsolicitedAttempts'],
    source: 'guide',
    passage:
      'Whether you make the initial contact by phone or email, if you haven’t heard back in about two weeks, it is completely appropriate to follow-up.',
  },
  {
    id: 'follow_up.move_on',
    summary:
      'No reply this long after the last attempt → the interview becomes unresponsive; a further unsolicited attempt is refused.',
    trigger: 'state awaiting_reply or followed_up with every allowed attempt made; event send_follow_up',
    condition: 'no reply by the last attempt plus the wait',
    effects: ['timed_transition', 'refusal'],
    policyKeys: ['moveOnAfter', 'maxUnsolicitedAttempts'],
    source: 'guide',
    passage: 'If you don’t hear back after the second attempt, move on to your other potential contacts.',
  },
  {
    id: 'follow_up.second_contact',
    summary: 'Two-hour job search: no reply → reach a second person at the same organisation.',
    trigger: 'state awaiting_reply or followed_up under a policy with secondContactAfter',
    condition: 'no other interview at the same organisation has an attempt yet',
    effects: ['task'],
    policyKeys: ['secondContactAfter'],
    source: 'two_hour_job_search',
    passage:
      'The 3B7 routine: no reply in 3 business days → contact a second person at the same organisation.',
  },
  {
    id: 'prep.checklist',
    summary:
      'Before the meeting: research the person and the organisation, the industry’s trends, a written question list, an elevator pitch, a resume at hand.',
    trigger: 'state scheduled with a meeting time',
    condition: 'a checklist item is not done',
    effects: ['task'],
    policyKeys: ['prepDueBefore'],
    source: 'guide',
    passage:
      'Research the individual you’re meeting with through LinkedIn and look at the organization’s website… Prepare a written list of questions in advance.',
  },
  {
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
  {
    id: 'meeting.length',
    summary: 'The meeting is asked for and planned at 20–30 minutes; longer only when invited to stay.',
    trigger: 'events receive_reply, schedule_meeting, complete; state scheduled',
    condition: 'a planned length outside the range, or an overrun without an invitation',
    effects: ['warning'],
    policyKeys: ['meetingMinMinutes', 'meetingMaxMinutes'],
    source: 'guide',
    passage: 'Keep track of the time. Stay longer only if invited to do so.',
  },
  {
    id: 'meeting.close',
    summary: 'Before leaving, ask for a business card and a referral.',
    trigger: 'event complete',
    condition: 'the student reports not asking',
    effects: ['warning'],
    policyKeys: [],
    source: 'guide',
    passage:
      'Before leaving, ask for a business card and ask if they can refer you to anyone else for you to speak with.',
  },
  {
    id: 'after.notes',
    summary: 'Write notes (who, date, useful information and advice) right after the meeting.',
    trigger: 'state completed or nurturing',
    condition: 'no notes recorded',
    effects: ['task'],
    policyKeys: ['notesDueAfter'],
    source: 'guide',
    passage:
      'After your meeting, jot down some notes (name of your contact, date, and useful information or advice, etc.).',
  },
  {
    id: 'after.thank_you',
    summary: 'Email a thank-you within 24 h of the meeting, mentioning one or two things learned.',
    trigger: 'state completed; lint of a thank_you draft',
    condition: 'no thank-you sent',
    effects: ['task', 'lint'],
    policyKeys: ['thankYouDueAfter', 'thankYouMinPoints', 'thankYouMaxPoints'],
    source: 'guide',
    passage:
      'Write a thank you note after each informational interview and email it within 24 hours… mention one or two points that you learned during your conversation.',
  },
  {
    id: 'referral.ask',
    summary: 'A completed interview with no referral recorded raises a task to ask for one.',
    trigger: 'state completed or nurturing',
    condition: 'no referral recorded and the contact did not say there is nobody',
    effects: ['task'],
    policyKeys: ['thankYouDueAfter'],
    source: 'guide',
    passage:
      'Referrals – always try to get the name of at least one additional contact during each informational interview.',
  },
  {
    id: 'referral.mention',
    summary: 'Outreach to a referred contact names the referrer in the subject line and the body.',
    trigger: 'lint of a referral_outreach draft',
    condition: 'the referrer is missing from the subject or the body',
    effects: ['lint'],
    policyKeys: [],
    source: 'guide',
    passage: 'make sure to note who referred you (both in the subject line of the email and in the text).',
  },
  {
    id: 'referral.report_back',
    summary: 'When a referred interview completes, tell the referrer how it went.',
    trigger: 'a referred contact’s interview in state completed or nurturing',
    condition: 'no report-back touchpoint with the referrer since that meeting',
    effects: ['task'],
    policyKeys: ['reportBackDueAfter'],
    source: 'guide',
    passage:
      'Once you have the informational interview, make sure to follow-up with your original contact to let them know how it went.',
  },
  {
    id: 'nurture.keep_in_touch',
    summary: 'Each interviewed contact gets a touchpoint every few months; any touchpoint resets the timer.',
    trigger: 'a contact with an interview in state completed or nurturing',
    condition: 'the contact was interviewed; due this long after the last meeting, thank-you or touchpoint',
    effects: ['task'],
    policyKeys: ['keepInTouchEvery'],
    source: 'guide',
    passage: 'Try to stay in touch with your contacts every few months by sending a friendly email.',
  },
  {
    id: 'milestone.notify',
    summary: 'A milestone raises a task to notify every contact the student has interviewed.',
    trigger: 'a milestone in the network',
    condition: 'a contact interviewed before the milestone has not had news of it',
    effects: ['task'],
    policyKeys: ['milestoneNotifyDueAfter'],
    source: 'guide',
    passage:
      'Finally, when you secure your new position, select your major, or have chosen your career path, notify the people you’ve spoken with.',
  },
  {
    id: 'opportunity.welcome',
    summary: 'If a contact raises a specific job, the student may record it as an opportunity.',
    trigger: 'event record_opportunity',
    condition: 'the contact raised it',
    effects: [],
    policyKeys: [],
    source: 'guide',
    passage:
      'Although the purpose of these conversations is to gain advice and suggestions and not to ask about a job, if the individual you’re meeting with asks if you’re interested in a specific job, you can welcome that opportunity to talk about that option.',
  },
];

const BY_ID = new Map<string, RuleRecord>(RULES.map((r) => [r.id, r]));

/** The catalog record of a rule. Example: `ruleRecord('follow_up.due').passage`. */
export function ruleRecord(id: RuleId): RuleRecord {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown rule id ${id}`);
  return rule;
}
