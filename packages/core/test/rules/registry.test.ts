import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/interview/checks.js';
import { LIFECYCLE, withRules } from '../../src/lifecycle/machine.js';
import { transitionIn } from '../../src/lifecycle/transition.js';
import { GUIDE_POLICY } from '../../src/policy/presets.js';
import { catalogOf, RULES } from '../../src/rules/catalog.js';
import { evaluateNetwork, ruleEngine } from '../../src/rules/engine.js';
import { RULE_IDS } from '../../src/rules/ids.js';
import { lintMessage, MESSAGE_LINT_RULES, messageLint } from '../../src/rules/lint.js';
import { RULE_MODULES } from '../../src/rules/registry.js';
import { defineRule } from '../../src/rules/rule.js';
import { ctx, HOUR, network, ny, play } from '../support.js';

/** `follow_up.move_on` → `follow-up-move-on`: the file a rule's module lives in. */
const fileOf = (id: string) => id.replaceAll(/[._]/g, '-');

describe('the rule registry', () => {
  it('lists each rule once, each in its own module file named after its id', async () => {
    const ids = RULE_MODULES.map((m) => m.record.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const module of RULE_MODULES) {
      const path = new URL(`../../src/rules/${fileOf(module.record.id)}.ts`, import.meta.url);
      expect(existsSync(path), `${module.record.id} lives in rules/${fileOf(module.record.id)}.ts`).toBe(
        true,
      );
      const exported = Object.values(await import(path.href));
      expect(exported).toContain(module);
    }
  });

  it('is where the ids, the catalog, the lint rules and the lifecycle’s rule guards and checks come from', () => {
    expect(RULE_IDS).toEqual(RULE_MODULES.map((m) => m.record.id));
    expect(RULES).toEqual(RULE_MODULES.map((m) => m.record));
    expect(MESSAGE_LINT_RULES.map((r) => r.id)).toEqual(
      RULE_MODULES.filter((m) => m.lint).map((m) => m.record.id),
    );
    const onTable = new Set(
      Object.values(LIFECYCLE).flatMap((node) =>
        Object.values(node).flatMap((specs) =>
          specs.flatMap((s) => [...(s.guards ?? []), ...(s.checks ?? [])]),
        ),
      ),
    );
    for (const module of RULE_MODULES) {
      for (const { guard } of module.guards ?? []) expect(onTable).toContain(guard);
      for (const { check } of module.checks ?? []) expect(onTable).toContain(check);
    }
  });

  it('reads only policy values, and each record names what its module contributes', () => {
    for (const { record, guards, checks, lint, questionList } of RULE_MODULES) {
      for (const key of record.policyKeys) expect(GUIDE_POLICY).toHaveProperty(key);
      expect(record.passage.length).toBeGreaterThan(10);
      if (guards?.length) expect(record.effects, record.id).toContain('refusal');
      if (checks?.length) expect(record.effects, record.id).toContain('warning');
      if (lint) expect(record.effects, record.id).toContain('lint');
      if (questionList) expect(record.effects, record.id).toContain('lint');
    }
  });
});

