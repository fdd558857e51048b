import type { Contact, Instant, Touchpoint } from '../domain/types.js';
import { type Interview, meetingEnd, PREP_ITEMS, type PrepItem } from '../lifecycle/interview.js';
import type { Warning } from '../lifecycle/outcomes.js';
import { hasMet, isClosed } from '../lifecycle/states.js';
import type { CustomReminderRule, Duration, Policy } from '../policy/types.js';
import { addDuration, type Calendar, calendarFor, nextOutsideQuietHours } from '../time/calendar.js';
import { ruleRecord } from './catalog.js';
import type { RuleId } from './ids.js';
import type { BlockedAction, Evaluation, Explanation, StudentNetwork } from './types.js';

/** The part of an explanation that depends only on the rule and the policy: built once per policy. */
interface RuleFacts {
  ruleId: string;
  summary: string;
  policy: Readonly<Record<string, unknown>>;
  passage: string;
}

interface Run {
  policy: Policy;
  cal: Calendar;
  facts: Map<string, RuleFacts>;
  enabled: (id: RuleId) => boolean;
  out: Evaluation;
}

const factsCache = new WeakMap<Policy, Map<string, RuleFacts>>();

function factsFor(policy: Policy): Map<string, RuleFacts> {
  let facts = factsCache.get(policy);
  if (facts) return facts;
  facts = new Map();
  for (const id of TASK_RULES) {
    const rule = ruleRecord(id);
    const values: Record<string, unknown> = {};
    for (const key of rule.policyKeys) values[key] = policy[key];
    facts.set(id, {
      ruleId: id,
      summary: rule.summary,
      policy: Object.freeze(values),
      passage: rule.passage,
    });
  }
  for (const custom of policy.customRules) {
    facts.set(custom.id, {
      ruleId: custom.id,
      summary: custom.description ?? custom.title,
      policy: Object.freeze({ anchor: custom.anchor, offset: custom.offset }),
      passage: 'A rule of your institution.',
    });
  }
  factsCache.set(policy, facts);
  return facts;
}

const TASK_RULES: readonly RuleId[] = [
  'follow_up.due',
  'follow_up.move_on',
  'follow_up.second_contact',
  'prep.checklist',
  'meeting.length',
  'after.notes',
  'after.thank_you',
  'referral.ask',
  'referral.report_back',
  'nurture.keep_in_touch',
  'milestone.notify',
];

function explain(run: Run, ruleId: string, anchorName: string, anchorAt: Instant): Explanation {
  const f = run.facts.get(ruleId)!;
  return {
    ruleId,
    summary: f.summary,
    anchor: { name: anchorName, at: anchorAt },
    policy: f.policy,
    passage: f.passage,
  };
}

function addTask(
  run: Run,
  ruleId: string,
  subject: { key: string; interviewId: string | null; contactId: string | null; title: string },
  anchorName: string,
  anchorAt: Instant,
  after: Duration,
): void {
  const dueAt = addDuration(anchorAt, after, run.cal);
  run.out.tasks.push({
    key: subject.key,
    ruleId,
    title: subject.title,
    interviewId: subject.interviewId,
    contactId: subject.contactId,
    dueAt,
    remindAt: nextOutsideQuietHours(dueAt, run.cal.timeZone, run.policy.quietHours),
    explanation: explain(run, ruleId, anchorName, anchorAt),
  });
}

function negate(d: Duration): Duration {
  return { amount: -d.amount, unit: d.unit };
}

function orgKey(contact: Contact | undefined): string | null {
  const org = contact?.organization?.trim().toLowerCase();
  return org ? org : null;
}

function name(contact: Contact | undefined): string {
  return contact?.name ?? 'your contact';
}

