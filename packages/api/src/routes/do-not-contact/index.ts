import { created } from '../../http/created.js';
import type { RoutePlugin } from '../../http/types.js';
import { addDoNotContact } from '../../services/do-not-contact/add.js';
import { listDoNotContact } from '../../services/do-not-contact/list.js';
import { removeDoNotContact } from '../../services/do-not-contact/remove.js';
import { eraseProfessional } from '../../services/professionals/erase.js';
import {
  addDoNotContactSchema,
  eraseProfessionalSchema,
  listDoNotContactSchema,
  removeDoNotContactSchema,
} from './schemas.js';

const doNotContactRoutes: RoutePlugin = async (app) => {
  app.post('/do-not-contact', { schema: addDoNotContactSchema }, async (request, reply) => {
    const { view, created: isNew } = await addDoNotContact({ ctx: request.ctx, input: request.body });
    return isNew ? created(reply, `/do-not-contact/${view.id}`, view) : view;
  });

  app.get('/do-not-contact', { schema: listDoNotContactSchema }, async (request) =>
    listDoNotContact({ ctx: request.ctx, input: request.query }),
  );

  app.delete('/do-not-contact/:id', { schema: removeDoNotContactSchema }, async (request, reply) => {
    await removeDoNotContact({ ctx: request.ctx, input: { id: request.params.id } });
    return reply.code(204).send(null);
  });

  app.post('/professional-erasures', { schema: eraseProfessionalSchema }, async (request, reply) => {
    const erasure = await eraseProfessional({ ctx: request.ctx, input: request.body });
    return created(reply, `/professional-erasures/${erasure.id}`, erasure);
  });
};

export default doNotContactRoutes;
