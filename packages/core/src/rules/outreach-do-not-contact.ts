import type { Guard } from '../interview/guards.js';
import { defineRule } from './rule.js';

// outreach.do_not_contact — care for the professionals: one who asked not to be contacted (or
// was erased) is on the tenant's do-not-contact list, and no outreach reaches them. The API
// matches the contact's normalised email and profile URL against the list's keyed hashes
// (`TransitionContext.doNotContact`); the rule always refuses, whatever the tenant's policy.

const ID = 'outreach.do_not_contact';

/** Outreach never reaches a professional on the do-not-contact list. */
const notOnDoNotContactList: Guard = {
  name: 'notOnDoNotContactList',
  check: ({ ctx }) => ctx.doNotContact !== true,
  refusal: () => ({
    code: 'outreach.do_not_contact',
    ruleId: ID,
    message:
      'This professional asked not to be contacted by your institution’s students; choose someone else at the organisation.',
  }),
};

export const outreachDoNotContact = defineRule({
  record: {
    id: 'outreach.do_not_contact',
    summary: 'No outreach to a professional on the tenant’s do-not-contact list.',
    trigger: 'event send_outreach',
    condition: 'the contact’s normalised email or profile URL is on the do-not-contact list',
    effects: ['refusal'],
    policyKeys: [],
    source: 'infoview',
    passage:
      'Professionals are third parties with rights of their own: they can ask to be erased and not contacted again.',
  },
  guards: [{ events: ['send_outreach'], guard: notOnDoNotContactList }],
});