/** Rules that look at one interview alone. */
function evaluateOne(run: Run, interview: Interview, contact: Contact | undefined, network: Network): void {
  const { policy, enabled } = run;
  const id = interview.id;
  const contactId = interview.contactId;
  const state = interview.state;

  if (state === 'awaiting_reply' || state === 'followed_up') {
    const attempts = interview.attempts;
    const first = attempts[0];
    const last = attempts[attempts.length - 1];
    if (first && last) {
      if (attempts.length < policy.maxUnsolicitedAttempts) {
        if (enabled('follow_up.due')) {
          addTask(
            run,
            'follow_up.due',
            {
              key: `follow_up.due:${id}`,
              interviewId: id,
              contactId,
              title: `Follow up with ${name(contact)}`,
            },
            attempts.length === 1 ? 'attempt.first' : 'attempt.last',
            last.at,
            policy.followUpAfter,
          );
        }
      } else if (enabled('follow_up.move_on')) {
        const at = addDuration(last.at, policy.moveOnAfter, run.cal);
        run.out.timedTransitions.push({
          key: `follow_up.move_on:${id}`,
          ruleId: 'follow_up.move_on',
          interviewId: id,
          event: 'mark_unresponsive',
          at,
          explanation: explain(run, 'follow_up.move_on', 'attempt.last', last.at),
        });
        run.out.refusals.push(attemptLimit(id, attempts.length, policy.maxUnsolicitedAttempts));
      }
      if (policy.secondContactAfter && enabled('follow_up.second_contact')) {
        const org = orgKey(contact);
        if (org && !network.reachedElsewhereAt(org, id)) {
          addTask(
            run,
            'follow_up.second_contact',
            {
              key: `follow_up.second_contact:${id}`,
              interviewId: id,
              contactId,
              title: `Reach a second person at ${contact?.organization}`,
            },
            'attempt.first',
            first.at,
            policy.secondContactAfter,
          );
        }
      }
    }
  } else if (state === 'scheduled') {
    const meeting = interview.meeting;
    if (meeting && enabled('prep.checklist')) {
      const missing = missingPrep(interview.prep);
      if (missing.length > 0) {
        addTask(
          run,
          'prep.checklist',
          {
            key: `prep.checklist:${id}`,
            interviewId: id,
            contactId,
            title: `Prepare for the meeting with ${name(contact)}: ${missing.join(', ').replaceAll('_', ' ')}`,
          },
          'meeting.start',
          meeting.at,
          negate(policy.prepDueBefore),
        );
      }
    }
    if (
      meeting &&
      enabled('meeting.length') &&
      (meeting.durationMinutes > policy.meetingMaxMinutes ||
        meeting.durationMinutes < policy.meetingMinMinutes)
    ) {
      run.out.warnings.push(meetingLengthWarning(run, id, meeting.durationMinutes));
    }
  } else if (state === 'completed' || state === 'nurturing') {
    const end = meetingEnd(interview) ?? interview.completedAt ?? 0;
    if (state === 'completed' && enabled('after.thank_you')) {
      addTask(
        run,
        'after.thank_you',
        {
          key: `after.thank_you:${id}`,
          interviewId: id,
          contactId,
          title: `Email a thank-you to ${name(contact)}`,
        },
        'meeting.end',
        end,
        policy.thankYouDueAfter,
      );
    }
    if (interview.notesAt === null && enabled('after.notes')) {
      addTask(
        run,
        'after.notes',
        {
          key: `after.notes:${id}`,
          interviewId: id,
          contactId,
          title: `Write notes on your meeting with ${name(contact)}`,
        },
        'meeting.end',
        end,
        policy.notesDueAfter,
      );
    }
    if (interview.referralCount === 0 && !interview.noReferralAvailable && enabled('referral.ask')) {
      addTask(
        run,
        'referral.ask',
        {
          key: `referral.ask:${id}`,
          interviewId: id,
          contactId,
          title: `Ask ${name(contact)} who else you could speak with`,
        },
        'meeting.end',
        end,
        policy.thankYouDueAfter,
      );
    }
  }

  for (const custom of policy.customRules) {
    if (!custom.states.includes(state) || policy.disabledRules.includes(custom.id)) continue;
    const anchorAt = customAnchor(custom, interview);
    if (anchorAt === null) continue;
    addTask(
      run,
      custom.id,
      { key: `${custom.id}:${id}`, interviewId: id, contactId, title: `${custom.title} (${name(contact)})` },
      custom.anchor,
      anchorAt,
      custom.offset,
    );
  }
}

