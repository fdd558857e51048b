import type { Policy } from '../domain/policy.js';
import type { Contact, Instant, Touchpoint } from '../domain/types.js';
import type { Check } from '../interview/checks.js';
import type { InterviewEventType } from '../interview/events.js';
import type { Guard } from '../interview/guards.js';
import type { Interview } from '../interview/interview.js';
import type { Warning } from '../interview/outcomes.js';
import type { InterviewState } from '../interview/states.js';
import type { LintRule } from '../messages/lint-types.js';
import type { QuestionListRule } from '../questions/finding.js';
import type { Calendar } from '../time/calendar.js';
import type { NetworkIndex } from './network.js';
import type { BlockedAction } from './types.js';

/** What a rule produces. */
export type RuleEffect = 'task' | 'warning' | 'refusal' | 'timed_transition' | 'lint';

/** Where a rule comes from. */
export type RuleSource = 'guide' | 'two_hour_job_search' | 'infoview';

/** One rule of the method, as data. The rules reference in docs/ is generated from these. */
export interface RuleRecord<Id extends string = string> {
  id: Id;
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

/** Where on the lifecycle a rule's guard or check applies: these events, optionally only towards `target`. */
export interface LifecycleHook {
  events: readonly InterviewEventType[];
  target?: InterviewState;
}

/** A guard a rule adds to the lifecycle's transitions: it may refuse the event. */
export interface RuleGuard extends LifecycleHook {
  guard: Guard;
}

/** A check a rule adds to the lifecycle's transitions: it may warn, never refuse. */
export interface RuleCheck extends LifecycleHook {
  check: Check;
}

/** What a derived task is about; the engine adds the reminder time and the explanation. */
export interface TaskSubject {
  key: string;
  interviewId: string | null;
  contactId: string | null;
  title: string;
}

/**
 * What a rule's derivation reads and where it writes, during one evaluation of one network.
 * Everything it writes is recorded under the rule's id, with the rule's policy values and passage.
 */
export interface RuleRun {
  readonly policy: Policy;
  /** The student's calendar under the policy: day-based durations are counted on it. */
  readonly calendar: Calendar;
  readonly network: NetworkIndex;
  /** A task due at `dueAt`, measured from the fact `anchorName` at `anchorAt`. */
  task(subject: TaskSubject, anchorName: string, anchorAt: Instant, dueAt: Instant): void;
  /** A transition the scheduler applies at `at` (awaiting → unresponsive). */
  timedTransition(
    subject: { key: string; interviewId: string; event: 'mark_unresponsive'; at: Instant },
    anchorName: string,
    anchorAt: Instant,
  ): void;
  warning(warning: Warning): void;
  refusal(refusal: BlockedAction): void;
}

/** A contact the student has met, with what the cross-interview rules read about them. */
export interface MetContact {
  id: string;
  contact: Contact | undefined;
  /** The interviews that met, in input order. */
  met: readonly Interview[];
  touchpoints: readonly Touchpoint[];
  /** The latest met interview: the one contact-level tasks hang on. */
  latest: Interview;
}

/**
 * A rule of the method as one module: its catalog record and whatever it contributes — guards and
 * checks on the lifecycle, a message lint, a question-list check, and what it derives from a student's network (tasks,
 * timed transitions, warnings, refusals). The registry (rules/registry.ts) lists every module; the
 * ids, the catalog, the engine, the lint, the lifecycle table and docs/rules.md derive from it.
 */
export interface RuleModule<Id extends string = string> {
  record: RuleRecord<Id>;
  guards?: readonly RuleGuard[];
  checks?: readonly RuleCheck[];
  lint?: LintRule<Id>;
  /** Its check of a student's question list for a meeting (`checkQuestionList`). */
  questionList?: QuestionListRule<Id>;
  /** Derives from each open interview in one of `states`. */
  interviews?: {
    states: readonly InterviewState[];
    derive: (interview: Interview, run: RuleRun) => void;
  };
  /** Derives from each contact the student has met (rules that cross interviews). */
  contacts?: (contact: MetContact, run: RuleRun) => void;
}

/**
 * Declares a rule module; the id's literal type becomes part of `RuleId` once it is registered.
 * Example: `export const afterNotes = defineRule({ record: { id: 'after.notes', … }, interviews: { … } })`.
 */
export function defineRule<const Id extends string>(module: RuleModule<Id>): RuleModule<Id> {
  return module;
}
