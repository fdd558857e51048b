import { describe, expect, it } from 'vitest';
import type { Milestone, Touchpoint } from '../../src/domain/types.js';
import type { Interview } from '../../src/interview/interview.js';
import { TWO_HOUR_JOB_SEARCH_POLICY } from '../../src/policy/presets.js';
import { RULES } from '../../src/rules/catalog.js';
import { evaluateNetwork } from '../../src/rules/engine.js';
import { RULE_IDS } from '../../src/rules/ids.js';
import { contact, ctx, DAY, HOUR, network, ny, play, policy } from '../support.js';

const t0 = ny('2026-03-02T09:00:00-05:00');
const meetingAt = ny('2026-03-20T14:00:00-04:00');

function sent(id = 'i1', contactId = 'c1', at = t0): Interview {
  return play([{ type: 'send_outreach', at, channel: 'email' }], ctx(), {
    ...play([]),
    id,
    contactId,
  });
}

function met(id = 'i1', contactId = 'c1', start = meetingAt): Interview {
  return play(
    [
      { type: 'send_outreach', at: start - 15 * DAY, channel: 'email' },
      {
        type: 'receive_reply',
        at: start - 14 * DAY,
        response: 'accepted',
        meeting: { at: start, durationMinutes: 30 },
      },
      { type: 'complete', at: start + 30 * 60_000 },
    ],
    ctx(),
    { ...play([]), id, contactId },
  );
}

function task(evaluation: ReturnType<typeof evaluateNetwork>, key: string) {
  return evaluation.tasks.find((t) => t.key === key);
}

describe('the rule catalog', () => {
  it('holds every rule id once, each with a passage and its policy keys', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULES) {
      expect(rule.passage.length).toBeGreaterThan(10);
      for (const key of rule.policyKeys) expect(policy()).toHaveProperty(key);
    }
  });
});

describe('follow_up.due', () => {
  it('is due exactly 14 days after the first attempt, at the same local time', () => {
    const e = evaluateNetwork(network({ interviews: [sent()] }), policy());
    const t = task(e, 'follow_up.due:i1');
    // 2026-03-02 09:00 EST + 14 days crosses the 2026-03-08 DST change: still 09:00 local (EDT).
    expect(t?.dueAt).toBe(ny('2026-03-16T09:00:00-04:00'));
    expect(t?.explanation).toMatchObject({
      ruleId: 'follow_up.due',
      anchor: { name: 'attempt.first', at: t0 },
      policy: { followUpAfter: { amount: 14, unit: 'calendar_days' }, maxUnsolicitedAttempts: 2 },
    });
    expect(t?.explanation.passage).toContain('two weeks');
  });

  it('disappears once the contact replies', () => {
    const replied = play([{ type: 'receive_reply', at: t0 + DAY, response: 'accepted' }], ctx(), sent());
    const e = evaluateNetwork(network({ interviews: [replied] }), policy());
    expect(task(e, 'follow_up.due:i1')).toBeUndefined();
  });
});

describe('follow_up.move_on', () => {
  it('makes the interview unresponsive 14 days after the second attempt and refuses a third', () => {
    const second = ny('2026-03-16T09:00:00-04:00');
    const i = play([{ type: 'send_follow_up', at: second, channel: 'email' }], ctx(), sent());
    const e = evaluateNetwork(network({ interviews: [i] }), policy());
    expect(e.tasks.filter((t) => t.interviewId === 'i1' && t.ruleId.startsWith('follow_up'))).toEqual([]);
    expect(e.timedTransitions).toEqual([
      expect.objectContaining({
        key: 'follow_up.move_on:i1',
        event: 'mark_unresponsive',
        at: ny('2026-03-30T09:00:00-04:00'),
      }),
    ]);
    expect(e.refusals).toEqual([
      expect.objectContaining({ event: 'send_follow_up', code: 'attempts.limit_reached' }),
    ]);
  });
});

