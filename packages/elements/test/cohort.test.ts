/**
 * `<infoview-cohort>` for an advisor session, against the real API: only the advisor's own
 * students (another advisor's student is a 404 by id), overdue work first, the detail one step
 * away and back with the keyboard alone, read-only, paging with the API's cursors, axe-core clean,
 * and usable at 375 px without horizontal scrolling. Screenshots at 1280 and 375 px.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer, type TestTenant } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { advisorWith, openCohortPage } from './support/cohort-page.js';
import { axe, focused, press, SCREENSHOTS, shadowText, tabTo, waitForText } from './support/portal.js';
import { studentWith } from './support/story.js';

const DAY = 86_400_000;

/** A student with one interview; with `outreachDaysAgo`, its outreach recorded that long ago. */
async function studentOf(server: ApiServer, tenant: TestTenant, name: string, outreachDaysAgo?: number) {
  const s = await studentWith(server, tenant, name);
  const contact = await s.iv.post('/contacts', {
    body: {
      studentId: s.id,
      name: `Mentor of ${name}`,
      source: 'alumni_directory',
      known: true,
      organization: 'Acme',
    },
  });
  const interview = await s.iv.post('/interviews', { body: { contactId: contact.id } });
  if (outreachDaysAgo !== undefined) {
    await s.iv.post('/interviews/{id}/attempts', {
      params: { path: { id: interview.id } },
      body: { channel: 'phone', at: new Date(Date.now() - outreachDaysAgo * DAY).toISOString() },
    });
  }
  return s;
}

const cardNames = (page: Page) => shadowText(page, 'infoview-cohort', '.student h3');

