/**
 * `pnpm demo`: the guide, end to end, through the SDK only.
 *
 * Starts the service on its embedded defaults (PGlite, in-process reminders) in a temporary
 * directory, then plays the story of docs/walkthrough.md on the demo tenant's test clock:
 * three contacts from three sources, an outreach draft that asks for a job (the lint flags it)
 * and its fix, an acceptance, a follow-up after 14 days, an interview that goes unresponsive,
 * preparation, the meeting, notes, a thank-you within 24 h, a referral named in subject and
 * body, the report-back to the referrer, keep-in-touch at 90 days and a milestone that notifies
 * everyone interviewed. It prints a timeline and the open tasks at each step and exits non-zero
 * as soon as an expectation fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, paginate, verifyWebhook } from '../packages/sdk/src/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 86_400_000;

type Client = ReturnType<typeof createClient>;

// ------------------------------------------------------------------ output and expectations

const color = process.stdout.isTTY
  ? { bold: '\x1b[1m', dim: '\x1b[2m', green: '\x1b[32m', red: '\x1b[31m', reset: '\x1b[0m' }
  : { bold: '', dim: '', green: '', red: '', reset: '' };

let stepNumber = 0;
let checks = 0;

class ExpectationFailed extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  checks++;
  if (!condition) throw new ExpectationFailed(message);
  console.log(`   ${color.green}✓${color.reset} ${message}`);
}

function heading(title: string): void {
  stepNumber++;
  console.log(`\n${color.bold}${stepNumber}. ${title}${color.reset}`);
}

function say(line: string): void {
  console.log(`   ${color.dim}${line}${color.reset}`);
}

// ------------------------------------------------------------------ the service

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startService(dataDir: string, port: number, adminKey: string): Promise<ChildProcess> {
  // The embedded defaults, whatever the caller's environment says (CI exports both URLs).
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(ROOT, 'packages/api'),
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      INFOVIEW_ADMIN_API_KEY: adminKey,
      // The demo's portal receiver listens on loopback.
      WEBHOOK_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become healthy within 60 s');
}

/** A portal's webhook receiver on loopback: verifies every delivery with the SDK. */
async function startReceiver(secretRef: { secret: string }) {
  const received: { type: string; data: Record<string, unknown> }[] = [];
  const rejected: string[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const event = (await verifyWebhook(body, req.headers as Record<string, string>, secretRef.secret)) as {
        type: string;
        data: Record<string, unknown>;
      };
      received.push(event);
      res.writeHead(204).end();
    } catch (error) {
      rejected.push(String(error));
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/infoview`, received, rejected, close: () => server.close() };
}

// ------------------------------------------------------------------ helpers over the SDK

const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Ana's wall-clock time, e.g. 'Mon, Mar 16, 09:00'. */
function local(at: string | Date): string {
  return NEW_YORK.format(new Date(at));
}

function getInterview(iv: Client, id: string) {
  return iv.get('/interviews/{id}', { params: { path: { id } } });
}

async function openTasks(iv: Client, studentId: string) {
  const tasks = [];
  for await (const task of paginate(iv, '/tasks', {
    params: { query: { studentId, status: 'open', limit: 100 } },
  })) {
    tasks.push(task);
  }
  return tasks;
}

async function printTasks(iv: Client, studentId: string, now: Date) {
  const tasks = await openTasks(iv, studentId);
  say(`open tasks (${tasks.length}), clock ${now.toISOString().slice(0, 16)}Z:`);
  for (const t of tasks) {
    const overdue = Date.parse(t.dueAt) <= now.getTime() ? ' — due now' : '';
    say(`  · ${t.title} [${t.ruleId}] due ${t.dueAt.slice(0, 16)}Z${overdue}`);
  }
  return tasks;
}

async function printTimeline(iv: Client, interviewId: string, label: string) {
  say(`timeline of ${label}:`);
  for await (const e of paginate(iv, '/interviews/{id}/timeline', {
    params: { path: { id: interviewId } },
  })) {
    say(`  ${e.at.slice(0, 16)}Z  ${e.type.padEnd(18)} ${e.from} → ${e.to}`);
  }
}

async function clockNow(iv: Client): Promise<Date> {
  const clock = await iv.get('/test-clock');
  return new Date(clock.frozenTime);
}

async function advance(iv: Client, days: number): Promise<Date> {
  await iv.post('/test-clock/advance', { body: { by: `P${days}D` } });
  return clockNow(iv);
}

async function advanceTo(iv: Client, at: number): Promise<Date> {
  const now = await clockNow(iv);
  if (at > now.getTime()) {
    await iv.post('/test-clock/advance', { body: { by: Math.ceil((at - now.getTime()) / 1000) } });
  }
  return clockNow(iv);
}

async function advanceHours(iv: Client, hours: number): Promise<Date> {
  await iv.post('/test-clock/advance', { body: { by: `PT${hours}H` } });
  return clockNow(iv);
}

// ------------------------------------------------------------------ the story

async function play(
  admin: Client,
  iv: Client,
  studentId: string,
  receiver: Awaited<ReturnType<typeof startReceiver>>,
  secretRef: { secret: string },
) {
  heading('The career centre sets up: a sandbox test clock, a webhook endpoint');
  await admin.post('/test-clock', { body: { at: '2026-03-02T14:00:00.000Z' } });
  let now = await clockNow(admin);
  expect(
    now.toISOString() === '2026-03-02T14:00:00.000Z',
    'the demo tenant runs on a test clock (Mon 2 March, 09:00 in New York)',
  );
  const endpoint = await admin.post('/webhooks', { body: { url: receiver.url, description: 'the portal' } });
  secretRef.secret = endpoint.secret;
  await admin.put('/reminder-channels', { body: { channels: ['webhook', 'feed'] } });
  expect(endpoint.secret.startsWith('whsec_'), 'a webhook endpoint is registered; its secret is shown once');

  heading('Ana adds three contacts from three sources');
  const student = await iv.get('/students/{id}', { params: { path: { id: studentId } } });
  const supervisor = await iv.post('/contacts', {
    body: {
      studentId: student.id,
      name: 'Maria Chen',
      organization: 'Harborview Hospital',
      title: 'Nurse Manager',
      source: 'supervisor',
      known: true,
      phone: '+1 617 555 0100',
      foundVia: 'my supervisor during my co-op',
    },
  });
  const alumnus = await iv.post('/contacts', {
    body: {
      studentId: student.id,
      name: 'David Okafor',
      organization: 'Northwind Analytics',
      title: 'Data Scientist',
      source: 'alumni_directory',
      known: false,
      email: 'david.okafor@northwind.example',
      foundVia: 'the alumni directory',
    },
  });
  const member = await iv.post('/contacts', {
    body: {
      studentId: student.id,
      name: 'Priya Raman',
      organization: 'Contoso Health',
      title: 'Health Informatics Lead',
      source: 'professional_organization',
      known: false,
      email: 'priya.raman@contoso.example',
      foundVia: 'the American Medical Informatics Association directory',
    },
  });
  expect(
    supervisor.known && !alumnus.known,
    'a known former supervisor, an alumnus and an association member',
  );
  const topics = ['major_to_career', 'preparing_for_career'] as (
    | 'major_to_career'
    | 'preparing_for_career'
  )[];
  const iSup = await iv.post('/interviews', { body: { contactId: supervisor.id, topics } });
  const iAlum = await iv.post('/interviews', { body: { contactId: alumnus.id, topics } });
  const iMem = await iv.post('/interviews', { body: { contactId: member.id, topics } });
  expect(
    [iSup, iAlum, iMem].every((i) => i.state === 'prospect'),
    'three interviews in prospect',
  );

  heading('The outreach email to the alumnus: a draft that asks for a job, then the fix');
  const jobAsk = {
    kind: 'outreach' as const,
    interviewId: iAlum.id,
    subject: 'Northeastern student interested in data science',
    body:
      'Dear Mr. Okafor,\n\nMy name is Ana Silva and I am a senior at Northeastern University studying health sciences. ' +
      'I found your name in the alumni directory. Are there any openings on your team? I would love a job at Northwind Analytics ' +
      'and I have attached my resume.\n\nBest regards,\nAna Silva',
  };
  const flagged = await iv.post('/messages/lint', { body: jobAsk });
  const jobFinding = flagged.findings.find((f) => f.ruleId === 'outreach.no_job_ask');
  expect(
    jobFinding !== undefined,
    `the lint flags the job request (outreach.no_job_ask: “${jobFinding?.message}”)`,
  );
  const rendered = await iv.post('/messages/render', { body: { kind: 'outreach', interviewId: iAlum.id } });
  const fixed = await iv.post('/messages/lint', {
    body: { kind: 'outreach', interviewId: iAlum.id, subject: rendered.subject, body: rendered.body },
  });
  say(`subject: ${rendered.subject}`);
  expect(
    fixed.findings.filter((f) => f.severity === 'error').length === 0 &&
      !fixed.findings.some((f) => f.ruleId === 'outreach.no_job_ask'),
    'the rewritten draft asks for 20–30 minutes of advice and lints clean',
  );
  await iv.post('/messages', {
    body: { kind: 'outreach', interviewId: iAlum.id, subject: rendered.subject, body: rendered.body },
  });

  heading('Outreach: a phone call to the supervisor, emails to the two strangers');
  await getInterview(iv, iSup.id);
  const supCall = await iv.post('/interviews/{id}/attempts', {
    params: { path: { id: iSup.id } },
    body: { channel: 'phone' },
  });
  expect(supCall.warnings.length === 0, 'phoning someone you know raises no warning (channel.first_contact)');
  for (const i of [iAlum, iMem]) {
    await getInterview(iv, i.id);
    await iv.post('/interviews/{id}/attempts', {
      params: { path: { id: i.id } },
      body: { channel: 'email' },
    });
  }
  const firstEmailAt = now;
  await getInterview(iv, iSup.id);
  const meetingSup = new Date(now.getTime() + 7 * DAY);
  await iv.post('/interviews/{id}/reply', {
    params: { path: { id: iSup.id } },
    body: { response: 'accepted', meeting: { at: meetingSup.toISOString(), durationMinutes: 30 } },
  });
  expect(
    (await getInterview(iv, iSup.id)).state === 'scheduled',
    'the supervisor accepts at once: scheduled',
  );
  let tasks = await printTasks(iv, student.id, now);
  const followUps = tasks.filter((t) => t.ruleId === 'follow_up.due');
  expect(followUps.length === 2, 'a follow-up task for each unanswered email');
  const fu = followUps[0]!;
  expect(
    local(fu.dueAt) === 'Mon, Mar 16, 09:00' && local(firstEmailAt) === 'Mon, Mar 2, 09:00',
    `follow-ups are due 14 days after the first email at the same local time, across the DST change: ${local(fu.dueAt)} New York (${fu.explanation.passage.slice(0, 50)}…)`,
  );

  heading('A week later: the meeting with the former supervisor');
  now = await advanceTo(admin, meetingSup.getTime() + 30 * 60_000);
  await getInterview(iv, iSup.id);
  await iv.post('/interviews/{id}/complete', {
    params: { path: { id: iSup.id } },
    body: { businessCardReceived: true, askedForReferral: true },
  });
  await getInterview(iv, iSup.id);
  await iv.post('/interviews/{id}/notes', {
    params: { path: { id: iSup.id } },
    body: {
      notes: 'Talked about charge nurse roles.',
      learnedPoints: ['Charge nurses rotate every six months'],
    },
  });
  await getInterview(iv, iSup.id);
  await iv.post('/interviews/{id}/no-referral', { params: { path: { id: iSup.id } }, body: {} });
  await getInterview(iv, iSup.id);
  now = await advanceHours(admin, 2);
  await iv.post('/interviews/{id}/thank-you', { params: { path: { id: iSup.id } }, body: {} });
  expect(
    (await getInterview(iv, iSup.id)).state === 'nurturing',
    'notes, no referral to give, a thank-you the same day: the supervisor interview is nurturing',
  );

  heading('Two weeks of silence from the others: the clock reaches 14 days after the first emails');
  now = await advanceTo(admin, firstEmailAt.getTime() + 14 * DAY);
  tasks = await printTasks(iv, student.id, now);
  expect(
    tasks.filter((t) => t.ruleId === 'follow_up.due' && Date.parse(t.dueAt) <= now.getTime()).length === 2,
    'both follow-ups are due now',
  );
  await waitFor(() => receiver.received.some((e) => e.type === 'reminder.due'), 'a reminder webhook');
  expect(
    receiver.rejected.length === 0,
    `the portal received ${receiver.received.length} signed webhook(s) and verified them`,
  );
  for (const i of [iAlum, iMem]) {
    await getInterview(iv, i.id);
    await iv.post('/interviews/{id}/attempts', {
      params: { path: { id: i.id } },
      body: { channel: 'email' },
    });
  }
  const secondAt = now;
  await getInterview(iv, iMem.id);
  const third = await iv
    .post('/interviews/{id}/attempts', { params: { path: { id: iMem.id } }, body: { channel: 'email' } })
    .then(
      () => null,
      (error: { code?: string }) => error,
    );
  expect(
    third?.code === 'attempts.limit_reached',
    'a third unsolicited attempt is refused (attempts.limit_reached)',
  );
  tasks = await openTasks(iv, student.id);
  expect(!tasks.some((t) => t.ruleId === 'follow_up.due'), 'the follow-up tasks are gone once followed up');

  heading('The alumnus answers the follow-up; the association member never does');
  now = await advance(admin, 2);
  await getInterview(iv, iAlum.id);
  const meetingAlum = new Date(Date.UTC(2026, 3, 2, 18, 0)); // Thu 2 April, 14:00 in New York
  await iv.post('/interviews/{id}/reply', {
    params: { path: { id: iAlum.id } },
    body: { response: 'accepted', meeting: { at: meetingAlum.toISOString(), durationMinutes: 30 } },
  });
  expect((await getInterview(iv, iAlum.id)).state === 'scheduled', 'the alumnus accepts after the follow-up');
  now = await advance(admin, 12);
  await waitForAsync(
    async () => (await getInterview(iv, iMem.id)).state === 'unresponsive',
    'the timed transition',
  );
  const quiet = await getInterview(iv, iMem.id);
  expect(
    quiet.state === 'unresponsive' && now.getTime() >= secondAt.getTime() + 14 * DAY,
    'no reply 14 days after the second attempt: the member becomes unresponsive (a timed transition)',
  );
  await printTimeline(iv, iMem.id, 'Priya Raman');

  heading('Preparation for the alumnus');
  tasks = await openTasks(iv, student.id);
  const prep = tasks.find((t) => t.ruleId === 'prep.checklist' && t.interviewId === iAlum.id);
  expect(
    prep !== undefined && prep.dueAt === new Date(meetingAlum.getTime() - 24 * 3_600_000).toISOString(),
    'the prep checklist is due 24 h before the alumnus meeting',
  );
  const bank = await iv.get('/questions');
  const pick = (category: string) => bank.data.filter((q) => q.category === category)[0]!.id;
  await iv.get('/interviews/{id}/questions', { params: { path: { id: iAlum.id } } });
  const list = await iv.put('/interviews/{id}/questions', {
    params: { path: { id: iAlum.id } },
    body: {
      items: ['job_content', 'career_path', 'preparation', 'next_steps'].map((c) => ({
        questionId: pick(c),
      })),
    },
  });
  expect(
    !list.findings.some((f) => f.severity === 'warning'),
    'a question list of open-ended questions with a next-steps question passes prep.questions',
  );
  await getInterview(iv, iAlum.id);
  await iv.post('/interviews/{id}/prep', {
    params: { path: { id: iAlum.id } },
    body: {
      items: {
        research_person: true,
        research_organization: true,
        research_industry: true,
        question_list: true,
        elevator_pitch: true,
        resume: true,
      },
    },
  });
  tasks = await openTasks(iv, student.id);
  expect(!tasks.some((t) => t.ruleId === 'prep.checklist'), 'the prep checklist is done');

  heading('The meeting with the alumnus, notes with two learned points, the thank-you within 24 h');
  now = await advanceTo(admin, meetingAlum.getTime() + 30 * 60_000);
  await getInterview(iv, iAlum.id);
  await iv.post('/interviews/{id}/complete', {
    params: { path: { id: iAlum.id } },
    body: { businessCardReceived: true, askedForReferral: true },
  });
  await getInterview(iv, iAlum.id);
  await iv.post('/interviews/{id}/notes', {
    params: { path: { id: iAlum.id } },
    body: {
      notes: 'David leads a clinical analytics team.',
      learnedPoints: ['Learn SQL before applying to analytics teams', 'Join the regional health data meetup'],
    },
  });
  tasks = await printTasks(iv, student.id, now);
  const thanks = tasks.find((t) => t.ruleId === 'after.thank_you' && t.interviewId === iAlum.id);
  expect(
    thanks?.dueAt === new Date(meetingAlum.getTime() + 30 * 60_000 + DAY).toISOString(),
    'the thank-you is due 24 h after the meeting',
  );
  now = await advanceHours(admin, 3);
  const thankYou = await iv.post('/messages/render', { body: { kind: 'thank_you', interviewId: iAlum.id } });
  const thankLint = await iv.post('/messages/lint', {
    body: {
      kind: 'thank_you',
      interviewId: iAlum.id,
      subject: thankYou.subject,
      body: thankYou.body,
      sentAt: now.toISOString(),
    },
  });
  say(thankYou.body.split('\n').find((l) => l.toLowerCase().includes('sql')) ?? '');
  expect(
    thankLint.findings.length === 0,
    'the thank-you mentions the learned points, is on time and lints clean',
  );
  await iv.post('/messages', {
    body: { kind: 'thank_you', interviewId: iAlum.id, subject: thankYou.subject, body: thankYou.body },
  });
  await getInterview(iv, iAlum.id);
  await iv.post('/interviews/{id}/thank-you', { params: { path: { id: iAlum.id } }, body: {} });

  heading('A referral: the alumnus names a colleague; the outreach names him in subject and body');
  await getInterview(iv, iAlum.id);
  const referral = await iv.post('/interviews/{id}/referrals', {
    params: { path: { id: iAlum.id } },
    body: {
      name: 'Sam Patel',
      contact: {
        organization: 'Northwind Analytics',
        title: 'Analytics Manager',
        email: 'sam.patel@northwind.example',
      },
    },
  });
  const referred = await iv.get('/contacts/{id}', { params: { path: { id: referral.referral.contactId! } } });
  expect(
    referred.source === 'referral' && referred.referrerContactId === alumnus.id,
    'the referral is a new contact, referred by the alumnus',
  );
  const iRef = await iv.post('/interviews', { body: { contactId: referred.id, topics } });
  const refDraft = await iv.post('/messages/render', {
    body: { kind: 'referral_outreach', interviewId: iRef.id },
  });
  const refLint = await iv.post('/messages/lint', {
    body: { kind: 'referral_outreach', interviewId: iRef.id, subject: refDraft.subject, body: refDraft.body },
  });
  say(`subject: ${refDraft.subject}`);
  expect(
    refDraft.subject.includes('David Okafor') && refDraft.body.includes('David Okafor'),
    'the referrer is named in the subject and the body',
  );
  expect(!refLint.findings.some((f) => f.ruleId === 'referral.mention'), 'referral.mention is satisfied');
  await getInterview(iv, iRef.id);
  await iv.post('/interviews/{id}/attempts', {
    params: { path: { id: iRef.id } },
    body: { channel: 'email' },
  });
  now = await advance(admin, 1);
  const meetingRef = new Date(now.getTime() + 5 * DAY);
  await getInterview(iv, iRef.id);
  await iv.post('/interviews/{id}/reply', {
    params: { path: { id: iRef.id } },
    body: { response: 'accepted', meeting: { at: meetingRef.toISOString(), durationMinutes: 25 } },
  });
  now = await advanceTo(admin, meetingRef.getTime() + 25 * 60_000);
  await getInterview(iv, iRef.id);
  await iv.post('/interviews/{id}/complete', { params: { path: { id: iRef.id } }, body: {} });
  tasks = await printTasks(iv, student.id, now);
  const reportBack = tasks.find((t) => t.ruleId === 'referral.report_back');
  expect(
    reportBack?.contactId === alumnus.id && reportBack.interviewId === iAlum.id,
    'after the referred meeting, a report-back task to the referrer appears on his interview',
  );
  await iv.post('/touchpoints', {
    body: {
      contactId: alumnus.id,
      kind: 'report_back',
      aboutContactId: referred.id,
      summary: 'Told David how it went',
    },
  });
  tasks = await openTasks(iv, student.id);
  expect(
    !tasks.some((t) => t.ruleId === 'referral.report_back'),
    'reporting back to the referrer clears the task',
  );
  await printTimeline(iv, iAlum.id, 'David Okafor');

  heading('Keep in touch: 90 days later');
  const before = (await openTasks(iv, student.id)).find(
    (t) => t.ruleId === 'nurture.keep_in_touch' && t.contactId === alumnus.id,
  );
  expect(before !== undefined, `keep-in-touch with the alumnus is due ${before?.dueAt}`);
  now = await advanceTo(admin, Date.parse(before!.dueAt));
  tasks = await printTasks(iv, student.id, now);
  const due = tasks.find((t) => t.ruleId === 'nurture.keep_in_touch' && t.contactId === alumnus.id);
  expect(
    due !== undefined && Date.parse(due.dueAt) <= now.getTime(),
    'keep-in-touch falls due 90 days after the last touchpoint',
  );
  await iv.post('/touchpoints', {
    body: { contactId: alumnus.id, kind: 'keep_in_touch', summary: 'Summer update' },
  });
  const reset = (await openTasks(iv, student.id)).find(
    (t) => t.ruleId === 'nurture.keep_in_touch' && t.contactId === alumnus.id,
  );
  expect(
    reset !== undefined && Date.parse(reset.dueAt) === now.getTime() + 90 * DAY,
    'a touchpoint resets the timer to 90 days from now',
  );

  heading('A milestone: Ana secures a position');
  await iv.post('/milestones', {
    body: { studentId: student.id, kind: 'position_secured', description: 'Analyst at Northwind' },
  });
  tasks = await printTasks(iv, student.id, now);
  const notify = tasks.filter((t) => t.ruleId === 'milestone.notify').map((t) => t.contactId);
  expect(
    notify.length === 3 && [supervisor.id, alumnus.id, referred.id].every((id) => notify.includes(id)),
    'a notify task for every contact interviewed (not for the one who never answered)',
  );
}

async function waitFor(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new ExpectationFailed(`${what} did not arrive within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForAsync(condition: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new ExpectationFailed(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'infoview-demo-'));
  const adminKey = `demo_${randomBytes(24).toString('base64url')}`;
  const port = await freePort();
  const secretRef = { secret: '' };
  const receiver = await startReceiver(secretRef);
  let service: ChildProcess | undefined;
  try {
    console.log(`${color.bold}Infoview demo${color.reset} — the guide, end to end, through @infoview/sdk`);
    say(`service on http://127.0.0.1:${port} (PGlite in ${dataDir}, in-process reminders)`);
    service = await startService(dataDir, port, adminKey);
    const baseUrl = `http://127.0.0.1:${port}`;
    const admin = createClient({ baseUrl, apiKey: adminKey });
    const student = await admin.post('/students', {
      body: {
        externalId: 'ana-silva',
        name: 'Ana Silva',
        timeZone: 'America/New_York',
        email: 'ana.silva@university.example',
        profile: {
          firstName: 'Ana',
          lastName: 'Silva',
          school: 'Northeastern University',
          program: 'health sciences',
          graduationYear: 2027,
          background: 'I am a senior studying health sciences with a co-op in a hospital data team',
          interests: 'how clinical data is used to improve patient care',
        },
      },
    });
    const portalKey = await admin.post('/api-keys', {
      body: { name: 'career portal', scope: 'integration' },
    });
    const iv = createClient({ baseUrl, apiKey: portalKey.secret, actingAs: 'ana-silva' });
    say('the portal acts for Ana with an integration key and Infoview-Acting-As: ana-silva');
    await play(admin, iv, student.id, receiver, secretRef);
    console.log(
      `\n${color.green}${color.bold}demo passed:${color.reset} ${checks} expectations held in ${stepNumber} steps`,
    );
    return 0;
  } catch (error) {
    const message =
      error instanceof ExpectationFailed ? error.message : ((error as Error).stack ?? String(error));
    console.error(`\n${color.red}${color.bold}demo failed at step ${stepNumber}:${color.reset} ${message}`);
    return 1;
  } finally {
    service?.kill('SIGTERM');
    receiver.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
