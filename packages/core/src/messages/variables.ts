import type { ContactSource, Topic } from '../domain/types.js';
import type { MessageContext, MessagePerson } from './context.js';

/** Human phrases for the topics, completing "I am interested in …". Example: `TOPIC_PHRASES.career_change`. */
export const TOPIC_PHRASES: Readonly<Record<Topic, string>> = {
  major_to_career: 'how my major connects to your field',
  preparing_for_career: 'how to prepare for a career like yours',
  companies_and_positions_fit: 'which companies might be a good fit for me',
  organizational_climate: 'what the culture is like in your organization',
  career_change: 'how to move into your field from another career',
};

/**
 * How the student found a contact, completing "I found your name …". A contact's own
 * `foundVia` wins; `{school}` and `{referrer}` are filled when known.
 */
const FOUND_VIA: Readonly<Record<ContactSource, string | undefined>> = {
  family: 'through my family',
  friend: 'through a friend',
  classmate: 'through a classmate',
  coworker: 'through a coworker',
  supervisor: 'through a former supervisor',
  alumni_directory: 'in the {school} alumni directory',
  faculty: 'through a faculty member at {school}',
  professional_organization: 'through a professional organization in your field',
  event: 'at a recent event in your field',
  online_network: 'on LinkedIn',
  publication: 'through your published work',
  referral: 'through {referrer}',
  other: undefined,
};

const MILESTONE_NEWS = {
  position_secured: 'I have accepted a new position',
  major_selected: 'I have selected my major',
  career_path_chosen: 'I have chosen my career path',
} as const;

/** Every variable a template may use, with what it holds. Example: `'student.firstName'`. */
export const TEMPLATE_VARIABLES = {
  'student.firstName': "the student's first name",
  'student.lastName': "the student's last name",
  'student.fullName': "the student's first and last name",
  'student.school': "the student's school",
  'student.program': "the student's program or major, e.g. 'computer science'",
  'student.graduationYear': "the student's graduation year",
  'student.background': 'one or two sentences of background, as the student wrote them',
  'student.interests': "the student's interests, as the student wrote them",
  'student.email': "the student's email",
  'student.phone': "the student's phone",
  'contact.name': "the recipient's name",
  'contact.firstName': "the recipient's first name (without Dr., Prof., …)",
  'contact.lastName': "the recipient's last name",
  'contact.organization': "the recipient's organization",
  'contact.title': "the recipient's title",
  'contact.email': "the recipient's email",
  'contact.known': 'present when the student already knows the recipient (use in {{#if}})',
  'found.how': "how the student found the recipient, completing 'I found your name …'",
  'referrer.name': "the referrer's name",
  'referrer.firstName': "the referrer's first name",
  'referrer.organization': "the referrer's organization",
  'referred.name': 'for a report-back: the name of the person the recipient referred the student to',
  'referred.firstName': "for a report-back: the referred person's first name",
  'referred.organization': "for a report-back: the referred person's organization",
  'topics.phrase': "the topics as one phrase, completing 'I am interested in …'",
  'topics.first': 'the first topic as a phrase',
  'learned.points': "the learned points (up to the policy's maximum), joined with 'and'",
  'learned.first': 'the first learned point',
  'learned.second': 'the second learned point',
  'meeting.when': "the meeting's date and time in the student's time zone",
  'meeting.day': "the meeting's day in the student's time zone",
  'meeting.length': "the meeting length asked for, e.g. '20-30 minutes' (from the policy)",
  'milestone.news': "the milestone, completing 'I wanted to let you know that …'",
  'update.text': 'keep-in-touch news, as the student wrote it',
} as const satisfies Record<string, string>;

/** A variable a template may use, e.g. `'contact.firstName'`. */
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** Whether `name` is a known template variable. Example: `isTemplateVariable('found.how') === true`. */
export function isTemplateVariable(name: string): name is TemplateVariable {
  return Object.hasOwn(TEMPLATE_VARIABLES, name);
}

/** Settings that shape variable values (the policy's meeting length and thank-you points). */
export interface VariableSettings {
  meetingMinMinutes: number;
  meetingMaxMinutes: number;
  maxPoints: number;
}

const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame)\.?$/i;

function nameParts(name: string | undefined | null): { first?: string; last?: string } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const rest = words[0] && HONORIFIC.test(words[0]) && words.length > 1 ? words.slice(1) : words;
  return { first: rest[0], last: rest.length > 1 ? rest[rest.length - 1] : undefined };
}

/** Join phrases as English: "a", "a and b", "a, b, and c". */
export function joinPhrases(phrases: readonly string[]): string | undefined {
  if (phrases.length === 0) return undefined;
  if (phrases.length <= 2) return phrases.join(' and ');
  return `${phrases.slice(0, -1).join(', ')}, and ${phrases[phrases.length - 1]}`;
}

function clean(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim().replace(/\s+/g, ' ');
  return text === '' ? undefined : text;
}

/**
 * A learned point as a phrase inside a sentence: no final stop, a lowercase first word unless it is
 * a name or an acronym. `names` holds the words the context knows to be names (the contact's
 * organization, people's names, the school): "Northwind is hiring" keeps its capital.
 */
