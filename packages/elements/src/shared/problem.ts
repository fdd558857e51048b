import { isInfoviewProblem } from '@infoview/sdk';
import { strings } from '../strings.js';

/** What a person is shown of a failure: the problem's title and detail, never a stack trace. */
export interface ShownProblem {
  title: string;
  detail: string | undefined;
  code: string | undefined;
  status: number | undefined;
}

export function showProblem(error: unknown): ShownProblem {
  if (isInfoviewProblem(error)) {
    // Field errors say which input is wrong in words a person can act on.
    const fields = error.errors.map((e) => e.message).join('; ');
    return {
      title: error.title,
      detail: error.detail ?? (fields || undefined),
      code: error.code,
      status: error.status,
    };
  }
  const text = strings().networkError;
  return { title: text.title, detail: text.detail, code: undefined, status: undefined };
}

export const isStaleWrite = (error: unknown): boolean => isInfoviewProblem(error, 'precondition.failed');
