import type { ServiceContext } from '../context.js';
import { policyInForce } from '../policies/in-force.js';
import { findVisibleStudent } from '../students/find.js';
import { presentStudentPolicy, type StudentPolicyView } from './present.js';

/** A student's override and the policy in force for them; whoever may see the student may read it. */
export async function getStudentPolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string };
}): Promise<StudentPolicyView> {
  const row = await findVisibleStudent(ctx, input.studentId);
  return presentStudentPolicy(row, await policyInForce(ctx));
}
