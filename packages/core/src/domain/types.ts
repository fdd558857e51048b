/**
 * The domain of informational interviewing in DOMAIN.md's words.
 *
 * Time is an {@link Instant}: epoch milliseconds, UTC. The core never reads a clock; every
 * instant comes in as an argument. Ids are opaque strings chosen by the caller.
 */

/** Epoch milliseconds (UTC). Example: `Date.UTC(2026, 0, 5, 9)`. */
export type Instant = number;

/** An IANA time zone name, e.g. `'America/New_York'`. */
export type TimeZone = string;

/** A calendar date in `YYYY-MM-DD` form, e.g. a tenant holiday `'2026-12-25'`. */
export type LocalDate = string;

/** Where the student found a contact (guide: "Finding People"). */
export const CONTACT_SOURCES = [
  'family',
  'friend',
  'classmate',
  'coworker',
  'supervisor',
  'alumni_directory',
  'faculty',
  'professional_organization',
  'event',
  'online_network',
  'publication',
  'referral',
  'other',
] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];

/** What an interview is about (guide: "possibilities of topics"). */
export const TOPICS = [
  'major_to_career',
  'preparing_for_career',
  'companies_and_positions_fit',
  'organizational_climate',
  'career_change',
] as const;
export type Topic = (typeof TOPICS)[number];

/** How an attempt or touchpoint reached the contact. */
export const CHANNELS = ['email', 'phone', 'in_person', 'message'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One institution; every record belongs to exactly one. */
export interface Tenant {
  id: string;
  name: string;
  /** A sandbox tenant may use a test clock; real tenants always use real time. */
  sandbox?: boolean;
}

/** What message templates may say about the student. */
export interface StudentProfile {
  firstName?: string;
  lastName?: string;
  school?: string;
  program?: string;
  graduationYear?: number;
  background?: string;
  interests?: string;
  email?: string;
  phone?: string;
}

/** The person doing the interviewing (the guide's "you"). */
export interface Student {
  id: string;
  tenantId?: string;
  externalId?: string;
  timeZone: TimeZone;
  profile?: StudentProfile;
}

/** A professional the student may interview. */
export interface Contact {
  id: string;
  studentId?: string;
  name: string;
  organization?: string | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  profileUrl?: string | null;
  source: ContactSource;
  /** Whether the student already knows the person: drives `channel.first_contact`. */
  known: boolean;
  /** For a referral: the contact who named this one. */
  referrerContactId?: string | null;
  /** How the student found the name, in their words (used by outreach templates). */
  foundVia?: string | null;
}

/** A kind of touchpoint: any later contact with someone already interviewed. */
export const TOUCHPOINT_KINDS = [
  'thank_you',
  'keep_in_touch',
  'report_back',
  'milestone_news',
  'article',
  'other',
] as const;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];

/** A later contact with someone already interviewed. Any touchpoint resets keep-in-touch. */
export interface Touchpoint {
  id: string;
  contactId: string;
  at: Instant;
  kind: TouchpointKind;
  channel?: Channel;
  /** For a report-back: the referred contact whose interview this reports on. */
  aboutContactId?: string | null;
  /** For milestone news: which milestone. */
  milestoneId?: string | null;
  summary?: string | null;
}

export const MILESTONE_KINDS = ['position_secured', 'major_selected', 'career_path_chosen'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** A student outcome that the people they spoke with will want to hear about. */
export interface Milestone {
  id: string;
  kind: MilestoneKind;
  at: Instant;
  description?: string | null;
}

/** A new contact named during an interview ("Is there anyone else…"). */
export interface Referral {
  id: string;
  /** The interview during which the referral was given. */
  fromInterviewId: string;
  /** The referred contact, once the student has added them. */
  contactId?: string | null;
  name: string;
  at: Instant;
}
