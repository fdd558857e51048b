import {
  type Channel,
  type Finding,
  lintMessage,
  type MessageContext,
  type MessageKind,
  RULES,
} from '@infoview/core';
import type { ServiceContext } from '../context.js';
import { policyForStudent, policyInForce } from '../policies/in-force.js';
import { messageContextOf } from './context.js';
import { englishSpeller } from './speller.js';

export interface LintMessageInput {
  kind: MessageKind;
  subject?: string | undefined;
  body: string;
  interviewId?: string | undefined;
  sentAt?: string | undefined;
  channel?: Channel | undefined;
  /** How many misspellings get a suggested fix (default 3). */
  suggestions?: number | undefined;
}

/** A finding as the API answers it: with its rule's summary and the guide's passage. */
export type LintedFinding = Finding & { ruleSummary?: string; passage?: string };

const RULE_BY_ID = new Map(RULES.map((rule) => [rule.id as string, rule]));

/**
 * Checks a draft against the guide's rules with the student's policy and an English speller.
 * With an interview, the checks that need people and facts (referrer named, learned points,
 * thank-you timing, raised opportunities) run too.
 */
export async function lintDraft({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: LintMessageInput;
}): Promise<{ findings: LintedFinding[] }> {
  let context: MessageContext = { student: {}, contact: { name: '' } };
  let opportunities: { title: string }[] = [];
  // The interview's student's policy; without one, the calling student's (or the tenant's).
  let studentId = ctx.actor.studentId;
  if (input.interviewId) {
    const loaded = await messageContextOf(ctx, input.kind, input.interviewId);
    context = loaded.context;
    opportunities = loaded.interview.facts.opportunities;
    studentId = loaded.interview.studentId;
  }
  const policy = studentId ? await policyForStudent(ctx, studentId) : await policyInForce(ctx);
  const findings = lintMessage(
    {
      kind: input.kind,
      body: input.body,
      ...(input.subject === undefined ? {} : { subject: input.subject }),
      ...(input.sentAt === undefined ? {} : { sentAt: new Date(input.sentAt).getTime() }),
      ...(input.channel === undefined ? {} : { channel: input.channel }),
    },
    context,
    {
      policy,
      speller: await englishSpeller(),
      opportunities,
      ...(input.suggestions === undefined ? {} : { maxSuggestions: input.suggestions }),
    },
  );
  // The guide's words and the rule's summary travel with each finding, so a client that shows the
  // finding (the composer) needs no copy of the rule catalog.
  return {
    findings: findings.map((finding) => {
      const rule = RULE_BY_ID.get(finding.ruleId);
      return rule ? { ...finding, ruleSummary: rule.summary, passage: rule.passage } : finding;
    }),
  };
}