/** Whether anything on the page reaches past the viewport's right edge (shadow roots included). */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`document ${document.documentElement.scrollWidth}px`);
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5)
          out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}px`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

describe.skipIf(!hasChromium)('<infoview-cohort>: an advisor’s morning', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows only the advisor’s students, overdue first; the detail and back by keyboard alone; read-only; axe clean', async () => {
    const tenant = await server.tenant();
    const ben = await studentOf(server, tenant, 'Ben Okoro', 1);
    const ana = await studentOf(server, tenant, 'Ana Silva', 20); // overdue follow-up, quiet
    const cy = await studentWith(server, tenant, 'Cy Park'); // nothing yet
    const dee = await studentOf(server, tenant, 'Dee Other', 20); // another advisor's
    const advisor = await advisorWith(tenant, 'Grace Advisor', [ben.id, ana.id, cy.id]);
    await advisorWith(tenant, 'Other Advisor', [dee.id]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openCohortPage(context, { server, nextSecret: () => advisor.session() });
    await waitForText(page, 'infoview-cohort', /Ana Silva/);
    const names = await cardNames(page);
    expect(names[0]).toBe('Ana Silva');
    expect([...names].sort()).toEqual(['Ana Silva', 'Ben Okoro', 'Cy Park']);
    const card = (await shadowText(page, 'infoview-cohort', '.student'))[0]!;
    expect(card).toMatch(/overdue task/);
    expect(card).toMatch(/No outreach in 14 days/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-1280.png'), fullPage: true });

    // Read-only: the only controls are the order, the filters and the way to a student's detail.
    const buttons = await shadowText(page, 'infoview-cohort', 'button');
    expect(buttons.every((b) => b === 'Interviews and tasks')).toBe(true);

    // What the session itself may reach, asked from the page: not another advisor's student, no writes.
    const reach = await page.evaluate(
      async ({ dee, ana }) => {
        type Client = {
          get(p: string, i?: unknown): Promise<unknown>;
          post(p: string, i?: unknown): Promise<unknown>;
        };
        const conn = (
          window as unknown as { infoview: { defaultConnection(): { client: Client } } }
        ).infoview.defaultConnection();
        const outcome = (call: Promise<unknown>) =>
          call.then(
            () => 'allowed',
            (e: { status?: number; code?: string }) => `${e.status} ${e.code}`,
          );
        return {
          otherStudent: await outcome(
            conn.client.get('/cohort/{studentId}', { params: { path: { studentId: dee } } }),
          ),
          ownStudent: await outcome(
            conn.client.get('/cohort/{studentId}', { params: { path: { studentId: ana } } }),
          ),
          write: await outcome(
            conn.client.post('/contacts', {
              body: { studentId: ana, name: 'X', source: 'friend', known: true },
            }),
          ),
        };
      },
      { dee: dee.id, ana: ana.id },
    );
    expect(reach).toEqual({
      otherStudent: '404 student.not_found',
      ownStudent: 'allowed',
      write: '403 session.component_not_allowed',
    });

    // Keyboard only: to Ana's detail, where the focus lands on her name, and back to her card.
    await press(page, 'Interviews and tasks of Ana Silva');
    await waitForText(page, 'infoview-cohort', /Back to the cohort/);
    expect((await focused(page))?.name).toBe('Ana Silva');
    await waitForText(page, 'infoview-cohort', /Mentor of Ana Silva, Acme — Awaiting reply/);
    expect((await shadowText(page, 'infoview-cohort', '.detail li')).some((t) => /overdue$/.test(t))).toBe(
      true,
    );
    expect(await shadowText(page, 'infoview-cohort', 'button')).toEqual(['Back to the cohort']);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-detail-1280.png'), fullPage: true });
    await press(page, 'Back to the cohort');
    await waitForText(page, 'infoview-cohort', /Ben Okoro/);
    expect((await focused(page))?.name).toBe('Interviews and tasks of Ana Silva');

    // Keyboard only: the quiet filter leaves the two who have not reached out in 14 days.
    await press(page, /Only students who have not reached out in 14 days/, 'Space');
    await page.waitForFunction(
      () => document.querySelector('infoview-cohort')!.shadowRoot!.querySelectorAll('.student').length === 2,
    );
    expect((await cardNames(page)).sort()).toEqual(['Ana Silva', 'Cy Park']);
    await press(page, /Only students who have not reached out in 14 days/, 'Space');
    // The order by the keyboard: the most recent activity first puts Cy (no interview) last.
    await tabTo(page, /^Order/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      () =>
        document.querySelector('infoview-cohort')!.shadowRoot!.querySelectorAll('.student').length === 3 &&
        document.querySelector('infoview-cohort')!.shadowRoot!.querySelector('.student:last-child h3')
          ?.textContent === 'Cy Park',
    );
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('is usable at 375 px: no horizontal scrolling in the list or the detail', async () => {
    const tenant = await server.tenant();
    const long = await studentOf(server, tenant, 'Maximiliana Konstantinopoulou-Vanderbilt', 30);
    const other = await studentOf(server, tenant, 'Jo Lee', 3);
    const advisor = await advisorWith(tenant, 'Grace Advisor', [long.id, other.id]);
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await openCohortPage(context, { server, nextSecret: () => advisor.session() });
    await waitForText(page, 'infoview-cohort', /Jo Lee/);
    expect(await overflow(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-375.png'), fullPage: true });
    await press(page, 'Interviews and tasks of Maximiliana Konstantinopoulou-Vanderbilt');
    await waitForText(page, 'infoview-cohort', /Back to the cohort/);
    await waitForText(page, 'infoview-cohort', /open task/);
    expect(await overflow(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-detail-375.png'), fullPage: true });
    await context.close();
  });

  it('pages a large cohort with the API’s cursors, keeping overdue work first', async () => {
    const tenant = await server.tenant();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await studentOf(server, tenant, `Student ${i + 1}`, i % 2 ? 20 : 1)).id);
    const advisor = await advisorWith(tenant, 'Grace Advisor', ids);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openCohortPage(context, { server, nextSecret: () => advisor.session() });
    await page.evaluate(() => document.querySelector('infoview-cohort')!.setAttribute('page-size', '3'));
    const count = (n: number) =>
      page.waitForFunction(
        (n) =>
          document.querySelector('infoview-cohort')!.shadowRoot!.querySelectorAll('.student').length === n,
        n,
      );
    await count(3);
    await press(page, 'Show more students');
    await count(6);
    await waitForText(page, 'infoview-cohort', /6 students shown; more can be shown/);
    await press(page, 'Show more students');
    await count(7);
    expect(await shadowText(page, 'infoview-cohort', 'button.more')).toEqual([]);
    const names = await cardNames(page);
    // Students 2, 4 and 6 reached out 20 days ago: their follow-ups are overdue, so they come first.
    expect(names.slice(0, 3).sort()).toEqual(['Student 2', 'Student 4', 'Student 6']);
    expect(new Set(names).size).toBe(7);
    await context.close();
  });
});
