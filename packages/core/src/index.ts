/**
 * @infoview/core — the informational-interviewing method as data.
 * Pure TypeScript: no I/O, no clock, no randomness. Time and ids come in as arguments.
 */
export * from './deadlines/index.js';
export * from './domain/types.js';
export * from './interview/index.js';
export * from './lifecycle/index.js';
export * from './messages/index.js';
export * from './policy/index.js';
export * from './questions/index.js';
export * from './rules/index.js';
export * from './time/index.js';
