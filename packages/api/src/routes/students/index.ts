import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { getStudentPolicy } from '../../services/student-policies/get.js';
import { replaceStudentPolicy } from '../../services/student-policies/replace.js';
import { createStudent } from '../../services/students/create.js';
import { getStudent } from '../../services/students/get.js';
import { listStudents } from '../../services/students/list.js';
import { updateStudent } from '../../services/students/update.js';
import {
  createStudentSchema,
  getStudentPolicySchema,
  getStudentSchema,
  listStudentsSchema,
  replaceStudentPolicySchema,
  updateStudentSchema,
} from './schemas.js';

const studentRoutes: RoutePlugin = async (app) => {
  app.post('/students', { schema: createStudentSchema }, async (request, reply) => {
    const student = await createStudent({ ctx: request.ctx, input: request.body });
    reply.code(201).header('location', `/students/${student.id}`).header('etag', etagOf(student));
    return student;
  });

  app.get('/students', { schema: listStudentsSchema }, async (request) =>
    listStudents({ ctx: request.ctx, input: request.query }),
  );

  app.get('/students/:id', { schema: getStudentSchema }, async (request, reply) => {
    const student = await getStudent({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(student));
    return student;
  });

  app.patch('/students/:id', { schema: updateStudentSchema }, async (request, reply) => {
    const { id } = request.params;
    const student = await updateStudent({
      ctx: request.ctx,
      input: {
        id,
        expectedVersion: expectedVersion(request.headers['if-match'], id),
        patch: request.body,
      },
    });
    reply.header('etag', etagOf(student));
    return student;
  });

  app.get('/students/:id/policy', { schema: getStudentPolicySchema }, async (request, reply) => {
    const view = await getStudentPolicy({ ctx: request.ctx, input: { studentId: request.params.id } });
    reply.header('etag', etagOf(view));
    return view;
  });

  app.put('/students/:id/policy', { schema: replaceStudentPolicySchema }, async (request, reply) => {
    const { id } = request.params;
    const view = await replaceStudentPolicy({
      ctx: request.ctx,
      input: {
        studentId: id,
        override: request.body as Record<string, unknown>,
        expectedVersion: expectedVersion(request.headers['if-match'], id),
      },
    });
    reply.header('etag', etagOf(view));
    return view;
  });
};

export default studentRoutes;
