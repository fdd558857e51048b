import { type MessageKind, MessageTemplateError, type RenderedMessage, renderMessage } from '@infoview/core';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { policyForStudent } from '../policies/in-force.js';
import { messageContextOf } from './context.js';

/** Fills the template of `kind` for an interview; a value the template needs but lacks is a 422 naming it. */
export async function renderInterviewMessage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { kind: MessageKind; interviewId: string; update?: string | undefined };
}): Promise<RenderedMessage & { kind: MessageKind; interviewId: string }> {
  const { context, interview } = await messageContextOf(ctx, input.kind, input.interviewId);
  const policy = await policyForStudent(ctx, interview.studentId);
  try {
    const rendered = renderMessage(input.kind, { ...context, update: input.update ?? null }, { policy });
    return { kind: input.kind, interviewId: input.interviewId, ...rendered };
  } catch (error) {
    if (error instanceof MessageTemplateError) {
      throw new ServiceError(error.code, error.message, {
        extensions: { ...(error.variable ? { variable: error.variable } : {}) },
      });
    }
    throw error;
  }
}
