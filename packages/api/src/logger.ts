import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import type { LogLevel } from './config.js';
import { summariseDatabaseError } from './services/db-errors.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// What looks like digits but is not a phone number, matched first so the phone pattern never
// sees it: UUIDs (every record id), ISO dates and times, IPv6 and IPv4 addresses.
const NOT_A_PHONE = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
  /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/,
  /(?:[0-9a-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{1,4})?/,
  /\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?/,
]
  .map((r) => r.source)
  .join('|');
// Seven or more digits with the usual separators, not glued to letters or digits of a longer token.
const PHONE = /(?<![\w])\+?\d[\d\s().-]{6,}\d(?![\w])/.source;
const DIGITS = new RegExp(`(${NOT_A_PHONE})|(${PHONE})`, 'gi');

/** Masks email addresses and phone numbers inside free text (error messages, URLs); ids and addresses stay. */
export function scrubPersonalData(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(DIGITS, (m, kept: string | undefined) => (kept ? m : '[phone]'));
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

/** A stack without its first line(s), the message: only the `at …` frames. */
const stackFrames = (stack: string): string =>
  stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');

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
      err: (err: SerializableError) => {
        const database = summariseDatabaseError(err);
        if (database) {
          // The driver's message quotes the failing row's values; log what failed, not with what.
          return {
            type: 'DatabaseError',
            message: `database error ${database.sqlState ?? '(no SQL state)'}`,
            ...database,
            stack: err.stack ? stackFrames(err.stack) : undefined,
          };
        }
        return {
          type: err.type ?? (err as Error).constructor?.name,
          message: scrubPersonalData(String(err.message ?? '')),
          stack: err.stack ? scrubPersonalData(err.stack) : undefined,
          code: err.code,
          statusCode: err.statusCode,
        };
      },
    },
  };
}
