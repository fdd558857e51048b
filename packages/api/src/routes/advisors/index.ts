import { etagOf } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { assignStudent } from '../../services/advisors/assign-student.js';
import { createAdvisor } from '../../services/advisors/create.js';
import { getAdvisor } from '../../services/advisors/get.js';
import { listAdvisors } from '../../services/advisors/list.js';
import { unassignStudent } from '../../services/advisors/unassign-student.js';
import {
  assignStudentSchema,
  createAdvisorSchema,
  getAdvisorSchema,
  listAdvisorsSchema,
  unassignStudentSchema,
} from './schemas.js';

const advisorRoutes: RoutePlugin = async (app) => {
  app.post('/advisors', { schema: createAdvisorSchema }, async (request, reply) => {
    const advisor = await createAdvisor({ ctx: request.ctx, input: request.body });
    reply.code(201).header('location', `/advisors/${advisor.id}`).header('etag', etagOf(advisor));
    return advisor;
  });

  app.get('/advisors', { schema: listAdvisorsSchema }, async (request) =>
    listAdvisors({ ctx: request.ctx, input: request.query }),
  );

  app.get('/advisors/:id', { schema: getAdvisorSchema }, async (request, reply) => {
    const advisor = await getAdvisor({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(advisor));
    return advisor;
  });

  app.put('/advisors/:id/students/:studentId', { schema: assignStudentSchema }, async (request, reply) => {
    await assignStudent({
      ctx: request.ctx,
      input: { advisorId: request.params.id, studentId: request.params.studentId },
    });
    return reply.code(204).send(null);
  });

  app.delete(
    '/advisors/:id/students/:studentId',
    { schema: unassignStudentSchema },
    async (request, reply) => {
      await unassignStudent({
        ctx: request.ctx,
        input: { advisorId: request.params.id, studentId: request.params.studentId },
      });
      return reply.code(204).send(null);
    },
  );
};

export default advisorRoutes;
