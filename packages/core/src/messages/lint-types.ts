import type { Policy } from '../domain/policy.js';
import type { Channel, Instant } from '../domain/types.js';
import type { MessageContext } from './context.js';
import type { LintFinding } from './finding.js';
import type { MessageKind } from './kinds.js';
import type { Speller } from './speller.js';
import type { Word } from './text.js';

/** A message as the student wrote it. Example: `{ kind: 'thank_you', subject: 'Thank you', body, sentAt }`. */
export interface MessageDraft {
  kind: MessageKind;
  subject?: string;
  body: string;
  /** When it was (or will be) sent; the thank-you timing check needs it. */
  sentAt?: Instant;
  /** `'phone'` for a call script: no subject, and the email-only checks are skipped. Default `'email'`. */
  channel?: Channel;
}

/**
 * A job the contact raised (guide: "you can welcome that opportunity"); talking about it is no job
 * ask. The lifecycle's recorded `Opportunity` fits. Example: `{ title: 'junior analyst' }`.
 */
export interface RaisedOpportunity {
  title: string;
  organization?: string | null;
}

/** What the lint reads besides the draft. Example: `{ policy: GUIDE_POLICY, speller }`. */
export interface LintOptions {
  policy: Policy;
  /** Without a speller the spelling check is skipped (placeholders and doubled words still run). */
  speller?: Speller;
  /** Suggestions are slow: only the first this many misspellings get a suggested fix. Default 3. */
  maxSuggestions?: number;
  /** For after.thank_you; default `context.meeting.endsAt`. */
  meetingEndedAt?: Instant;
  /** For after.thank_you; default `context.learnedPoints`. */
  learnedPoints?: readonly string[];
  /** For referral.mention; default `context.referrer.name`. */
  referrerName?: string;
  /** Jobs the contact raised (opportunity.welcome). */
  opportunities?: readonly RaisedOpportunity[];
}

/** A field of the draft, analysed once and shared by every rule. */
export interface LintField {
  field: 'subject' | 'body';
  text: string;
  words: Word[];
}

/** Everything a lint rule sees. */
export interface LintInput {
  draft: MessageDraft;
  context: MessageContext;
  options: LintOptions;
  subject: LintField | undefined;
  body: LintField;
  /** Findings of rules that ran before (a later rule may avoid repeating them). */
  earlier: readonly LintFinding[];
}

/** One rule's lint: pure, returns its findings, each under the rule's own id. */
export type LintRule<Id extends string = string> = (input: LintInput) => LintFinding<Id>[];
