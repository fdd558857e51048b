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
  'request.uri_too_long': { status: 414, title: 'The request URI is too long' },
  'request.headers_too_large': { status: 431, title: 'The request headers are too large' },
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
  'session.expired': { status: 401, title: 'The browser session has expired' },
  'session.revoked': { status: 401, title: 'The browser session was revoked' },
  'session.origin_not_allowed': {
    status: 403,
    title: "The page's origin may not use this tenant's browser sessions",
  },
  'session.component_not_allowed': {
    status: 403,
    title: "None of the session's components uses this operation",
  },
  'session.not_found': { status: 404, title: 'Session not found' },
  'session.subject_required': { status: 422, title: 'A session needs exactly one student or advisor' },
  'tenant.origin_invalid': { status: 422, title: 'An allowed origin is not an http(s) origin' },
  'portal.no_sandbox_tenant': { status: 409, title: 'The sample portal needs a sandbox tenant' },
  'rate_limit.exceeded': { status: 429, title: 'Too many requests' },
  'idempotency.key_reused': { status: 422, title: 'The Idempotency-Key was used for a different request' },
  'idempotency.in_progress': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'idempotency.secret_already_shown': {
    status: 409,
    title: 'This request succeeded before; the secret it returned is shown only once',
  },
  'precondition.failed': { status: 412, title: 'The resource changed since you read it' },
  'precondition.required': { status: 428, title: 'If-Match is required' },
  'tenant.not_found': { status: 404, title: 'Tenant not found' },
  'api_key.not_found': { status: 404, title: 'API key not found' },
  'api_key.subject_required': { status: 422, title: 'The key scope needs a student or advisor' },
  'advisor.not_found': { status: 404, title: 'Advisor not found' },
  'student.not_found': { status: 404, title: 'Student not found' },
  'reevaluation.not_found': { status: 404, title: 'Re-evaluation not found' },
  'student.external_id_taken': { status: 409, title: 'A student with this externalId exists' },
  'student.time_zone_invalid': { status: 400, title: 'The time zone is not a known IANA zone' },
  'contact.not_found': { status: 404, title: 'Contact not found' },
  'contact.duplicate': { status: 409, title: 'The student already has this contact' },
  'contact.referrer_invalid': { status: 422, title: 'The referrer is not a contact of the same student' },
  // imports: contact import and roster sync
  'import.not_found': { status: 404, title: 'Import not found' },
  'import.too_large': { status: 413, title: 'The file is larger than the import size limit' },
  'import.too_many_rows': { status: 413, title: 'The file has more rows than the import row limit' },
  'import.options_invalid': { status: 400, title: 'The import options are not valid' },
  'import.not_previewed': { status: 409, title: 'The import has not finished its preview yet' },
  'import.finished': { status: 409, title: 'The import is already completed or cancelled' },
  'policy.invalid': { status: 422, title: 'The policy is not valid' },
  'interview.not_found': { status: 404, title: 'Interview not found' },
  'interview.already_open': { status: 409, title: 'The contact already has an interview that is not closed' },
  'lifecycle.event_not_allowed': { status: 409, title: "The interview's state does not accept this action" },
  'interview.closed': { status: 409, title: 'The interview is closed' },
  'attempts.limit_reached': { status: 409, title: 'Every unsolicited attempt the policy allows was made' },
  'channel.phone_to_unknown': { status: 409, title: 'A first contact with a stranger must be by email' },
  'outreach.professional_cap_reached': {
    status: 409,
    title: "The professional already received the tenant's capped number of requests",
  },
  'meeting.not_scheduled': { status: 409, title: 'The meeting has no date yet' },
  'meeting.not_yet_held': { status: 409, title: 'The meeting has not started yet' },
  'unresponsive.not_yet_due': { status: 409, title: 'The interview may not be marked unresponsive yet' },
  'timeline.out_of_order': { status: 409, title: "The event is dated before the interview's last event" },
  'event.invalid': { status: 422, title: 'The action is malformed' },
  'task.not_found': { status: 404, title: 'Task not found' },
  'task.obsolete': { status: 409, title: 'The task no longer applies' },
  'milestone.not_found': { status: 404, title: 'Milestone not found' },
  'request.reference_invalid': {
    status: 422,
    title: "A referenced record is not one of the same student's",
  },
  'question.invalid': { status: 422, title: 'The question is not valid' },
  'question.duplicate': { status: 409, title: 'A question with this id exists' },
  'question.unknown': { status: 422, title: 'The question list names questions that do not exist' },
  'message.unknown_kind': { status: 422, title: 'Unknown message kind' },
  'message.template_syntax': { status: 422, title: 'The message template is malformed' },
  'message.unknown_variable': { status: 422, title: 'The message template names an unknown variable' },
  'message.missing_variable': { status: 422, title: 'A value the message template needs is missing' },
  'message.unsafe_value': { status: 422, title: 'A value contains template braces' },
  'webhook_endpoint.not_found': { status: 404, title: 'Webhook endpoint not found' },
  'webhook_endpoint.url_invalid': { status: 422, title: 'The webhook URL is not an http(s) URL' },
  'webhook_endpoint.url_not_allowed': {
    status: 422,
    title: 'The webhook URL reaches an address webhooks may not reach',
  },
  'feed_item.not_found': { status: 404, title: 'Feed item not found' },
  'test_clock.not_sandbox': { status: 409, title: 'Only sandbox tenants have test clocks' },
  'test_clock.not_found': { status: 404, title: 'This tenant has no test clock' },
  'test_clock.backwards': { status: 422, title: 'A test clock only moves forward' },
  // analytics
  'analytics.window_invalid': { status: 400, title: 'The analytics window is not valid' },
  'analytics.table_required': { status: 400, title: 'A CSV answer needs the table to send' },
  // Read-one routes of every create (issue 19), and calendars.
  'touchpoint.not_found': { status: 404, title: 'Touchpoint not found' },
  'message.not_found': { status: 404, title: 'Message not found' },
  'question.not_found': { status: 404, title: 'Question not found' },
  'meeting.not_found': { status: 404, title: 'Meeting not found' },
  'calendar_feed.not_found': { status: 404, title: 'Calendar feed not found' },
  // cap-dnc: the do-not-contact list and professional erasure
  'outreach.do_not_contact': { status: 409, title: 'The professional asked not to be contacted' },
  'contact.do_not_contact': {
    status: 409,
    title: "The professional is on the tenant's do-not-contact list",
  },
  'do_not_contact.not_found': { status: 404, title: 'Do-not-contact entry not found' },
  'do_not_contact.identity_required': {
    status: 422,
    title: 'Name the professional by exactly one email or profile URL',
  },
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
