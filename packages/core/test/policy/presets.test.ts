import { describe, expect, it } from 'vitest';
import {
  GUIDE_POLICY,
  POLICY_KEYS,
  PRESET_NAMES,
  PRESETS,
  resolvePolicy,
  TWO_HOUR_JOB_SEARCH_POLICY,
} from '../../src/policy/index.js';

describe('presets', () => {
  it('has one policy per preset name, each naming itself', () => {
    expect(Object.keys(PRESETS).sort()).toEqual([...PRESET_NAMES].sort());
    for (const name of PRESET_NAMES) expect(PRESETS[name].preset).toBe(name);
  });

  it('carries the guide numbers from DOMAIN.md', () => {
    expect(GUIDE_POLICY).toMatchObject({
      followUpAfter: { amount: 14, unit: 'calendar_days' },
      moveOnAfter: { amount: 14, unit: 'calendar_days' },
      maxUnsolicitedAttempts: 2,
      secondContactAfter: null,
      prepDueBefore: { amount: 24, unit: 'hours' },
      meetingMinMinutes: 20,
      meetingMaxMinutes: 30,
      notesDueAfter: { amount: 2, unit: 'hours' },
      thankYouDueAfter: { amount: 24, unit: 'hours' },
      thankYouMinPoints: 1,
      thankYouMaxPoints: 2,
      reportBackDueAfter: { amount: 7, unit: 'calendar_days' },
      keepInTouchEvery: { amount: 90, unit: 'calendar_days' },
      milestoneNotifyDueAfter: { amount: 14, unit: 'calendar_days' },
      weekend: [6, 7],
      quietHours: { start: '21:00', end: '08:00' },
    });
  });

  it('gives 3B7 its business-day numbers and outreach rules, the rest as the guide', () => {
    expect(TWO_HOUR_JOB_SEARCH_POLICY).toEqual({
      ...GUIDE_POLICY,
      preset: 'two_hour_job_search',
      secondContactAfter: { amount: 3, unit: 'business_days' },
      followUpAfter: { amount: 7, unit: 'business_days' },
      moveOnAfter: { amount: 7, unit: 'business_days' },
      outreachMaxWords: 100,
      outreachConnectionFirst: true,
      outreachNoJobMention: true,
    });
  });

  it('passes its own validation: resolving a preset with no changes gives the preset', () => {
    for (const name of PRESET_NAMES) {
      const result = resolvePolicy({ preset: name });
      expect(result).toEqual({ ok: true, policy: PRESETS[name] });
      const { preset: _preset, ...fields } = PRESETS[name];
      expect(resolvePolicy({ preset: name, ...fields })).toEqual({ ok: true, policy: PRESETS[name] });
    }
  });

  it('is frozen all the way down', () => {
    for (const policy of Object.values(PRESETS)) {
      expect(Object.isFrozen(policy)).toBe(true);
      for (const key of POLICY_KEYS) {
        const value = policy[key];
        if (typeof value === 'object' && value !== null) expect(Object.isFrozen(value)).toBe(true);
      }
    }
    expect(() => {
      (GUIDE_POLICY.followUpAfter as { amount: number }).amount = 1;
    }).toThrow(TypeError);
    expect(() => (GUIDE_POLICY.weekend as number[]).push(5)).toThrow(TypeError);
    expect(GUIDE_POLICY.followUpAfter.amount).toBe(14);
  });
});
