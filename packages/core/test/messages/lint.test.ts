import { describe, expect, it } from 'vitest';
import type { MessageDraft } from '../../src/messages/index.js';
import { type Finding, lintMessage } from '../../src/rules/lint.js';
import {
  afterMeetingContext,
  alumnusContext,
  guidePolicy,
  MEETING_END,
  referralContext,
  speller,
  threeB7Policy,
} from './fixtures.js';
import { at } from './helpers.js';

const HOUR = 3_600_000;

const GOOD_OUTREACH =
  'Dear Ms. Okonkwo,\n\n' +
  'I found your name in the Northeastern University alumni directory. My name is Ana Lima, and I am a ' +
  'third-year data science student at Northeastern. I spent my last co-op analyzing patient wait times at a hospital.\n\n' +
  'Your move from healthcare analytics to e-commerce is the path I am considering, and I am curious about ' +
  'how your team at Wayfair works. Would you have 20 minutes for a call in the next few weeks? ' +
  'I would be grateful for your advice.\n\n' +
  'Thank you,\nAna Lima';

const outreach = (body: string, subject = 'Northeastern student hoping for your advice'): MessageDraft => ({
  kind: 'outreach',
  subject,
  body,
});

function lint(draft: MessageDraft, policy = guidePolicy(), context = alumnusContext): Finding[] {
  return lintMessage(draft, context, { policy, speller });
}

function only(findings: Finding[], keys: (keyof Finding)[] = ['ruleId', 'check', 'field', 'start', 'end']) {
  return findings.map((finding) => Object.fromEntries(keys.map((key) => [key, finding[key]])));
}

describe('outreach.content', () => {
  it('a complete first email has no findings, under both presets', () => {
    expect(lint(outreach(GOOD_OUTREACH))).toEqual([]);
    expect(lint(outreach(GOOD_OUTREACH), threeB7Policy())).toEqual([]);
  });

  it('names each missing part, anchored at the start of the body', () => {
    const body = 'Hello,\n\nCould we talk sometime soon?\n\nAna';
    expect(only(lint(outreach(body)), ['check', 'severity', 'start', 'end'])).toEqual(
      ['who', 'why_person', 'found', 'background', 'interest', 'request', 'advice'].map((part) => ({
        check: `content.${part}`,
        severity: 'warning',
        start: 0,
        end: 0,
      })),
    );
  });

  it('flags a meeting longer than the policy allows, with the fix', () => {
    const body = GOOD_OUTREACH.replace('20 minutes', 'an hour');
    expect(lint(outreach(body))).toEqual([
      {
        ruleId: 'outreach.content',
        check: 'content.length',
        severity: 'warning',
        field: 'body',
        ...at(body, 'an hour'),
        message: 'Ask for 20-30 minutes; a longer meeting happens only if they invite you to stay.',
        fix: { replacement: '20-30 minutes' },
      },
    ]);
    const adjective = GOOD_OUTREACH.replace('20 minutes for a call', 'a 45-minute call');
    expect(only(lint(outreach(adjective)), ['check', 'start', 'end', 'fix'])).toEqual([
      { check: 'content.length', ...at(adjective, '45-minute'), fix: { replacement: '20-30-minute' } },
    ]);
  });

  it('does not ask a known person who they are talking to or how the name was found', () => {
    const known = { ...alumnusContext, contact: { ...alumnusContext.contact, known: true } };
    const body =
      'Hi Maria,\n\nI hope you are well. I am now studying data science, and I am interested in your move to Wayfair. ' +
      'Could we find 30 minutes for your advice?\n\nAna';
    expect(lint(outreach(body), guidePolicy(), known)).toEqual([]);
  });
});

describe('outreach.no_job_ask', () => {
  it('flags asks for a job, an opening, a referral for a role and an interview for a position', () => {
    const asks = [
      'Are you hiring',
      'any openings',
      'refer me for the analyst role',
      'interview for a position',
      'consider me for',
    ];
    const body = `${GOOD_OUTREACH}\n\nP.S. ${asks[0]}? Are there ${asks[1]}? Could you ${asks[2]}? I would love an ${asks[3]}, so please ${asks[4]} it.`;
    expect(only(lint(outreach(body)), ['ruleId', 'check', 'severity', 'start', 'end'])).toEqual(
      asks.map((ask) => ({
        ruleId: 'outreach.no_job_ask',
        check: 'job_ask',
        severity: 'error',
        ...at(body, ask),
      })),
    );
  });

  it("does not flag the guide's own topics: job content, entry-level hiring, job hunting strategies", () => {
    const body = GOOD_OUTREACH.replace(
      'I would be grateful for your advice.',
      'I would be grateful for your advice on the job content of an analyst, when companies do their entry-level hiring, ' +
        'and any job hunting strategies you would suggest. I am not asking for a job.',
    );
    expect(lint(outreach(body))).toEqual([]);
  });

  it('warns when the draft says the student is looking for a job', () => {
    const body = GOOD_OUTREACH.replace(
      'I would be grateful',
      'I am looking for a job, and I would be grateful',
    );
    expect(only(lint(outreach(body)), ['check', 'severity', 'start', 'end'])).toEqual([
      { check: 'job_search', severity: 'warning', ...at(body, 'looking for a job') },
    ]);
  });

  it('welcomes a job the contact raised (opportunity.welcome)', () => {
    const body =
      'Dear Maria,\n\nThank you for your time and advice today. I learned how analysts at Wayfair use SQL every day. ' +
      'I would love to apply for the junior analyst position you mentioned.\n\nAna';
    const draft: MessageDraft = { kind: 'thank_you', subject: 'Thank you', body };
    const options = { policy: guidePolicy(), speller };
    expect(only(lintMessage(draft, afterMeetingContext, options), ['check', 'start', 'end'])).toEqual([
      { check: 'job_ask', ...at(body, 'apply for the junior analyst position') },
    ]);
    expect(
      lintMessage(draft, afterMeetingContext, { ...options, opportunities: [{ title: 'junior analyst' }] }),
    ).toEqual([]);
  });
});

