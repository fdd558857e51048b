import { describe, expect, it } from 'vitest';
import { newInterview } from '../../src/interview/interview.js';
import { INTERVIEW_STATES, isClosed } from '../../src/interview/states.js';
import { LIFECYCLE } from '../../src/lifecycle/machine.js';
import { allowedEvents, transition } from '../../src/lifecycle/transition.js';
import { TWO_HOUR_JOB_SEARCH_POLICY } from '../../src/policy/presets.js';
import { ctx, DAY, HOUR, ny, play, policy } from '../support.js';

const t0 = ny('2026-03-02T09:00:00-05:00');
const meetingAt = t0 + 10 * DAY;

describe('transition', () => {
  it('moves prospect → awaiting_reply on outreach and appends the timeline', () => {
    const result = transition(
      newInterview({ id: 'i1', contactId: 'c1' }),
      { type: 'send_outreach', at: t0, channel: 'email' },
      ctx(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.state).toBe('awaiting_reply');
    expect(result.snapshot.attempts).toEqual([{ at: t0, channel: 'email', kind: 'outreach' }]);
    expect(result.entry).toMatchObject({
      seq: 1,
      at: t0,
      type: 'send_outreach',
      from: 'prospect',
      to: 'awaiting_reply',
    });
    expect(result.snapshot.timeline).toEqual([result.entry]);
    expect(result.effects.map((e) => e.type)).toEqual([
      'append_timeline',
      'state_changed',
      'reevaluate_network',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('refuses a third unsolicited attempt with a stable code (follow_up.move_on)', () => {
    const i = play([
      { type: 'send_outreach', at: t0, channel: 'email' },
      { type: 'send_follow_up', at: t0 + 14 * DAY, channel: 'email' },
    ]);
    const result = transition(i, { type: 'send_follow_up', at: t0 + 20 * DAY, channel: 'email' }, ctx());
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'attempts.limit_reached', ruleId: 'follow_up.move_on', state: 'followed_up' },
    });
  });

  it('refuses scheduling a meeting for a declined interview', () => {
    const i = play([
      { type: 'send_outreach', at: t0, channel: 'email' },
      { type: 'receive_reply', at: t0 + DAY, response: 'declined' },
    ]);
    expect(i.state).toBe('declined');
    const result = transition(
      i,
      { type: 'schedule_meeting', at: t0 + 2 * DAY, meeting: { at: meetingAt, durationMinutes: 30 } },
      ctx(),
    );
    expect(result).toMatchObject({ ok: false, refusal: { code: 'interview.closed', state: 'declined' } });
  });

  it('refuses events a state does not accept, naming the possible ones', () => {
    const result = transition(
      newInterview({ id: 'i1', contactId: 'c1' }),
      { type: 'complete', at: t0 },
      ctx(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('lifecycle.event_not_allowed');
    expect(result.refusal.message).toContain('send_outreach');
  });

  it('refuses events dated before the last one', () => {
    const i = play([{ type: 'send_outreach', at: t0, channel: 'email' }]);
    const result = transition(i, { type: 'receive_reply', at: t0 - HOUR, response: 'accepted' }, ctx());
    expect(result).toMatchObject({ ok: false, refusal: { code: 'timeline.out_of_order' } });
  });

  it('rejects malformed payloads as event.invalid', () => {
    const i = newInterview({ id: 'i1', contactId: 'c1' });
    expect(transition(i, { type: 'send_outreach', at: Number.NaN, channel: 'email' }, ctx())).toMatchObject({
      ok: false,
      refusal: { code: 'event.invalid' },
    });
    const j = play([{ type: 'send_outreach', at: t0, channel: 'email' }]);
    expect(
      transition(
        j,
        { type: 'schedule_meeting', at: t0, meeting: { at: meetingAt, durationMinutes: 0 } },
        ctx(),
      ),
    ).toMatchObject({ ok: false, refusal: { code: 'event.invalid' } });
  });

  it('warns (by default) and refuses (when the tenant says so) a phone call to an unknown person', () => {
    const i = newInterview({ id: 'i1', contactId: 'c1' });
    const warned = transition(i, { type: 'send_outreach', at: t0, channel: 'phone' }, ctx());
    expect(warned.ok && warned.warnings.map((w) => w.code)).toEqual(['channel.phone_to_unknown']);
    const known = transition(
      i,
      { type: 'send_outreach', at: t0, channel: 'phone' },
      ctx({ contact: { known: true } }),
    );
    expect(known.ok && known.warnings).toEqual([]);
    const refused = transition(
      i,
      { type: 'send_outreach', at: t0, channel: 'phone' },
      ctx({ policy: policy({ channelEnforcement: 'refuse' }) }),
    );
    expect(refused).toMatchObject({
      ok: false,
      refusal: { code: 'channel.phone_to_unknown', ruleId: 'channel.first_contact' },
    });
  });

  it('caps outreach to one professional when the tenant sets a cap', () => {
    const i = newInterview({ id: 'i1', contactId: 'c1' });
    const cap = { maxRequests: 3, periodDays: 30, enforcement: 'refuse' as const };
    const c = ctx({ policy: policy({ professionalCap: cap }), professionalRequests: 3 });
    expect(transition(i, { type: 'send_outreach', at: t0, channel: 'email' }, c)).toMatchObject({
      ok: false,
      refusal: { code: 'outreach.professional_cap_reached' },
    });
    const ok = transition(
      i,
      { type: 'send_outreach', at: t0, channel: 'email' },
      { ...c, professionalRequests: 2 },
    );
    expect(ok.ok).toBe(true);
    const warn = transition(
      i,
      { type: 'send_outreach', at: t0, channel: 'email' },
      ctx({ policy: policy({ professionalCap: { ...cap, enforcement: 'warn' } }), professionalRequests: 5 }),
    );
    expect(warn.ok && warn.warnings.map((w) => w.code)).toEqual(['outreach.professional_cap_reached']);
  });

  it('warns on an early follow-up but accepts it', () => {
    const i = play([{ type: 'send_outreach', at: t0, channel: 'email' }]);
    const r = transition(i, { type: 'send_follow_up', at: t0 + 3 * DAY, channel: 'email' }, ctx());
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['follow_up.early']);
    const onTime = transition(i, { type: 'send_follow_up', at: t0 + 14 * DAY, channel: 'email' }, ctx());
    expect(onTime.ok && onTime.warnings).toEqual([]);
  });

  it('marks unresponsive only 14 days after the second attempt', () => {
    const second = t0 + 14 * DAY;
    const i = play([
      { type: 'send_outreach', at: t0, channel: 'email' },
      { type: 'send_follow_up', at: second, channel: 'email' },
    ]);
    expect(transition(i, { type: 'mark_unresponsive', at: second + 14 * DAY - 1 }, ctx())).toMatchObject({
      ok: false,
      refusal: { code: 'unresponsive.not_yet_due' },
    });
    const r = transition(
      i,
      { type: 'mark_unresponsive', at: second + 14 * DAY },
      ctx({ actor: { kind: 'system' } }),
    );
    expect(r.ok && r.snapshot.state).toBe('unresponsive');
    expect(r.ok && r.snapshot.closedAt).toBe(second + 14 * DAY);
  });

  it('plays the whole happy path to nurturing', () => {
    const i = play([
      { type: 'send_outreach', at: t0, channel: 'email' },
      {
        type: 'receive_reply',
        at: t0 + DAY,
        response: 'accepted',
        meeting: { at: meetingAt, durationMinutes: 30 },
      },
      { type: 'update_prep', at: t0 + 2 * DAY, items: { research_person: true, question_list: true } },
      { type: 'schedule_meeting', at: t0 + 3 * DAY, meeting: { at: meetingAt + HOUR, durationMinutes: 25 } },
      { type: 'complete', at: meetingAt + 2 * HOUR, businessCardReceived: true, askedForReferral: true },
      {
        type: 'record_notes',
        at: meetingAt + 3 * HOUR,
        learnedPoints: ['Join the regional chapter', 'Learn SQL'],
      },
      { type: 'record_referral', at: meetingAt + 3 * HOUR },
      { type: 'send_thank_you', at: meetingAt + 20 * HOUR },
    ]);
    expect(i.state).toBe('nurturing');
    expect(i.meeting).toEqual({ at: meetingAt + HOUR, durationMinutes: 25 });
    expect(i.timeline.map((e) => e.to)).toEqual([
      'awaiting_reply',
      'scheduled',
      'scheduled',
      'scheduled',
      'completed',
      'completed',
      'completed',
      'nurturing',
    ]);
    expect(i.timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(i.referralCount).toBe(1);
  });

  it('refuses completing a meeting before it starts or without a time', () => {
    const noTime = play([
      { type: 'send_outreach', at: t0, channel: 'email' },
      { type: 'receive_reply', at: t0 + DAY, response: 'accepted' },
    ]);
    expect(transition(noTime, { type: 'complete', at: t0 + 2 * DAY }, ctx())).toMatchObject({
      ok: false,
      refusal: { code: 'meeting.not_scheduled' },
    });
    const early = play(
      [{ type: 'schedule_meeting', at: t0 + 2 * DAY, meeting: { at: meetingAt, durationMinutes: 30 } }],
      ctx(),
      noTime,
    );
    expect(transition(early, { type: 'complete', at: meetingAt - HOUR }, ctx())).toMatchObject({
      ok: false,
      refusal: { code: 'meeting.not_yet_held' },
    });
  });

  it('records going longer only as "invited to stay" (meeting.length) and warns on missed closing asks', () => {
    const scheduled = play([
      { type: 'send_outreach', at: t0, channel: 'email' },
      {
        type: 'receive_reply',
        at: t0 + DAY,
        response: 'accepted',
        meeting: { at: meetingAt, durationMinutes: 30 },
      },
    ]);
    const uninvited = transition(
      scheduled,
      { type: 'complete', at: meetingAt + HOUR, actualMinutes: 50, askedForReferral: false },
      ctx(),
    );
    expect(uninvited.ok && uninvited.warnings.map((w) => w.code)).toEqual([
      'meeting.overran_uninvited',
      'meeting.close_missed',
    ]);
    expect(uninvited.ok && uninvited.snapshot.actualMinutes).toBeNull();
    const invited = transition(
      scheduled,
      { type: 'complete', at: meetingAt + HOUR, actualMinutes: 50, invitedToStay: true },
      ctx(),
    );
    expect(invited.ok && invited.snapshot).toMatchObject({ actualMinutes: 50, invitedToStay: true });
    expect(invited.ok && invited.warnings).toEqual([]);
  });

  it('warns when a meeting is planned outside 20–30 minutes', () => {
    const i = play([{ type: 'send_outreach', at: t0, channel: 'email' }]);
    const r = transition(
      i,
      { type: 'schedule_meeting', at: t0 + DAY, meeting: { at: meetingAt, durationMinutes: 60 } },
      ctx(),
    );
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['meeting.too_long']);
  });

  it('does not warn for rules the tenant disabled', () => {
    const i = play([{ type: 'send_outreach', at: t0, channel: 'email' }]);
    const r = transition(
      i,
      { type: 'schedule_meeting', at: t0 + DAY, meeting: { at: meetingAt, durationMinutes: 60 } },
      ctx({ policy: policy({ disabledRules: ['meeting.length'] }) }),
    );
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('allows withdrawing from every open state and nothing from a closed one', () => {
    for (const state of INTERVIEW_STATES) {
      const accepts = allowedEvents(state).includes('withdraw');
      expect(accepts).toBe(
        state === 'prospect' ||
          state === 'awaiting_reply' ||
          state === 'followed_up' ||
          state === 'scheduled',
      );
      if (isClosed(state)) expect(allowedEvents(state)).toEqual([]);
    }
  });

  it('keeps every transition target a known state', () => {
    for (const node of Object.values(LIFECYCLE)) {
      for (const specs of Object.values(node)) {
        for (const spec of specs ?? []) expect(INTERVIEW_STATES).toContain(spec.target);
      }
    }
  });

  it('counts 3B7 waits in business days', () => {
    const thursday = ny('2026-12-24T10:00:00-05:00');
    const c = ctx({ policy: { ...TWO_HOUR_JOB_SEARCH_POLICY, holidays: ['2026-12-25'] } });
    const i = play([{ type: 'send_outreach', at: thursday, channel: 'email' }], c);
    const early = transition(i, { type: 'send_follow_up', at: thursday + 7 * DAY, channel: 'email' }, c);
    expect(early.ok && early.warnings.map((w) => w.code)).toEqual(['follow_up.early']);
  });
});
