import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { createContact } from '../../services/contacts/create.js';
import { deleteContact } from '../../services/contacts/delete.js';
import { getContact } from '../../services/contacts/get.js';
import { listContacts } from '../../services/contacts/list.js';
import { updateContact } from '../../services/contacts/update.js';
import {
  createContactSchema,
  deleteContactSchema,
  getContactSchema,
  listContactsSchema,
  updateContactSchema,
} from './schemas.js';

const contactRoutes: RoutePlugin = async (app) => {
  app.post('/contacts', { schema: createContactSchema }, async (request, reply) => {
    const contact = await createContact({ ctx: request.ctx, input: request.body });
    reply.code(201).header('location', `/contacts/${contact.id}`).header('etag', etagOf(contact));
    return contact;
  });

  app.get('/contacts', { schema: listContactsSchema }, async (request) =>
    listContacts({ ctx: request.ctx, input: request.query }),
  );

  app.get('/contacts/:id', { schema: getContactSchema }, async (request, reply) => {
    const contact = await getContact({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(contact));
    return contact;
  });

  app.patch('/contacts/:id', { schema: updateContactSchema }, async (request, reply) => {
    const { id } = request.params;
    const contact = await updateContact({
      ctx: request.ctx,
      input: {
        id,
        expectedVersion: expectedVersion(request.headers['if-match'], id),
        patch: request.body,
      },
    });
    reply.header('etag', etagOf(contact));
    return contact;
  });

  app.delete('/contacts/:id', { schema: deleteContactSchema }, async (request, reply) => {
    const { id } = request.params;
    await deleteContact({
      ctx: request.ctx,
      input: { id, expectedVersion: expectedVersion(request.headers['if-match'], id) },
    });
    return reply.code(204).send(null);
  });
};

export default contactRoutes;