describe('outreach.error_free', () => {
  it('flags misspellings with a suggestion, but not names, organisations, emails or URLs', () => {
    const body = GOOD_OUTREACH.replace('I would be grateful for', 'I would apreciate').replace(
      'Thank you,\nAna Lima',
      'Thank you,\nAna Lima\nlima.a@northeastern.edu · linkedin.com/in/analimads · Okonkwo Wayfair',
    );
    expect(lint(outreach(body))).toEqual([
      {
        ruleId: 'outreach.error_free',
        check: 'spelling',
        severity: 'warning',
        field: 'body',
        ...at(body, 'apreciate'),
        message: '"apreciate" may be misspelled; did you mean "appreciate"?',
        fix: { replacement: 'appreciate' },
      },
    ]);
  });

  it('flags unfilled placeholders in the subject and the body', () => {
    const body = GOOD_OUTREACH.replace('Dear Ms. Okonkwo', 'Dear [Name]')
      .replace('at Wayfair', 'at <company>')
      .replace('Ana Lima', '{{student.fullName}}');
    const subject = 'Advice about TBD';
    expect(only(lint(outreach(body, subject)), ['check', 'severity', 'field', 'start', 'end'])).toEqual([
      { check: 'placeholder', severity: 'error', field: 'subject', ...at(subject, 'TBD') },
      { check: 'placeholder', severity: 'error', field: 'body', ...at(body, '[Name]') },
      { check: 'placeholder', severity: 'error', field: 'body', ...at(body, '{{student.fullName}}') },
      { check: 'placeholder', severity: 'error', field: 'body', ...at(body, '<company>') },
    ]);
  });

  it('flags doubled words with the fix, but allows "had had"', () => {
    const body = GOOD_OUTREACH.replace('in the Northeastern', 'in the the Northeastern').replace(
      'I spent',
      'I had had doubts, so I spent',
    );
    expect(lint(outreach(body))).toEqual([
      {
        ruleId: 'outreach.error_free',
        check: 'doubled_word',
        severity: 'warning',
        field: 'body',
        ...at(body, 'the the'),
        message: 'Doubled word "the the".',
        fix: { replacement: 'the' },
      },
    ]);
  });

  it('skips spelling without a speller and only suggests for the first misspellings', () => {
    const body = `${GOOD_OUTREACH} Teh recieve adress occured.`;
    expect(lintMessage(outreach(body), alumnusContext, { policy: guidePolicy() })).toEqual([]);
    const findings = lintMessage(outreach(body), alumnusContext, {
      policy: guidePolicy(),
      speller,
      maxSuggestions: 2,
    });
    expect(findings.map((f) => [body.slice(f.start, f.end), f.fix?.replacement])).toEqual([
      ['Teh', 'The'],
      ['recieve', 'receive'],
      ['adress', undefined],
      ['occured', undefined],
    ]);
  });
});

describe('referral.mention', () => {
  const body =
    'Dear Ms. Raman,\n\nProfessor Lena Hoffmann suggested that I contact you. I am Ana Lima, a data science student ' +
    'at Northeastern University, and I am interested in what the culture is like at HubSpot. Because of your work ' +
    'there, would you have 20-30 minutes to share your advice?\n\nBest regards,\nAna Lima';
  const draft = (subject: string, text = body): MessageDraft => ({
    kind: 'referral_outreach',
    subject,
    body: text,
  });

  it('a subject and body naming the referrer have no findings', () => {
    expect(lint(draft('Referred by Professor Hoffmann'), guidePolicy(), referralContext)).toEqual([]);
  });

  it('flags a subject and a body that do not name the referrer', () => {
    const text = body.replace(
      'Professor Lena Hoffmann suggested that I contact you.',
      'A professor suggested that I contact you.',
    );
    expect(lint(draft('Hoping for your advice', text), guidePolicy(), referralContext)).toEqual([
      {
        ruleId: 'referral.mention',
        check: 'subject',
        severity: 'error',
        field: 'subject',
        start: 0,
        end: 22,
        message: 'Name Professor Lena Hoffmann, who referred you, in the subject line.',
        fix: { replacement: 'Referred by Professor Lena Hoffmann: Hoping for your advice' },
      },
      {
        ruleId: 'referral.mention',
        check: 'body',
        severity: 'error',
        field: 'body',
        start: 0,
        end: 0,
        message:
          'Name Professor Lena Hoffmann, who referred you, in the text (e.g. "Professor Lena Hoffmann suggested that I contact you").',
      },
    ]);
  });
});

