import type { RoutePlugin } from '../../http/types.js';
import { createQuestion } from '../../services/questions/create.js';
import { listQuestions } from '../../services/questions/list.js';
import { createQuestionSchema, listQuestionsSchema } from './schemas.js';

const questionRoutes: RoutePlugin = async (app) => {
  app.get('/questions', { schema: listQuestionsSchema }, async (request) =>
    listQuestions({ ctx: request.ctx, input: request.query }),
  );
  app.post('/questions', { schema: createQuestionSchema }, async (request, reply) => {
    const question = await createQuestion({ ctx: request.ctx, input: request.body });
    reply.code(201);
    return question;
  });
};

export default questionRoutes;
