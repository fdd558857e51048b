// Type-checked (never run) by `pnpm pack:check` in the throwaway project, under `strict`: the
// published declarations must type a consumer's code, and refuse a mistake.

import {
  type Contact,
  createSpeller,
  type Finding,
  type Interview,
  lintMessage,
  newInterview,
  type Policy,
  resolvePolicy,
  type TransitionContext,
  transition,
} from '@infoview/core';
import dictionary from 'dictionary-en';

const resolved = resolvePolicy({ preset: 'guide' });
if (!resolved.ok) throw new Error(resolved.issues.map((issue) => issue.message).join('; '));
const policy: Policy = resolved.policy;

const contact: Contact = { id: 'c-1', name: 'Maria Chen', source: 'event', known: true };
const ctx: TransitionContext = { policy, timeZone: 'UTC', contact, actor: { kind: 'student', id: 's-1' } };
const interview: Interview = newInterview({ id: 'i-1', contactId: 'c-1' });
const result = transition(interview, { type: 'send_outreach', at: 0, channel: 'email' }, ctx);
export const state: Interview['state'] = result.ok ? result.snapshot.state : interview.state;

// @ts-expect-error: not an event of the lifecycle; the published types must say so.
transition(interview, { type: 'teleport', at: 0 }, ctx);

export const findings: Finding[] = lintMessage(
  { kind: 'outreach', subject: 'Hello', body: 'Dear Maria,' },
  { student: { timeZone: 'UTC' }, contact },
  { policy, speller: createSpeller(dictionary) },
);
