import { meetingEnd } from '../deadlines/meeting.js';
import type { CustomReminderRule, Policy } from '../domain/policy.js';
import type { Instant } from '../domain/types.js';
import type { Interview } from '../interview/interview.js';
import type { Warning } from '../interview/outcomes.js';
import { INTERVIEW_STATES, type InterviewState, isClosed } from '../interview/states.js';
import { addDuration, type Calendar, calendarFor, nextOutsideQuietHours } from '../time/calendar.js';
import { contactName, latestMet, NetworkIndex } from './network.js';
import { RULE_MODULES } from './registry.js';
import type { MetContact, RuleModule, RuleRun, TaskSubject } from './rule.js';
import type { BlockedAction, Evaluation, Explanation, StudentNetwork } from './types.js';

/** The part of an explanation that depends only on the rule and the policy: built once per policy. */
interface RuleFacts {
  ruleId: string;
  summary: string;
  policy: Readonly<Record<string, unknown>>;
  passage: string;
}

type InterviewRule = { facts: RuleFacts; derive: (interview: Interview, run: RuleRun) => void };
type ContactRule = { facts: RuleFacts; derive: (contact: MetContact, run: RuleRun) => void };
type CustomRule = { facts: RuleFacts; rule: CustomReminderRule };

/** The registry as one policy sees it: disabled rules dropped, the rest grouped by the state they read. */
interface Plan {
  byState: Record<InterviewState, InterviewRule[]>;
  contacts: ContactRule[];
  customByState: Record<InterviewState, CustomRule[]>;
}

function factsOf(module: RuleModule, policy: Policy): RuleFacts {
  const { record } = module;
  const values: Record<string, unknown> = {};
  for (const key of record.policyKeys) values[key] = policy[key];
  return {
    ruleId: record.id,
    summary: record.summary,
    policy: Object.freeze(values),
    passage: record.passage,
  };
}

function byState<T>(): Record<InterviewState, T[]> {
  return Object.fromEntries(INTERVIEW_STATES.map((s) => [s, []])) as unknown as Record<InterviewState, T[]>;
}

function planFor(modules: readonly RuleModule[], policy: Policy): Plan {
  const disabled = new Set(policy.disabledRules);
  const plan: Plan = { byState: byState(), contacts: [], customByState: byState() };
  for (const module of modules) {
    if (disabled.has(module.record.id) || (!module.interviews && !module.contacts)) continue;
    const facts = factsOf(module, policy);
    if (module.interviews) {
      const { derive } = module.interviews;
      for (const state of module.interviews.states) plan.byState[state].push({ facts, derive });
    }
    if (module.contacts) plan.contacts.push({ facts, derive: module.contacts });
  }
  for (const rule of policy.customRules) {
    if (disabled.has(rule.id)) continue;
    const facts: RuleFacts = {
      ruleId: rule.id,
      summary: rule.description ?? rule.title,
      policy: Object.freeze({ anchor: rule.anchor, offset: rule.offset }),
      passage: 'A rule of your institution.',
    };
    for (const state of rule.states) plan.customByState[state as InterviewState]?.push({ facts, rule });
  }
  return plan;
}

/** One evaluation: what every rule writes, under the facts of the rule being run. */
class Run implements RuleRun {
  /** The rule being run; the engine sets it before calling the rule. */
  facts!: RuleFacts;
  readonly out: Evaluation = { tasks: [], timedTransitions: [], warnings: [], refusals: [] };

  constructor(
    readonly policy: Policy,
    readonly calendar: Calendar,
    readonly network: NetworkIndex,
  ) {}

  private explain(anchorName: string, anchorAt: Instant): Explanation {
    const f = this.facts;
    return {
      ruleId: f.ruleId,
      summary: f.summary,
      anchor: { name: anchorName, at: anchorAt },
      policy: f.policy,
      passage: f.passage,
    };
  }

  task(subject: TaskSubject, anchorName: string, anchorAt: Instant, dueAt: Instant): void {
    this.out.tasks.push({
      key: subject.key,
      ruleId: this.facts.ruleId,
      title: subject.title,
      interviewId: subject.interviewId,
      contactId: subject.contactId,
      dueAt,
      remindAt: nextOutsideQuietHours(dueAt, this.calendar.timeZone, this.policy.quietHours),
      explanation: this.explain(anchorName, anchorAt),
    });
  }

  timedTransition(
    subject: { key: string; interviewId: string; event: 'mark_unresponsive'; at: Instant },
    anchorName: string,
    anchorAt: Instant,
  ): void {
    this.out.timedTransitions.push({
      key: subject.key,
      ruleId: this.facts.ruleId,
      interviewId: subject.interviewId,
      event: subject.event,
      at: subject.at,
      explanation: this.explain(anchorName, anchorAt),
    });
  }

  warning(warning: Warning): void {
    this.out.warnings.push(warning);
  }

  refusal(refusal: BlockedAction): void {
    this.out.refusals.push(refusal);
  }
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

function byDueThenKey(a: { dueAt: number; key: string }, b: { dueAt: number; key: string }): number {
  return a.dueAt - b.dueAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The rule engine over a list of rule modules: a loop over the modules, per open interview and
 * per met contact, then the tenant's own reminder rules. `evaluateNetwork` is this over the registry.
 * Example: `ruleEngine([...RULE_MODULES, myRule])(network, policy)`.
 */
export function ruleEngine(
  modules: readonly RuleModule[],
): (network: StudentNetwork, policy: Policy) => Evaluation {
  const plans = new WeakMap<Policy, Plan>();
  return (network, policy) => {
    let plan = plans.get(policy);
    if (plan === undefined) {
      plan = planFor(modules, policy);
      plans.set(policy, plan);
    }
    const index = new NetworkIndex(network);
    const run = new Run(policy, calendarFor(network.student.timeZone, policy), index);

    for (const interview of network.interviews) {
      const state = interview.state;
      if (isClosed(state)) continue;
      for (const rule of plan.byState[state]) {
        run.facts = rule.facts;
        rule.derive(interview, run);
      }
      const custom = plan.customByState[state];
      if (custom.length === 0) continue;
      const name = contactName(index.contacts.get(interview.contactId));
      for (const { facts, rule } of custom) {
        const anchorAt = customAnchor(rule, interview);
        if (anchorAt === null) continue;
        run.facts = facts;
        run.task(
          {
            key: `${rule.id}:${interview.id}`,
            interviewId: interview.id,
            contactId: interview.contactId,
            title: `${rule.title} (${name})`,
          },
          rule.anchor,
          anchorAt,
          addDuration(anchorAt, rule.offset, run.calendar),
        );
      }
    }

    if (plan.contacts.length > 0) {
      for (const [id, met] of index.met) {
        const contact: MetContact = {
          id,
          contact: index.contacts.get(id),
          met,
          touchpoints: index.touchpoints.get(id) ?? [],
          latest: latestMet(met),
        };
        for (const rule of plan.contacts) {
          run.facts = rule.facts;
          rule.derive(contact, run);
        }
      }
    }

    run.out.tasks.sort(byDueThenKey);
    run.out.timedTransitions.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
    return run.out;
  };
}

/**
 * Evaluates every rule over one student's whole network: tasks with stable keys, timed
 * transitions, warnings and currently refused actions, each explained. Pure and deterministic:
 * evaluating again gives the same result.
 * Example: `evaluateNetwork({ student, contacts, interviews, touchpoints: [], milestones: [] }, GUIDE_POLICY)`.
 */
export const evaluateNetwork: (network: StudentNetwork, policy: Policy) => Evaluation =
  ruleEngine(RULE_MODULES);
