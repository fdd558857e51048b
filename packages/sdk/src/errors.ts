/** One invalid field of a request: a JSON pointer into it and what is wrong. */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** The body of an RFC 9457 problem as the Infoview API sends it (`application/problem+json`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/** The code of a response that was not a problem document (a proxy's HTML page, say). */
export const UNEXPECTED_RESPONSE = 'http.unexpected_response';

/**
 * A failed API call: the API's problem details, with its stable `code` (see the API's
 * docs/errors.md). Every non-2xx response of a client call is thrown as one of these.
 *
 * @example
 * try { await iv.post('/contacts', { body }); }
 * catch (error) { if (isInfoviewProblem(error, 'contact.duplicate')) … }
 */
export class InfoviewProblem extends Error {
  override readonly name = 'InfoviewProblem';
  readonly status: number;
  /** Stable, machine-readable: `contact.duplicate`, `precondition.failed`, … */
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field errors of a 400/422: `{ path: '/body/email', message }`. */
  readonly errors: ProblemFieldError[];
  /** The `x-request-id` of the call: quote it when asking for support. */
  readonly requestId: string | undefined;
  /** The whole problem document, extensions included (e.g. `existingId` on a duplicate). */
  readonly body: ProblemDetails;

  constructor(status: number, body: ProblemDetails) {
    const code = body.code ?? UNEXPECTED_RESPONSE;
    const title = body.title ?? `HTTP ${status}`;
    super(body.detail ? `${title}: ${body.detail} (${code})` : `${title} (${code})`);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
    this.requestId = body.requestId;
    this.body = body;
  }

  /** Reads a failed response (consuming its body) into a problem; never throws itself. */
  static async fromResponse(response: Response): Promise<InfoviewProblem> {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let text = '';
    try {
      text = await response.text();
    } catch {
      // A body we cannot read still makes a problem with the status.
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const body = parsed as ProblemDetails;
      return new InfoviewProblem(response.status, { ...body, requestId: body.requestId ?? requestId });
    }
    return new InfoviewProblem(response.status, {
      title: response.statusText || `HTTP ${response.status}`,
      detail: text.slice(0, 500) || undefined,
      code: UNEXPECTED_RESPONSE,
      requestId,
    });
  }
}

/** Whether `error` is an {@link InfoviewProblem}, optionally with the given `code`. */
export function isInfoviewProblem(error: unknown, code?: string): error is InfoviewProblem {
  return error instanceof InfoviewProblem && (code === undefined || error.code === code);
}
