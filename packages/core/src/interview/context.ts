import type { Policy } from '../domain/policy.js';
import type { Contact, TimeZone } from '../domain/types.js';
import type { InterviewEvent } from './events.js';
import type { Actor, Interview } from './interview.js';

/** What a transition needs besides the snapshot and the event. */
export interface TransitionContext {
  policy: Policy;
  /** The student's IANA time zone: day-based policy durations are counted in it. */
  timeZone: TimeZone;
  contact: Pick<Contact, 'known'>;
  actor: Actor;
  /**
   * Outreach requests this professional already received from the tenant's students within
   * the cap's period (rule `outreach.professional_cap`). The API counts them.
   */
  professionalRequests?: number;
}

/** The arguments every guard, check and action receives. */
export interface TransitionArgs<E extends InterviewEvent = InterviewEvent> {
  interview: Interview;
  event: E;
  ctx: TransitionContext;
}
