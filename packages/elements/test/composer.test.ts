/**
 * `<infoview-composer>` in Chromium against the real API, keyboard only: the lint's findings on
 * their spans as the student types, a fix applied with one key, "record as sent" moving the
 * interview on, a referral outreach without the referrer flagged (and confirmed before
 * recording), axe-core with findings showing, and the draft kept over a reload and a new session.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer, type TestTenant } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { composerSession, findingsOf, marks, openComposer } from './support/composer-page.js';
import { axe, focused, press, SCREENSHOTS, tabTo, waitForText } from './support/portal.js';
import { studentWith } from './support/story.js';

const TAG = 'infoview-composer';

/** A draft that follows the guide, but for a job ask and one misspelling. */
const FLAWED =
  'Dear Ms. Okafor,\n\nMy name is Ana Silva, a senior economics student at Northeastern. I found your name in the alumni directory and your work on pricing models at Northwind made me want to learn more about data science. ' +
  'Are there any job openings on your team? I hope to recieve your advice on preparing for this career. Would you have 20 to 30 minutes for a short conversation in the coming weeks?\n\nThank you,\nAna Silva';

async function contactAndInterview(
  tenant: TestTenant,
  ana: Awaited<ReturnType<typeof studentWith>>,
  contact: { name: string; email: string; referrerContactId?: string },
) {
  // The templates sign with the student's program and school.
  await tenant.admin.get('/students/{id}', { params: { path: { id: ana.id } } });
  await tenant.admin.patch('/students/{id}', {
    params: { path: { id: ana.id } },
    body: { profile: { school: 'Northeastern', program: 'Economics' } },
  });
  const created = await ana.iv.post('/contacts', {
    body: {
      studentId: ana.id,
      name: contact.name,
      organization: 'Northwind Analytics',
      title: 'Data Scientist',
      email: contact.email,
      source: contact.referrerContactId ? 'referral' : 'alumni_directory',
      foundVia: 'the alumni directory',
      ...(contact.referrerContactId ? { referrerContactId: contact.referrerContactId } : {}),
    },
  });
  const interview = await ana.iv.post('/interviews', { body: { contactId: created.id } });
  return { contactId: created.id, interviewId: interview.id };
}

const bodyValue = (page: Page) =>
  page.evaluate(
    () =>
      (document.querySelector('infoview-composer')!.shadowRoot!.getElementById('body') as HTMLTextAreaElement)
        .value,
  );

