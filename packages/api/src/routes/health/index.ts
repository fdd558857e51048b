import { ServiceError } from '../../errors.js';
import type { RoutePlugin } from '../../http/types.js';
import { healthSchema, readinessSchema } from './schemas.js';

const healthRoutes: RoutePlugin = async (app) => {
  app.get('/healthz', { schema: healthSchema, config: { public: true } }, async () => ({
    status: 'ok' as const,
  }));

  app.get('/readyz', { schema: readinessSchema, config: { public: true } }, async () => {
    const { ok, checks } = await app.readiness.run();
    if (!ok) {
      const failing = Object.entries(checks).filter(([, r]) => r !== 'ok');
      throw new ServiceError(
        'service.unavailable',
        `Not ready: ${failing.map(([n, r]) => `${n} (${r})`).join(', ')}`,
        {
          extensions: { checks },
        },
      );
    }
    return { status: 'ok' as const, checks };
  });
};

export default healthRoutes;
