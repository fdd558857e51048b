import { Readable } from 'node:stream';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import type { RoutePlugin } from '../../http/types.js';
import { exportTenant } from '../../services/tenant-transfer/export-tenant.js';

const exportTenantSchema = {
  operationId: 'exportTenant',
  tags: ['tenant'],
  summary: 'The whole tenant as NDJSON, streamed, for a move to another installation (admin key)',
  description:
    'A header line, then one `{"table","row"}` line per row, ids kept; API keys, sessions and ' +
    'webhook secrets are not exported. `tenant:import` reads it on the other installation (docs/data-export.md).',
  response: {
    200: {
      description: 'The export (application/x-ndjson)',
      content: { 'application/x-ndjson': { schema: { type: 'string' } } },
    },
    ...problems(...COMMON_PROBLEMS),
  },
};

const tenantTransferRoutes: RoutePlugin = async (app) => {
  app.get('/tenant/export', { schema: exportTenantSchema }, async (request, reply) => {
    const lines = await exportTenant({ ctx: request.ctx });
    reply
      .type('application/x-ndjson; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="tenant-${request.ctx.tenantId}.ndjson"`);
    return reply.send(Readable.from(lines, { objectMode: false }));
  });
};

export default tenantTransferRoutes;
