import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyStudentOverride,
  GUIDE_POLICY,
  type Policy,
  type PolicyIssue,
  type PolicyResult,
  policyValues,
  resolvePolicy,
  TWO_HOUR_JOB_SEARCH_POLICY,
} from '../../src/policy/index.js';

const issuesOf = (result: PolicyResult): PolicyIssue[] => (result.ok ? [] : result.issues);
const policyOf = (result: PolicyResult): Policy => {
  if (!result.ok) throw new Error(`expected a policy, got ${JSON.stringify(result.issues)}`);
  return result.policy;
};
const paths = (result: PolicyResult): string[] => issuesOf(result).map((issue) => issue.path);

const confirmMeeting = {
  id: 'custom.confirm_meeting',
  title: 'Confirm the meeting',
  anchor: 'meeting.start',
  offset: { amount: -2, unit: 'calendar_days' },
  states: ['scheduled'],
};

describe('resolvePolicy', () => {
  it('defaults to the guide', () => {
    expect(policyOf(resolvePolicy({}))).toEqual(GUIDE_POLICY);
    expect(policyOf(resolvePolicy(undefined))).toBe(GUIDE_POLICY);
  });

  it('starts from the named preset and applies the overrides, leaving the preset untouched', () => {
    const policy = policyOf(
      resolvePolicy({
        preset: 'two_hour_job_search',
        followUpAfter: { amount: 5, unit: 'business_days' },
        holidays: ['2026-12-31', '2026-12-25'],
        quietHours: null,
        customRules: [confirmMeeting],
        disabledRules: ['after.notes', 'custom.confirm_meeting'],
        studentOverridable: ['quietHours'],
      }),
    );
    expect(policy.preset).toBe('two_hour_job_search');
    expect(policy.followUpAfter).toEqual({ amount: 5, unit: 'business_days' });
    expect(policy.secondContactAfter).toEqual({ amount: 3, unit: 'business_days' });
    expect(policy.holidays).toEqual(['2026-12-25', '2026-12-31']);
    expect(policy.quietHours).toBeNull();
    expect(policy.customRules).toEqual([confirmMeeting]);
    expect(Object.isFrozen(policy.customRules[0]!.offset)).toBe(true);
    expect(TWO_HOUR_JOB_SEARCH_POLICY.followUpAfter).toEqual({ amount: 7, unit: 'business_days' });
  });

  it('does not keep references to the input', () => {
    const weekend = [5, 6];
    const policy = policyOf(resolvePolicy({ weekend }));
    weekend.push(7);
    expect(policy.weekend).toEqual([5, 6]);
  });

  it('refuses a non-object and an unknown preset', () => {
    expect(issuesOf(resolvePolicy('guide'))).toEqual([
      { path: '', message: 'must be an object; got "guide"' },
    ]);
    expect(issuesOf(resolvePolicy([]))[0]?.path).toBe('');
    expect(issuesOf(resolvePolicy({ preset: 'fast' }))).toEqual([
      { path: 'preset', message: 'must be one of guide, two_hour_job_search; got "fast"' },
    ]);
  });

  it('names unknown keys, suggesting a near miss', () => {
    expect(issuesOf(resolvePolicy({ followupAfter: { amount: 3, unit: 'hours' }, colour: 'red' }))).toEqual([
      { path: 'followupAfter', message: 'unknown policy key; did you mean followUpAfter?' },
      { path: 'colour', message: 'unknown policy key' },
    ]);
  });

  it('checks durations: positive integer amount, known unit, no extra keys, sane size', () => {
    expect(issuesOf(resolvePolicy({ followUpAfter: { amount: -3, unit: 'calendar_days' } }))).toEqual([
      { path: 'followUpAfter.amount', message: 'must be a positive integer (days); got -3' },
    ]);
    const cases: [unknown, string][] = [
      [{ amount: 0, unit: 'hours' }, 'followUpAfter.amount'],
      [{ amount: 1.5, unit: 'hours' }, 'followUpAfter.amount'],
      [{ amount: '3', unit: 'hours' }, 'followUpAfter.amount'],
      [{ amount: 3, unit: 'weeks' }, 'followUpAfter.unit'],
      [{ amount: 3 }, 'followUpAfter.unit'],
      [{ amount: 3, unit: 'hours', extra: true }, 'followUpAfter.extra'],
      [{ amount: 100_000, unit: 'calendar_days' }, 'followUpAfter.amount'],
      [14, 'followUpAfter'],
      [null, 'followUpAfter'],
    ];
    for (const [value, path] of cases) expect(paths(resolvePolicy({ followUpAfter: value }))).toEqual([path]);
    expect(policyOf(resolvePolicy({ secondContactAfter: null })).secondContactAfter).toBeNull();
    expect(paths(resolvePolicy({ prepDueBefore: { amount: -24, unit: 'hours' } }))).toEqual([
      'prepDueBefore.amount',
    ]);
  });

  it('checks counts, switches and enumerations', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ maxUnsolicitedAttempts: 0 }, 'maxUnsolicitedAttempts'],
      [{ maxUnsolicitedAttempts: 2.5 }, 'maxUnsolicitedAttempts'],
      [{ minReferralQuestions: 50 }, 'minReferralQuestions'],
      [{ meetingMaxMinutes: '30' }, 'meetingMaxMinutes'],
      [{ thankYouMaxPoints: -1 }, 'thankYouMaxPoints'],
      [{ outreachMaxWords: 0 }, 'outreachMaxWords'],
      [{ outreachConnectionFirst: 'yes' }, 'outreachConnectionFirst'],
      [{ outreachNoJobMention: 1 }, 'outreachNoJobMention'],
      [{ channelEnforcement: 'block' }, 'channelEnforcement'],
      [
        { professionalCap: { maxRequests: 0, periodDays: 30, enforcement: 'warn' } },
        'professionalCap.maxRequests',
      ],
      [{ professionalCap: { maxRequests: 3, periodDays: 30 } }, 'professionalCap.enforcement'],
    ];
    for (const [override, path] of cases)
      expect(paths(resolvePolicy(override)), JSON.stringify(override)).toEqual([path]);
    expect(issuesOf(resolvePolicy({ maxUnsolicitedAttempts: 0 }))[0]?.message).toBe(
      'must be an integer from 1 to 10; got 0',
    );
    expect(
      policyOf(resolvePolicy({ professionalCap: { maxRequests: 3, periodDays: 30, enforcement: 'refuse' } }))
        .professionalCap,
    ).toEqual({ maxRequests: 3, periodDays: 30, enforcement: 'refuse' });
  });

  it('checks that minimums do not exceed maximums, against the preset values too', () => {
    expect(issuesOf(resolvePolicy({ meetingMinMinutes: 45 }))).toEqual([
      { path: 'meetingMinMinutes', message: 'meetingMinMinutes (45) must not exceed meetingMaxMinutes (30)' },
    ]);
    expect(paths(resolvePolicy({ meetingMaxMinutes: 15 }))).toEqual(['meetingMaxMinutes']);
    expect(paths(resolvePolicy({ thankYouMinPoints: 3, thankYouMaxPoints: 2 }))).toEqual([
      'thankYouMinPoints',
    ]);
    expect(resolvePolicy({ meetingMinMinutes: 45, meetingMaxMinutes: 60 }).ok).toBe(true);
  });

  it('checks the weekend', () => {
    expect(paths(resolvePolicy({ weekend: [6, 8] }))).toEqual(['weekend[1]']);
    expect(paths(resolvePolicy({ weekend: [6, 6] }))).toEqual(['weekend[1]']);
    expect(paths(resolvePolicy({ weekend: [1, 2, 3, 4, 5, 6, 7] }))).toEqual(['weekend']);
    expect(paths(resolvePolicy({ weekend: 6 }))).toEqual(['weekend']);
    expect(policyOf(resolvePolicy({ weekend: [7, 5] })).weekend).toEqual([5, 7]);
    expect(policyOf(resolvePolicy({ weekend: [] })).weekend).toEqual([]);
  });

  it('checks holidays are real dates', () => {
    const result = resolvePolicy({
      holidays: ['2026-12-25', '2026-02-30', '25/12/2026', 20261225, '2026-12-25'],
    });
    expect(paths(result)).toEqual(['holidays[1]', 'holidays[2]', 'holidays[3]', 'holidays[4]']);
    expect(issuesOf(result)[0]?.message).toBe('must be a real calendar date as YYYY-MM-DD; got "2026-02-30"');
  });

  it('checks quiet hours', () => {
    expect(paths(resolvePolicy({ quietHours: { start: '24:00', end: '8:00' } }))).toEqual([
      'quietHours.start',
      'quietHours.end',
    ]);
    expect(paths(resolvePolicy({ quietHours: { start: '08:00', end: '08:00' } }))).toEqual(['quietHours']);
    expect(paths(resolvePolicy({ quietHours: { start: '22:00' } }))).toEqual(['quietHours.end']);
    expect(policyOf(resolvePolicy({ quietHours: { start: '22:30', end: '07:15' } })).quietHours).toEqual({
      start: '22:30',
      end: '07:15',
    });
  });

  it('checks disabled rules against built-in ids and the tenant custom rules', () => {
    expect(
      policyOf(resolvePolicy({ disabledRules: ['follow_up.due', 'nurture.keep_in_touch'] })).disabledRules,
    ).toEqual(['follow_up.due', 'nurture.keep_in_touch']);
    expect(issuesOf(resolvePolicy({ disabledRules: ['follow_up.due', 'follow_up.later', 7] }))).toMatchObject(
      [{ path: 'disabledRules[1]' }, { path: 'disabledRules[2]' }],
    );
    expect(paths(resolvePolicy({ disabledRules: ['custom.confirm_meeting'] }))).toEqual(['disabledRules[0]']);
    expect(
      resolvePolicy({ disabledRules: ['custom.confirm_meeting'], customRules: [confirmMeeting] }).ok,
    ).toBe(true);
  });

  it('checks custom rules field by field', () => {
    const result = resolvePolicy({
      customRules: [
        confirmMeeting,
        { ...confirmMeeting, title: 'Duplicate' },
        {
          id: 'confirm',
          title: '  ',
          anchor: 'meeting.middle',
          offset: { amount: 0, unit: 'hours' },
          states: ['scheduled', 'sleeping'],
          colour: 'red',
        },
        { ...confirmMeeting, id: 'custom.no_states', states: [] },
      ],
    });
    expect(paths(result)).toEqual([
      'customRules[1]',
      'customRules[2].colour',
      'customRules[2].id',
      'customRules[2].title',
      'customRules[2].anchor',
      'customRules[2].offset.amount',
      'customRules[2].states[1]',
      'customRules[3].states',
    ]);
    expect(issuesOf(result).find((issue) => issue.path === 'customRules[2].offset.amount')?.message).toBe(
      'must be a non-zero integer (hours); got 0',
    );
    expect(
      resolvePolicy({ customRules: [{ ...confirmMeeting, offset: { amount: 3, unit: 'business_days' } }] })
        .ok,
    ).toBe(true);
  });

  it('does not flag a disabled custom rule whose definition has another mistake', () => {
    const result = resolvePolicy({
      customRules: [{ ...confirmMeeting, title: '' }],
      disabledRules: ['custom.confirm_meeting'],
    });
    expect(paths(result)).toEqual(['customRules[0].title']);
  });

  it('checks the keys students may override', () => {
    expect(
      paths(resolvePolicy({ studentOverridable: ['quietHours', 'preset', 'studentOverridable', 'nope'] })),
    ).toEqual(['studentOverridable[1]', 'studentOverridable[2]', 'studentOverridable[3]']);
  });

  it('collects every issue at once', () => {
    const result = resolvePolicy({
      preset: 'other',
      followUpAfter: { amount: -3, unit: 'calendar_days' },
      moveOnAfter: { amount: 2, unit: 'fortnights' },
      weekend: [0],
      holidays: ['2026-13-01'],
      quietHours: { start: 'late', end: '08:00' },
      bogus: true,
    });
    expect(paths(result)).toEqual([
      'preset',
      'followUpAfter.amount',
      'moveOnAfter.unit',
      'weekend[0]',
      'holidays[0]',
      'quietHours.start',
      'bogus',
    ]);
  });

  it('never throws and always explains a refusal, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.dictionary(
          fc.constantFrom(
            'followUpAfter',
            'weekend',
            'holidays',
            'quietHours',
            'customRules',
            'meetingMinMinutes',
          ),
          fc.anything(),
        ),
        (anything, fields) => {
          for (const input of [anything, fields]) {
            const result = resolvePolicy(input);
            if (!result.ok) {
              expect(result.issues.length).toBeGreaterThan(0);
              for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
            } else {
              expect(Object.isFrozen(result.policy)).toBe(true);
            }
          }
        },
      ),
    );
  });
});

