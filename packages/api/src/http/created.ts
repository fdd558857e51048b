import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { etagOf } from './etag.js';

/** The headers every create's 201 declares (and {@link created} sends). */
export const CreatedHeaders = (resource: string) => ({
  location: { type: 'string', description: `The URL of the new ${resource}` },
  etag: { type: 'string', description: `The ${resource} version: "<id>:<version>"; send it as If-Match` },
});

/**
 * Answers a create: 201 with the new resource's `Location` and `ETag`. A resource without a version
 * column (an API key: issued, then only revoked) is tagged by a hash of what was answered.
 */
export function created<T extends { id: string; version?: number }>(
  reply: FastifyReply,
  location: string,
  resource: T,
): T {
  const etag =
    resource.version === undefined
      ? `"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 27)}"`
      : etagOf({ id: resource.id, version: resource.version });
  reply.code(201).header('location', location).header('etag', etag);
  return resource;
}
