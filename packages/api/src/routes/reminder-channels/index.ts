import type { RoutePlugin } from '../../http/types.js';
import {
  getStudentReminderChannels,
  getTenantReminderChannels,
} from '../../services/reminder-channels/get.js';
import {
  setStudentReminderChannels,
  setTenantReminderChannels,
} from '../../services/reminder-channels/set.js';
import {
  getStudentChannelsSchema,
  getTenantChannelsSchema,
  setStudentChannelsSchema,
  setTenantChannelsSchema,
} from './schemas.js';

const reminderChannelRoutes: RoutePlugin = async (app) => {
  app.get('/reminder-channels', { schema: getTenantChannelsSchema }, async (request) =>
    getTenantReminderChannels({ ctx: request.ctx }),
  );
  app.put('/reminder-channels', { schema: setTenantChannelsSchema }, async (request) =>
    setTenantReminderChannels({ ctx: request.ctx, input: request.body }),
  );
  app.get('/students/:id/reminder-channels', { schema: getStudentChannelsSchema }, async (request) =>
    getStudentReminderChannels({ ctx: request.ctx, input: { studentId: request.params.id } }),
  );
  app.put('/students/:id/reminder-channels', { schema: setStudentChannelsSchema }, async (request) =>
    setStudentReminderChannels({
      ctx: request.ctx,
      input: { studentId: request.params.id, channels: request.body.channels },
    }),
  );
};

export default reminderChannelRoutes;
