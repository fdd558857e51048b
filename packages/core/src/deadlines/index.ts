/** When things fall due: the deadlines several rules, guards, checks and lints share. */
export { followUpDueAt, moveOnAt, unresponsiveAt } from './attempts.js';
export { meetingEnd, meetingEndedAt } from './meeting.js';
export { thankYouDueAt } from './thank-you.js';
