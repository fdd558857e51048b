import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { completeTask } from '../../services/tasks/complete.js';
import { dismissTask } from '../../services/tasks/dismiss.js';
import { getTask } from '../../services/tasks/get.js';
import { listTasks } from '../../services/tasks/list.js';
import { snoozeTask } from '../../services/tasks/snooze.js';
import {
  completeTaskSchema,
  dismissTaskSchema,
  getTaskSchema,
  listTasksSchema,
  snoozeTaskSchema,
} from './schemas.js';

const taskRoutes: RoutePlugin = async (app) => {
  app.get('/tasks', { schema: listTasksSchema }, async (request) =>
    listTasks({ ctx: request.ctx, input: request.query }),
  );

  app.get('/tasks/:id', { schema: getTaskSchema }, async (request, reply) => {
    const task = await getTask({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(task));
    return task;
  });

  const target = (request: { headers: Record<string, unknown>; params: { id: string } }) => ({
    id: request.params.id,
    expectedVersion: expectedVersion(request.headers['if-match'] as string | undefined, request.params.id),
  });

  app.post('/tasks/:id/complete', { schema: completeTaskSchema }, async (request, reply) => {
    const task = await completeTask({ ctx: request.ctx, input: target(request) });
    reply.header('etag', etagOf(task));
    return task;
  });
  app.post('/tasks/:id/dismiss', { schema: dismissTaskSchema }, async (request, reply) => {
    const task = await dismissTask({ ctx: request.ctx, input: target(request) });
    reply.header('etag', etagOf(task));
    return task;
  });
  app.post('/tasks/:id/snooze', { schema: snoozeTaskSchema }, async (request, reply) => {
    const task = await snoozeTask({
      ctx: request.ctx,
      input: { ...target(request), until: request.body.until },
    });
    reply.header('etag', etagOf(task));
    return task;
  });
};

export default taskRoutes;
