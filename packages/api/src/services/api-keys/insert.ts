import type { Db } from '../../db/client.js';
import { type ApiKeyScope, apiKeys } from '../../db/schema/api-keys.js';
import { newId } from '../../lib/ids.js';
import { apiKeyPrefix, hashApiKey, keyedApiKeyHash } from './secret.js';

/** Stores a key (hashed); shared by `create` and start-up. Returns the stored row. */
export async function insertApiKey(
  db: Db,
  now: Date,
  values: {
    tenantId: string;
    name: string;
    secret: string;
    scope: ApiKeyScope;
    studentId?: string | null;
    advisorId?: string | null;
    /** The operator chose this key: store its keyed hash (see {@link keyedApiKeyHash}). */
    operatorChosen?: boolean;
  },
) {
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId(now.getTime()),
      tenantId: values.tenantId,
      name: values.name,
      prefix: apiKeyPrefix(values.secret),
      hash: values.operatorChosen ? keyedApiKeyHash(values.secret) : hashApiKey(values.secret),
      scope: values.scope,
      studentId: values.studentId ?? null,
      advisorId: values.advisorId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
