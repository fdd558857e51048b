import type { RoutePlugin } from '../../http/types.js';
import { getReevaluation } from '../../services/reevaluations/get.js';
import { getReevaluationSchema } from './schemas.js';

const reevaluationRoutes: RoutePlugin = async (app) => {
  app.get('/reevaluations/:id', { schema: getReevaluationSchema }, async (request) =>
    getReevaluation({ ctx: request.ctx, input: { id: request.params.id } }),
  );
};

export default reevaluationRoutes;
