/** The interview lifecycle: its table of transitions (with the rules' guards and checks) and the step that applies one event. */
export type { Action } from './actions.js';
export * from './machine.js';
export * from './transition.js';
