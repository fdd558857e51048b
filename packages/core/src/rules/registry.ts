import { afterNotes } from './after-notes.js';
import { afterThankYou } from './after-thank-you.js';
import { channelFirstContact } from './channel-first-contact.js';
import { followUpDue } from './follow-up-due.js';
import { followUpMoveOn } from './follow-up-move-on.js';
import { followUpSecondContact } from './follow-up-second-contact.js';
import { meetingClose } from './meeting-close.js';
import { meetingLength } from './meeting-length.js';
import { milestoneNotify } from './milestone-notify.js';
import { nurtureKeepInTouch } from './nurture-keep-in-touch.js';
import { opportunityWelcome } from './opportunity-welcome.js';
import { outreachBrevity } from './outreach-brevity.js';
import { outreachContent } from './outreach-content.js';
import { outreachDoNotContact } from './outreach-do-not-contact.js';
import { outreachErrorFree } from './outreach-error-free.js';
import { outreachNoJobAsk } from './outreach-no-job-ask.js';
import { outreachProfessionalCap } from './outreach-professional-cap.js';
import { prepChecklist } from './prep-checklist.js';
import { prepQuestions } from './prep-questions.js';
import { referralAsk } from './referral-ask.js';
import { referralMention } from './referral-mention.js';
import { referralReportBack } from './referral-report-back.js';

/**
 * Every rule of the method, one module each, in the order the method meets them. The order is
 * the order guards and checks run on a transition and lints run on a draft (outreach.brevity
 * reads outreach.no_job_ask's findings, so it comes after). Rule ids, the catalog, the engine,
 * the lint, the lifecycle's guards and checks and docs/rules.md all derive from this list.
 * To add a rule: write `rules/<rule-id>.ts` with `defineRule`, then add it here (docs/core.md).
 */
export const RULE_MODULES = [
  channelFirstContact,
  outreachContent,
  outreachNoJobAsk,
  outreachErrorFree,
  outreachBrevity,
  outreachDoNotContact,
  outreachProfessionalCap,
  followUpDue,
  followUpMoveOn,
  followUpSecondContact,
  prepChecklist,
  prepQuestions,
  meetingLength,
  meetingClose,
  afterNotes,
  afterThankYou,
  referralAsk,
  referralMention,
  referralReportBack,
  nurtureKeepInTouch,
  milestoneNotify,
  opportunityWelcome,
] as const;
