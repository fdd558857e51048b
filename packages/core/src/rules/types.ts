import type { Contact, Instant, Milestone, TimeZone, Touchpoint } from '../domain/types.js';
import type { InterviewEventType } from '../interview/events.js';
import type { Interview } from '../interview/interview.js';
import type { RefusalCode, Warning } from '../interview/outcomes.js';

/** Everything of one student's the rules look at: rules cross interviews, so they see all of it. */
export interface StudentNetwork {
  student: { id: string; timeZone: TimeZone };
  contacts: readonly Contact[];
  /** The interviews' facts; their `timeline` is not read and may be empty. */
  interviews: readonly Interview[];
  touchpoints: readonly Touchpoint[];
  milestones: readonly Milestone[];
}

/** Why a derived result exists: the rule, the policy values it used, the guide's words. */
export interface Explanation {
  ruleId: string;
  summary: string;
  /** The fact the due time is measured from, e.g. `{ name: 'attempt.first', at }`. */
  anchor: { name: string; at: Instant };
  policy: Readonly<Record<string, unknown>>;
  passage: string;
}

/** A thing the student should do. Its key is stable: evaluating again gives the same key. */
export interface Task {
  key: string;
  ruleId: string;
  title: string;
  interviewId: string | null;
  contactId: string | null;
  dueAt: Instant;
  /** When a reminder should go out: the due time, moved out of the tenant's quiet hours. */
  remindAt: Instant;
  explanation: Explanation;
}

/** A transition the scheduler applies on its own when its time comes (awaiting → unresponsive). */
export interface TimedTransition {
  key: string;
  ruleId: string;
  interviewId: string;
  event: 'mark_unresponsive';
  at: Instant;
  explanation: Explanation;
}

/** An action the rules refuse right now, so a portal can hide or explain the button. */
export interface BlockedAction {
  ruleId: string;
  interviewId: string;
  event: InterviewEventType;
  code: RefusalCode;
  message: string;
}

/** The rule engine's answer for one network. Deterministic: same input, same output. */
export interface Evaluation {
  tasks: Task[];
  timedTransitions: TimedTransition[];
  warnings: Warning[];
  refusals: BlockedAction[];
}
