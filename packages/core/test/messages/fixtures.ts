import dictionary from 'dictionary-en';
import type { Policy } from '../../src/domain/policy.js';
import type { MessageContext } from '../../src/messages/context.js';
import { createSpeller } from '../../src/messages/speller.js';
import { GUIDE_POLICY, TWO_HOUR_JOB_SEARCH_POLICY } from '../../src/policy/presets.js';

/** The guide preset, with any keys changed. */
export function guidePolicy(overrides: Partial<Policy> = {}): Policy {
  return { ...GUIDE_POLICY, ...overrides };
}

/** The two_hour_job_search preset, with any keys changed. */
export function threeB7Policy(overrides: Partial<Policy> = {}): Policy {
  return { ...TWO_HOUR_JOB_SEARCH_POLICY, ...overrides };
}

/** One real dictionary-en speller for every test (loading takes a few hundred ms). */
export const speller = createSpeller(dictionary);

export const MEETING_START = Date.UTC(2026, 2, 3, 19, 0); // Tuesday 3 March 2026, 2:00 PM in Boston
export const MEETING_END = MEETING_START + 30 * 60_000;

const student: MessageContext['student'] = {
  timeZone: 'America/New_York',
  profile: {
    firstName: 'Ana',
    lastName: 'Lima',
    school: 'Northeastern University',
    program: 'data science',
    graduationYear: 2027,
    background: 'I spent my last co-op analyzing patient wait times at a Boston hospital.',
    email: 'lima.a@northeastern.edu',
  },
};

/** Guide situation 1: an alumnus the student does not know, found in the alumni directory, by email. */
export const alumnusContext: MessageContext = {
  student,
  contact: {
    name: 'Maria Okonkwo',
    organization: 'Wayfair',
    title: 'Senior Data Analyst',
    email: 'mokonkwo@wayfair.com',
    source: 'alumni_directory',
    known: false,
  },
  topics: ['major_to_career', 'preparing_for_career'],
};

/** Guide situation 2: a former supervisor the student knows, by phone. */
export const supervisorContext: MessageContext = {
  student,
  contact: {
    name: 'David Reyes',
    organization: 'Boston Children’s Hospital',
    source: 'supervisor',
    known: true,
  },
  topics: ['career_change'],
};

/** Guide situation 3: a contact referred by a faculty member. */
export const referralContext: MessageContext = {
  student,
  contact: { name: 'Priya Raman', organization: 'HubSpot', source: 'referral', known: false },
  referrer: { name: 'Professor Lena Hoffmann', organization: 'Northeastern University', source: 'faculty' },
  topics: ['organizational_climate'],
};

/** After a meeting: notes with learned points. */
export const afterMeetingContext: MessageContext = {
  ...alumnusContext,
  meeting: { startsAt: MEETING_START, endsAt: MEETING_END },
  learnedPoints: ['how analysts at Wayfair use SQL every day', 'joining the local data science meetup'],
};
