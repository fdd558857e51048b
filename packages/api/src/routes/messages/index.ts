import { created } from '../../http/created.js';
import { etagOf } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { getMessage } from '../../services/messages/get.js';
import { lintDraft } from '../../services/messages/lint.js';
import { recordMessage } from '../../services/messages/record.js';
import { renderInterviewMessage } from '../../services/messages/render.js';
import { getMessageSchema, lintMessageSchema, recordMessageSchema, renderMessageSchema } from './schemas.js';

const messageRoutes: RoutePlugin = async (app) => {
  app.post('/messages/render', { schema: renderMessageSchema }, async (request) =>
    renderInterviewMessage({ ctx: request.ctx, input: request.body }),
  );
  app.post('/messages/lint', { schema: lintMessageSchema }, async (request) =>
    lintDraft({ ctx: request.ctx, input: request.body }),
  );
  app.post('/messages', { schema: recordMessageSchema }, async (request, reply) => {
    const message = await recordMessage({ ctx: request.ctx, input: request.body });
    return created(reply, `/messages/${message.id}`, message);
  });
  app.get('/messages/:id', { schema: getMessageSchema }, async (request, reply) => {
    const message = await getMessage({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(message));
    return message;
  });
};

export default messageRoutes;
