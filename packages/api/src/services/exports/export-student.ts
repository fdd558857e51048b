import { type ContactRow, contacts } from '../../db/schema/contacts.js';
import { requireRole, type ServiceContext } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { contactCsvHeader, contactCsvRow } from './csv.js';
import { pagesOf } from './pages.js';
import { studentDocument } from './student-document.js';
import { contactVcard } from './vcard.js';

export const STUDENT_EXPORT_FORMATS = ['json', 'vcard', 'csv'] as const;
export type StudentExportFormat = (typeof STUDENT_EXPORT_FORMATS)[number];

async function* contactsAs(
  ctx: ServiceContext,
  studentId: string,
  header: string,
  each: (row: ContactRow) => string,
): AsyncGenerator<string> {
  if (header) yield header;
  for await (const page of pagesOf<ContactRow>(ctx, contacts, studentId)) yield page.map(each).join('');
}

/**
 * A student's data to take away: the whole record as JSON, or their contacts as vCard 4.0 or CSV.
 * The student themselves (or an integration acting as them), admins and integration keys; not
 * advisors — they help a student with their search but do not carry their data off. Access is
 * checked before the first chunk, so a refusal is a problem, never a cut-off document.
 */
export async function exportStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; format: StudentExportFormat };
}): Promise<AsyncIterable<string>> {
  requireRole(ctx, 'admin', 'integration', 'student');
  const student = await findVisibleStudent(ctx, input.id);
  switch (input.format) {
    case 'json':
      return studentDocument(ctx, student);
    case 'vcard':
      return contactsAs(ctx, student.id, '', contactVcard);
    case 'csv':
      return contactsAs(ctx, student.id, contactCsvHeader(), contactCsvRow);
  }
}
