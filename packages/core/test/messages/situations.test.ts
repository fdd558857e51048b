import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, type MessageContext, renderMessage } from '../../src/messages/index.js';
import { type Finding, lintMessage } from '../../src/rules/lint.js';
import {
  afterMeetingContext,
  alumnusContext,
  guidePolicy,
  MEETING_END,
  referralContext,
  speller,
  supervisorContext,
  threeB7Policy,
} from './fixtures.js';

const HOUR = 3_600_000;
const POLICIES = [guidePolicy(), threeB7Policy()];

const everything: MessageContext = {
  ...afterMeetingContext,
  referrer: referralContext.referrer,
  referred: { name: 'Priya Raman', organization: 'HubSpot' },
  update: 'I started a new co-op on the analytics team at a health startup in Cambridge.',
  milestone: { kind: 'position_secured', description: 'I have accepted an analyst offer from Wayfair' },
};

describe('every default template, rendered with realistic data, lints clean', () => {
  for (const kind of MESSAGE_KINDS) {
    for (const policy of POLICIES) {
      it(`${kind} under ${policy.preset}`, () => {
        const context =
          kind === 'referral_outreach' ? { ...everything, contact: referralContext.contact } : everything;
        const message = renderMessage(kind, context, { policy });
        const findings = lintMessage({ kind, ...message, sentAt: MEETING_END + 2 * HOUR }, context, {
          policy,
          speller,
        });
        expect(findings).toEqual([]);
      });
    }
  }
});

function checks(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId}/${finding.check}`);
}

describe("the guide's sample situations", () => {
  it('an alumnus the student does not know, by email', () => {
    const message = renderMessage('outreach', alumnusContext);
    for (const policy of POLICIES) {
      expect(lintMessage({ kind: 'outreach', ...message }, alumnusContext, { policy, speller })).toEqual([]);
    }
    // The same person, written to carelessly: no introduction, no source, a job ask, a typo.
    const careless =
      'Hi [Name],\n\nI saw your profile and I really want to work at Wayfair. Do you have any openings for analysts? ' +
      'I am intrested in data science.\n\nThanks,\nAna';
    expect(
      checks(
        lintMessage({ kind: 'outreach', subject: 'Job', body: careless }, alumnusContext, {
          policy: guidePolicy(),
          speller,
        }),
      ),
    ).toEqual([
      'outreach.content/content.who',
      'outreach.content/content.why_person',
      'outreach.content/content.background',
      // "intrested" is misspelled, so the interest is not recognised either.
      'outreach.content/content.interest',
      'outreach.content/content.request',
      'outreach.content/content.advice',
      'outreach.error_free/placeholder',
      'outreach.no_job_ask/job_ask',
      'outreach.error_free/spelling',
    ]);
  });

  it('a former supervisor the student knows, by phone', () => {
    const script = renderMessage('outreach', supervisorContext);
    expect(script.body.startsWith('Hi David,')).toBe(true);
    for (const policy of POLICIES) {
      const draft = { kind: 'outreach' as const, body: script.body, channel: 'phone' as const };
      expect(lintMessage(draft, supervisorContext, { policy, speller })).toEqual([]);
    }
    const asking = `${script.body}\nAlso, is your team hiring right now?`;
    const draft = { kind: 'outreach' as const, body: asking, channel: 'phone' as const };
    expect(checks(lintMessage(draft, supervisorContext, { policy: threeB7Policy(), speller }))).toEqual([
      'outreach.no_job_ask/job_ask',
    ]);
  });

  it('a contact referred by a faculty member', () => {
    const message = renderMessage('referral_outreach', referralContext);
    expect(message.subject).toBe('Referred by Professor Lena Hoffmann: hoping for your advice');
    expect(message.body).toContain('Professor Lena Hoffmann suggested that I contact you.');
    for (const policy of POLICIES) {
      expect(
        lintMessage({ kind: 'referral_outreach', ...message }, referralContext, { policy, speller }),
      ).toEqual([]);
    }
    const unnamed = {
      kind: 'referral_outreach' as const,
      subject: 'Hoping for your advice',
      body: message.body,
    };
    expect(checks(lintMessage(unnamed, referralContext, { policy: guidePolicy(), speller }))).toEqual([
      'referral.mention/subject',
    ]);
  });
});
