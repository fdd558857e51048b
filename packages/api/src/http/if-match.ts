import { Type } from 'typebox';

export const IF_MATCH_HEADER = 'if-match';

/**
 * The `headers` schema of a write that needs `If-Match`. Required here, so the document says so and
 * the preconditions plugin answers 428 `precondition.required` without it (before any body check).
 */
export const IfMatchRequired = (resource: string) =>
  Type.Object({
    [IF_MATCH_HEADER]: Type.String({
      maxLength: 1024,
      description: `The ${resource} ETag you read, quoted as sent (\`"<id>:<version>"\`), or \`*\``,
    }),
  });

/** The `headers` schema of a write that honours `If-Match` when sent (412 when stale). */
export const IfMatchOptional = (resource: string) =>
  Type.Object({
    [IF_MATCH_HEADER]: Type.Optional(
      Type.String({
        maxLength: 1024,
        description: `Honoured when sent: the ${resource} ETag you read (\`"<id>:<version>"\`)`,
      }),
    ),
  });
