import { ServiceError } from '../errors.js';
import type { ExpectedVersion } from '../services/versioning.js';

/**
 * Strong ETags `"<id>:<version>"`: the version column changes on every write, so equal tags
 * mean byte-equal representations. Naming the id stops a tag of one record being used on another.
 */
export const etagOf = (resource: { id: string; version: number }): string =>
  `"${resource.id}:${resource.version}"`;

/**
 * Reads `If-Match` for the resource `id`: `*` allows any version; otherwise the version named by a
 * tag for this id. A missing header is a 428 when `required`, else `any`. A tag for another
 * resource, a weak tag or garbage can never match, so it is a 412.
 */
export function expectedVersion(ifMatch: string | undefined, id: string, required: boolean): ExpectedVersion {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (!required) return 'any';
    throw new ServiceError('precondition.required', 'Send If-Match with the ETag you read', {
      errors: [{ path: '/headers/if-match', message: 'is required' }],
    });
  }
  if (ifMatch.trim() === '*') return 'any';
  for (const raw of ifMatch.split(',')) {
    const match = /^"([^"]+):(\d{1,9})"$/.exec(raw.trim());
    if (match && match[1] === id) return Number(match[2]);
  }
  throw new ServiceError('precondition.failed', 'If-Match does not name this resource', {
    errors: [{ path: '/headers/if-match', message: 'does not match the current ETag' }],
  });
}
