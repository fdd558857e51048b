import { Type } from 'typebox';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, Timestamp } from '../../http/schemas.js';

export const Tenant = Type.Object(
  {
    id: Id,
    name: Type.String(),
    sandbox: Type.Boolean({
      description: 'A sandbox tenant is for trying things out (the demo tenant is one)',
    }),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Tenant', description: "The caller's tenant" },
);

export const getTenantSchema = {
  operationId: 'getTenant',
  tags: ['tenant'],
  summary: "The caller's institution",
  response: { 200: Tenant, ...problems(...COMMON_PROBLEMS) },
};
