import type { ContactSource } from '@infoview/core';
import { and, eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type ContactView, presentContact } from './present.js';

export interface ListContactsInput extends PageRequest {
  studentId?: string | undefined;
  source?: ContactSource | undefined;
  organization?: string | undefined;
  known?: boolean | undefined;
}

export async function listContacts({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListContactsInput;
}): Promise<Page<ContactView>> {
  const q = keyset(
    contacts.id,
    input,
    and(
      visibleStudents(ctx, contacts.tenantId, contacts.studentId),
      input.studentId === undefined ? undefined : eq(contacts.studentId, input.studentId),
      input.source === undefined ? undefined : eq(contacts.source, input.source),
      input.organization === undefined ? undefined : eq(contacts.organization, input.organization),
      input.known === undefined ? undefined : eq(contacts.known, input.known),
    ),
  );
  const rows = await ctx.db.select().from(contacts).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentContact);
}
