import { expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { eraseStudent } from '../../services/erasures/erase-student.js';
import { eraseStudentSchema } from './schemas.js';

/** A student's data, gone: the erasure door of docs/data-export.md. */
const erasureRoutes: RoutePlugin = async (app) => {
  app.delete('/students/:id', { schema: eraseStudentSchema }, async (request) => {
    const { id } = request.params;
    const erasure = await eraseStudent({
      ctx: request.ctx,
      input: { id, expectedVersion: expectedVersion(request.headers['if-match'], id) },
    });
    // The student's keys were deleted: this process stops admitting them at once, as on a revocation.
    app.apiKeyCache.clear();
    return erasure;
  });
};

export default erasureRoutes;
