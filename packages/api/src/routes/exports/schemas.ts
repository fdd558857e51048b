import { Type } from 'typebox';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, StrictObject, StringEnum, Timestamp } from '../../http/schemas.js';
import { STUDENT_EXPORT_FORMATS } from '../../services/exports/export-student.js';
import { STUDENT_EXPORT_FORMAT, STUDENT_EXPORT_VERSION } from '../../services/exports/student-document.js';
import { Interview, TimelineEvent } from '../../services/interviews/present.js';
import { Contact } from '../contacts/schemas.js';
import { Note, Referral } from '../interviews/schemas.js';
import { Message } from '../messages/schemas.js';
import { Milestone, Touchpoint } from '../network/schemas.js';
import { Student } from '../students/schemas.js';
import { Task } from '../tasks/schemas.js';

const QuestionListItem = Type.Union([
  Type.Object({ questionId: Type.String() }),
  Type.Object({ text: Type.String() }),
]);

/**
 * The student export, version 1: the API's own views of each record (the same objects its GET
 * routes answer), so the export's schema is those schemas and cannot drift from them.
 */
export const StudentExport = Type.Object(
  {
    format: Type.Literal(STUDENT_EXPORT_FORMAT),
    version: Type.Literal(STUDENT_EXPORT_VERSION, {
      description: 'Bumped on any change that is not an addition (docs/data-export.md)',
    }),
    exportedAt: Timestamp,
    student: Student,
    contacts: Type.Array(Contact),
    interviews: Type.Array(
      Type.Intersect([
        Interview,
        Type.Object({
          questionList: Type.Array(QuestionListItem, {
            description: 'The interview question list as the student set it',
          }),
          timeline: Type.Array(TimelineEvent, { description: 'Every accepted lifecycle event, in order' }),
        }),
      ]),
    ),
    notes: Type.Array(Note),
    referrals: Type.Array(Referral),
    messages: Type.Array(Message),
    touchpoints: Type.Array(Touchpoint),
    milestones: Type.Array(Milestone),
    tasks: Type.Array(Task),
  },
  { $id: 'StudentExport', description: "A student's whole record (format infoview.student-export)" },
);

export const exportStudentSchema = {
  operationId: 'exportStudent',
  tags: ['students'],
  summary: "A student's whole record, streamed: JSON, or the contacts as vCard 4.0 or CSV",
  description:
    'The student themselves, an admin or an integration key (advisors may not). `format` picks the ' +
    'representation; without it the `Accept` header does (`text/vcard`, `text/csv`, else JSON). ' +
    'The JSON document follows the `StudentExport` schema (docs/data-export.md).',
  params: IdParams,
  querystring: StrictObject({
    format: Type.Optional(StringEnum(STUDENT_EXPORT_FORMATS)),
  }),
  response: {
    200: {
      description: 'The export',
      content: {
        'application/json': { schema: StudentExport },
        'text/vcard': { schema: { type: 'string', description: 'vCard 4.0, one card per contact' } },
        'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV with a header row' } },
      },
    },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};