describe('adding a rule', () => {
  // A rule written the way docs/core.md shows: one module, then one line in a registry.
  const ID = 'after.call_back';
  const tooLateToCall: Check = {
    name: 'tooLateToCall',
    run: ({ interview, event, ctx }) =>
      event.type === 'send_thank_you' && ctx.policy.notesDueAfter.amount < 1
        ? { code: 'after.thank_you_late', ruleId: ID, interviewId: interview.id, message: 'Call instead.' }
        : null,
  };
  const callBack = defineRule({
    record: {
      id: ID,
      summary: 'A week after the thank-you, offer to call.',
      trigger: 'state nurturing; lint of a thank_you draft',
      condition: 'the thank-you went out',
      effects: ['task', 'lint', 'warning'],
      policyKeys: ['reportBackDueAfter'],
      source: 'infoview',
      passage: 'A rule written in a test, to show that one module and one registry line are enough.',
    },
    checks: [{ events: ['send_thank_you'], check: tooLateToCall }],
    lint: ({ draft, body }) =>
      draft.kind === 'thank_you' && !/\bcall\b/i.test(body.text)
        ? [
            {
              ruleId: ID,
              check: 'offer',
              severity: 'hint',
              field: 'body',
              start: 0,
              end: 0,
              message: 'Offer a call.',
            },
          ]
        : [],
    interviews: {
      states: ['nurturing'],
      derive: (interview, run) => {
        const sent = interview.thankYouAt;
        if (sent === null) return;
        run.task(
          {
            key: `${ID}:${interview.id}`,
            interviewId: interview.id,
            contactId: interview.contactId,
            title: 'Offer a call',
          },
          'thank_you.sent',
          sent,
          sent + run.policy.reportBackDueAfter.amount * 24 * HOUR,
        );
      },
    },
  });
  const registry = [...RULE_MODULES, callBack];

  const meetingAt = ny('2026-03-20T14:00:00-04:00');
  const nurtured = play(
    [
      { type: 'send_outreach', at: meetingAt - 15 * 24 * HOUR, channel: 'email' },
      {
        type: 'receive_reply',
        at: meetingAt - 14 * 24 * HOUR,
        response: 'accepted',
        meeting: { at: meetingAt, durationMinutes: 30 },
      },
      { type: 'complete', at: meetingAt + 30 * 60_000 },
      { type: 'send_thank_you', at: meetingAt + 5 * HOUR },
    ],
    ctx(),
  );

  it('the engine derives its tasks, explained by its record and the policy', () => {
    const e = ruleEngine(registry)(network({ interviews: [nurtured] }), GUIDE_POLICY);
    const task = e.tasks.find((t) => t.ruleId === ID);
    expect(task).toMatchObject({
      key: `${ID}:i1`,
      dueAt: meetingAt + 5 * HOUR + 7 * 24 * HOUR,
      explanation: {
        summary: callBack.record.summary,
        anchor: { name: 'thank_you.sent', at: meetingAt + 5 * HOUR },
        policy: { reportBackDueAfter: { amount: 7, unit: 'calendar_days' } },
        passage: callBack.record.passage,
      },
    });
    // The built-in registry does not know it; a tenant can switch it off like any rule.
    expect(
      evaluateNetwork(network({ interviews: [nurtured] }), GUIDE_POLICY).tasks.some((t) => t.ruleId === ID),
    ).toBe(false);
    const off = { ...GUIDE_POLICY, disabledRules: [ID] };
    expect(
      ruleEngine(registry)(network({ interviews: [nurtured] }), off).tasks.some((t) => t.ruleId === ID),
    ).toBe(false);
  });

  it('the catalog lists it and the lint runs it', () => {
    const catalog = catalogOf(registry);
    expect(catalog.rules.map((r) => r.id)).toEqual([...RULE_IDS, ID]);
    expect(catalog.ruleRecord(ID).passage).toBe(callBack.record.passage);
    const draft = { kind: 'thank_you' as const, body: 'Thank you for your time; I learned a lot.' };
    const context = { student: {}, contact: { name: 'Maria Chen' } };
    expect(messageLint(registry)(draft, context, { policy: GUIDE_POLICY }).map((f) => f.ruleId)).toContain(
      ID,
    );
    expect(lintMessage(draft, context, { policy: GUIDE_POLICY }).map((f) => f.ruleId)).not.toContain(ID);
  });

  it('the lifecycle runs its checks on the transitions it hooks', () => {
    const table = withRules(LIFECYCLE, [callBack]);
    expect(table.completed.send_thank_you?.[0]?.checks?.map((c) => c.name)).toEqual([
      'lateThankYou',
      'tooLateToCall',
    ]);
    const completed = { ...nurtured, state: 'completed' as const, thankYouAt: null };
    const strict = ctx({ policy: { ...GUIDE_POLICY, notesDueAfter: { amount: 0.5, unit: 'hours' } } });
    const result = transitionIn(table)(
      completed,
      { type: 'send_thank_you', at: meetingAt + 6 * HOUR },
      strict,
    );
    expect(result.ok && result.warnings.map((w) => w.ruleId)).toEqual([ID]);
  });
});