describe('after.thank_you', () => {
  const body =
    'Dear Maria,\n\nThank you for taking the time to speak with me yesterday. It was especially helpful to hear how ' +
    'analysts at Wayfair use SQL every day.\n\nWith thanks,\nAna';
  const draft = (sentAt: number, text = body): MessageDraft => ({
    kind: 'thank_you',
    subject: 'Thank you',
    body: text,
    sentAt,
  });

  it('on time and mentioning a learned point: no findings', () => {
    expect(lint(draft(MEETING_END + 20 * HOUR), guidePolicy(), afterMeetingContext)).toEqual([]);
  });

  it('flags a thank-you sent after 24 hours', () => {
    expect(lint(draft(MEETING_END + 30 * HOUR), guidePolicy(), afterMeetingContext)).toEqual([
      {
        ruleId: 'after.thank_you',
        check: 'late',
        severity: 'warning',
        field: 'body',
        start: 0,
        end: 0,
        message: 'Sent 30 h after the meeting; a thank-you is due within 24 hours.',
      },
    ]);
  });

  it('takes the meeting end from the options too', () => {
    const context = { ...afterMeetingContext, meeting: null };
    const findings = lintMessage(draft(MEETING_END + 25 * HOUR), context, {
      policy: guidePolicy(),
      meetingEndedAt: MEETING_END,
    });
    expect(findings.map((f) => f.check)).toEqual(['late']);
  });

  it('flags a thank-you without appreciation or any learned point', () => {
    const text = 'Dear Maria,\n\nIt was great to meet you yesterday. I will keep you posted.\n\nAna';
    expect(
      only(lint(draft(MEETING_END + HOUR, text), guidePolicy(), afterMeetingContext), ['check', 'severity']),
    ).toEqual([
      { check: 'appreciation', severity: 'warning' },
      { check: 'points', severity: 'warning' },
    ]);
  });

  it('hints when more points than the policy maximum are mentioned', () => {
    const text = `${body} I also learned about joining the local data science meetup.`;
    const findings = lint(
      draft(MEETING_END + HOUR, text),
      guidePolicy({ thankYouMaxPoints: 1 }),
      afterMeetingContext,
    );
    expect(only(findings, ['check', 'severity'])).toEqual([{ check: 'too_many_points', severity: 'hint' }]);
  });
});

describe('outreach.brevity (two_hour_job_search)', () => {
  it('flags the words past the limit', () => {
    const body = `${GOOD_OUTREACH}\nP.S. ${'I would truly appreciate it. '.repeat(5).trim()}`;
    const findings = lint(outreach(body), threeB7Policy());
    const words = [...body.matchAll(/\S+/g)];
    expect(words.length).toBe(114);
    expect(only(findings, ['ruleId', 'check', 'start', 'end', 'message'])).toEqual([
      {
        ruleId: 'outreach.brevity',
        check: 'word_count',
        start: words[100]?.index,
        end: body.length,
        message: '114 words: keep outreach to 100 words or fewer; the words past the limit are marked.',
      },
    ]);
  });

  it('flags a first sentence that does not state the connection', () => {
    const body = GOOD_OUTREACH.replace(
      'Dear Ms. Okonkwo,\n\n',
      'Dear Ms. Okonkwo,\n\nI hope this finds you well. ',
    );
    expect(only(lint(outreach(body), threeB7Policy()), ['check', 'start', 'end'])).toEqual([
      { check: 'connection_first', ...at(body, 'I hope this finds you well.') },
    ]);
  });

  it('flags any mention of jobs, but does not repeat a job ask', () => {
    const body = GOOD_OUTREACH.replace(
      'I would be grateful for your advice.',
      'I would be grateful for your advice on my resume. Are you hiring?',
    );
    expect(only(lint(outreach(body), threeB7Policy()), ['ruleId', 'check', 'start', 'end'])).toEqual([
      { ruleId: 'outreach.brevity', check: 'job_mention', ...at(body, 'resume') },
      { ruleId: 'outreach.no_job_ask', check: 'job_ask', ...at(body, 'Are you hiring') },
    ]);
  });
});

describe('policy.disabledRules', () => {
  it('skips the rules a tenant switched off', () => {
    const body = 'Hello,\n\nAre you hiring? the the\n\nAna';
    const policy = guidePolicy({ disabledRules: ['outreach.content', 'outreach.no_job_ask'] });
    expect(only(lint(outreach(body), policy), ['ruleId', 'check'])).toEqual([
      { ruleId: 'outreach.error_free', check: 'doubled_word' },
    ]);
  });
});
