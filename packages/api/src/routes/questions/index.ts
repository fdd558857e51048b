import { created, representationEtag } from '../../http/created.js';
import type { RoutePlugin } from '../../http/types.js';
import { createQuestion } from '../../services/questions/create.js';
import { getQuestion } from '../../services/questions/get.js';
import { listQuestions } from '../../services/questions/list.js';
import { createQuestionSchema, getQuestionSchema, listQuestionsSchema } from './schemas.js';

const questionRoutes: RoutePlugin = async (app) => {
  app.get('/questions', { schema: listQuestionsSchema }, async (request) =>
    listQuestions({ ctx: request.ctx, input: request.query }),
  );
  app.post('/questions', { schema: createQuestionSchema }, async (request, reply) => {
    const question = await createQuestion({ ctx: request.ctx, input: request.body });
    return created(reply, `/questions/${encodeURIComponent(question.id)}`, question);
  });
  // A question is never edited: its tag is a hash of what it says.
  app.get('/questions/:id', { schema: getQuestionSchema }, async (request, reply) => {
    const question = await getQuestion({ ctx: request.ctx, input: request.params });
    reply.header('etag', representationEtag(question));
    return question;
  });
};

export default questionRoutes;