describe('follow_up.second_contact (3B7)', () => {
  const preset = { ...TWO_HOUR_JOB_SEARCH_POLICY, holidays: ['2026-12-25'] };
  const thursday = ny('2026-12-24T10:00:00-05:00');
  const acme = [contact('c1', { organization: 'Acme' }), contact('c2', { organization: ' acme ' })];

  it('is due 3 business days later, skipping the weekend and a holiday; the follow-up 7', () => {
    const e = evaluateNetwork(network({ contacts: acme, interviews: [sent('i1', 'c1', thursday)] }), preset);
    // Fri 25 holiday, Sat/Sun weekend → Mon 28, Tue 29, Wed 30.
    expect(task(e, 'follow_up.second_contact:i1')?.dueAt).toBe(ny('2026-12-30T10:00:00-05:00'));
    // 7 business days: Dec 28–31, Jan 1 (not a holiday here), Jan 4, Jan 5.
    expect(task(e, 'follow_up.due:i1')?.dueAt).toBe(ny('2027-01-05T10:00:00-05:00'));
  });

  it('disappears once a second person at the same organisation has been reached', () => {
    const waiting = play([], ctx(), { ...sent('i2', 'c2', thursday + DAY), state: 'prospect', attempts: [] });
    const before = evaluateNetwork(
      network({ contacts: acme, interviews: [sent('i1', 'c1', thursday), waiting] }),
      preset,
    );
    expect(task(before, 'follow_up.second_contact:i1')).toBeDefined();
    const after = evaluateNetwork(
      network({ contacts: acme, interviews: [sent('i1', 'c1', thursday), sent('i2', 'c2', thursday + DAY)] }),
      preset,
    );
    expect(task(after, 'follow_up.second_contact:i1')).toBeUndefined();
  });

  it('is off under the guide preset', () => {
    const e = evaluateNetwork(
      network({ contacts: acme, interviews: [sent('i1', 'c1', thursday)] }),
      policy(),
    );
    expect(task(e, 'follow_up.second_contact:i1')).toBeUndefined();
  });
});

describe('prep.checklist', () => {
  it('is due 24 h before the meeting while items are missing', () => {
    const i = play(
      [
        {
          type: 'receive_reply',
          at: t0 + DAY,
          response: 'accepted',
          meeting: { at: meetingAt, durationMinutes: 30 },
        },
      ],
      ctx(),
      sent(),
    );
    const e = evaluateNetwork(network({ interviews: [i] }), policy());
    expect(task(e, 'prep.checklist:i1')?.dueAt).toBe(meetingAt - 24 * HOUR);
    const done = play(
      [
        {
          type: 'update_prep',
          at: t0 + 2 * DAY,
          items: {
            research_person: true,
            research_organization: true,
            research_industry: true,
            question_list: true,
            elevator_pitch: true,
            resume: true,
          },
        },
      ],
      ctx(),
      i,
    );
    expect(
      task(evaluateNetwork(network({ interviews: [done] }), policy()), 'prep.checklist:i1'),
    ).toBeUndefined();
  });
});

describe('after the meeting', () => {
  it('thank-you is due 24 h after the meeting ends; notes 2 h; a referral ask with the thank-you', () => {
    const e = evaluateNetwork(network({ interviews: [met()] }), policy());
    const end = meetingAt + 30 * 60_000;
    expect(task(e, 'after.thank_you:i1')?.dueAt).toBe(end + 24 * HOUR);
    expect(task(e, 'after.notes:i1')?.dueAt).toBe(end + 2 * HOUR);
    expect(task(e, 'referral.ask:i1')?.dueAt).toBe(end + 24 * HOUR);
  });

  it('each task disappears when its work is done', () => {
    const done = play(
      [
        { type: 'record_notes', at: meetingAt + HOUR, learnedPoints: ['a'] },
        { type: 'record_no_referral', at: meetingAt + HOUR },
        { type: 'send_thank_you', at: meetingAt + 5 * HOUR },
      ],
      ctx(),
      met(),
    );
    const e = evaluateNetwork(network({ interviews: [done] }), policy());
    expect(e.tasks.map((t) => t.ruleId)).toEqual(['nurture.keep_in_touch']);
  });
});

describe('nurture.keep_in_touch', () => {
  it('is due 90 days after the last touchpoint, and any touchpoint resets the timer', () => {
    const i = play([{ type: 'send_thank_you', at: meetingAt + 5 * HOUR }], ctx(), met());
    const base = evaluateNetwork(network({ interviews: [i] }), policy());
    expect(task(base, 'nurture.keep_in_touch:c1')?.dueAt).toBe(ny('2026-06-18T19:00:00-04:00'));
    const touch: Touchpoint = {
      id: 't1',
      contactId: 'c1',
      at: ny('2026-05-01T12:00:00-04:00'),
      kind: 'article',
    };
    const reset = evaluateNetwork(network({ interviews: [i], touchpoints: [touch] }), policy());
    const t = task(reset, 'nurture.keep_in_touch:c1');
    expect(t?.dueAt).toBe(ny('2026-07-30T12:00:00-04:00'));
    expect(t?.explanation.anchor).toEqual({ name: 'touchpoint.last', at: touch.at });
  });
});

