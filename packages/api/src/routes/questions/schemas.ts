import { QUESTION_CATEGORIES } from '@infoview/core';
import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { StrictObject, StringEnum, Text } from '../../http/schemas.js';

const Category = StringEnum(QUESTION_CATEGORIES);

export const Question = Type.Object(
  {
    id: Type.String({ description: 'Stable, dotted: guide.<category>.<n> or the tenant’s own' }),
    category: Category,
    text: Type.String(),
    source: StringEnum(['guide', 'tenant', 'student'] as const),
    referral: Type.Optional(Type.Boolean({ description: 'Asks for another contact' })),
  },
  { $id: 'Question', description: 'A question a student may ask in an informational interview' },
);

export const listQuestionsSchema = {
  operationId: 'listQuestions',
  tags: ['questions'],
  summary: "The question bank: the guide's questions, then the tenant's",
  querystring: StrictObject({ ...PageQuery, category: Type.Optional(Category) }),
  response: { 200: PageOf(Question, 'A page of questions'), ...problems(...COMMON_PROBLEMS) },
};

export const createQuestionSchema = {
  operationId: 'createQuestion',
  tags: ['questions'],
  summary: "Add one of the tenant's own questions (admin, advisor)",
  body: StrictObject({
    id: Text(100, { minLength: 3, description: 'Dotted lower-case words, e.g. neu.fit.1' }),
    category: Category,
    text: Text(300, { minLength: 5 }),
    referral: Type.Optional(Type.Boolean()),
  }),
  response: {
    201: { ...Question, headers: CreatedHeaders('question') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 409, 422),
  },
};

export const getQuestionSchema = {
  operationId: 'getQuestion',
  tags: ['questions'],
  summary: "Read one question of the bank (the guide's or the tenant's)",
  params: StrictObject({ id: Text(100, { minLength: 1, description: 'The question id, e.g. guide.fit.1' }) }),
  response: {
    200: {
      ...Question,
      headers: { etag: { type: 'string', description: 'A hash of the question; it never changes' } },
    },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};
