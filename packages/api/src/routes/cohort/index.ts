import type { RoutePlugin } from '../../http/types.js';
import { listCohort } from '../../services/cohort/list.js';
import { listCohortSchema } from './schemas.js';

const cohortRoutes: RoutePlugin = async (app) => {
  app.get('/cohort', { schema: listCohortSchema }, async (request) =>
    listCohort({ ctx: request.ctx, input: request.query }),
  );
};

export default cohortRoutes;
