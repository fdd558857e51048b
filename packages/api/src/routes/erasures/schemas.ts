import { Type } from 'typebox';
import { IfMatchOptional } from '../../http/if-match.js';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Timestamp } from '../../http/schemas.js';

export const StudentErasure = Type.Object(
  {
    id: Id,
    studentId: Id,
    erasedAt: Timestamp,
    requestedBy: Type.Object({ apiKeyId: Id, role: Type.String() }),
    counts: Type.Record(Type.String(), Type.Integer(), {
      description: 'Records erased, by kind (table name)',
    }),
  },
  {
    $id: 'StudentErasure',
    description: 'The audit entry of an erasure: who asked, when, how many records; nothing of the student',
  },
);

export const eraseStudentSchema = {
  operationId: 'eraseStudent',
  tags: ['students'],
  summary: 'Erase a student and everything of theirs (admin or integration key; If-Match honoured)',
  params: IdParams,
  headers: IfMatchOptional('student'),
  response: { 200: StudentErasure, ...problems(...COMMON_PROBLEMS, 404, 412) },
};
