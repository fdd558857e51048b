import { ServiceError } from '../errors.js';

/** What the caller's `If-Match` named: a version it read, or `*` (any current version). */
export type ExpectedVersion = number | 'any';

/**
 * After a conditional `update … where version = :expected` matched nothing: a 404 when the
 * row is not there (for this caller), otherwise the caller's copy is stale.
 */
export function staleOrMissing(exists: boolean, notFound: () => ServiceError): never {
  if (!exists) throw notFound();
  throw new ServiceError('precondition.failed', 'The resource was changed by someone else; read it again');
}
