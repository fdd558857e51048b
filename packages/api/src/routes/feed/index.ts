import type { RoutePlugin } from '../../http/types.js';
import { listFeed } from '../../services/feed/list.js';
import { markFeedItemRead } from '../../services/feed/mark-read.js';
import { listFeedSchema, markFeedItemReadSchema } from './schemas.js';

const feedRoutes: RoutePlugin = async (app) => {
  app.get('/feed', { schema: listFeedSchema }, async (request) =>
    listFeed({ ctx: request.ctx, input: request.query }),
  );

  app.post('/feed/:id/read', { schema: markFeedItemReadSchema }, async (request) =>
    markFeedItemRead({ ctx: request.ctx, input: { id: request.params.id } }),
  );
};

export default feedRoutes;
