import { created } from '../../http/created.js';
import { etagOf } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { listMeetings } from '../../services/meetings/list.js';
import { createMilestone } from '../../services/milestones/create.js';
import { getMilestone } from '../../services/milestones/get.js';
import { listMilestones } from '../../services/milestones/list.js';
import { listReferrals } from '../../services/referrals/list.js';
import { createTouchpoint } from '../../services/touchpoints/create.js';
import { getTouchpoint } from '../../services/touchpoints/get.js';
import { listTouchpoints } from '../../services/touchpoints/list.js';
import {
  createMilestoneSchema,
  createTouchpointSchema,
  getMilestoneSchema,
  getTouchpointSchema,
  listMeetingsSchema,
  listMilestonesSchema,
  listReferralsSchema,
  listTouchpointsSchema,
} from './schemas.js';

/** The student's network around interviews: milestones, touchpoints, referrals, meetings. */
const networkRoutes: RoutePlugin = async (app) => {
  app.post('/milestones', { schema: createMilestoneSchema }, async (request, reply) => {
    const milestone = await createMilestone({ ctx: request.ctx, input: request.body });
    return created(reply, `/milestones/${milestone.id}`, milestone);
  });
  app.get('/milestones/:id', { schema: getMilestoneSchema }, async (request, reply) => {
    const milestone = await getMilestone({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(milestone));
    return milestone;
  });
  app.get('/milestones', { schema: listMilestonesSchema }, async (request) =>
    listMilestones({ ctx: request.ctx, input: request.query }),
  );
  app.post('/touchpoints', { schema: createTouchpointSchema }, async (request, reply) => {
    const touchpoint = await createTouchpoint({ ctx: request.ctx, input: request.body });
    return created(reply, `/touchpoints/${touchpoint.id}`, touchpoint);
  });
  app.get('/touchpoints/:id', { schema: getTouchpointSchema }, async (request, reply) => {
    const touchpoint = await getTouchpoint({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(touchpoint));
    return touchpoint;
  });
  app.get('/touchpoints', { schema: listTouchpointsSchema }, async (request) =>
    listTouchpoints({ ctx: request.ctx, input: request.query }),
  );
  app.get('/referrals', { schema: listReferralsSchema }, async (request) =>
    listReferrals({ ctx: request.ctx, input: request.query }),
  );
  app.get('/meetings', { schema: listMeetingsSchema }, async (request) =>
    listMeetings({ ctx: request.ctx, input: request.query }),
  );
};

export default networkRoutes;
