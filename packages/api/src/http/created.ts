import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { etagOf } from './etag.js';

/** The headers every create's 201 declares (and {@link created} sends). */
export const CreatedHeaders = (resource: string) => ({
  location: { type: 'string', description: `The URL of the new ${resource}` },
  etag: { type: 'string', description: `The ${resource} version: "<id>:<version>"; send it as If-Match` },
});

/**
 * The strong ETag of a resource without a version column (an API key, a webhook endpoint, a
 * question of the bank): a hash of its representation, so a read of the same state has the same tag.
 */
export const representationEtag = (representation: unknown): string =>
  `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url').slice(0, 27)}"`;

/**
 * Answers a create: 201 with the new resource's `Location` and `ETag`. A resource without a version
 * column is tagged by {@link representationEtag} of what was answered, or by `etag` when what is
 * answered holds more than its reads do (a secret shown once).
 */
export function created<T extends { id: string; version?: number }>(
  reply: FastifyReply,
  location: string,
  resource: T,
  etag?: string,
): T {
  etag ??=
    resource.version === undefined
      ? representationEtag(resource)
      : etagOf({ id: resource.id, version: resource.version });
  reply.code(201).header('location', location).header('etag', etag);
  return resource;
}
