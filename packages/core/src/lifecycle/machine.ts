import type { Check } from '../interview/checks.js';
import type { InterviewEventType } from '../interview/events.js';
import { and, type Guard } from '../interview/guards.js';
import type { InterviewState } from '../interview/states.js';
import { RULE_MODULES } from '../rules/registry.js';
import type { LifecycleHook, RuleModule } from '../rules/rule.js';
import type { Action } from './actions.js';
import * as A from './actions.js';
import * as G from './guards.js';

/** One way an event can move an interview: guards that may refuse, checks that may warn, actions. */
export interface TransitionSpec {
  target: InterviewState;
  /** Selects this candidate among several for the same event (e.g. a reply accepted or declined). */
  when?: Guard;
  guards?: readonly Guard[];
  checks?: readonly Check[];
  actions?: readonly Action[];
  description: string;
}

/** The transitions a state accepts, per event. */
export type StateNode = Partial<Record<InterviewEventType, readonly TransitionSpec[]>>;

/** A lifecycle table: every state's transitions. */
export type LifecycleTable = Readonly<Record<InterviewState, StateNode>>;

const withdraw: readonly TransitionSpec[] = [
  { target: 'withdrawn', actions: [A.close], description: 'The student stops pursuing the interview.' },
];
const afterMeeting = (state: 'completed' | 'nurturing'): StateNode => ({
  record_notes: [
    { target: state, actions: [A.recordNotes], description: 'Notes and learned points recorded.' },
  ],
  record_referral: [
    {
      target: state,
      actions: [A.countReferral],
      description: 'The contact named someone else to speak with.',
    },
  ],
  record_no_referral: [
    { target: state, actions: [A.recordNoReferral], description: 'The contact had nobody to recommend.' },
  ],
  record_opportunity: [
    { target: state, actions: [A.recordOpportunity], description: 'The contact raised a specific job.' },
  ],
});

/** Waiting for an answer, before or after a follow-up: the same events, told apart by the story. */
const waitingForReply = (followUp: string, moveOn: string): StateNode => ({
  send_follow_up: [
    {
      target: 'followed_up',
      actions: [A.recordAttempt],
      description: followUp,
    },
  ],
  receive_reply: [
    {
      target: 'scheduled',
      when: G.replyAccepted,
      actions: [A.recordReply],
      description: 'The contact accepted.',
    },
    {
      target: 'declined',
      when: G.replyDeclined,
      actions: [A.recordReply, A.close],
      description: 'The contact declined.',
    },
  ],
  schedule_meeting: [
    {
      target: 'scheduled',
      actions: [A.recordReply, A.setMeeting],
      description: 'A meeting was agreed (the reply is implied).',
    },
  ],
  mark_unresponsive: [{ target: 'unresponsive', actions: [A.close], description: moveOn }],
  withdraw,
});

/**
 * The lifecycle's own table: for every state, the events it accepts, where each leads, and the
 * guards and actions the story itself needs. The rules' guards and checks are added by `withRules`.
 */
const STORY: LifecycleTable = {
  prospect: {
    send_outreach: [
      {
        target: 'awaiting_reply',
        actions: [A.recordAttempt],
        description: 'The first outreach asks for a 20–30 minute meeting.',
      },
    ],
    withdraw,
  },
  awaiting_reply: waitingForReply(
    'No reply: follow up (an unsolicited attempt, counted against maxUnsolicitedAttempts).',
    'No reply after the last allowed attempt: move on.',
  ),
  followed_up: waitingForReply(
    'Another follow-up, when the policy allows more than two attempts.',
    'No reply after the follow-up: move on.',
  ),
  scheduled: {
    schedule_meeting: [
      {
        target: 'scheduled',
        actions: [A.setMeeting],
        description: 'The meeting is set or moved.',
      },
    ],
    update_prep: [{ target: 'scheduled', actions: [A.updatePrep], description: 'Preparation items ticked.' }],
    record_opportunity: [
      {
        target: 'scheduled',
        actions: [A.recordOpportunity],
        description: 'The contact raised a specific job.',
      },
    ],
    cancel_meeting: [
      { target: 'cancelled', actions: [A.close], description: 'The meeting was cancelled or missed.' },
    ],
    complete: [
      {
        target: 'completed',
        guards: [and(G.hasMeeting, G.meetingStarted)],
        actions: [A.recordCompletion],
        description: 'The meeting took place.',
      },
    ],
    withdraw,
  },
  completed: {
    send_thank_you: [
      {
        target: 'nurturing',
        actions: [A.recordThankYou],
        description: 'The thank-you was sent: keep in touch from now on.',
      },
    ],
    ...afterMeeting('completed'),
  },
  nurturing: afterMeeting('nurturing'),
  declined: {},
  unresponsive: {},
  cancelled: {},
  withdrawn: {},
};

function hooked(hook: LifecycleHook, event: InterviewEventType, spec: TransitionSpec): boolean {
  return hook.events.includes(event) && (hook.target === undefined || hook.target === spec.target);
}

/**
 * A lifecycle table with the guards and checks of `modules` added to the transitions they hook,
 * after the table's own guards, in the modules' order.
 * Example: `withRules(LIFECYCLE, [myRule])` adds `myRule`'s guards and checks to `LIFECYCLE`.
 */
export function withRules(table: LifecycleTable, modules: readonly RuleModule[]): LifecycleTable {
  const guards = modules.flatMap((m) => m.guards ?? []);
  const checks = modules.flatMap((m) => m.checks ?? []);
  const result = {} as Record<InterviewState, StateNode>;
  for (const [state, node] of Object.entries(table) as [InterviewState, StateNode][]) {
    const next: StateNode = {};
    for (const [event, specs] of Object.entries(node) as [InterviewEventType, readonly TransitionSpec[]][]) {
      next[event] = specs.map((spec) => {
        const added: { guards?: Guard[]; checks?: Check[] } = {};
        const g = guards.filter((h) => hooked(h, event, spec)).map((h) => h.guard);
        const c = checks.filter((h) => hooked(h, event, spec)).map((h) => h.check);
        if (g.length > 0) added.guards = [...(spec.guards ?? []), ...g];
        if (c.length > 0) added.checks = [...(spec.checks ?? []), ...c];
        return { ...spec, ...added };
      });
    }
    result[state] = next;
  }
  return result;
}

/**
 * The interview lifecycle as one table: for every state, the events it accepts, where each
 * leads, and the named guards, checks and actions on the way — the story's own and those the
 * rules of the registry add. An event missing from a state is refused. The lifecycle diagram in
 * docs/ is generated from this table.
 */
export const LIFECYCLE: LifecycleTable = withRules(STORY, RULE_MODULES);
