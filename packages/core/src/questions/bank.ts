/** The guide's five question categories. Example: `QUESTION_CATEGORIES[4] === 'next_steps'`. */
export const QUESTION_CATEGORIES = [
  'job_content',
  'career_path',
  'preparation',
  'fit',
  'next_steps',
] as const;

/** A question category, e.g. `'next_steps'`. */
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

/** Where a question comes from. Example: `'tenant'`. */
export type QuestionSource = 'guide' | 'tenant' | 'student';

/**
 * A question a student may ask in an informational interview. `referral` marks a question that
 * asks for another contact's name (the guide's "Is there anyone else…").
 * Example: `{ id: 'guide.next_steps.1', category: 'next_steps', text: 'Is there anyone else…?', source: 'guide', referral: true }`.
 */
export interface Question {
  id: string;
  category: QuestionCategory;
  text: string;
  source: QuestionSource;
  referral?: boolean;
}

/** Each category's heading in the guide. Example: `QUESTION_CATEGORY_TITLES.fit === 'Is this a good fit?'`. */
export const QUESTION_CATEGORY_TITLES: Readonly<Record<QuestionCategory, string>> = {
  job_content: 'Job content - what are the nuts and bolts?',
  career_path: 'Career path - how did your career develop?',
  preparation: 'Preparation - what does it take?',
  fit: 'Is this a good fit?',
  next_steps: 'Next Steps',
};

const GUIDE: Readonly<Record<QuestionCategory, readonly string[]>> = {
  job_content: [
    'Could you describe a typical work day or work week?',
    'What part of your job do you find most satisfying/challenging?',
    'What abilities or personal qualities do you believe contribute most to success in this job?',
  ],
  career_path: [
    'What is the typical career path in this field?',
    'What steps did you take to get your present job?',
    'Can you tell me about entry level opportunities in this field?',
  ],
  preparation: [
    'What advice would you give to someone who’s interested in starting out in this field?',
    'Do you have any special words of warning or encouragement as a result of your experience?',
    'Are there any professional associations and/or journals that you would recommend?',
    'Are there any job hunting strategies that you would suggest to enter this field?',
    'When do companies in this industry typically do their entry-level hiring?',
  ],
  fit: [
    'What are some of the top qualities that your company looks for in entry-level candidates?',
    'Do you happen to know the entry-level salary range for this profession/industry?',
  ],
  next_steps: [
    'Is there anyone else you can recommend I speak to for additional information?',
    'Would you mind if I sent you my resume to review?',
    'May I send you a LinkedIn connection request?',
  ],
};

/**
 * The guide's questions, verbatim, with stable ids `guide.<category>.<n>` (1-based).
 * Example: `QUESTION_BANK.find((q) => q.id === 'guide.career_path.1')?.text === 'What is the typical career path in this field?'`.
 */
export const QUESTION_BANK: readonly Question[] = Object.freeze(
  QUESTION_CATEGORIES.flatMap((category) =>
    GUIDE[category].map(
      (text, index): Question =>
        Object.freeze({
          id: `guide.${category}.${index + 1}`,
          category,
          text,
          source: 'guide' as const,
          ...(category === 'next_steps' && index === 0 ? { referral: true } : {}),
        }),
    ),
  ),
);

/** One problem with a tenant's question. Example: `{ id: 'neu.fit.1', message: 'Question "neu.fit.1": …' }`. */
export interface QuestionIssue {
  id: string;
  message: string;
}

const ID = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$/;

/**
 * Add a tenant's questions to a bank. Ids must be new, dotted (`'tenant.fit.1'`) and not start
 * with `guide.`; the category must exist; the text must be a question.
 * Example: `mergeQuestions(QUESTION_BANK, [{ id: 'neu.fit.1', category: 'fit', text: 'What makes a co-op student stand out?' }])`.
 */
export function mergeQuestions(
  bank: readonly Question[],
  additions: readonly (Omit<Question, 'source'> & { source?: QuestionSource })[],
): { ok: true; bank: Question[] } | { ok: false; issues: QuestionIssue[] } {
  const issues: QuestionIssue[] = [];
  const ids = new Set(bank.map((question) => question.id));
  const merged: Question[] = [...bank];
  for (const addition of additions) {
    const id = String(addition.id ?? '');
    const text = typeof addition.text === 'string' ? addition.text.trim().replace(/\s+/g, ' ') : '';
    const problems: string[] = [];
    if (!ID.test(id)) problems.push('the id must be dotted lower-case words, e.g. "tenant.fit.1"');
    else if (id.startsWith('guide.')) problems.push('ids starting with "guide." are reserved for the guide');
    else if (ids.has(id)) problems.push('the id is already in the bank');
    if (!(QUESTION_CATEGORIES as readonly string[]).includes(addition.category)) {
      problems.push(`the category must be one of ${QUESTION_CATEGORIES.join(', ')}`);
    }
    if (text.length < 5 || !text.endsWith('?')) problems.push('the text must be a question ending with "?"');
    if (text.length > 300) problems.push('the text must be at most 300 characters');
    if (problems.length > 0) {
      issues.push({ id, message: `Question "${id}": ${problems.join('; ')}.` });
      continue;
    }
    ids.add(id);
    merged.push({
      id,
      category: addition.category,
      text,
      source: addition.source ?? 'tenant',
      ...(addition.referral ? { referral: true } : {}),
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, bank: merged };
}

/**
 * A student's ordered list for one interview, picked by id from a bank; unknown ids are returned.
 * Example: `selectQuestions(QUESTION_BANK, ['guide.job_content.1', 'guide.next_steps.1']).questions.length === 2`.
 */
export function selectQuestions(
  bank: readonly Question[],
  ids: readonly string[],
): { questions: Question[]; unknownIds: string[] } {
  const byId = new Map(bank.map((question) => [question.id, question]));
  const questions: Question[] = [];
  const unknownIds: string[] = [];
  for (const id of ids) {
    const question = byId.get(id);
    if (question) questions.push(question);
    else unknownIds.push(id);
  }
  return { questions, unknownIds };
}
