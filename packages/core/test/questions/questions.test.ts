import { describe, expect, it } from 'vitest';
import { GUIDE_POLICY } from '../../src/policy/presets.js';
import {
  mergeQuestions,
  QUESTION_BANK,
  QUESTION_CATEGORIES,
  selectQuestions,
} from '../../src/questions/index.js';
import { isClosedQuestion, openRewrite } from '../../src/rules/prep-questions.js';
import { checkQuestionList } from '../../src/rules/question-list.js';

describe('QUESTION_BANK', () => {
  it("holds the guide's questions verbatim with stable ids", () => {
    expect(QUESTION_BANK).toHaveLength(16);
    expect(QUESTION_BANK.map((q) => q.id)).toEqual([
      'guide.job_content.1',
      'guide.job_content.2',
      'guide.job_content.3',
      'guide.career_path.1',
      'guide.career_path.2',
      'guide.career_path.3',
      'guide.preparation.1',
      'guide.preparation.2',
      'guide.preparation.3',
      'guide.preparation.4',
      'guide.preparation.5',
      'guide.fit.1',
      'guide.fit.2',
      'guide.next_steps.1',
      'guide.next_steps.2',
      'guide.next_steps.3',
    ]);
    expect(QUESTION_BANK[13]).toEqual({
      id: 'guide.next_steps.1',
      category: 'next_steps',
      text: 'Is there anyone else you can recommend I speak to for additional information?',
      source: 'guide',
      referral: true,
    });
    expect(new Set(QUESTION_BANK.map((q) => q.category))).toEqual(new Set(QUESTION_CATEGORIES));
    expect(Object.isFrozen(QUESTION_BANK)).toBe(true);
  });
});

describe('mergeQuestions', () => {
  it("adds a tenant's questions", () => {
    const result = mergeQuestions(QUESTION_BANK, [
      { id: 'neu.fit.1', category: 'fit', text: '  What makes a co-op student stand out  on your team? ' },
      {
        id: 'neu.next_steps.1',
        category: 'next_steps',
        text: 'Which alumni should I talk to next?',
        referral: true,
      },
    ]);
    expect(result.ok && result.bank.slice(16)).toEqual([
      {
        id: 'neu.fit.1',
        category: 'fit',
        text: 'What makes a co-op student stand out on your team?',
        source: 'tenant',
      },
      {
        id: 'neu.next_steps.1',
        category: 'next_steps',
        text: 'Which alumni should I talk to next?',
        source: 'tenant',
        referral: true,
      },
    ]);
  });

  it('names every invalid question', () => {
    const result = mergeQuestions(QUESTION_BANK, [
      { id: 'guide.fit.9', category: 'fit', text: 'What else?' },
      { id: 'neu.x.1', category: 'salary' as 'fit', text: 'Tell me about pay.' },
      { id: 'Bad Id', category: 'fit', text: 'Why?' },
    ]);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          id: 'guide.fit.9',
          message: 'Question "guide.fit.9": ids starting with "guide." are reserved for the guide.',
        },
        {
          id: 'neu.x.1',
          message:
            'Question "neu.x.1": the category must be one of job_content, career_path, preparation, fit, next_steps; the text must be a question ending with "?".',
        },
        {
          id: 'Bad Id',
          message:
            'Question "Bad Id": the id must be dotted lower-case words, e.g. "tenant.fit.1"; the text must be a question ending with "?".',
        },
      ],
    });
    const twice = mergeQuestions(QUESTION_BANK, [
      { id: 'neu.fit.1', category: 'fit', text: 'What else?' },
      { id: 'neu.fit.1', category: 'fit', text: 'What more?' },
    ]);
    expect(twice.ok ? [] : twice.issues.map((i) => i.message)).toEqual([
      'Question "neu.fit.1": the id is already in the bank.',
    ]);
  });
});

