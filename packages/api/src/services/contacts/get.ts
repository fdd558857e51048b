import type { ServiceContext } from '../context.js';
import { findVisibleContact } from './find.js';
import { type ContactView, presentContact } from './present.js';

export async function getContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ContactView> {
  return presentContact(await findVisibleContact(ctx, input.id));
}
