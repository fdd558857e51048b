import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError } from '../../errors.js';
import type { RoutePlugin } from '../../http/types.js';
import { type AnalyticsTable, reportCsv } from '../../services/analytics/csv.js';
import type { AnalyticsReport } from '../../services/analytics/figures.js';
import { getAnalyticsSettings } from '../../services/analytics/get-settings.js';
import { analyticsReport, type ReportInput } from '../../services/analytics/report.js';
import { updateAnalyticsSettings } from '../../services/analytics/update-settings.js';
import {
  advisorAnalyticsSchema,
  getAnalyticsSettingsSchema,
  putAnalyticsSettingsSchema,
  studentAnalyticsSchema,
  tenantAnalyticsSchema,
} from './schemas.js';

interface WindowQuery {
  from?: string | undefined;
  to?: string | undefined;
  table?: AnalyticsTable | undefined;
}

/** Whether the client asked for CSV rather than JSON (`Accept: text/csv`, q > 0, preferred). */
function wantsCsv(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  let csv = -1;
  let json = -1;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? 1,
    );
    if (type === 'text/csv') csv = Math.max(csv, q);
    if (type === 'application/json' || type === '*/*' || type === 'application/*') json = Math.max(json, q);
  }
  return csv > 0 && csv >= json;
}

/** The report as JSON, or one of its tables as CSV. */
async function answer(
  request: FastifyRequest,
  query: WindowQuery,
  reply: FastifyReply,
  scope: ReportInput['scope'],
): Promise<AnalyticsReport | string> {
  const { from, to, table } = query;
  const csv = wantsCsv(request);
  if (csv && !table) {
    throw new ServiceError(
      'analytics.table_required',
      'Name the table to send as CSV: ?table=funnel, reply_rates, …',
    );
  }
  const report = await analyticsReport({ ctx: request.ctx, input: { scope, from, to } });
  reply.header('vary', 'accept');
  if (!csv) return report;
  reply.type('text/csv; charset=utf-8');
  return reportCsv(report, table!);
}

const analyticsRoutes: RoutePlugin = async (app) => {
  app.get('/analytics/tenant', { schema: tenantAnalyticsSchema }, async (request, reply) =>
    answer(request, request.query, reply, { kind: 'tenant' }),
  );

  app.get('/analytics/advisors/:advisorId', { schema: advisorAnalyticsSchema }, async (request, reply) =>
    answer(request, request.query, reply, { kind: 'advisor', advisorId: request.params.advisorId }),
  );

  app.get('/analytics/students/:studentId', { schema: studentAnalyticsSchema }, async (request, reply) =>
    answer(request, request.query, reply, { kind: 'student', studentId: request.params.studentId }),
  );

  app.get('/analytics/settings', { schema: getAnalyticsSettingsSchema }, async (request) =>
    getAnalyticsSettings({ ctx: request.ctx }),
  );

  app.put('/analytics/settings', { schema: putAnalyticsSettingsSchema }, async (request) =>
    updateAnalyticsSettings({ ctx: request.ctx, input: request.body }),
  );
};

export default analyticsRoutes;