describe('referral.report_back', () => {
  const contacts = [
    contact('c1', { name: 'Pat Referrer' }),
    contact('c2', { name: 'Sam Referred', referrerContactId: 'c1', source: 'referral' }),
  ];

  it('completing a referred interview raises a task on the referrer’s interview, due 7 days later', () => {
    const referrerInterview = met('i1', 'c1');
    const referred = met('i2', 'c2', meetingAt + 20 * DAY);
    const e = evaluateNetwork(network({ contacts, interviews: [referrerInterview, referred] }), policy());
    const t = task(e, 'referral.report_back:i2');
    expect(t).toMatchObject({ interviewId: 'i1', contactId: 'c1' });
    expect(t?.title).toContain('Pat Referrer');
    expect(t?.dueAt).toBe(meetingAt + 20 * DAY + 30 * 60_000 + 7 * DAY);
  });

  it('disappears after a report-back touchpoint to the referrer', () => {
    const referred = met('i2', 'c2', meetingAt + 20 * DAY);
    const touch: Touchpoint = {
      id: 't1',
      contactId: 'c1',
      at: meetingAt + 22 * DAY,
      kind: 'report_back',
      aboutContactId: 'c2',
    };
    const e = evaluateNetwork(
      network({ contacts, interviews: [met('i1', 'c1'), referred], touchpoints: [touch] }),
      policy(),
    );
    expect(task(e, 'referral.report_back:i2')).toBeUndefined();
  });
});

describe('milestone.notify', () => {
  it('raises one task per contact interviewed before the milestone, due 14 days after', () => {
    const contacts = [contact('c1'), contact('c2'), contact('c3')];
    const milestone: Milestone = { id: 'm1', kind: 'position_secured', at: meetingAt + 60 * DAY };
    const later = met('i3', 'c3', meetingAt + 70 * DAY);
    const e = evaluateNetwork(
      network({ contacts, interviews: [met('i1', 'c1'), met('i2', 'c2'), later], milestones: [milestone] }),
      policy(),
    );
    const notify = e.tasks.filter((t) => t.ruleId === 'milestone.notify');
    expect(notify.map((t) => t.key).sort()).toEqual(['milestone.notify:m1:c1', 'milestone.notify:m1:c2']);
    expect(notify[0]?.dueAt).toBe(milestone.at + 14 * DAY);
    const told: Touchpoint = {
      id: 't',
      contactId: 'c1',
      at: milestone.at + DAY,
      kind: 'milestone_news',
      milestoneId: 'm1',
    };
    const after = evaluateNetwork(
      network({
        contacts,
        interviews: [met('i1', 'c1'), met('i2', 'c2')],
        milestones: [milestone],
        touchpoints: [told],
      }),
      policy(),
    );
    expect(after.tasks.filter((t) => t.ruleId === 'milestone.notify').map((t) => t.key)).toEqual([
      'milestone.notify:m1:c2',
    ]);
  });
});

describe('tenant rules and switches', () => {
  it('a tenant reminder rule as data: remind 2 days before a meeting to confirm it', () => {
    const i = play(
      [
        {
          type: 'receive_reply',
          at: t0 + DAY,
          response: 'accepted',
          meeting: { at: meetingAt, durationMinutes: 30 },
        },
      ],
      ctx(),
      sent(),
    );
    const p = policy({
      customRules: [
        {
          id: 'custom.confirm_meeting',
          title: 'Confirm the meeting',
          anchor: 'meeting.start',
          offset: { amount: -2, unit: 'calendar_days' },
          states: ['scheduled'],
        },
      ],
    });
    const t = task(evaluateNetwork(network({ interviews: [i] }), p), 'custom.confirm_meeting:i1');
    expect(t?.dueAt).toBe(meetingAt - 2 * DAY);
    expect(t?.explanation.policy).toEqual({
      anchor: 'meeting.start',
      offset: { amount: -2, unit: 'calendar_days' },
    });
  });

  it('a disabled rule derives nothing; changed numbers are used and recorded', () => {
    const p = policy({ disabledRules: ['follow_up.due'] });
    expect(evaluateNetwork(network({ interviews: [sent()] }), p).tasks).toEqual([]);
    const seven = policy({ followUpAfter: { amount: 7, unit: 'calendar_days' } });
    const t = task(evaluateNetwork(network({ interviews: [sent()] }), seven), 'follow_up.due:i1');
    expect(t?.dueAt).toBe(ny('2026-03-09T09:00:00-04:00'));
    expect(t?.explanation.policy).toMatchObject({ followUpAfter: { amount: 7, unit: 'calendar_days' } });
  });

  it('reminders move out of the quiet hours; due times do not', () => {
    const late = ny('2026-03-02T22:30:00-05:00');
    const t = task(
      evaluateNetwork(network({ interviews: [sent('i1', 'c1', late)] }), policy()),
      'follow_up.due:i1',
    );
    expect(t?.dueAt).toBe(ny('2026-03-16T22:30:00-04:00'));
    expect(t?.remindAt).toBe(ny('2026-03-17T08:00:00-04:00'));
  });
});