describe('applyStudentOverride', () => {
  const tenant = policyOf(resolvePolicy({ studentOverridable: ['quietHours', 'keepInTouchEvery'] }));

  it('applies the keys the tenant allows', () => {
    const policy = policyOf(
      applyStudentOverride(tenant, {
        quietHours: { start: '23:00', end: '06:30' },
        keepInTouchEvery: { amount: 60, unit: 'calendar_days' },
      }),
    );
    expect(policy.quietHours).toEqual({ start: '23:00', end: '06:30' });
    expect(policy.keepInTouchEvery).toEqual({ amount: 60, unit: 'calendar_days' });
    expect(policy.followUpAfter).toEqual(tenant.followUpAfter);
    expect(tenant.quietHours).toEqual({ start: '21:00', end: '08:00' });
    expect(policyOf(applyStudentOverride(tenant, {}))).toEqual(tenant);
    expect(policyOf(applyStudentOverride(tenant, undefined))).toBe(tenant);
  });

  it('refuses other keys, the preset and unknown keys', () => {
    expect(
      issuesOf(
        applyStudentOverride(tenant, {
          followUpAfter: { amount: 1, unit: 'hours' },
          preset: 'guide',
          nap: 1,
        }),
      ),
    ).toEqual([
      { path: 'preset', message: 'not overridable by students' },
      { path: 'followUpAfter', message: 'not overridable by students' },
      { path: 'nap', message: 'unknown policy key' },
    ]);
    expect(issuesOf(applyStudentOverride(GUIDE_POLICY, { quietHours: null }))).toEqual([
      { path: 'quietHours', message: 'not overridable by students' },
    ]);
  });

  it('validates allowed keys as for tenants', () => {
    expect(
      issuesOf(applyStudentOverride(tenant, { keepInTouchEvery: { amount: 0, unit: 'calendar_days' } })),
    ).toEqual([{ path: 'keepInTouchEvery.amount', message: 'must be a positive integer (days); got 0' }]);
  });

  it('checks minimums against the tenant maximum', () => {
    const meetings = policyOf(resolvePolicy({ studentOverridable: ['meetingMinMinutes'] }));
    expect(paths(applyStudentOverride(meetings, { meetingMinMinutes: 40 }))).toEqual(['meetingMinMinutes']);
    expect(policyOf(applyStudentOverride(meetings, { meetingMinMinutes: 25 })).meetingMinMinutes).toBe(25);
  });
});

describe('policyValues', () => {
  it('picks the values a task explanation cites', () => {
    expect(policyValues(GUIDE_POLICY, ['followUpAfter', 'maxUnsolicitedAttempts'])).toEqual({
      followUpAfter: { amount: 14, unit: 'calendar_days' },
      maxUnsolicitedAttempts: 2,
    });
    expect(policyValues(GUIDE_POLICY, [])).toEqual({});
  });
});
