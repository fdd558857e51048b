import { etagOf, expectedVersion } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import type { ActionResult } from '../../services/interviews/apply-event.js';
import { cancelMeeting } from '../../services/interviews/cancel-meeting.js';
import { completeInterview } from '../../services/interviews/complete.js';
import { createInterview } from '../../services/interviews/create.js';
import { getInterview } from '../../services/interviews/get.js';
import { listInterviews } from '../../services/interviews/list.js';
import { recordAttempt } from '../../services/interviews/record-attempt.js';
import { recordNoReferral } from '../../services/interviews/record-no-referral.js';
import { recordNotes } from '../../services/interviews/record-notes.js';
import { recordOpportunity } from '../../services/interviews/record-opportunity.js';
import { recordReferral } from '../../services/interviews/record-referral.js';
import { recordReply } from '../../services/interviews/record-reply.js';
import { scheduleMeeting } from '../../services/interviews/schedule-meeting.js';
import { sendThankYou } from '../../services/interviews/send-thank-you.js';
import { listTimeline } from '../../services/interviews/timeline.js';
import { updatePrep } from '../../services/interviews/update-prep.js';
import { withdrawInterview } from '../../services/interviews/withdraw.js';
import { listNotes } from '../../services/notes/list.js';
import { getInterviewQuestions } from '../../services/questions/get-interview-list.js';
import { setInterviewQuestions } from '../../services/questions/set-interview-list.js';
import {
  cancelMeetingSchema,
  completeInterviewSchema,
  createInterviewSchema,
  getInterviewSchema,
  getQuestionListSchema,
  listInterviewsSchema,
  listNotesSchema,
  listTimelineSchema,
  putQuestionListSchema,
  recordAttemptSchema,
  recordNoReferralSchema,
  recordNotesSchema,
  recordOpportunitySchema,
  recordReferralSchema,
  recordReplySchema,
  scheduleMeetingSchema,
  sendThankYouSchema,
  updatePrepSchema,
  withdrawInterviewSchema,
} from './schemas.js';

/** `If-Match` is required on every lifecycle action: two tabs never silently overwrite each other. */
const ifMatch = (request: { headers: Record<string, unknown>; params: { id: string } }) => ({
  id: request.params.id,
  expectedVersion: expectedVersion(request.headers['if-match'] as string | undefined, request.params.id),
});

const interviewRoutes: RoutePlugin = async (app) => {
  app.post('/interviews', { schema: createInterviewSchema }, async (request, reply) => {
    const interview = await createInterview({ ctx: request.ctx, input: request.body });
    reply.code(201).header('location', `/interviews/${interview.id}`).header('etag', etagOf(interview));
    return interview;
  });

  app.get('/interviews', { schema: listInterviewsSchema }, async (request) =>
    listInterviews({ ctx: request.ctx, input: request.query }),
  );

  app.get('/interviews/:id', { schema: getInterviewSchema }, async (request, reply) => {
    const interview = await getInterview({ ctx: request.ctx, input: request.params });
    reply.header('etag', etagOf(interview));
    return interview;
  });

  app.get('/interviews/:id/timeline', { schema: listTimelineSchema }, async (request) =>
    listTimeline({ ctx: request.ctx, input: { ...request.query, id: request.params.id } }),
  );

  app.get('/interviews/:id/notes', { schema: listNotesSchema }, async (request) =>
    listNotes({ ctx: request.ctx, input: { ...request.query, interviewId: request.params.id } }),
  );

  const done = <T extends ActionResult>(
    reply: { header(name: string, value: string): unknown },
    result: T,
  ) => {
    reply.header('etag', etagOf(result.interview));
    return result;
  };

  app.post('/interviews/:id/attempts', { schema: recordAttemptSchema }, async (request, reply) =>
    done(reply, await recordAttempt({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/reply', { schema: recordReplySchema }, async (request, reply) =>
    done(reply, await recordReply({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/meeting', { schema: scheduleMeetingSchema }, async (request, reply) =>
    done(reply, await scheduleMeeting({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/meeting/cancel', { schema: cancelMeetingSchema }, async (request, reply) =>
    done(reply, await cancelMeeting({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/complete', { schema: completeInterviewSchema }, async (request, reply) =>
    done(
      reply,
      await completeInterview({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } }),
    ),
  );
  app.post('/interviews/:id/prep', { schema: updatePrepSchema }, async (request, reply) =>
    done(reply, await updatePrep({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/notes', { schema: recordNotesSchema }, async (request, reply) =>
    done(reply, await recordNotes({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/thank-you', { schema: sendThankYouSchema }, async (request, reply) =>
    done(reply, await sendThankYou({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/referrals', { schema: recordReferralSchema }, async (request, reply) =>
    done(reply, await recordReferral({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } })),
  );
  app.post('/interviews/:id/no-referral', { schema: recordNoReferralSchema }, async (request, reply) =>
    done(
      reply,
      await recordNoReferral({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } }),
    ),
  );
  app.post('/interviews/:id/opportunities', { schema: recordOpportunitySchema }, async (request, reply) =>
    done(
      reply,
      await recordOpportunity({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } }),
    ),
  );
  app.post('/interviews/:id/withdraw', { schema: withdrawInterviewSchema }, async (request, reply) =>
    done(
      reply,
      await withdrawInterview({ ctx: request.ctx, input: { ...ifMatch(request), ...request.body } }),
    ),
  );

  app.get('/interviews/:id/questions', { schema: getQuestionListSchema }, async (request, reply) => {
    const list = await getInterviewQuestions({ ctx: request.ctx, input: { interviewId: request.params.id } });
    reply.header('etag', etagOf({ id: list.interviewId, version: list.version }));
    return list;
  });
  app.put('/interviews/:id/questions', { schema: putQuestionListSchema }, async (request, reply) => {
    const { id, expectedVersion: expected } = ifMatch(request);
    const list = await setInterviewQuestions({
      ctx: request.ctx,
      input: { interviewId: id, expectedVersion: expected, items: request.body.items },
    });
    reply.header('etag', etagOf({ id: list.interviewId, version: list.version }));
    return list;
  });
};

export default interviewRoutes;
