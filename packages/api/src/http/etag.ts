import { ServiceError } from '../errors.js';
import type { ExpectedVersion } from '../services/versioning.js';

/**
 * Strong ETags `"<id>:<version>"`: the version column changes on every write, so equal tags
 * mean byte-equal representations. Naming the id stops a tag of one record being used on another.
 */
export const etagOf = (resource: { id: string; version: number }): string =>
  `"${resource.id}:${resource.version}"`;

const TAG = /^"([^"]+):(\d{1,9})"$/;
const UNQUOTED = /^([^",]+):(\d{1,9})$/;

/**
 * Reads `If-Match` for the resource `id`: `*` allows any version; otherwise the version named by a
 * tag for this id. A missing header allows any version: where the route requires it, the
 * preconditions plugin has already answered 428 (the route's schema is the one place that says so).
 * A tag for another resource, a weak tag or garbage can never match, so it is a 412.
 */
export function expectedVersion(ifMatch: string | undefined, id: string): ExpectedVersion {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return 'any';
  const tags = ifMatch.split(',').map((raw) => raw.trim());
  for (const tag of tags) {
    const match = TAG.exec(tag);
    if (match && match[1] === id) return Number(match[2]);
  }
  // The most common slip: the ETag without its quotes (a shell ate them). Say how to send it.
  const unquoted = tags.map((tag) => UNQUOTED.exec(tag)).find((match) => match?.[1] === id);
  if (unquoted) {
    const quoted = `"${unquoted[1]}:${unquoted[2]}"`;
    throw new ServiceError('precondition.failed', `If-Match must be the ETag with its quotes: ${quoted}`, {
      errors: [{ path: '/headers/if-match', message: `is not quoted; send If-Match: ${quoted}` }],
    });
  }
  throw new ServiceError('precondition.failed', 'If-Match does not name this resource', {
    errors: [{ path: '/headers/if-match', message: 'does not match the current ETag' }],
  });
}
