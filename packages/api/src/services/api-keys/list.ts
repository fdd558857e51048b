import { eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/api-keys.js';
import { requireRole, type ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type ApiKeyView, presentApiKey } from './present.js';

export async function listApiKeys({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest;
}): Promise<Page<ApiKeyView>> {
  requireRole(ctx, 'admin');
  const q = keyset(apiKeys.id, input, eq(apiKeys.tenantId, ctx.tenantId));
  const rows = await ctx.db.select().from(apiKeys).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentApiKey);
}
