/** Tenant policies: the presets, resolution and validation of overrides. */

export * from '../domain/policy.js';
export { GUIDE_POLICY, PRESETS, TWO_HOUR_JOB_SEARCH_POLICY } from './presets.js';
export {
  applyStudentOverride,
  POLICY_KEYS,
  type PolicyResult,
  policyValues,
  resolvePolicy,
  STUDENT_OVERRIDABLE_KEYS,
} from './resolve.js';
