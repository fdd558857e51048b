import type { RoutePlugin } from '../../http/types.js';
import { lintDraft } from '../../services/messages/lint.js';
import { recordMessage } from '../../services/messages/record.js';
import { renderInterviewMessage } from '../../services/messages/render.js';
import { lintMessageSchema, recordMessageSchema, renderMessageSchema } from './schemas.js';

const messageRoutes: RoutePlugin = async (app) => {
  app.post('/messages/render', { schema: renderMessageSchema }, async (request) =>
    renderInterviewMessage({ ctx: request.ctx, input: request.body }),
  );
  app.post('/messages/lint', { schema: lintMessageSchema }, async (request) =>
    lintDraft({ ctx: request.ctx, input: request.body }),
  );
  app.post('/messages', { schema: recordMessageSchema }, async (request, reply) => {
    const message = await recordMessage({ ctx: request.ctx, input: request.body });
    reply.code(201);
    return message;
  });
};

export default messageRoutes;
