import { CHANNELS } from '../domain/types.js';
import type { TransitionArgs, TransitionContext } from '../interview/context.js';
import type { InterviewEvent, InterviewEventType } from '../interview/events.js';
import type { Interview, TimelineEntry } from '../interview/interview.js';
import type { Refusal, Warning } from '../interview/outcomes.js';
import { type InterviewState, isClosed } from '../interview/states.js';
import { ruleRecord } from '../rules/catalog.js';
import { isRuleId } from '../rules/ids.js';
import { LIFECYCLE, type LifecycleTable, type TransitionSpec } from './machine.js';

/** Something the caller should do because of a transition, as data. */
export type Effect =
  | { type: 'append_timeline'; entry: TimelineEntry }
  | { type: 'state_changed'; interviewId: string; from: InterviewState; to: InterviewState; at: number }
  | { type: 'reevaluate_network'; interviewId: string };

/** An accepted event: the next snapshot, the new timeline entry, effects and warnings. */
export interface Accepted {
  ok: true;
  snapshot: Interview;
  entry: TimelineEntry;
  effects: Effect[];
  warnings: Warning[];
}

/** A refused event: the snapshot is unchanged. */
export interface Refused {
  ok: false;
  refusal: Refusal;
}

export type TransitionResult = Accepted | Refused;

const MAX_MEETING_MINUTES = 24 * 60;

function invalid(interview: Interview, event: InterviewEvent, message: string): Refused {
  return {
    ok: false,
    refusal: { code: 'event.invalid', message, state: interview.state, event: event.type },
  };
}

function validMeeting(meeting: { at: unknown; durationMinutes: unknown } | undefined): boolean {
  return (
    meeting === undefined ||
    (Number.isFinite(meeting.at) &&
      Number.isInteger(meeting.durationMinutes) &&
      (meeting.durationMinutes as number) > 0 &&
      (meeting.durationMinutes as number) <= MAX_MEETING_MINUTES)
  );
}

/** Payload problems a type system cannot rule out when events arrive over the wire. */
function payloadProblem(event: InterviewEvent): string | null {
  if (!Number.isFinite(event.at)) return 'the event needs a finite `at` instant';
  switch (event.type) {
    case 'send_outreach':
    case 'send_follow_up':
      return (CHANNELS as readonly string[]).includes(event.channel)
        ? null
        : `unknown channel ${event.channel}`;
    case 'receive_reply':
      if (event.response !== 'accepted' && event.response !== 'declined')
        return 'response must be accepted or declined';
      return validMeeting(event.meeting) ? null : 'the meeting needs an instant and 1–1440 minutes';
    case 'schedule_meeting':
      return validMeeting(event.meeting) ? null : 'the meeting needs an instant and 1–1440 minutes';
    case 'complete':
      return event.actualMinutes === undefined ||
        (Number.isInteger(event.actualMinutes) &&
          event.actualMinutes > 0 &&
          event.actualMinutes <= MAX_MEETING_MINUTES)
        ? null
        : 'actualMinutes must be 1–1440';
    case 'record_notes':
      return Array.isArray(event.learnedPoints) && event.learnedPoints.every((p) => typeof p === 'string')
        ? null
        : 'learnedPoints must be a list of strings';
    case 'record_opportunity':
      return event.title.trim() === '' ? 'the opportunity needs a title' : null;
    default:
      return null;
  }
}

function pick(
  candidates: readonly TransitionSpec[] | undefined,
  args: TransitionArgs,
): TransitionSpec | undefined {
  return candidates?.find((c) => !c.when || c.when.check(args));
}

function refuse(args: TransitionArgs, refusal: Omit<Refusal, 'state' | 'event'>): Refused {
  return { ok: false, refusal: { ...refusal, state: args.interview.state, event: args.event.type } };
}

/**
 * The lifecycle's one pure step: the next snapshot plus effects as data, or a typed refusal.
 * Example: `transition(newInterview({ id: 'i1', contactId: 'c1' }),
 *   { type: 'send_outreach', at, channel: 'email' }, ctx)` → `{ ok: true, snapshot: { state: 'awaiting_reply', … } }`.
 */
