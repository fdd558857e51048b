/**
 * A student plays the guide end to end through the components, keyboard only: add a contact,
 * record the outreach, the follow-up two weeks later, the reply with a meeting, prepare (the
 * checklist, questions from the bank), hold the meeting, write notes with the points learned,
 * record the thank-you and a referral. The API is real; only the clock is the sandbox's.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { axe, openPortal, press, SCREENSHOTS, tabTo, typeInto, waitForText } from './support/portal.js';

const DAY = 86_400_000;

describe.skipIf(!hasChromium)('the guide, keyboard only', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a contact, reaches out, follows up, meets, takes notes, thanks and records a referral', async () => {
    const tenant = await server.tenant();
    const ana = await tenant.student('Ana Silva');
    // The sandbox clock starts a month ago, so the meeting the browser proposes (a week from
    // today) lies after two weeks of waiting for a reply.
    const start = new Date(Date.now() - 30 * DAY);
    await tenant.admin.post('/test-clock', { body: { at: start.toISOString() } });
    await tenant.admin.put('/reminder-channels', { body: { channels: ['feed'] } });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session(),
    });
    await waitForText(page, 'infoview-network', /No contacts yet/);
    expect(await axe(page)).toEqual([]);

    // 1. Add a contact the student does not know: the hint asks for an email.
    await typeInto(page, 'Name', 'David Okafor');
    await tabTo(page, 'Where you found them');
    await page.keyboard.type('Alumni');
    await press(page, 'I already know this person', 'Space');
    await waitForText(page, 'infoview-network', /make the first contact by email/);
    await typeInto(page, 'Email', 'david.okafor@northwind.example');
    await typeInto(page, 'Organization', 'Northwind Analytics');
    await typeInto(page, 'Job title', 'Data Scientist');
    await typeInto(page, 'How you found their name', 'the alumni directory');
    await press(page, 'Add contact');
    await waitForText(page, 'infoview-network', /David Okafor was added/);
    await waitForText(page, 'infoview-interview', /Interview with David Okafor/);
    await waitForText(page, 'infoview-workspace', /Prospect/);

    // 2. The outreach went out by email.
    await press(page, 'Record that the outreach went out');
    await waitForText(page, 'infoview-interview', /State: Awaiting reply/);

    // 3. Two weeks of silence: the follow-up task is due; the student records the follow-up.
    await tenant.admin.post('/test-clock/advance', { body: { by: 'P14D' } });
    await page.evaluate(() =>
      (document.querySelector('infoview-tasks') as unknown as { reload(): Promise<void> }).reload(),
    );
    await waitForText(page, 'infoview-tasks', /follow/i);
    await press(page, 'Record that the follow-up went out');
    await waitForText(page, 'infoview-interview', /State: Followed up/);

    // 4. David accepts; the meeting time the form proposes (a week from today) is kept.
    await press(page, 'Record the reply');
    await waitForText(page, 'infoview-interview', /State: Meeting scheduled/);

    // 5. Preparation: the checklist and a question list from the bank with a next-steps question.
    for (const item of [
      'I researched the person (LinkedIn, their work)',
      'I read the organization’s website',
      'I looked up the industry’s trends',
      'My question list is written',
      'My elevator pitch is ready',
      'My resume is at hand',
    ]) {
      await press(page, item, 'Space');
    }
    await press(page, 'Save the checklist');
    await waitForText(page, 'infoview-interview', /Preparation updated/);
    await tabTo(page, 'A question from the bank');
    await page.keyboard.press('Home');
    await press(page, 'Add the question');
    await tabTo(page, 'A question from the bank');
    await page.keyboard.type('Is there anyone');
    await press(page, 'Add the question');
    await press(page, 'Save the question list');
    await waitForText(page, 'infoview-interview', /passes the open-question check/);

    // 6. The meeting happens.
    await tenant.admin.post('/test-clock/advance', { body: { by: 'P24D' } });
    await press(page, 'I asked for a business card', 'Space');
    await press(page, 'I asked for someone else to talk to', 'Space');
    await press(page, 'Record that the meeting took place');
    await waitForText(page, 'infoview-interview', /State: Met/);

    // 7. Notes with the points learned.
    await typeInto(
      page,
      'Who, when, and the useful information and advice',
      'David leads a clinical analytics team.',
    );
    await typeInto(page, 'Points learned (one per line)', 'Learn SQL first');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Join the regional health data meetup');
    await press(page, 'Save notes');
    await waitForText(page, 'infoview-interview', /Notes written/);

    // 8. The thank-you went out.
    await press(page, 'Record that the thank-you went out');
    await waitForText(page, 'infoview-interview', /State: Keeping in touch/);

    // 9. A referral: a new contact, referred by David.
    await typeInto(page, 'Referred person’s name', 'Sam Patel');
    await typeInto(page, 'Their email (optional)', 'sam.patel@northwind.example');
    await press(page, 'Add the referral');
    await waitForText(page, 'infoview-interview', /1 referral recorded/);
    await waitForText(page, 'infoview-network', /Sam Patel/);

    // What the API now holds is what the student did.
    const interviews = await tenant.admin.get('/interviews', { params: { query: { studentId: ana.id } } });
    const david = interviews.data.find((i) => i.state === 'nurturing')!;
    expect(david.attempts.map((a) => a.kind)).toEqual(['outreach', 'follow_up']);
    expect(david.learnedPoints).toEqual(['Learn SQL first', 'Join the regional health data meetup']);
    expect(david.prep).toMatchObject({ research_person: true, resume: true });
    expect(david.referralCount).toBe(1);
    const questions = await tenant.admin.get('/interviews/{id}/questions', {
      params: { path: { id: david.id } },
    });
    expect(questions.passes).toBe(true);
    const contacts = await tenant.admin.get('/contacts', { params: { query: { studentId: ana.id } } });
    expect(contacts.data.find((c) => c.name === 'Sam Patel')?.source).toBe('referral');

    expect(await axe(page)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'guide-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, 'guide-375.png'), fullPage: true });
    await context.close();
  });
});
