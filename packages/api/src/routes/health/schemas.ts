import { Type } from 'typebox';
import { problems } from '../../http/problem.js';

export const Health = Type.Object(
  { status: Type.Literal('ok') },
  { $id: 'Health', description: 'The process is alive' },
);

export const Readiness = Type.Object(
  {
    status: Type.Literal('ok'),
    checks: Type.Record(Type.String(), Type.String(), {
      description: 'Each dependency: "ok" or why it failed',
    }),
  },
  { $id: 'Readiness', description: 'Every dependency is reachable' },
);

export const healthSchema = {
  operationId: 'getHealth',
  tags: ['operations'],
  summary: 'Liveness: the process answers',
  security: [],
  response: { 200: Health, ...problems(500) },
};

export const readinessSchema = {
  operationId: 'getReadiness',
  tags: ['operations'],
  summary: 'Readiness: the database and the reminder driver are reachable',
  security: [],
  response: { 200: Readiness, ...problems(500, 503) },
};