function point(text: string, names: ReadonlySet<string>): string | undefined {
  const phrase = clean(text.replace(/[.;!\s]+$/, ''));
  if (phrase === undefined) return undefined;
  const first = /^[\p{L}\p{N}'’-]+/u.exec(phrase)?.[0] ?? '';
  return /^[A-Z][a-z]/.test(phrase) &&
    !/^[A-Z][a-z]+[A-Z]/.test(phrase) &&
    !/^I\b/.test(phrase) &&
    !names.has(first.replace(/['’]s$/, ''))
    ? phrase[0]!.toLowerCase() + phrase.slice(1)
    : phrase;
}

/** The capitalised words of the names a context holds (people, organizations, the school). */
function namesOf(context: MessageContext): Set<string> {
  const people = [context.contact, context.referrer, context.referred];
  const texts = [
    ...people.flatMap((person) => [person?.name, person?.organization]),
    context.student.profile?.firstName,
    context.student.profile?.lastName,
    context.student.profile?.school,
  ];
  const words = texts.flatMap((text) => (text ?? '').split(/[^\p{L}\p{N}'’-]+/u));
  return new Set(words.filter((word) => /^\p{Lu}/u.test(word)));
}

function formatInstant(
  at: number | undefined,
  context: MessageContext,
  options: Intl.DateTimeFormatOptions,
): string | undefined {
  if (at === undefined || !Number.isFinite(at)) return undefined;
  return new Intl.DateTimeFormat(context.locale ?? 'en-US', {
    ...options,
    timeZone: context.student.timeZone ?? 'UTC',
  }).format(at);
}

function personVariables(
  prefix: string,
  person: MessagePerson | null | undefined,
): Record<string, string | undefined> {
  const parts = nameParts(person?.name);
  return {
    [`${prefix}.name`]: clean(person?.name),
    [`${prefix}.firstName`]: clean(parts.first),
    [`${prefix}.lastName`]: clean(parts.last),
    [`${prefix}.organization`]: clean(person?.organization),
    [`${prefix}.title`]: clean(person?.title),
    [`${prefix}.email`]: clean(person?.email),
  };
}

/**
 * Every variable's value for a context; a variable without a value is `undefined`.
 * Example: `messageVariables(ctx, settings)['contact.firstName'] === 'Maria'`.
 */
export function messageVariables(
  context: MessageContext,
  settings: VariableSettings,
): Readonly<Record<TemplateVariable, string | undefined>> {
  const profile = context.student.profile ?? {};
  const school = clean(profile.school);
  const referrerName = clean(context.referrer?.name);
  const source = context.contact.source;
  const template = source ? FOUND_VIA[source] : undefined;
  const foundTemplate =
    template?.includes('{school}') && !school
      ? template.replace(' at {school}', '').replace(' {school}', '')
      : template?.includes('{referrer}') && !referrerName
        ? undefined
        : template;
  const found =
    clean(context.contact.foundVia) ??
    foundTemplate?.replace('{school}', school ?? '').replace('{referrer}', referrerName ?? '');
  const topics = [...new Set(context.topics ?? [])].map((topic) => TOPIC_PHRASES[topic]);
  const names = namesOf(context);
  const points = (context.learnedPoints ?? [])
    .map((text) => point(text, names))
    .filter((p): p is string => p !== undefined);
  const { meetingMinMinutes: min, meetingMaxMinutes: max } = settings;
  const meeting = context.meeting;
  const at = meeting?.startsAt ?? meeting?.endsAt;
  const firstLast = [clean(profile.firstName), clean(profile.lastName)].filter(Boolean).join(' ');
  const values: Record<string, string | undefined> = {
    'student.firstName': clean(profile.firstName),
    'student.lastName': clean(profile.lastName),
    'student.fullName': clean(firstLast),
    'student.school': school,
    'student.program': clean(profile.program),
    'student.graduationYear': clean(profile.graduationYear),
    'student.background': clean(profile.background),
    'student.interests': clean(profile.interests),
    'student.email': clean(profile.email),
    'student.phone': clean(profile.phone),
    ...personVariables('contact', context.contact),
    'contact.known': context.contact.known ? 'yes' : undefined,
    'found.how': clean(found),
    ...personVariables('referrer', context.referrer),
    ...personVariables('referred', context.referred),
    'topics.phrase': joinPhrases(topics),
    'topics.first': topics[0],
    'learned.points': joinPhrases(points.slice(0, Math.max(1, settings.maxPoints))),
    'learned.first': points[0],
    'learned.second': points[1],
    'meeting.when':
      clean(meeting?.when) ??
      formatInstant(meeting?.startsAt, context, {
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
    'meeting.day':
      clean(meeting?.day) ?? formatInstant(at, context, { weekday: 'long', month: 'long', day: 'numeric' }),
    'meeting.length': min === max ? `${max} minutes` : `${min}-${max} minutes`,
    'milestone.news': context.milestone
      ? (point(context.milestone.description ?? '', names) ?? MILESTONE_NEWS[context.milestone.kind])
      : undefined,
    'update.text': clean(context.update),
  };
  const known: Record<string, string | undefined> = {};
  for (const name of Object.keys(TEMPLATE_VARIABLES)) known[name] = values[name];
  return known as Record<TemplateVariable, string | undefined>;
}
