import { Readable } from 'node:stream';
import type { RoutePlugin } from '../../http/types.js';
import { exportStudent, type StudentExportFormat } from '../../services/exports/export-student.js';
import { exportStudentSchema } from './schemas.js';

const CONTENT_TYPES: Record<StudentExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  vcard: 'text/vcard; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** `format` wins; otherwise the first of vCard or CSV the `Accept` header names; otherwise JSON. */
function negotiate(format: StudentExportFormat | undefined, accept: string | undefined): StudentExportFormat {
  if (format) return format;
  const wanted = (accept ?? '').toLowerCase();
  const vcard = wanted.search(/text\/(x-)?vcard/);
  const csv = wanted.indexOf('text/csv');
  if (vcard >= 0 && (csv < 0 || vcard < csv)) return 'vcard';
  if (csv >= 0) return 'csv';
  return 'json';
}

const FILE_EXTENSIONS: Record<StudentExportFormat, string> = { json: 'json', vcard: 'vcf', csv: 'csv' };

/** A student's data, out: the export door of docs/data-export.md (the erasure is routes/erasures). */
const exportRoutes: RoutePlugin = async (app) => {
  app.get('/students/:id/export', { schema: exportStudentSchema }, async (request, reply) => {
    const format = negotiate(request.query.format, request.headers.accept);
    const chunks = await exportStudent({ ctx: request.ctx, input: { id: request.params.id, format } });
    const name = format === 'json' ? 'student' : 'contacts';
    reply
      .type(CONTENT_TYPES[format])
      .header('vary', 'accept')
      .header('cache-control', 'no-store')
      .header(
        'content-disposition',
        `attachment; filename="${name}-${request.params.id}.${FILE_EXTENSIONS[format]}"`,
      );
    // A stream is sent as is (no response serializer); memory holds a page of rows at a time.
    return reply.send(Readable.from(chunks, { objectMode: false }));
  });
};

export default exportRoutes;
