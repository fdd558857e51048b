import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import type { LogLevel } from './config.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Seven or more digits with the usual separators: phone numbers, not ids or timestamps in text.
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

/** Masks email addresses and phone numbers inside free text (error messages, URLs). */
export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (m) => (/^\d{4}-\d{2}-\d{2}/.test(m) ? m : '[phone]'));
}

const PERSONAL_FIELDS = ['email', 'phone', 'notes', 'note', 'profile', 'name', 'background', 'interests'];

/**
 * Personal data never reaches the log: known fields are redacted by path, and the request
 * and error serializers mask emails and phone numbers wherever they appear in text.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["infoview-acting-as"]',
  'headers.authorization',
  // A top-level `name` is pino's own: the logger's name (`reminder-worker`), not a person's.
  ...PERSONAL_FIELDS.flatMap((f) => (f === 'name' ? [] : [f])),
  ...PERSONAL_FIELDS.flatMap((f) => [`*.${f}`, `*.*.${f}`]),
  'body',
  '*.body',
];

interface SerializableError {
  type?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  statusCode?: unknown;
}

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: scrubPersonalData(req.url),
        remoteAddress: req.ip,
      }),
      err: (err: SerializableError) => ({
        type: err.type ?? (err as Error).constructor?.name,
        message: scrubPersonalData(String(err.message ?? '')),
        stack: err.stack ? scrubPersonalData(err.stack) : undefined,
        code: err.code,
        statusCode: err.statusCode,
      }),
    },
  };
}
