import type { MessageKind } from './kinds.js';

/** A subject and body in the template language. Example: `{ subject: 'Hi', body: 'Dear {{contact.name}},' }`. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

/** A tenant's replacement templates. Example: `{ thank_you: { subject: 'Thanks!', body: '…' } }`. */
export type MessageTemplates = Partial<Record<MessageKind, MessageTemplate>>;

const SIGN_OFF = '\n\nBest regards,\n{{student.fullName}}';

/**
 * The default template of every kind: plain, warm English that follows the guide, so that
 * rendered with realistic data each one lints clean under both presets.
 * Example: `DEFAULT_TEMPLATES.thank_you.subject === 'Thank you for your time'`.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<MessageKind, MessageTemplate>> = {
  // Unknown person by email: who, why them, how found, background, why interested, the
  // 20-30 minute request. Connection first (the two_hour_job_search preset), under 100 words.
  // A person the student already knows needs no introduction (often a phone call).
  outreach: {
    subject:
      '{{#if contact.known}}Could I ask your advice?{{else}}{{#if student.school}}{{student.school}} student{{else}}A student{{/if}} hoping for your advice{{/if}}',
    body:
      '{{#if contact.known}}Hi {{contact.firstName}},\n\n' +
      'I hope you have been well. I am now studying {{student.program}}{{#if student.school}} at {{student.school}}{{/if}}, ' +
      'and I am interested in {{#if topics.phrase}}{{topics.phrase}}{{else}}learning more about your field{{/if}}. ' +
      'Since you know my work and your career well, your perspective would mean a lot. ' +
      'Could we set aside {{meeting.length}} for a conversation? ' +
      'I would value your advice and any information about your career, field, or organization.' +
      '{{else}}Dear {{contact.name}},\n\n' +
      'I found your name {{found.how}}. I am {{student.fullName}}, a {{student.program}} student' +
      '{{#if student.school}} at {{student.school}}{{/if}}.{{#if student.background}} {{student.background}}{{/if}}\n\n' +
      'I am writing because of your work{{#if contact.organization}} at {{contact.organization}}{{/if}}, ' +
      'and I am interested in {{#if topics.phrase}}{{topics.phrase}}{{else}}learning about your field{{/if}}. ' +
      'Would you have {{meeting.length}} in the coming weeks to share your advice ' +
      'and information about your career, field, or organization?{{/if}}' +
      SIGN_OFF,
  },
  // About two weeks without a reply: one polite reminder that restates the request.
  follow_up: {
    subject: 'Following up on my earlier note',
    body:
      'Dear {{contact.name}},\n\n' +
      'I am following up on my note from a couple of weeks ago. I am a {{student.program}} student' +
      '{{#if student.school}} at {{student.school}}{{/if}}, and I would still value {{meeting.length}} of your time ' +
      'to hear your advice about {{#if topics.phrase}}{{topics.phrase}}{{else}}your career and field{{/if}}. ' +
      'I know your schedule is busy, so any time that suits you would be wonderful.\n\n' +
      'Thank you for considering it.' +
      SIGN_OFF,
  },
  // The referrer in the subject line and in the text (guide: "note who referred you").
  referral_outreach: {
    subject: 'Referred by {{referrer.name}}: hoping for your advice',
    body:
      'Dear {{contact.name}},\n\n' +
      '{{referrer.name}} suggested that I contact you. I am {{student.fullName}}, a ' +
      '{{student.program}} student{{#if student.school}} at {{student.school}}{{/if}}.' +
      '{{#if student.background}} {{student.background}}{{/if}}\n\n' +
      '{{referrer.firstName}} spoke highly of your work{{#if contact.organization}} at {{contact.organization}}{{/if}}, ' +
      'and I am interested in {{#if topics.phrase}}{{topics.phrase}}{{else}}learning about your field{{/if}}. ' +
      'Would you have {{meeting.length}} in the coming weeks to share your advice ' +
      'and information about your career, field, or organization?' +
      SIGN_OFF,
  },
  // Within 24 hours; appreciation and one or two points learned (from the notes).
  thank_you: {
    subject: 'Thank you for your time',
    body:
      'Dear {{contact.name}},\n\n' +
      'Thank you for taking the time to speak with me{{#if meeting.day}} on {{meeting.day}}{{/if}}. ' +
      'I really appreciated your advice. What I will remember most: {{learned.points}}.\n\n' +
      'I will keep you posted on how things go.' +
      '\n\nWith thanks,\n{{student.fullName}}',
  },
  // Tell the original contact how the referred conversation went.
  report_back: {
    subject: 'Thank you for introducing me to {{referred.name}}',
    body:
      'Dear {{contact.name}},\n\n' +
      'Thank you again for suggesting that I speak with {{referred.name}}. We talked' +
      '{{#if meeting.day}} on {{meeting.day}}{{/if}}, and the conversation was very helpful' +
      '{{#if learned.first}}; I especially appreciated learning about {{learned.first}}{{/if}}.\n\n' +
      'I am grateful for the introduction and will keep you posted on my next steps.' +
      SIGN_OFF,
  },
  // Every few months: a friendly note with a brief update.
  keep_in_touch: {
    subject: 'A quick hello and an update',
    body:
      'Dear {{contact.name}},\n\n' +
      'I hope you are doing well. I wanted to share a quick update: {{update.text}}\n\n' +
      '{{#if learned.first}}Your advice about {{learned.first}} has stayed with me. {{/if}}' +
      'Thank you again for your help, and I hope we can stay in touch.' +
      SIGN_OFF,
  },
  // A position secured, a major selected, a career path chosen.
  milestone_news: {
    subject: 'Some good news to share',
    body:
      'Dear {{contact.name}},\n\n' +
      'I wanted to let you know that {{milestone.news}}. Our conversation helped me get here' +
      '{{#if learned.first}}, especially your advice about {{learned.first}}{{/if}}.\n\n' +
      'Thank you again for your help. I hope we stay in touch.' +
      SIGN_OFF,
  },
  // After the meeting: the guide's referral question, if it was not asked in person.
  referral_ask: {
    subject: 'A quick follow-up question',
    body:
      'Dear {{contact.name}},\n\n' +
      'Thank you again for your time and advice{{#if meeting.day}} on {{meeting.day}}{{/if}}. ' +
      'As I keep learning about {{#if topics.phrase}}{{topics.phrase}}{{else}}your field{{/if}}, ' +
      'is there anyone else you would recommend that I speak with? A name or an introduction would be a great help.' +
      SIGN_OFF,
  },
};