describe('checkQuestionList', () => {
  it("the guide's whole list yields only hints, each with an open-ended rewrite", () => {
    const findings = checkQuestionList(QUESTION_BANK, GUIDE_POLICY);
    for (const f of findings) expect(f.end).toBe(QUESTION_BANK[f.index ?? -1]?.text.length);
    expect(findings.map((f) => [f.questionId, f.severity, f.start, f.end, f.fix?.replacement])).toEqual([
      [
        'guide.preparation.2',
        'hint',
        0,
        89,
        'What special words of warning or encouragement do you have as a result of your experience?',
      ],
      [
        'guide.preparation.3',
        'hint',
        0,
        81,
        'Which professional associations and/or journals would you recommend?',
      ],
      [
        'guide.preparation.4',
        'hint',
        0,
        80,
        'Which job hunting strategies would you suggest to enter this field?',
      ],
      ['guide.fit.2', 'hint', 0, 80, 'What is the entry-level salary range for this profession/industry?'],
    ]);
  });

  it('a list of open questions with a referral question has no findings', () => {
    const { questions } = selectQuestions(QUESTION_BANK, [
      'guide.job_content.1',
      'guide.career_path.3',
      'guide.next_steps.1',
    ]);
    expect(checkQuestionList(questions, GUIDE_POLICY)).toEqual([]);
  });

  it('warns when the list has fewer referral questions than the policy asks', () => {
    const list = ['What is the typical career path in this field?'];
    expect(checkQuestionList(list, GUIDE_POLICY)).toEqual([
      {
        ruleId: 'prep.questions',
        check: 'referral_question',
        severity: 'warning',
        index: null,
        start: 0,
        end: 0,
        message:
          'Add a question asking for another contact, e.g. "Is there anyone else you would recommend that I speak with?"',
      },
    ]);
    const two = { ...GUIDE_POLICY, minReferralQuestions: 2 };
    expect(
      checkQuestionList([...list, 'Is there anyone else I should talk to?'], two).map((f) => f.check),
    ).toEqual(['referral_question']);
  });

  it("hints at a student's closed question with its span and rewrite, and flags a job ask", () => {
    const list = [
      '  Do you like your job?',
      'Are you hiring interns this summer?',
      'Is there anyone else I should meet?',
    ];
    expect(checkQuestionList(list, GUIDE_POLICY)).toEqual([
      {
        ruleId: 'prep.questions',
        check: 'closed_question',
        severity: 'hint',
        index: 0,
        start: 2,
        end: 23,
        message: 'This invites a yes or no; an open-ended question keeps the conversation going.',
        fix: { replacement: 'What do you like about your job?' },
      },
      {
        ruleId: 'outreach.no_job_ask',
        check: 'job_ask',
        severity: 'error',
        index: 1,
        start: 0,
        end: 14,
        message: 'Do not ask for a job in the meeting: you asked for information and advice.',
      },
      {
        ruleId: 'prep.questions',
        check: 'closed_question',
        severity: 'hint',
        index: 1,
        start: 0,
        end: 35,
        message: 'This invites a yes or no; an open-ended question keeps the conversation going.',
        fix: { replacement: 'What can you tell me about whether you are hiring interns this summer?' },
      },
    ]);
  });

  it('skips the checks a tenant disabled', () => {
    const policy = { ...GUIDE_POLICY, disabledRules: ['prep.questions'] };
    expect(checkQuestionList(['Do you like your job?'], policy)).toEqual([]);
  });
});

describe('openRewrite and isClosedQuestion', () => {
  it.each([
    [
      'Is it hard to break into this field?',
      'What can you tell me about whether it is hard to break into this field?',
    ],
    ['Are there any internships in this field?', 'What can you tell me about internships in this field?'],
    ['Did you study finance?', 'How did you come to study finance?'],
    ['Does the company pay for certifications?', 'How does the company pay for certifications?'],
    ['Is the work stressful?', 'What can you tell me about whether the work is stressful?'],
  ])('%s → %s', (closed, open) => {
    expect(isClosedQuestion(closed)).toBe(true);
    expect(openRewrite(closed)).toBe(open);
  });

  it('treats polite open questions and permission requests as fine', () => {
    for (const text of [
      'Could you describe a typical work day or work week?',
      'Can you tell me about entry level opportunities in this field?',
      'Would you mind if I sent you my resume to review?',
      'May I send you a LinkedIn connection request?',
    ]) {
      expect(isClosedQuestion(text)).toBe(false);
    }
  });
});
