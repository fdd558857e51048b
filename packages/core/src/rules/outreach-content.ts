import type { LintFinding } from '../messages/finding.js';
import type { LintInput } from '../messages/lint-types.js';
import { defineRule } from './rule.js';

const ID = 'outreach.content';

// outreach.content — guide: "explain who you are, why you are contacting this person, and how
// you found their name … a very brief description of your work/education history and why you're
// interested … request a 20-30 minute meeting to get information and advice".
// Severity: warning — the guide says "generally", and the parts are found by patterns that can
// miss a phrasing. A person the student already knows needs neither "who you are" nor "how you
// found their name".

const WHO =
  /\bmy name is\b|\b(?:I am|I['’]m)\s+(?:a|an)\s+(?:[\p{L}-]+\s+){0,4}?(?:student|graduate|alum\w*|senior|junior|sophomore|freshman|major|candidate)\b/iu;
const BACKGROUND =
  /\b(?:I (?:am|['’]m) (?:a|an|now|currently)\b|I (?:study|studied|am studying|majored|major|worked|work|have worked|spent|interned|graduated|completed|earned|have been)\b|my (?:major|degree|studies|background|experience|coursework|program|internship|co-op)\b|(?:student|graduate|major) (?:at|in|of)\b|studying\b)/i;
const WHY_PERSON =
  /\byour (?:work|experience|career|role|path|journey|background|article|talk|presentation|post|team|expertise|perspective|move|transition|research|book)\b|\b(?:because|since) you\b|\byou (?:work|worked|lead|led|manage|wrote|spoke|moved|made|built|started|transitioned|have worked)\b/i;
const FOUND =
  /\b(?:found|came across|got|received|saw|was given|heard|learned|read)\b[^.!?\n]{0,60}\b(?:name|profile|contact|email|article|post|talk|presentation|work)\b|\b(?:suggested|recommended|referred|passed along|pointed me|gave me your)\b|\b(?:alumni directory|alumni network|on LinkedIn|we met|met you)\b/i;
const INTEREST =
  /\b(?:interested in|interest in|curious about|passionate about|excited about|drawn to|considering|exploring|(?:hope|hoping|want|would like|eager|keen) to learn|fascinated by)\b/i;
const ADVICE = /\b(?:advice|information|insights?|perspective|guidance|learn(?:ing)? (?:more )?about)\b/i;
// Numbers ("20-30 minutes", "45-minute", "15 min") and words ("half an hour", "an hour").
const DURATION =
  /\b(\d{1,3})(?:\s*(?:-|–|—|to)\s*(\d{1,3}))?(\s*-?\s*min(?:ute)?s?)\b|\b(?:half an hour|half-hour|(?:an|one) hour|hour-long)\b/gi;

function missing(check: string, message: string): LintFinding<typeof ID> {
  return { ruleId: ID, check, severity: 'warning', field: 'body', start: 0, end: 0, message };
}

/** outreach.content: the six parts of a first email, and the meeting length asked for. */
function outreachContentLint({ draft, context, options, body }: LintInput): LintFinding<typeof ID>[] {
  if (draft.kind !== 'outreach' && draft.kind !== 'referral_outreach') return [];
  const text = body.text;
  const known = context.contact.known === true;
  const { meetingMinMinutes: min, meetingMaxMinutes: max } = options.policy;
  const range = min === max ? `${max}` : `${min}-${max}`;
  const findings: LintFinding<typeof ID>[] = [];
  const firstName = context.student.profile?.firstName?.trim();
  const namesSelf =
    firstName !== undefined &&
    firstName !== '' &&
    new RegExp(`\\b(?:I am|I['’]m|this is)\\s+${escapeRegExp(firstName)}\\b`, 'i').test(text);
  if (!known && !namesSelf && !WHO.test(text)) {
    findings.push(missing('content.who', 'Say who you are (e.g. "My name is …, a … student at …").'));
  }
  if (!WHY_PERSON.test(text)) {
    findings.push(
      missing(
        'content.why_person',
        'Say why you are contacting this person (e.g. "because of your work at …").',
      ),
    );
  }
  const foundVia = context.contact.foundVia?.trim().toLowerCase();
  if (!known && !FOUND.test(text) && !(foundVia && text.toLowerCase().includes(foundVia))) {
    findings.push(
      missing(
        'content.found',
        'Say how you found their name (e.g. "I found your name in the alumni directory").',
      ),
    );
  }
  if (!BACKGROUND.test(text)) {
    findings.push(
      missing('content.background', 'Give a very brief description of your work or education history.'),
    );
  }
  if (!INTEREST.test(text)) {
    findings.push(
      missing(
        'content.interest',
        'Say why you are interested in speaking with them (e.g. "I am interested in …").',
      ),
    );
  }
  let asked = false;
  for (const match of text.matchAll(DURATION)) {
    asked = true;
    const low = match[1] ? Number(match[1]) : /half/i.test(match[0]) ? 30 : 60;
    const high = match[2] ? Number(match[2]) : low;
    if (low >= min && high <= max) continue;
    const replacement = match[1] ? `${range}${match[3] ?? ' minutes'}` : `${range} minutes`;
    findings.push({
      ruleId: ID,
      check: 'content.length',
      severity: 'warning',
      field: 'body',
      start: match.index,
      end: match.index + match[0].length,
      message: `Ask for ${range} minutes; a longer meeting happens only if they invite you to stay.`,
      fix: { replacement },
    });
  }
  if (!asked) {
    findings.push(missing('content.request', `Ask for a ${range} minute meeting.`));
  }
  if (!ADVICE.test(text)) {
    findings.push(
      missing(
        'content.advice',
        'Say the meeting is to get information and advice about their career, field, or organization.',
      ),
    );
  }
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const outreachContent = defineRule({
  record: {
    id: 'outreach.content',
    summary:
      'The first email says who you are, why this person, how you found them, a brief background, why you are interested, and asks for a 20–30 minute meeting for information and advice.',
    trigger: 'lint of an outreach or referral_outreach draft',
    condition: 'a part of the guide’s outreach content is missing',
    effects: ['lint'],
    policyKeys: ['meetingMinMinutes', 'meetingMaxMinutes'],
    source: 'guide',
    passage:
      'In the email, you’ll generally want to explain who you are, why you are contacting this person, and how you found their name… then request a 20-30 minute meeting to get information and advice.',
  },
  lint: outreachContentLint,
});
