/**
 * Every error code the API answers with: its HTTP status and the problem's title.
 * This is the one list; docs/errors.md documents each code and test/errors-doc.test.ts keeps
 * the two in step. Codes are stable: clients may branch on them.
 */
export const ERROR_CODES = {
  'request.validation_failed': { status: 400, title: 'The request is not valid' },
  'request.invalid_json': { status: 400, title: 'The request body is not valid JSON' },
  'request.invalid_cursor': { status: 400, title: 'The pagination cursor is not valid' },
  'request.bad_request': { status: 400, title: 'The request is malformed' },
  'request.body_too_large': { status: 413, title: 'The request body is too large' },
  'request.unsupported_media_type': { status: 415, title: 'The request content type is not supported' },
  'route.not_found': { status: 404, title: 'No such route' },
  'auth.missing_credentials': { status: 401, title: 'An API key is required' },
  'auth.invalid_credentials': { status: 401, title: 'The API key is not valid' },
  'auth.forbidden': { status: 403, title: 'This API key may not do that' },
  'auth.acting_as_not_allowed': { status: 403, title: 'Only integration keys may act as a student' },
  'auth.acting_as_unknown_student': {
    status: 403,
    title: 'The student named in Infoview-Acting-As does not exist',
  },
  'rate_limit.exceeded': { status: 429, title: 'Too many requests' },
  'idempotency.key_reused': { status: 422, title: 'The Idempotency-Key was used for a different request' },
  'idempotency.in_progress': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'precondition.failed': { status: 412, title: 'The resource changed since you read it' },
  'precondition.required': { status: 428, title: 'If-Match is required' },
  'tenant.not_found': { status: 404, title: 'Tenant not found' },
  'api_key.not_found': { status: 404, title: 'API key not found' },
  'api_key.subject_required': { status: 422, title: 'The key scope needs a student or advisor' },
  'advisor.not_found': { status: 404, title: 'Advisor not found' },
  'student.not_found': { status: 404, title: 'Student not found' },
  'student.external_id_taken': { status: 409, title: 'A student with this externalId exists' },
  'student.time_zone_invalid': { status: 400, title: 'The time zone is not a known IANA zone' },
  'contact.not_found': { status: 404, title: 'Contact not found' },
  'contact.duplicate': { status: 409, title: 'The student already has this contact' },
  'contact.referrer_invalid': { status: 422, title: 'The referrer is not a contact of the same student' },
  'policy.invalid': { status: 422, title: 'The policy is not valid' },
  'service.unavailable': { status: 503, title: 'A dependency is unavailable' },
  'internal.error': { status: 500, title: 'Internal server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** A JSON pointer into the request, e.g. `/body/email`. */
  path: string;
  message: string;
}

/**
 * A failure a caller can act on. Services throw these; the error handler turns them into
 * `application/problem+json` with the code's status and title.
 */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldIssue[] | undefined;
  /** Extra members of the problem, e.g. `{ existingId }` for a duplicate. */
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldIssue[]; extensions?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(
      detail ?? ERROR_CODES[code].title,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ServiceError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export const isServiceError = (error: unknown): error is ServiceError => error instanceof ServiceError;
