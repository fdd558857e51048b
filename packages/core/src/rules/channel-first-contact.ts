import type { Check } from '../interview/checks.js';
import type { Guard } from '../interview/guards.js';
import { defineRule } from './rule.js';

// channel.first_contact — an unknown person is first contacted by email. Under
// `channelEnforcement: 'warn'` another channel is allowed with a warning; under 'refuse' it is refused.

const ID = 'channel.first_contact';

/** When the tenant refuses: an unknown person is first contacted by email. */
const channelAllowed: Guard = {
  name: 'channelAllowed',
  check: ({ event, ctx }) =>
    ctx.policy.channelEnforcement !== 'refuse' ||
    ctx.contact.known ||
    (event.type === 'send_outreach' && event.channel === 'email'),
  refusal: () => ({
    code: 'channel.phone_to_unknown',
    ruleId: ID,
    policy: { channelEnforcement: 'refuse' },
    message: `First contact with someone you do not know is by email. ${channelFirstContact.record.passage}`,
  }),
};

/** Phoning someone you do not know first. */
const phoneToUnknown: Check = {
  name: 'phoneToUnknown',
  run: ({ interview, event, ctx }) => {
    if (event.type !== 'send_outreach' || ctx.contact.known || event.channel === 'email') return null;
    return {
      code: 'channel.phone_to_unknown',
      ruleId: ID,
      interviewId: interview.id,
      policy: { channelEnforcement: ctx.policy.channelEnforcement },
      passage: channelFirstContact.record.passage,
      message: `You do not know this person yet: email is the more considerate first contact than ${event.channel}.`,
    };
  },
};

export const channelFirstContact = defineRule({
  record: {
    id: 'channel.first_contact',
    summary: 'Make first contact with an unknown person by email; phone is for people you know.',
    trigger: 'event send_outreach',
    condition: 'the contact is not known to the student and the channel is not email',
    effects: ['warning', 'refusal'],
    policyKeys: ['channelEnforcement'],
    source: 'guide',
    passage:
      'If you do not know the person, it is more considerate to make the initial contact via email… If you already know the person, you can first contact him/her by phone.',
  },
  guards: [{ events: ['send_outreach'], guard: channelAllowed }],
  checks: [{ events: ['send_outreach'], check: phoneToUnknown }],
});
