import type { Check } from '../interview/checks.js';
import type { Guard } from '../interview/guards.js';
import { defineRule } from './rule.js';

// outreach.professional_cap — care for the professionals: one professional receives at most
// `professionalCap.maxRequests` requests from the tenant's students in `periodDays`. The API
// counts the requests (`TransitionContext.professionalRequests`) and says when the oldest of them
// leaves the period (`professionalNextAskAt`); the cap warns or refuses, naming that instant and
// never which students wrote.

const ID = 'outreach.professional_cap';

/** The next-ask instant as ISO, and the sentence that tells it. */
function nextAsk(at: number | undefined): { nextAskAt?: string; sentence: string } {
  if (at === undefined) return { sentence: '' };
  const nextAskAt = new Date(at).toISOString();
  return { nextAskAt, sentence: ` They can next be asked from ${nextAskAt}.` };
}

/** When the cap refuses: one professional is not asked too often. */
const professionalCapAllows: Guard = {
  name: 'professionalCapAllows',
  check: ({ ctx }) => {
    const cap = ctx.policy.professionalCap;
    return cap?.enforcement !== 'refuse' || (ctx.professionalRequests ?? 0) < cap.maxRequests;
  },
  refusal: ({ ctx }) => {
    const { nextAskAt, sentence } = nextAsk(ctx.professionalNextAskAt);
    return {
      code: 'outreach.professional_cap_reached',
      ruleId: ID,
      policy: { professionalCap: ctx.policy.professionalCap },
      ...(nextAskAt ? { nextAskAt } : {}),
      message: `This professional already received ${ctx.professionalRequests ?? 0} requests from your institution's students in the last ${ctx.policy.professionalCap?.periodDays} days (the cap is ${ctx.policy.professionalCap?.maxRequests}).${sentence}`,
    };
  },
};

/** When the cap only warns. */
const professionalCapWarning: Check = {
  name: 'professionalCapWarning',
  run: ({ interview, ctx }) => {
    const cap = ctx.policy.professionalCap;
    if (cap?.enforcement !== 'warn' || (ctx.professionalRequests ?? 0) < cap.maxRequests) return null;
    const { nextAskAt, sentence } = nextAsk(ctx.professionalNextAskAt);
    return {
      code: 'outreach.professional_cap_reached',
      ruleId: ID,
      interviewId: interview.id,
      policy: { professionalCap: cap },
      ...(nextAskAt ? { nextAskAt } : {}),
      message: `This professional already received ${ctx.professionalRequests} requests from your institution's students in the last ${cap.periodDays} days; consider someone else at the organisation.${sentence}`,
    };
  },
};

export const outreachProfessionalCap = defineRule({
  record: {
    id: 'outreach.professional_cap',
    summary: 'One professional receives at most so many requests from the institution’s students.',
    trigger: 'event send_outreach',
    condition: 'the professional already received the capped number of requests in the period',
    effects: ['warning', 'refusal'],
    policyKeys: ['professionalCap'],
    source: 'infoview',
    passage:
      'Many students of one institution may target the same alumnus. A tenant can cap how many outreach requests one professional receives from its students in a period.',
  },
  guards: [{ events: ['send_outreach'], guard: professionalCapAllows }],
  checks: [{ events: ['send_outreach'], check: professionalCapWarning }],
});
