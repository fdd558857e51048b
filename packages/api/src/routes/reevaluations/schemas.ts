import { Type } from 'typebox';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StringEnum, Timestamp } from '../../http/schemas.js';
import { REEVALUATION_JOB_STATES } from '../../services/reevaluations/present.js';

export const Reevaluation = Type.Object(
  {
    id: Id,
    reason: StringEnum(['policy_replaced']),
    state: StringEnum([...REEVALUATION_JOB_STATES]),
    total: Type.Integer({ description: 'Students to re-derive' }),
    done: Type.Integer({ description: 'Students re-derived so far' }),
    percent: Type.Integer({ minimum: 0, maximum: 100, description: '100 once completed' }),
    createdAt: Timestamp,
    startedAt: Nullable(Timestamp),
    finishedAt: Nullable(Timestamp),
  },
  {
    description:
      'A re-evaluation of every student of the tenant (after its policy changed), done in batches in the background; `superseded` when a newer one replaced it',
  },
);

export const getReevaluationSchema = {
  operationId: 'getReevaluation',
  tags: ['tenant'],
  summary: 'The progress of a tenant-wide re-evaluation (admin)',
  params: IdParams,
  response: { 200: Reevaluation, ...problems(...COMMON_PROBLEMS, 404) },
};