function missingPrep(prep: Partial<Record<PrepItem, boolean>>): PrepItem[] {
  const missing: PrepItem[] = [];
  for (const item of PREP_ITEMS) if (!prep[item]) missing.push(item);
  return missing;
}

function customAnchor(rule: CustomReminderRule, interview: Interview): Instant | null {
  switch (rule.anchor) {
    case 'meeting.start':
      return interview.meeting?.at ?? null;
    case 'meeting.end':
      return meetingEnd(interview);
    case 'attempt.first':
      return interview.attempts[0]?.at ?? null;
    case 'attempt.last':
      return interview.attempts[interview.attempts.length - 1]?.at ?? null;
    case 'interview.completed':
      return interview.completedAt;
    case 'thank_you.sent':
      return interview.thankYouAt;
  }
}

function attemptLimit(interviewId: string, made: number, max: number): BlockedAction {
  return {
    ruleId: 'follow_up.move_on',
    interviewId,
    event: 'send_follow_up',
    code: 'attempts.limit_reached',
    message: `${made} of ${max} unsolicited attempts made: move on to other contacts.`,
  };
}

function meetingLengthWarning(run: Run, interviewId: string, minutes: number): Warning {
  const { meetingMinMinutes: min, meetingMaxMinutes: max } = run.policy;
  return {
    code: minutes > max ? 'meeting.too_long' : 'meeting.too_short',
    ruleId: 'meeting.length',
    interviewId,
    policy: run.facts.get('meeting.length')!.policy,
    passage: run.facts.get('meeting.length')!.passage,
    message: `The meeting is planned at ${minutes} minutes; the method asks for ${min}–${max}.`,
  };
}

/** Indexes over one network, built once per evaluation. */
class Network {
  readonly contacts = new Map<string, Contact>();
  /** Interviews that met, per contact, in input order. */
  readonly met = new Map<string, Interview[]>();
  readonly touchpoints = new Map<string, Touchpoint[]>();
  /** For 3B7: per organisation, the interviews with at least one attempt. */
  private readonly reached = new Map<string, string[]>();

  constructor(network: StudentNetwork, secondContact: boolean) {
    for (const c of network.contacts) this.contacts.set(c.id, c);
    for (const t of network.touchpoints) push(this.touchpoints, t.contactId, t);
    for (const i of network.interviews) {
      if (hasMet(i.state)) push(this.met, i.contactId, i);
      if (secondContact && i.attempts.length > 0) {
        const org = orgKey(this.contacts.get(i.contactId));
        if (org) push(this.reached, org, i.id);
      }
    }
  }

