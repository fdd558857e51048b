import type { MessageKind } from '@infoview/core';
import { messages } from '../../db/schema/content.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleInterview } from '../interviews/find.js';
import { findVisibleStudent } from '../students/find.js';
import { type MessageView, presentMessage } from './present.js';

/**
 * Records a message the student sent (Infoview does not send it). Recording an outreach does not
 * record the attempt: the lifecycle changes only through `POST /interviews/{id}/attempts`, so a
 * draft saved twice can never count as two attempts.
 */
export async function recordMessage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    kind: MessageKind;
    subject?: string | null | undefined;
    body: string;
    sentAt?: string | undefined;
    interviewId?: string | undefined;
    studentId?: string | undefined;
  };
}): Promise<MessageView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    let studentId: string;
    if (input.interviewId) {
      const interview = await findVisibleInterview(ctx, input.interviewId);
      if (input.studentId && input.studentId !== interview.studentId) {
        throw new ServiceError('request.reference_invalid', 'studentId is not the interview’s student', {
          errors: [{ path: '/body/studentId', message: "is not the interview's student" }],
        });
      }
      studentId = interview.studentId;
    } else if (input.studentId) {
      studentId = (await findVisibleStudent(ctx, input.studentId)).id;
    } else {
      throw new ServiceError('request.validation_failed', 'Send interviewId or studentId', {
        errors: [{ path: '/body/interviewId', message: 'is required when studentId is absent' }],
      });
    }
    const now = ctx.now();
    const [row] = await ctx.db
      .insert(messages)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        studentId,
        interviewId: input.interviewId ?? null,
        kind: input.kind,
        subject: input.subject ?? null,
        body: input.body,
        sentAt: input.sentAt === undefined ? now : new Date(input.sentAt),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return presentMessage(row!);
  });
}
