/**
 * The snippets of docs/core.md, as one program that runs and checks its own claims.
 *
 *   pnpm exec tsx docs/examples/core-quickstart.ts
 *
 * In your own project, import from '@infoview/core' instead of the relative path.
 */
import assert from 'node:assert/strict';
import dictionary from 'dictionary-en';
import {
  addDuration,
  type Contact,
  catalogOf,
  checkQuestionList,
  createSpeller,
  defineRule,
  evaluateNetwork,
  type Interview,
  type InterviewEvent,
  lintMessage,
  type MessageContext,
  MessageTemplateError,
  newInterview,
  QUESTION_BANK,
  type RefusalCode,
  RULE_MODULES,
  renderMessage,
  resolvePolicy,
  ruleEngine,
  type StudentNetwork,
  selectQuestions,
  type TransitionContext,
  transition,
} from '../../packages/core/src/index.js';

// --8<-- [start:policy]
// A tenant's policy: a preset plus the keys it changes. Every field is validated.
const resolved = resolvePolicy({
  preset: 'guide',
  followUpAfter: { amount: 10, unit: 'calendar_days' },
});
if (!resolved.ok) throw new Error(resolved.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
const policy = resolved.policy;

// Mistakes come back as issues naming the field, never as an exception.
const rejected = resolvePolicy({ followUpAfter: { amount: 0, unit: 'weeks' }, folowUpAfter: 3 });
assert.equal(rejected.ok, false);
if (!rejected.ok) {
  assert.deepEqual(
    rejected.issues.map((issue) => issue.path),
    ['followUpAfter.unit', 'followUpAfter.amount', 'folowUpAfter'],
  );
}
// --8<-- [end:policy]

// --8<-- [start:interview]
// Time and ids are arguments: core never reads a clock or makes up an id.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const monday = Date.UTC(2026, 2, 2, 14); // Monday 2 March 2026, 09:00 in New York

const contact: Contact = {
  id: 'c-maria',
  name: 'Maria Chen',
  organization: 'Wayfair',
  source: 'alumni_directory',
  known: false,
};
const ctx: TransitionContext = {
  policy,
  timeZone: 'America/New_York',
  contact,
  actor: { kind: 'student', id: 's-ana' },
};

let interview: Interview = newInterview({ id: 'i-1', contactId: contact.id, topics: ['career_change'] });
assert.equal(interview.state, 'prospect');

/** Applies one event; a refusal is the caller's to handle (here: it is a bug in the example). */
function apply(event: InterviewEvent): Interview {
  const result = transition(interview, event, ctx);
  if (!result.ok) throw new Error(`${result.refusal.code}: ${result.refusal.message}`);
  for (const warning of result.warnings) console.log(`warning ${warning.code}: ${warning.message}`);
  return result.snapshot;
}

interview = apply({ type: 'send_outreach', at: monday, channel: 'email' });
assert.equal(interview.state, 'awaiting_reply');
assert.equal(interview.timeline.length, 1); // every accepted event is kept, with its actor
// --8<-- [end:interview]

// --8<-- [start:refusals]
// A refused event leaves the snapshot as it was and says why, with a stable code.
const tooSoon = transition(interview, { type: 'complete', at: monday + DAY }, ctx);
assert.equal(tooSoon.ok, false);
if (!tooSoon.ok) {
  const messages: Partial<Record<RefusalCode, string>> = {
    'lifecycle.event_not_allowed': 'Not possible yet.',
    'attempts.limit_reached': 'You have followed up already: time to move on.',
  };
  assert.equal(tooSoon.refusal.code, 'lifecycle.event_not_allowed');
  console.log(messages[tooSoon.refusal.code] ?? tooSoon.refusal.message);
}

// Phoning a stranger first is allowed under the guide preset, with a warning.
const byPhone = transition(
  newInterview({ id: 'i-2', contactId: contact.id }),
  { type: 'send_outreach', at: monday, channel: 'phone' },
  ctx,
);
assert.ok(byPhone.ok);
assert.deepEqual(
  byPhone.warnings.map((w) => w.code),
  ['channel.phone_to_unknown'],
);
// --8<-- [end:refusals]

// --8<-- [start:network]
// The rule engine reads a student's whole network and derives tasks with stable keys.
const network = (interviews: Interview[]): StudentNetwork => ({
  student: { id: 's-ana', timeZone: 'America/New_York' },
  contacts: [contact],
  interviews,
  touchpoints: [],
  milestones: [],
});

const waiting = evaluateNetwork(network([interview]), policy);
const followUp = waiting.tasks[0];
assert.equal(followUp?.key, 'follow_up.due:i-1');
// The tenant's 10 days, not the guide's 14; calendar days keep the student's wall-clock time,
// so 09:00 in New York stays 09:00 across the switch to summer time on 8 March.
assert.equal(followUp.dueAt, Date.UTC(2026, 2, 12, 13));
assert.deepEqual(followUp.explanation.policy.followUpAfter, { amount: 10, unit: 'calendar_days' });
console.log(`${followUp.title} — ${followUp.explanation.passage}`);

// Evaluating again gives the same tasks: store them by key, never duplicate them.
assert.deepEqual(evaluateNetwork(network([interview]), policy), waiting);
// --8<-- [end:network]

// --8<-- [start:meeting]
const meetingAt = monday + 7 * DAY;
interview = apply({
  type: 'receive_reply',
  at: monday + 2 * DAY,
  response: 'accepted',
  meeting: { at: meetingAt, durationMinutes: 30 },
});
interview = apply({ type: 'complete', at: meetingAt + 30 * 60_000, businessCardReceived: true });
assert.equal(interview.state, 'completed');

const afterMeeting = evaluateNetwork(network([interview]), policy);
assert.deepEqual(afterMeeting.tasks.map((t) => t.ruleId).sort(), [
  'after.notes',
  'after.thank_you',
  'nurture.keep_in_touch',
  'referral.ask',
]);
// --8<-- [end:meeting]

// --8<-- [start:messages]
// Load the dictionary outside core (core does no I/O), once per process.
const speller = createSpeller(dictionary, ['Wayfair']);

const messageContext: MessageContext = {
  student: {
    timeZone: 'America/New_York',
    profile: { firstName: 'Ana', lastName: 'Ruiz', school: 'Northeastern', program: 'Economics' },
  },
  contact,
  topics: ['career_change'],
  learnedPoints: ['how analysts use SQL every day'],
  meeting: { startsAt: meetingAt, endsAt: meetingAt + 30 * 60_000 },
};
const thankYou = renderMessage('thank_you', messageContext, { policy });
assert.equal(thankYou.subject, 'Thank you for your time');
const clean = lintMessage({ kind: 'thank_you', ...thankYou, sentAt: meetingAt + 3 * HOUR }, messageContext, {
  policy,
  speller,
});
assert.deepEqual(clean, []);

// A draft of the student's own: each finding names its rule, a severity and the span.
const draft = {
  kind: 'follow_up' as const,
  subject: 'Following up',
  body: 'Dear Maria Chen,\n\nI hope you recieve this note. Are there any openings on your team?\n\nBest,\nAna',
};
const findings = lintMessage(draft, messageContext, { policy, speller });
for (const f of findings) {
  console.log(`${f.severity} ${f.ruleId}/${f.check}: "${draft.body.slice(f.start, f.end)}" — ${f.message}`);
}
assert.ok(findings.some((f) => f.ruleId === 'outreach.error_free' && f.fix?.replacement === 'receive'));
assert.ok(findings.some((f) => f.ruleId === 'outreach.no_job_ask'));

// A template that cannot be filled throws, naming the variable; it never sends a blank.
assert.throws(
  () => renderMessage('thank_you', { ...messageContext, learnedPoints: [] }, { policy }),
  (error) => error instanceof MessageTemplateError && error.variable === 'learned.points',
);
// --8<-- [end:messages]

// --8<-- [start:questions]
// The guide's questions, by stable id; the list check wants open questions and a referral ask.
const { questions, unknownIds } = selectQuestions(QUESTION_BANK, [
  'guide.job_content.1',
  'guide.career_path.2',
  'guide.next_steps.1',
]);
assert.deepEqual(unknownIds, []);
assert.deepEqual(checkQuestionList(questions, policy), []);

const weakList = checkQuestionList(['Do you like your job?'], policy);
assert.deepEqual(
  weakList.map((f) => [f.check, f.severity, f.fix?.replacement]),
  [
    ['closed_question', 'hint', 'What do you like about your job?'],
    ['referral_question', 'warning', undefined],
  ],
);
// --8<-- [end:questions]

// --8<-- [start:add-a-rule]
// packages/core/src/rules/meeting-confirm.ts: the record and what the rule derives, in one module.
const meetingConfirm = defineRule({
  record: {
    id: 'meeting.confirm',
    summary: 'Confirm the time and place of the meeting when the preparation is due.',
    trigger: 'state scheduled with a meeting time',
    condition: 'the meeting is scheduled',
    effects: ['task'],
    policyKeys: ['prepDueBefore'],
    source: 'infoview',
    passage: 'A short note the day before spares both of you a missed meeting.',
  },
  interviews: {
    states: ['scheduled'],
    derive: (interview, run) => {
      const meeting = interview.meeting;
      if (!meeting) return;
      const before = run.policy.prepDueBefore; // every number a rule reads is a policy value
      run.task(
        {
          key: `meeting.confirm:${interview.id}`,
          interviewId: interview.id,
          contactId: interview.contactId,
          title: 'Confirm the meeting',
        },
        'meeting.start',
        meeting.at,
        addDuration(meeting.at, { amount: -before.amount, unit: before.unit }, run.calendar),
      );
    },
  },
});

// packages/core/src/rules/registry.ts: one more line in RULE_MODULES. Here, the same list built by hand:
const registry = [...RULE_MODULES, meetingConfirm];
assert.equal(catalogOf(registry).ruleRecord('meeting.confirm').summary, meetingConfirm.record.summary);
const scheduled = ruleEngine(registry)(
  network([{ ...interview, state: 'scheduled', completedAt: null }]),
  policy,
);
const confirm = scheduled.tasks.find((t) => t.ruleId === 'meeting.confirm');
assert.equal(confirm?.dueAt, meetingAt - 24 * HOUR); // prepDueBefore: 24 hours
assert.deepEqual(confirm.explanation.policy, { prepDueBefore: { amount: 24, unit: 'hours' } });
// --8<-- [end:add-a-rule]

console.log('core quickstart: every claim held');
