export * from './catalog.js';
export { evaluateNetwork } from './engine.js';
export * from './ids.js';
export * from './types.js';
