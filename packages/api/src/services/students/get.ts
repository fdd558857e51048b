import type { ServiceContext } from '../context.js';
import { findVisibleStudent } from './find.js';
import { presentStudent, type StudentView } from './present.js';

export async function getStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<StudentView> {
  return presentStudent(await findVisibleStudent(ctx, input.id));
}
