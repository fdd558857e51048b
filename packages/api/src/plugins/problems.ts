import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERROR_CODES, type ErrorCode, type FieldIssue, isServiceError } from '../errors.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.bad_request',
  FST_ERR_BAD_URL: 'request.bad_request',
  FST_ERR_NOT_FOUND: 'route.not_found',
};

const BY_STATUS: Record<number, ErrorCode> = {
  404: 'route.not_found',
  413: 'request.body_too_large',
  415: 'request.unsupported_media_type',
  429: 'rate_limit.exceeded',
};

/** Turns a validation error's issues into `{ path, message }` naming each field. */
function fieldIssues(context: string, issues: ValidationIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const base = `/${context}${issue.instancePath ?? ''}`;
    const params = issue.params ?? {};
    const named = (params.missingProperty ??
      (params.requiredProperties as string[] | undefined)?.[0] ??
      params.additionalProperty ??
      (params.additionalProperties as string[] | undefined)?.[0]) as string | undefined;
    const path = named === undefined ? base : `${base}/${named}`;
    let message = issue.message ?? 'is invalid';
    if (params.additionalProperties || params.additionalProperty) message = 'is not an allowed field';
    if (params.requiredProperties || params.missingProperty) message = 'is required';
    return { path, message };
  });
}

/** One issue per path: a refused extra field is reported once, as "is not an allowed field". */
function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const byPath = new Map<string, FieldIssue>();
  for (const issue of issues) {
    if (!byPath.has(issue.path) || issue.message === 'is not an allowed field') byPath.set(issue.path, issue);
  }
  return [...byPath.values()];
}

function problemOf(error: unknown, request: FastifyRequest): ProblemBody {
  let code: ErrorCode = 'internal.error';
  let detail: string | undefined;
  let errors: FieldIssue[] | undefined;
  let extensions: Record<string, unknown> | undefined;

  if (isServiceError(error)) {
    code = error.code;
    detail = error.message;
    errors = error.errors;
    extensions = error.extensions;
  } else {
    const fastifyError = error as FastifyError & {
      validation?: ValidationIssue[];
      validationContext?: string;
    };
    if (fastifyError.validation) {
      code = 'request.validation_failed';
      errors = dedupe(fieldIssues(fastifyError.validationContext ?? 'body', fastifyError.validation));
      detail = errors.map((e) => `${e.path} ${e.message}`).join('; ');
    } else if (fastifyError.code && FASTIFY_CODES[fastifyError.code]) {
      code = FASTIFY_CODES[fastifyError.code]!;
      detail = fastifyError.message;
    } else if (
      typeof fastifyError.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      code = BY_STATUS[fastifyError.statusCode] ?? 'request.bad_request';
      detail = fastifyError.message;
    }
  }
  const { status, title } = ERROR_CODES[code];
  return {
    type: `urn:infoview:problem:${code}`,
    title,
    status,
    // 5xx details stay in the log: a client never sees internals or stack traces.
    detail: status >= 500 ? title : (detail ?? title),
    instance: request.url.split('?')[0] ?? request.url,
    code,
    requestId: request.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extensions,
  };
}

/** Sends a problem (already built) as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, problem: ProblemBody) {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * Fastify's `frameworkErrors`: a URL the router refuses before any route runs (a bad encoding, a
 * path parameter over `maxParamLength`) is a problem too, and does not repeat the path it refused.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const code: ErrorCode =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.uri_too_long' : 'request.bad_request';
  const { status, title } = ERROR_CODES[code];
  request.log.info({ code, status }, 'request refused');
  return sendProblem(reply, {
    type: `urn:infoview:problem:${code}`,
    title,
    status,
    detail: title,
    instance: `urn:infoview:request:${request.id}`,
    code,
    requestId: request.id,
  });
}

/**
 * Fastify's `clientErrorHandler`: the HTTP parser refused the request (headers, request line
 * included, over the size limit; a malformed request), so there is no request object, no route
 * and no logger binding. Answer with a problem and a fresh request id, never echoing the request.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'request.headers_too_large' : 'request.bad_request';
  const { status, title } = ERROR_CODES[code];
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: `urn:infoview:problem:${code}`,
    title,
    status,
    detail: title,
    instance: `urn:infoview:request:${requestId}`,
    code,
    requestId,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Every error leaves as RFC 9457 `application/problem+json` with a stable `code`. */
export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = problemOf(error, request);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) => {
      return sendProblem(reply, {
        ...problemOf({ statusCode: 404 }, request),
        detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      });
    });
  },
  { name: 'problems', fastify: '5.x' },
);
