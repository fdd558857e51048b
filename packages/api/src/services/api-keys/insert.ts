import type { Db } from '../../db/client.js';
import { type ApiKeyScope, apiKeys } from '../../db/schema/api-keys.js';
import { newId } from '../../lib/ids.js';
import { apiKeyPrefix, hashApiKey } from './secret.js';

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
  },
) {
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId(now.getTime()),
      tenantId: values.tenantId,
      name: values.name,
      prefix: apiKeyPrefix(values.secret),
      hash: hashApiKey(values.secret),
      scope: values.scope,
      studentId: values.studentId ?? null,
      advisorId: values.advisorId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
