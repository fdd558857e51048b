import type { Contact, Instant, MilestoneKind, StudentProfile, TimeZone, Topic } from '../domain/types.js';

/** A person a message mentions (recipient, referrer, referred). Example: `{ name: 'Maria Okonkwo', organization: 'Wayfair' }`. */
export type MessagePerson = Pick<Contact, 'name'> &
  Partial<Pick<Contact, 'organization' | 'title' | 'email' | 'profileUrl' | 'source' | 'known' | 'foundVia'>>;

/** The meeting a message refers to. Example: `{ startsAt: Date.UTC(2026, 2, 3, 19), endsAt: Date.UTC(2026, 2, 3, 19, 30) }`. */
export interface MessageMeeting {
  startsAt?: Instant;
  endsAt?: Instant;
  /** Pre-formatted date and time, e.g. `'Tuesday, March 3 at 2:00 PM'`; wins over `startsAt`. */
  when?: string;
  /** Pre-formatted day, e.g. `'Tuesday, March 3'`; wins over `startsAt`. */
  day?: string;
}

/**
 * Everything a template or the lint may say about the people and the conversation.
 * Example: `{ student: { timeZone: 'America/New_York', profile: { firstName: 'Ana' } },
 *   contact: { name: 'Maria Chen', source: 'alumni_directory', known: false }, topics: ['career_change'] }`.
 */
export interface MessageContext {
  student: { timeZone?: TimeZone; profile?: StudentProfile };
  /** The recipient. For a report-back, the referrer being told how it went. */
  contact: MessagePerson;
  /** Who referred the student to `contact` (referral outreach). */
  referrer?: MessagePerson | null;
  /** For a report-back: the person the recipient referred the student to. */
  referred?: MessagePerson | null;
  topics?: readonly Topic[];
  /** Points learned in the meeting, as recorded in the notes, e.g. `'how analysts use SQL daily'`. */
  learnedPoints?: readonly string[];
  meeting?: MessageMeeting | null;
  milestone?: { kind: MilestoneKind; description?: string | null } | null;
  /** Keep-in-touch news, one or two sentences in the student's words. */
  update?: string | null;
  /** BCP 47 locale for dates; default `'en-US'`. */
  locale?: string;
}
