import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { getTenant } from '../../services/tenants/get.js';
import { updateSessionSettings } from '../../services/tenants/update-session-settings.js';
import { getTenantSchema, updateTenantSchema } from './schemas.js';

const tenantRoutes: RoutePlugin = async (app) => {
  app.get('/tenant', { schema: getTenantSchema }, async (request, reply) => {
    const tenant = await getTenant({ ctx: request.ctx });
    reply.header('etag', etagOf(tenant));
    return tenant;
  });

  app.patch('/tenant', { schema: updateTenantSchema }, async (request, reply) => {
    const tenant = await updateSessionSettings({
      ctx: request.ctx,
      input: {
        expectedVersion: expectedVersion(request.headers['if-match'], request.ctx.tenantId, true),
        sessions: request.body.sessions,
      },
    });
    reply.header('etag', etagOf(tenant));
    return tenant;
  });
};

export default tenantRoutes;
