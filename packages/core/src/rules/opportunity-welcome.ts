import { defineRule } from './rule.js';

// opportunity.welcome — a job the contact raises may be recorded (`record_opportunity`); talking
// about it is no job ask (the outreach.no_job_ask lint reads `LintOptions.opportunities`). It
// permits, so it derives nothing.

export const opportunityWelcome = defineRule({
  record: {
    id: 'opportunity.welcome',
    summary: 'If a contact raises a specific job, the student may record it as an opportunity.',
    trigger: 'event record_opportunity',
    condition: 'the contact raised it',
    effects: [],
    policyKeys: [],
    source: 'guide',
    passage:
      'Although the purpose of these conversations is to gain advice and suggestions and not to ask about a job, if the individual you’re meeting with asks if you’re interested in a specific job, you can welcome that opportunity to talk about that option.',
  },
});
