import type { TransitionArgs } from './context.js';
import type { Warning } from './outcomes.js';

/** A named advisory check on a transition: it never refuses, it may warn. Rules contribute them. */
export interface Check {
  name: string;
  run: (args: TransitionArgs) => Warning | null;
}
