import type { MessageContext } from '../messages/context.js';
import type { LintFinding } from '../messages/finding.js';
import type { LintField, LintInput } from '../messages/lint-types.js';
import { addressSpans, overlaps, type Span, spansOf, wordsOf } from '../messages/text.js';
import { defineRule } from './rule.js';

const ID = 'outreach.error_free';

// outreach.error_free — guide: "Make sure that your correspondence is error free." Applies to
// every kind: all of it is correspondence. Severity: error for an unfilled placeholder (certain,
// and embarrassing); warning for a possible misspelling (the dictionary may lack a real word)
// and for a doubled word ("had had" and "that that" are allowed, others can be intended).

const PLACEHOLDERS: readonly RegExp[] = [
  /\{\{[^{}\n]*\}\}|\{\{|\}\}/g,
  /\[[^[\]\n]{1,40}\](?!\()/g,
  /<(?![^<>\n]*(?:@|:\/\/))[A-Za-z][^<>\n]{0,40}>/g,
  /\b(?:XXX+|TBD|TODO|FIXME)\b/g,
  /_{3,}/g,
];
const ALLOWED_DOUBLES = new Set(['had', 'that']);
const HAS_DIGIT_OR_CAPS = /^\p{Lu}{2,}$|\d/u;

/** Names, organisations and other proper nouns of the context: never misspellings. */
export function contextWords(context: MessageContext): Set<string> {
  const accepted = new Set<string>();
  const addAll = (text: string | number | null | undefined): void => {
    if (text === null || text === undefined) return;
    for (const word of wordsOf(String(text))) accepted.add(word.text.replace(/['’]s$/, '').toLowerCase());
  };
  // Free text written by the student: only its capitalised words are taken as proper nouns.
  const addCapitalised = (text: string | null | undefined): void => {
    if (!text) return;
    for (const word of wordsOf(text))
      if (/^\p{Lu}/u.test(word.text)) accepted.add(word.text.replace(/['’]s$/, '').toLowerCase());
  };
  const profile = context.student.profile ?? {};
  for (const value of [profile.firstName, profile.lastName, profile.school, profile.program]) addAll(value);
  for (const person of [context.contact, context.referrer, context.referred]) {
    if (!person) continue;
    addAll(person.name);
    addAll(person.organization);
    addAll(person.title);
  }
  for (const text of [
    profile.background,
    profile.interests,
    context.contact.foundVia,
    context.update,
    context.milestone?.description,
  ]) {
    addCapitalised(text);
  }
  for (const point of context.learnedPoints ?? []) addCapitalised(point);
  return accepted;
}

function placeholders(field: LintField): LintFinding<typeof ID>[] {
  const findings: LintFinding<typeof ID>[] = [];
  const seen: Span[] = [];
  for (const pattern of PLACEHOLDERS) {
    for (const span of spansOf(field.text, pattern)) {
      if (overlaps(span, seen)) continue;
      seen.push(span);
      const text = field.text.slice(span.start, span.end);
      findings.push({
        ruleId: ID,
        check: 'placeholder',
        severity: 'error',
        field: field.field,
        ...span,
        message: `Unfilled placeholder "${text}".`,
      });
    }
  }
  return findings;
}

function doubledWords(field: LintField, masked: readonly Span[]): LintFinding<typeof ID>[] {
  const findings: LintFinding<typeof ID>[] = [];
  const { words, text } = field;
  for (let i = 1; i < words.length; i += 1) {
    const previous = words[i - 1]!;
    const word = words[i]!;
    if (previous.text.toLowerCase() !== word.text.toLowerCase()) continue;
    if (ALLOWED_DOUBLES.has(word.text.toLowerCase())) continue;
    if (!/^[ \t]+$|^[ \t]*\n[ \t]*$/.test(text.slice(previous.end, word.start))) continue;
    if (masked.length > 0 && overlaps({ start: previous.start, end: word.end }, masked)) continue;
    findings.push({
      ruleId: ID,
      check: 'doubled_word',
      severity: 'warning',
      field: field.field,
      start: previous.start,
      end: word.end,
      message: `Doubled word "${previous.text} ${word.text}".`,
      fix: { replacement: previous.text },
    });
  }
  return findings;
}

function matchCase(suggestion: string, word: string): string {
  return /^\p{Lu}/u.test(word) ? suggestion.charAt(0).toUpperCase() + suggestion.slice(1) : suggestion;
}

function misspellings(
  field: LintField,
  input: LintInput,
  accepted: ReadonlySet<string>,
  masked: readonly Span[],
  budget: { left: number },
): LintFinding<typeof ID>[] {
  const speller = input.options.speller;
  if (!speller) return [];
  const findings: LintFinding<typeof ID>[] = [];
  for (const word of field.words) {
    if (HAS_DIGIT_OR_CAPS.test(word.text)) continue;
    const normal = word.text.replace(/’/g, "'");
    const bare = normal.replace(/'s$/i, '').toLowerCase();
    if (accepted.has(bare)) continue;
    if (speller.correct(normal) || speller.correct(bare)) continue;
    if (masked.length > 0 && overlaps(word, masked)) continue;
    const finding: LintFinding<typeof ID> = {
      ruleId: ID,
      check: 'spelling',
      severity: 'warning',
      field: field.field,
      start: word.start,
      end: word.end,
      message: `"${word.text}" may be misspelled.`,
    };
    if (budget.left > 0) {
      budget.left -= 1;
      const suggestion = speller.suggest(normal)[0];
      if (suggestion) {
        finding.fix = { replacement: matchCase(suggestion, word.text) };
        finding.message = `"${word.text}" may be misspelled; did you mean "${finding.fix.replacement}"?`;
      }
    }
    findings.push(finding);
  }
  return findings;
}

/** outreach.error_free: placeholders, doubled words and (with a speller) misspellings. */
function errorFree(input: LintInput): LintFinding<typeof ID>[] {
  const budget = { left: input.options.maxSuggestions ?? 3 };
  const accepted = input.options.speller ? contextWords(input.context) : new Set<string>();
  const findings: LintFinding<typeof ID>[] = [];
  for (const field of input.subject ? [input.subject, input.body] : [input.body]) {
    const marks = placeholders(field);
    const masked = [...addressSpans(field.text), ...marks];
    findings.push(
      ...marks,
      ...doubledWords(field, masked),
      ...misspellings(field, input, accepted, masked, budget),
    );
  }
  return findings;
}

export const outreachErrorFree = defineRule({
  record: {
    id: 'outreach.error_free',
    summary: 'Outreach, follow-up and thank-you text has no spelling errors or unfilled placeholders.',
    trigger: 'lint of a message draft',
    condition: 'a misspelling, a doubled word or an unfilled placeholder',
    effects: ['lint'],
    policyKeys: [],
    source: 'guide',
    passage: 'Make sure that your correspondence is error free.',
  },
  lint: errorFree,
});
