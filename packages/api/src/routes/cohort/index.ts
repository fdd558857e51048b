import type { RoutePlugin } from '../../http/types.js';
import { getCohortStudent } from '../../services/cohort/get.js';
import { listCohort } from '../../services/cohort/list.js';
import { getCohortStudentSchema, listCohortSchema } from './schemas.js';

const cohortRoutes: RoutePlugin = async (app) => {
  app.get('/cohort', { schema: listCohortSchema }, async (request) =>
    listCohort({ ctx: request.ctx, input: request.query }),
  );
  app.get('/cohort/:studentId', { schema: getCohortStudentSchema }, async (request) =>
    getCohortStudent({
      ctx: request.ctx,
      input: { studentId: request.params.studentId, quietAfterDays: request.query.quietAfterDays },
    }),
  );
};

export default cohortRoutes;
