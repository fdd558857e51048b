// Run by `pnpm pack:check` with plain Node in a throwaway project that installed the packed
// tarball from npm's point of view: no workspace, no tsx, only what the package publishes.
import assert from 'node:assert/strict';
import {
  createSpeller,
  evaluateNetwork,
  lintMessage,
  newInterview,
  resolvePolicy,
  transition,
} from '@infoview/core';
import dictionary from 'dictionary-en';

const resolved = resolvePolicy({ preset: 'guide' });
assert.ok(resolved.ok, 'the guide preset resolves');
const { policy } = resolved;

const at = Date.UTC(2026, 2, 2, 14);
const contact = {
  id: 'c-1',
  name: 'Maria Chen',
  organization: 'Wayfair',
  source: 'alumni_directory',
  known: false,
};
const ctx = { policy, timeZone: 'America/New_York', contact, actor: { kind: 'student', id: 's-1' } };

// The lifecycle: an outreach moves a prospect to awaiting_reply.
const sent = transition(
  newInterview({ id: 'i-1', contactId: contact.id }),
  { type: 'send_outreach', at, channel: 'email' },
  ctx,
);
assert.ok(sent.ok, 'send_outreach is accepted');
assert.equal(sent.snapshot.state, 'awaiting_reply');

// The rule engine: waiting for a reply gives a follow-up task.
const { tasks } = evaluateNetwork(
  {
    student: { id: 's-1', timeZone: 'America/New_York' },
    contacts: [contact],
    interviews: [sent.snapshot],
    touchpoints: [],
    milestones: [],
  },
  policy,
);
assert.equal(tasks[0]?.key, 'follow_up.due:i-1');

// The lint, spell-checking with dictionary-en (the optional peer dependency).
const speller = createSpeller(dictionary, ['Wayfair']);
const findings = lintMessage(
  {
    kind: 'follow_up',
    subject: 'Following up',
    body: 'Dear Maria Chen,\n\nI hope you recieve this note. Are there any openings on your team?\n\nBest,\nAna',
  },
  { student: { timeZone: 'America/New_York', profile: { firstName: 'Ana', lastName: 'Ruiz' } }, contact },
  { policy, speller },
);
assert.ok(findings.some((f) => f.ruleId === 'outreach.error_free' && f.fix?.replacement === 'receive'));
assert.ok(findings.some((f) => f.ruleId === 'outreach.no_job_ask'));

console.log(
  `@infoview/core from its tarball: transition, ${tasks.length} task(s), ${findings.length} lint finding(s)`,
);
