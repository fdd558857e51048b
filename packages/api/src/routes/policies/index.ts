import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { getPolicy } from '../../services/policies/get.js';
import { replacePolicy } from '../../services/policies/replace.js';
import { getPolicySchema, replacePolicySchema } from './schemas.js';

const policyRoutes: RoutePlugin = async (app) => {
  app.get('/policy', { schema: getPolicySchema }, async (request, reply) => {
    const policy = await getPolicy({ ctx: request.ctx });
    reply.header('etag', etagOf(policy));
    return policy;
  });

  app.put('/policy', { schema: replacePolicySchema }, async (request, reply) => {
    const policy = await replacePolicy({
      ctx: request.ctx,
      input: {
        policy: request.body as Record<string, unknown>,
        expectedVersion: expectedVersion(request.headers['if-match'], request.ctx.tenantId),
      },
    });
    reply.header('etag', etagOf(policy));
    reply.header('location', `/reevaluations/${policy.reevaluation.id}`);
    // Committed: the runner can start at once rather than at its next poll.
    app.reevaluations.wake();
    return policy;
  });
};

export default policyRoutes;
