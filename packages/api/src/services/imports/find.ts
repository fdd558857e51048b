import { and, eq } from 'drizzle-orm';
import { imports } from '../../db/schema/imports.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { findVisibleStudent } from '../students/find.js';

export const importNotFound = (id: string) => new ServiceError('import.not_found', `No import ${id}`);

/**
 * The import if the caller may see it: a contact import is its student's (their key, an
 * integration acting for them, an admin); a roster import is the career centre's (admin, integration).
 */
export async function findVisibleImport(ctx: ServiceContext, id: string, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw importNotFound(id);
  if (row.kind === 'roster') {
    if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'integration') throw importNotFound(id);
  } else {
    if (ctx.actor.role === 'advisor') throw importNotFound(id);
    await findVisibleStudent(ctx, row.studentId!).catch(() => {
      throw importNotFound(id);
    });
  }
  return row;
}