/** Waits until the component's findings satisfy `test` (the lint answers after a short pause). */
async function waitForFindings(
  page: Page,
  test: (f: Awaited<ReturnType<typeof findingsOf>>) => boolean,
  what: string,
): Promise<Awaited<ReturnType<typeof findingsOf>>> {
  const deadline = Date.now() + 15_000;
  let last: Awaited<ReturnType<typeof findingsOf>> = [];
  while (Date.now() < deadline) {
    last = await findingsOf(page);
    if (test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`findings never ${what}: ${JSON.stringify(last)}`);
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe.skipIf(!hasChromium)('<infoview-composer>', () => {
  let server: ApiServer;
  let browser: Browser;
  let tenant: TestTenant;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tenant = await server.tenant();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('marks a job ask and a misspelling on their spans, fixes them, and records the outreach', async () => {
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const { interviewId } = await contactAndInterview(tenant, ana, {
      name: 'David Okafor',
      email: 'david.okafor@northwind.example',
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openComposer(context, {
      server,
      nextSecret: () => composerSession(tenant.admin, ana),
      interviewId,
    });
    await waitForText(page, TAG, /Write to David Okafor/);
    // The state picks the kind, the API fills the template with the student's and contact's details.
    expect(
      await page.evaluate(
        () =>
          (document.querySelector('infoview-composer') as unknown as { draft: { kind: string } }).draft.kind,
      ),
    ).toBe('outreach');
    await page.waitForFunction(() =>
      (
        (
          document
            .querySelector('infoview-composer')!
            .shadowRoot!.getElementById('body') as HTMLTextAreaElement
        )?.value ?? ''
      ).includes('David'),
    );

    // Keyboard only: to the text, replace it with the flawed draft.
    await tabTo(page, 'Message');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(FLAWED);
    const found = await waitForFindings(
      page,
      (f) => f.some((x) => x.check === 'spelling') && f.some((x) => x.ruleId === 'outreach.no_job_ask'),
      'showed the misspelling and the job ask',
    );
    expect(found.find((x) => x.check === 'spelling')!.text).toBe('recieve');
    expect(found.find((x) => x.ruleId === 'outreach.no_job_ask')!.text).toMatch(/job openings/);
    // Marked in the text itself: the mirror's marks cover exactly those words.
    const bodyMarks = await marks(page, 'body');
    expect(bodyMarks.map((m) => m.text)).toContain('recieve');
    expect(bodyMarks.some((m) => /job openings/.test(m.text) && m.severity === 'error')).toBe(true);
    // Announced, listed with the rule and the guide's passage.
    await waitForText(page, TAG, /\d+ errors?, \d+ warnings?/);
    await waitForText(page, TAG, /The guide:/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'composer-1280.png'), fullPage: true });

    // The findings are reached in order by Tab; Enter on one puts the caret on its span.
    await tabTo(page, /^Warning “recieve”/);
    await page.keyboard.press('Enter');
    const selection = await page.evaluate(() => {
      const body = document
        .querySelector('infoview-composer')!
        .shadowRoot!.getElementById('body') as HTMLTextAreaElement;
      return body.value.slice(body.selectionStart, body.selectionEnd);
    });
    expect(selection).toBe('recieve');
    expect((await focused(page))?.tag).toBe('textarea');
    // One key applies the suggestion at the caret.
    await page.keyboard.press('Alt+Enter');
    expect(await bodyValue(page)).toMatch(/hope to receive your advice/);

    // The job ask: jump to it and type over it.
    await tabTo(page, /^Error “.*job openings/);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('I would value your perspective on the field.');
    await waitForFindings(
      page,
      (f) => !f.some((x) => x.check === 'spelling') && !f.some((x) => x.ruleId === 'outreach.no_job_ask'),
      'cleared after the fixes',
    );
    expect((await marks(page, 'body')).some((m) => /recieve|job openings/.test(m.text))).toBe(false);
    const stored = await page.evaluate(
      (id) => localStorage.getItem(`infoview-composer:${id}:outreach`),
      interviewId,
    );
    expect(stored).toContain('I would value your perspective');

    // Record as sent: the message and the attempt in one step; the interview awaits the reply.
    await press(page, 'Record as sent');
    await waitForText(page, TAG, /Recorded as sent\. The interview is now: Awaiting reply/);
    const after = await ana.iv.get('/interviews/{id}', { params: { path: { id: interviewId } } });
    expect(after.state).toBe('awaiting_reply');
    expect(after.attempts).toHaveLength(1);
    const timeline = await ana.iv.get('/interviews/{id}/timeline', { params: { path: { id: interviewId } } });
    expect(timeline.data.filter((e) => e.type === 'send_outreach')).toHaveLength(1);
    // The recorded draft is gone; the composer moves on to the follow-up.
    expect(
      await page.evaluate((id) => localStorage.getItem(`infoview-composer:${id}:outreach`), interviewId),
    ).toBeNull();
    await page.waitForFunction(
      () =>
        (document.querySelector('infoview-composer') as unknown as { draft?: { kind: string } }).draft
          ?.kind === 'follow_up',
    );
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'composer-recorded-375.png'), fullPage: true });
    await context.close();
  });

  it('flags a referral outreach without the referrer, asks to confirm, and keeps the draft over a reload and a new session', async () => {
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const maria = await ana.iv.post('/contacts', {
      body: {
        studentId: ana.id,
        name: 'Maria Chen',
        source: 'friend',
        known: true,
        email: 'maria@example.org',
      },
    });
    const { interviewId } = await contactAndInterview(tenant, ana, {
      name: 'Lee Park',
      email: 'lee.park@northwind.example',
      referrerContactId: maria.id,
    });
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await openComposer(context, {
      server,
      nextSecret: () => composerSession(tenant.admin, ana),
      interviewId,
    });
    await waitForText(page, TAG, /Write to Lee Park/);
    await page.waitForFunction(() =>
      (
        document.querySelector('infoview-composer') as unknown as { draft?: { kind: string; body: string } }
      ).draft?.body.includes('Lee'),
    );
    expect(
      await page.evaluate(
        () =>
          (document.querySelector('infoview-composer') as unknown as { draft: { kind: string } }).draft.kind,
      ),
    ).toBe('referral_outreach');

    await tabTo(page, 'Subject');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('Advice on data science');
    await tabTo(page, 'Message');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(
      'Dear Mr. Park,\n\nMy name is Ana Silva, a senior economics student at Northeastern. Your work on pricing at Northwind made me want to learn about data science. Could we talk for 20 minutes?\n\nThank you,\nAna Silva',
    );
    const found = await waitForFindings(
      page,
      (f) => f.filter((x) => x.ruleId === 'referral.mention').length === 2,
      'flagged the missing referrer in the subject and the body',
    );
    expect(found.filter((x) => x.ruleId === 'referral.mention').every((x) => x.severity === 'error')).toBe(
      true,
    );
    await waitForText(page, TAG, /Name Maria Chen, who referred you/);
    expect((await marks(page, 'subject')).map((m) => m.text)).toEqual(['Advice on data science']);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'composer-375.png'), fullPage: true });

    // An error-level finding: "record as sent" asks first; "keep editing" goes to the first error.
    await press(page, 'Record as sent');
    await waitForText(page, TAG, /This message still has errors/);
    expect((await focused(page))?.name).toBe('Keep editing');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect((await focused(page))?.tag).toBe('input');
    const before = await ana.iv.get('/interviews/{id}', { params: { path: { id: interviewId } } });
    expect(before.state).toBe('prospect');

    // The session is revoked while she writes: the next lint gets a new session, nothing is lost.
    const sessionsBefore = ana.sessions.length;
    await tenant.admin.delete('/sessions/{id}', { params: { path: { id: ana.sessions.at(-1)! } } });
    await tabTo(page, 'Message');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' PS');
    await waitForFindings(page, (f) => f.length > 0, 'came back after the session refresh');
    await expect.poll(() => ana.sessions.length).toBeGreaterThan(sessionsBefore);
    const typed = await bodyValue(page);
    expect(typed).toMatch(/Ana Silva PS$/);

    // A reload (a new page, a new session): the draft is back, subject and text.
    await page.reload();
    await page.evaluate((id) => {
      const main = document.querySelector('main')!;
      main.replaceChildren();
      const composer = document.createElement('infoview-composer');
      composer.setAttribute('interview-id', id);
      main.append(composer);
    }, interviewId);
    await waitForText(page, TAG, /Your saved draft is back/);
    expect(await bodyValue(page)).toBe(typed);
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('infoview-composer')!
            .shadowRoot!.getElementById('subject') as HTMLInputElement
        ).value === 'Advice on data science',
    );
    await waitForFindings(
      page,
      (f) => f.some((x) => x.ruleId === 'referral.mention'),
      'ran on the restored draft',
    );
    await context.close();
  });
});
