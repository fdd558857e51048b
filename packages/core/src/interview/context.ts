import type { Policy } from '../domain/policy.js';
import type { Contact, Instant, TimeZone } from '../domain/types.js';
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
  /**
   * When the professional can next be asked once the cap is reached: the instant the oldest of
   * the requests that fill the cap leaves the period. The API computes it with the count.
   */
  professionalNextAskAt?: Instant;
  /** The professional is on the tenant's do-not-contact list (rule `outreach.do_not_contact`). */
  doNotContact?: boolean;
}

/** The arguments every guard, check and action receives. */
export interface TransitionArgs<E extends InterviewEvent = InterviewEvent> {
  interview: Interview;
  event: E;
  ctx: TransitionContext;
}
