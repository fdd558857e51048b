/**
 * @infoview/core — the informational-interviewing method as data.
 * Pure TypeScript: no I/O, no clock, no randomness. Time and ids come in as arguments.
 */
export * from './domain/types.js';
export * from './policy/types.js';
