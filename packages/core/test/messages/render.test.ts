import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/types.js';
import {
  DEFAULT_TEMPLATES,
  MESSAGE_KINDS,
  type MessageContext,
  MessageTemplateError,
  renderMessage,
  validateTemplate,
  validateTemplates,
} from '../../src/messages/index.js';
import { afterMeetingContext, alumnusContext, MEETING_START, referralContext } from './fixtures.js';

function renderError(run: () => unknown): MessageTemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof MessageTemplateError) return error;
    throw error;
  }
  throw new Error('expected a MessageTemplateError');
}

describe('renderMessage', () => {
  it('renders the outreach email for an alumnus found in the directory', () => {
    const message = renderMessage('outreach', alumnusContext);
    expect(message.subject).toBe('Northeastern University student hoping for your advice');
    expect(message.body).toBe(
      'Dear Maria Okonkwo,\n\n' +
        'I found your name in the Northeastern University alumni directory. I am Ana Lima, a data science ' +
        'student at Northeastern University. I spent my last co-op analyzing patient wait times at a Boston hospital.\n\n' +
        'I am writing because of your work at Wayfair, and I am interested in how my major connects to your field ' +
        'and how to prepare for a career like yours. Would you have 20-30 minutes in the coming weeks to share your ' +
        'advice and information about your career, field, or organization?\n\n' +
        'Best regards,\nAna Lima',
    );
  });

  it('takes the meeting length from the policy', () => {
    const message = renderMessage('outreach', alumnusContext, {
      policy: { meetingMinMinutes: 30, meetingMaxMinutes: 30, thankYouMaxPoints: 2 },
    });
    expect(message.body).toContain('Would you have 30 minutes in the coming weeks');
  });

  it("formats the meeting day in the student's time zone, or takes a pre-formatted one", () => {
    const late = { ...afterMeetingContext, meeting: { startsAt: Date.UTC(2026, 2, 4, 3, 30) } };
    expect(renderMessage('thank_you', late).body).toContain('on Tuesday, March 3.');
    const given = { ...afterMeetingContext, meeting: { startsAt: MEETING_START, day: 'Tuesday' } };
    expect(renderMessage('thank_you', given).body).toContain('speak with me on Tuesday.');
  });

  it('drops optional parts cleanly when a value is absent', () => {
    const bare: MessageContext = {
      student: { profile: { firstName: 'Ana', lastName: 'Lima', program: 'data science' } },
      contact: { name: 'Maria Okonkwo', source: 'online_network', known: false },
    };
    const message = renderMessage('outreach', bare);
    expect(message.subject).toBe('A student hoping for your advice');
    expect(message.body).toContain(
      'I found your name on LinkedIn. I am Ana Lima, a data science student.\n\n',
    );
    expect(message.body).toContain(
      'I am writing because of your work, and I am interested in learning about your field.',
    );
    expect(message.body).not.toMatch(/ {2}| [.,]/);
  });

  it('names the missing variable instead of rendering a blank', () => {
    const error = renderError(() => renderMessage('thank_you', alumnusContext));
    expect(error.code).toBe('message.missing_variable');
    expect(error.variable).toBe('learned.points');
    expect(error.kind).toBe('thank_you');
    expect(error.field).toBe('body');
    expect(error.message).toBe('thank_you body: no value for {{learned.points}}.');
  });

  it('names a missing referrer for a referral outreach, in the subject first', () => {
    const error = renderError(() =>
      renderMessage('referral_outreach', { ...referralContext, referrer: null }),
    );
    expect([error.code, error.variable, error.field]).toEqual([
      'message.missing_variable',
      'referrer.name',
      'subject',
    ]);
  });

  it('needs a "found how" for a contact from an "other" source', () => {
    const other = { ...alumnusContext, contact: { ...alumnusContext.contact, source: 'other' as const } };
    expect(renderError(() => renderMessage('outreach', other)).variable).toBe('found.how');
    const said = { ...other, contact: { ...other.contact, foundVia: 'in a Wayfair engineering blog post' } };
    expect(renderMessage('outreach', said).body).toContain(
      'I found your name in a Wayfair engineering blog post.',
    );
  });

  it("uses a tenant's template and rejects unknown variables in it", () => {
    const templates = {
      thank_you: {
        subject: 'Thanks, {{contact.firstName}}!',
        body: 'Dear {{contact.firstName}}, thank you. {{learned.first}}.',
      },
    };
    expect(renderMessage('thank_you', afterMeetingContext, { templates })).toEqual({
      subject: 'Thanks, Maria!',
      body: 'Dear Maria, thank you. how analysts at Wayfair use SQL every day.',
    });
    const bad = { thank_you: { subject: 'Hi', body: 'Dear {{contact.nickname}},' } };
    const error = renderError(() => renderMessage('thank_you', afterMeetingContext, { templates: bad }));
    expect([error.code, error.variable]).toEqual(['message.unknown_variable', 'contact.nickname']);
  });

  it('refuses a value that carries template syntax', () => {
    const sly = {
      ...alumnusContext,
      contact: { ...alumnusContext.contact, name: 'Maria {{student.email}}' },
    };
    expect(renderError(() => renderMessage('outreach', sly)).code).toBe('message.unsafe_value');
  });

  it('never leaves "{{" in a rendered message (property)', () => {
    const text = fc.option(fc.string({ maxLength: 30 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom(...MESSAGE_KINDS),
        fc.record({
          firstName: text,
          lastName: text,
          school: text,
          program: text,
          background: text,
        }),
        fc.string({ maxLength: 30 }),
        fc.boolean(),
        fc.subarray([...TOPICS]),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        (kind, profile, name, known, topics, learnedPoints, referrer) => {
          const context: MessageContext = {
            student: { timeZone: 'Europe/Berlin', profile },
            contact: { name, source: 'referral', known },
            referrer: referrer === undefined ? null : { name: referrer },
            referred: referrer === undefined ? null : { name: referrer },
            topics,
            learnedPoints,
            update: name,
            milestone: { kind: 'major_selected' },
            meeting: { startsAt: MEETING_START },
          };
          try {
            const message = renderMessage(kind, context);
            expect(message.subject + message.body).not.toContain('{{');
          } catch (error) {
            expect(error).toBeInstanceOf(MessageTemplateError);
          }
        },
      ),
    );
  });
});

describe('validateTemplate', () => {
  it('accepts every default template', () => {
    expect(validateTemplates(DEFAULT_TEMPLATES)).toEqual([]);
  });

  it('names unknown variables and syntax problems', () => {
    expect(
      validateTemplate({ subject: 'Hi {{contact.firstName}}', body: '{{student.nickname}} {{#if x.y}}' }),
    ).toEqual([
      {
        code: 'message.template_syntax',
        message: '"{{#if x.y}}" is never closed with "{{/if}}".',
        offset: 21,
        field: 'body',
      },
    ]);
    expect(
      validateTemplate({ subject: '{{ Name }}', body: '{{student.nickname}} and {{#if found.how}}x{{/if}}' }),
    ).toEqual([
      {
        code: 'message.template_syntax',
        message: '"{{Name}}" is not a variable name like {{student.firstName}}.',
        offset: 0,
        field: 'subject',
      },
      {
        code: 'message.unknown_variable',
        message: 'Unknown variable {{student.nickname}}.',
        offset: 2,
        variable: 'student.nickname',
        field: 'body',
      },
    ]);
  });

  it('rejects an unknown kind in a tenant map', () => {
    expect(validateTemplates({ cover_letter: { subject: 'x', body: 'y' } })[0]?.message).toBe(
      'Unknown message kind "cover_letter".',
    );
  });
});
