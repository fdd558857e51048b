import type { RoutePlugin } from '../../http/types.js';
import { advanceTestClock } from '../../services/test-clocks/advance.js';
import { deleteTestClock } from '../../services/test-clocks/delete.js';
import { getTestClock } from '../../services/test-clocks/get.js';
import { setTestClock } from '../../services/test-clocks/set.js';
import {
  advanceTestClockSchema,
  deleteTestClockSchema,
  getTestClockSchema,
  setTestClockSchema,
} from './schemas.js';

const testClockRoutes: RoutePlugin = async (app) => {
  /** After the clock moves: this process forgets the old time, and what fell due is delivered now. */
  const moved = (tenantId: string, log: { warn(obj: object, msg?: string): void }) => {
    app.testClocks.invalidate(tenantId);
    app.reminders.driver
      .wakeTenant(tenantId)
      .catch((err: Error) => log.warn({ err: err.message }, 'test clock: dispatch after advance failed'));
  };

  app.get('/test-clock', { schema: getTestClockSchema }, async (request) =>
    getTestClock({ ctx: request.ctx }),
  );

  app.post('/test-clock', { schema: setTestClockSchema }, async (request) => {
    const clock = await setTestClock({ ctx: request.ctx, input: { at: new Date(request.body.at) } });
    moved(request.ctx.tenantId, request.log);
    return clock;
  });

  app.post('/test-clock/advance', { schema: advanceTestClockSchema }, async (request) => {
    const clock = await advanceTestClock({ ctx: request.ctx, input: { by: request.body.by } });
    moved(request.ctx.tenantId, request.log);
    return clock;
  });

  app.delete('/test-clock', { schema: deleteTestClockSchema }, async (request, reply) => {
    await deleteTestClock({ ctx: request.ctx });
    moved(request.ctx.tenantId, request.log);
    return reply.code(204).send(null);
  });
};

export default testClockRoutes;
