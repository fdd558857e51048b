import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cancelImport } from '../../services/imports/cancel.js';
import { commitImport } from '../../services/imports/commit.js';
import { getImport } from '../../services/imports/get.js';
import { listImportRows } from '../../services/imports/list-rows.js';
import { type ImportLimits, startImport } from '../../services/imports/start.js';
import {
  cancelImportSchema,
  commitImportSchema,
  getImportSchema,
  listImportRowsSchema,
  startContactImportSchema,
  startRosterImportSchema,
  UPLOAD_CONTENT_TYPES,
} from './schemas.js';

const importRoutes: FastifyPluginAsyncTypebox<{ limits: ImportLimits }> = async (app, { limits }) => {
  // The file is read as it streams in (by the service), never buffered here: the parser leaves
  // the request stream untouched and the body an empty string for the validator.
  app.addContentTypeParser(UPLOAD_CONTENT_TYPES, (_request, _payload, done) => done(null, ''));

  app.post('/students/:id/imports', { schema: startContactImportSchema }, async (request, reply) => {
    const view = await startImport({
      ctx: request.ctx,
      input: { kind: 'contacts', studentId: request.params.id, ...request.query, body: request.raw, limits },
    });
    app.imports.wake();
    return reply.code(202).header('location', `/imports/${view.id}`).send(view);
  });

  app.post('/roster-imports', { schema: startRosterImportSchema }, async (request, reply) => {
    const view = await startImport({
      ctx: request.ctx,
      input: { kind: 'roster', ...request.query, body: request.raw, limits },
    });
    app.imports.wake();
    return reply.code(202).header('location', `/imports/${view.id}`).send(view);
  });

  app.get('/imports/:id', { schema: getImportSchema }, async (request) =>
    getImport({ ctx: request.ctx, input: request.params }),
  );

  app.get('/imports/:id/rows', { schema: listImportRowsSchema }, async (request) =>
    listImportRows({ ctx: request.ctx, input: { ...request.params, ...request.query } }),
  );

  app.post('/imports/:id/commit', { schema: commitImportSchema }, async (request, reply) => {
    const view = await commitImport({ ctx: request.ctx, input: request.params });
    app.imports.wake();
    return reply.code(202).header('location', `/imports/${view.id}`).send(view);
  });

  app.post('/imports/:id/cancel', { schema: cancelImportSchema }, async (request) =>
    cancelImport({ ctx: request.ctx, input: request.params }),
  );
};

export default importRoutes;