export function transition(
  interview: Interview,
  event: InterviewEvent,
  ctx: TransitionContext,
): TransitionResult {
  return step(LIFECYCLE, interview, event, ctx);
}

/**
 * `transition` over another lifecycle table, e.g. one with more rules' guards and checks.
 * Example: `transitionIn(withRules(LIFECYCLE, [myRule]))(interview, event, ctx)`.
 */
export function transitionIn(
  table: LifecycleTable,
): (interview: Interview, event: InterviewEvent, ctx: TransitionContext) => TransitionResult {
  return (interview, event, ctx) => step(table, interview, event, ctx);
}

function step(
  table: LifecycleTable,
  interview: Interview,
  event: InterviewEvent,
  ctx: TransitionContext,
): TransitionResult {
  const problem = payloadProblem(event);
  if (problem) return invalid(interview, event, problem);
  const args: TransitionArgs = { interview, event, ctx };

  const last = interview.timeline[interview.timeline.length - 1];
  if (last && event.at < last.at) {
    return refuse(args, {
      code: 'timeline.out_of_order',
      message: `The event is dated before the interview's last event (${new Date(last.at).toISOString()}).`,
    });
  }

  const spec = pick(table[interview.state]?.[event.type], args);
  if (!spec) {
    return refuse(
      args,
      isClosed(interview.state)
        ? {
            code: 'interview.closed',
            message: `The interview is ${interview.state}; ${event.type} is no longer possible.`,
          }
        : {
            code: 'lifecycle.event_not_allowed',
            message: `${event.type} is not possible while the interview is ${interview.state}; possible: ${Object.keys(table[interview.state] ?? {}).join(', ') || 'none'}.`,
          },
    );
  }

  for (const guard of spec.guards ?? []) {
    if (!guard.check(args)) {
      const r = guard.refusal(args);
      return refuse(
        args,
        r.ruleId && isRuleId(r.ruleId) ? { ...r, passage: ruleRecord(r.ruleId).passage } : r,
      );
    }
  }

  const disabled = ctx.policy.disabledRules;
  const warnings: Warning[] = [];
  for (const check of spec.checks ?? []) {
    const w = check.run(args);
    if (w && !disabled.includes(w.ruleId)) warnings.push(w);
  }

  let snapshot: Interview = interview;
  for (const action of spec.actions ?? []) {
    snapshot = { ...snapshot, ...action.apply({ ...args, interview: snapshot }) };
  }
  const entry: TimelineEntry = {
    seq: interview.timeline.length + 1,
    at: event.at,
    type: event.type,
    from: interview.state,
    to: spec.target,
    actor: ctx.actor,
    data: eventData(event),
  };
  snapshot = { ...snapshot, state: spec.target, timeline: [...interview.timeline, entry] };

  const effects: Effect[] = [{ type: 'append_timeline', entry }];
  if (spec.target !== interview.state) {
    effects.push({
      type: 'state_changed',
      interviewId: interview.id,
      from: interview.state,
      to: spec.target,
      at: event.at,
    });
  }
  effects.push({ type: 'reevaluate_network', interviewId: interview.id });
  return { ok: true, snapshot, entry, effects, warnings };
}

function eventData(event: InterviewEvent): Record<string, unknown> | undefined {
  const { type: _type, at: _at, ...rest } = event;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** The events a state accepts. Example: `allowedEvents('prospect')` → `['send_outreach', 'withdraw']`. */
export function allowedEvents(state: InterviewState): InterviewEventType[] {
  return Object.keys(LIFECYCLE[state]) as InterviewEventType[];
}

/**
 * Replays events from a new interview; stops at the first refusal.
 * Example: `replay(newInterview({ id, contactId }), events, ctx)`.
 */
export function replay(
  start: Interview,
  events: readonly InterviewEvent[],
  ctx: TransitionContext,
): { snapshot: Interview; refused: Refused | null } {
  let snapshot = start;
  for (const event of events) {
    const result = transition(snapshot, event, ctx);
    if (!result.ok) return { snapshot, refused: result };
    snapshot = result.snapshot;
  }
  return { snapshot, refused: null };
}
