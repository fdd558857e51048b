import { etagOf } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { getTenant } from '../../services/tenants/get.js';
import { getTenantSchema } from './schemas.js';

const tenantRoutes: RoutePlugin = async (app) => {
  app.get('/tenant', { schema: getTenantSchema }, async (request, reply) => {
    const tenant = await getTenant({ ctx: request.ctx });
    reply.header('etag', etagOf(tenant));
    return tenant;
  });
};

export default tenantRoutes;
