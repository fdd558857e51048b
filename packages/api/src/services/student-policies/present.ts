import type { Policy } from '@infoview/core';
import type { StudentRow } from '../../db/schema/students.js';
import { withStudentOverride } from '../policies/in-force.js';

export interface StudentPolicyView {
  /** The student's id: the override is part of the student, and shares its version. */
  id: string;
  /** What the student set (kept even for a key the tenant has since taken back). */
  override: Record<string, unknown>;
  /** The keys the tenant lets students set (`studentOverridable` of its policy). */
  overridable: string[];
  /** The policy in force for this student: the tenant's, with the allowed part of `override`. */
  policy: Policy;
  version: number;
  updatedAt: string;
}

export function presentStudentPolicy(
  row: Pick<StudentRow, 'id' | 'policyOverride' | 'version' | 'updatedAt'>,
  tenantPolicy: Policy,
): StudentPolicyView {
  return {
    id: row.id,
    override: row.policyOverride,
    overridable: [...tenantPolicy.studentOverridable],
    policy: withStudentOverride(tenantPolicy, row.policyOverride),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
