import { Type } from 'typebox';

/** RFC 9457 problem details, with Infoview's `code`, `requestId` and field `errors`. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the problem type: `urn:infoview:problem:<code>`' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({ description: 'The request path' }),
    code: Type.String({ description: 'Stable machine-readable code; see docs/errors.md' }),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'JSON pointer into the request, e.g. /body/email' }),
          message: Type.String(),
        }),
      ),
    ),
    existingId: Type.Optional(Type.String({ description: 'For duplicates: the record that already exists' })),
  },
  { $id: 'Problem', description: 'An RFC 9457 problem (application/problem+json)' },
);

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a field is invalid',
  401: 'No API key, or not a valid one',
  403: 'The API key may not do this',
  404: 'Not found (or not visible to this key)',
  409: 'Conflict',
  412: 'If-Match is stale',
  413: 'The body is too large',
  415: 'The content type is not application/json',
  422: 'The request is well-formed but cannot be applied',
  428: 'If-Match is required',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Internal server error',
  503: 'A dependency is unavailable',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Response schemas for the given error statuses, all `application/problem+json`. */
export function problems(...statuses: number[]) {
  const responses: Record<
    number,
    { description: string; content: Record<string, { schema: typeof Problem }> }
  > = {};
  for (const status of statuses) {
    responses[status] = {
      description: DESCRIPTIONS[status] ?? 'Error',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
    };
  }
  return responses;
}

/** What every authenticated operation can answer besides its own errors. */
export const COMMON_PROBLEMS = [400, 401, 403, 429, 500] as const;
/** Extra statuses of operations with a JSON body. */
export const BODY_PROBLEMS = [413, 415] as const;
