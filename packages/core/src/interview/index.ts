/** One interview: its states, the snapshot, the events, the outcome codes, and what guards and checks on its transitions are. */
export * from './checks.js';
export * from './context.js';
export * from './events.js';
export { and, type Guard, type GuardRefusal, not, or } from './guards.js';
export * from './interview.js';
export * from './outcomes.js';
export * from './states.js';
