import type { TransitionArgs } from './context.js';
import type { RefusalCode } from './outcomes.js';

/** What a failing guard says. */
export interface GuardRefusal {
  code: RefusalCode;
  message: string;
  /** The rule that refuses (a built-in rule id); its passage is added to the refusal. */
  ruleId?: string;
  policy?: Record<string, unknown>;
}

/**
 * A named condition on a transition. A guard that fails refuses the event with its own code,
 * so combinations still explain themselves.
 */
export interface Guard {
  name: string;
  check: (args: TransitionArgs) => boolean;
  refusal: (args: TransitionArgs) => GuardRefusal;
}

/** All guards must pass; the first failing one explains the refusal. Example: `and(hasMeeting, meetingStarted)`. */
export function and(...guards: Guard[]): Guard {
  return {
    name: `and(${guards.map((g) => g.name).join(', ')})`,
    check: (args) => guards.every((g) => g.check(args)),
    refusal: (args) => (guards.find((g) => !g.check(args)) ?? guards[0]!).refusal(args),
  };
}

/** Any guard may pass; when none does, the last one explains the refusal. Example: `or(isKnown, byEmail)`. */
export function or(...guards: Guard[]): Guard {
  return {
    name: `or(${guards.map((g) => g.name).join(', ')})`,
    check: (args) => guards.some((g) => g.check(args)),
    refusal: (args) => guards[guards.length - 1]!.refusal(args),
  };
}

/** The guard must fail; `refusal` explains when it passes instead. Example: `not(hasMeeting, () => refusal)`. */
export function not(guard: Guard, refusal: (args: TransitionArgs) => GuardRefusal): Guard {
  return { name: `not(${guard.name})`, check: (args) => !guard.check(args), refusal };
}
