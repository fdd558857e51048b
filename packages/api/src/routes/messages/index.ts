import { created } from '../../http/created.js';
import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { getMessage } from '../../services/messages/get.js';
import { lintDraft } from '../../services/messages/lint.js';
import { recordMessage } from '../../services/messages/record.js';
import { recordSentMessage } from '../../services/messages/record-sent.js';
import { renderInterviewMessage } from '../../services/messages/render.js';
import {
  getMessageSchema,
  lintMessageSchema,
  recordMessageSchema,
  recordSentMessageSchema,
  renderMessageSchema,
} from './schemas.js';

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
  // One step for "record as sent": the message and the attempt (or thank-you), under If-Match.
  app.post('/interviews/:id/messages', { schema: recordSentMessageSchema }, async (request, reply) => {
    const id = request.params.id;
    const result = await recordSentMessage({
      ctx: request.ctx,
      input: {
        ...request.body,
        id,
        expectedVersion: expectedVersion(request.headers['if-match'] as string | undefined, id),
      },
    });
    reply.header('etag', etagOf(result.interview));
    return result;
  });
};

export default messageRoutes;