  /** Whether another interview at the organisation has had outreach. */
  reachedElsewhereAt(org: string, interviewId: string): boolean {
    const ids = this.reached.get(org);
    return ids?.some((id) => id !== interviewId) ?? false;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function endOf(interview: Interview): Instant {
  return meetingEnd(interview) ?? interview.completedAt ?? 0;
}

/** The latest met interview with a contact: the one contact-level tasks hang on. */
function latest(met: readonly Interview[]): Interview {
  let best = met[0]!;
  for (const i of met) if (endOf(i) > endOf(best)) best = i;
  return best;
}

/** Rules that cross interviews: keep in touch, report back, milestone news. */
function evaluateContacts(run: Run, network: StudentNetwork, index: Network): void {
  const { enabled, policy } = run;
  for (const [contactId, met] of index.met) {
    const contact = index.contacts.get(contactId);
    const touches = index.touchpoints.get(contactId) ?? [];
    const last = latest(met);

    if (enabled('nurture.keep_in_touch')) {
      // Any logged touchpoint resets the timer, whatever its kind.
      let anchor = 0;
      let anchorName = 'meeting.end';
      for (const i of met) {
        const end = endOf(i);
        if (end > anchor) {
          anchor = end;
          anchorName = 'meeting.end';
        }
        if (i.thankYouAt !== null && i.thankYouAt > anchor) {
          anchor = i.thankYouAt;
          anchorName = 'thank_you.sent';
        }
      }
      for (const t of touches) {
        if (t.at > anchor) {
          anchor = t.at;
          anchorName = 'touchpoint.last';
        }
      }
      addTask(
        run,
        'nurture.keep_in_touch',
        {
          key: `nurture.keep_in_touch:${contactId}`,
          interviewId: last.id,
          contactId,
          title: `Keep in touch with ${name(contact)}`,
        },
        anchorName,
        anchor,
        policy.keepInTouchEvery,
      );
    }

    const referrerId = contact?.referrerContactId;
    if (referrerId && enabled('referral.report_back')) {
      const referrer = index.contacts.get(referrerId);
      const referrerMet = index.met.get(referrerId);
      const referrerTouches = index.touchpoints.get(referrerId) ?? [];
      for (const i of met) {
        const end = endOf(i);
        const reported = referrerTouches.some(
          (t) =>
            t.at >= end &&
            t.kind === 'report_back' &&
            (t.aboutContactId === null || t.aboutContactId === undefined || t.aboutContactId === contactId),
        );
        if (reported) continue;
        addTask(
          run,
          'referral.report_back',
          {
            key: `referral.report_back:${i.id}`,
            interviewId: referrerMet ? latest(referrerMet).id : null,
            contactId: referrerId,
            title: `Tell ${name(referrer)} how your conversation with ${name(contact)} went`,
          },
          'referred_meeting.end',
          end,
          policy.reportBackDueAfter,
        );
      }
    }

    if (enabled('milestone.notify')) {
      for (const m of network.milestones) {
        if (!met.some((i) => (i.completedAt ?? endOf(i)) <= m.at)) continue;
        const told = touches.some(
          (t) =>
            t.at >= m.at &&
            (t.milestoneId === m.id || (t.kind === 'milestone_news' && (t.milestoneId ?? null) === null)),
        );
        if (told) continue;
        addTask(
          run,
          'milestone.notify',
          {
            key: `milestone.notify:${m.id}:${contactId}`,
            interviewId: last.id,
            contactId,
            title: `Tell ${name(contact)} your news: ${m.kind.replaceAll('_', ' ')}`,
          },
          `milestone.${m.kind}`,
          m.at,
          policy.milestoneNotifyDueAfter,
        );
      }
    }
  }
}

function byDueThenKey(a: { dueAt: number; key: string }, b: { dueAt: number; key: string }): number {
  return a.dueAt - b.dueAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Evaluates every rule over one student's whole network: tasks with stable keys, timed
 * transitions, warnings and currently refused actions, each explained. Pure and deterministic:
 * evaluating again gives the same result.
 * Example: `evaluateNetwork({ student, contacts, interviews, touchpoints: [], milestones: [] }, GUIDE_POLICY)`.
 */
export function evaluateNetwork(network: StudentNetwork, policy: Policy): Evaluation {
  const disabled = policy.disabledRules;
  const run: Run = {
    policy,
    cal: calendarFor(network.student.timeZone, policy),
    facts: factsFor(policy),
    enabled: disabled.length === 0 ? () => true : (id) => !disabled.includes(id),
    out: { tasks: [], timedTransitions: [], warnings: [], refusals: [] },
  };
  const index = new Network(network, policy.secondContactAfter !== null);
  for (const interview of network.interviews) {
    if (isClosed(interview.state)) continue;
    evaluateOne(run, interview, index.contacts.get(interview.contactId), index);
  }
  evaluateContacts(run, network, index);
  run.out.tasks.sort(byDueThenKey);
  run.out.timedTransitions.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
  return run.out;
}
