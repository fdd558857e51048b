import type { PolicyIssue } from '@infoview/core';
import { ServiceError } from '../../errors.js';

/** `followUpAfter.amount` / `disabledRules[0]` → `/body/followUpAfter/amount` / `/body/disabledRules/0`. */
const toPointer = (path: string) =>
  `/body${
    path === ''
      ? ''
      : `/${path
          .replace(/\[(\d+)\]/g, '.$1')
          .split('.')
          .filter(Boolean)
          .join('/')}`
  }`;

/** 422 `policy.invalid`, each issue named by its JSON pointer into the request body. */
export function policyInvalid(issues: readonly PolicyIssue[]): ServiceError {
  return new ServiceError(
    'policy.invalid',
    issues.map((i) => `${i.path || '(policy)'} ${i.message}`).join('; '),
    {
      errors: issues.map((i) => ({ path: toPointer(i.path), message: i.message })),
    },
  );
}
