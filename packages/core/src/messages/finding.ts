/**
 * How sure the lint is and how much it matters. `error`: the guide says "do not" / "make sure"
 * and the check is exact; `warning`: the guide's advice, found by patterns that can miss;
 * `hint`: a better way to say it.
 */
export type Severity = 'error' | 'warning' | 'hint';

/** A replacement for the finding's span. Example: `{ replacement: 'the' }` for "the the". */
export interface Fix {
  replacement: string;
}

/** Which part of a draft a finding points into. */
export type MessageField = 'subject' | 'body';

/**
 * One problem in a draft. `start`/`end` are UTF-16 offsets into `field`; a part that is absent
 * (nothing to underline) is anchored as the empty span `0..0` of the body.
 * Example: `{ ruleId: 'outreach.error_free', check: 'doubled_word', severity: 'warning',
 *   field: 'body', start: 10, end: 17, message: 'Doubled word "the the".', fix: { replacement: 'the' } }`.
 */
export interface LintFinding<Id extends string = string> {
  /** The rule that found it: a built-in rule id (the lint's `Finding` narrows it to `RuleId`). */
  ruleId: Id;
  /** Stable sub-check of the rule, e.g. `'spelling'`, `'content.request'`. */
  check: string;
  severity: Severity;
  field: MessageField;
  start: number;
  end: number;
  message: string;
  fix?: Fix;
}
