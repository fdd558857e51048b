/**
 * Every component in every state — loading, empty, with data, a load error, an action's problem —
 * passes axe-core's WCAG 2.1 A/AA rules, reflows at 320 px and at 200 % zoom without horizontal
 * scrolling, and moves nothing when the reader prefers reduced motion.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { axe, openPortal, press, SCREENSHOTS, typeInto, waitForText } from './support/portal.js';
import { completedInterview, studentWith } from './support/story.js';

const TAGS = [
  'infoview-workspace',
  'infoview-tasks',
  'infoview-feed',
  'infoview-network',
  'infoview-interview',
];

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe.skipIf(!hasChromium)('every component in every state', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loading and empty', async () => {
    const tenant = await server.tenant();
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Hold every API answer until the loading state has been checked.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await context.route(`${server.baseUrl}/students**`, async (route) => {
      await released;
      await route.continue();
    });
    const { page } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session(),
    });
    await page.route(`${server.baseUrl}/{tasks,interviews,contacts,feed,questions}**`, async (route) => {
      await released;
      await route.continue();
    });
    for (const tag of TAGS.filter((t) => t !== 'infoview-interview'))
      await waitForText(page, tag, /Loading…/);
    await waitForText(page, 'infoview-interview', /Choose an interview/);
    expect(await axe(page)).toEqual([]);
    release();

    await waitForText(page, 'infoview-workspace', /No interviews yet/);
    await waitForText(page, 'infoview-tasks', /No open tasks/);
    await waitForText(page, 'infoview-feed', /No reminders/);
    await waitForText(page, 'infoview-network', /No contacts yet/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'empty-1280.png'), fullPage: true });
    await context.close();
  });

  it('with data, at 1280 px, 375 px, 320 px and 200 % zoom, with reduced motion', async () => {
    const tenant = await server.tenant();
    await tenant.admin.post('/test-clock', { body: { at: new Date().toISOString() } });
    await tenant.admin.put('/reminder-channels', { body: { channels: ['feed'] } });
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const met = await completedInterview(ana.iv, tenant.admin, ana.id, 'Maria Chen');
    const waiting = await ana.iv.post('/contacts', {
      body: {
        studentId: ana.id,
        name: 'David Okafor',
        organization: 'Northwind Analytics',
        title: 'Data Scientist',
        source: 'alumni_directory',
        known: false,
        email: 'david@northwind.example',
      },
    });
    const outreach = await ana.iv.post('/interviews', { body: { contactId: waiting.id } });
    await ana.iv.post('/interviews/{id}/attempts', {
      params: { path: { id: outreach.id } },
      body: { channel: 'email' },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session(),
      interviewId: met,
    });
    await waitForText(page, 'infoview-workspace', /Awaiting reply/);
    await waitForText(page, 'infoview-tasks', /open\)/);
    await waitForText(page, 'infoview-interview', /State: Met/);
    // A task snoozed leaves the open list (the sandbox clock still agrees with the browser's here).
    const open = await ana.iv.get('/tasks', { params: { query: { status: 'open' } } });
    await press(page, /^Snooze a day: /);
    await waitForText(page, 'infoview-tasks', /Task snoozed/);
    const after = await ana.iv.get('/tasks', { params: { query: { status: 'open' } } });
    expect(after.data.length).toBe(open.data.length - 1);

    // The follow-up and the thank-you fall due: the in-process scheduler delivers them to the feed.
    await tenant.admin.post('/test-clock/advance', { body: { by: 'P15D' } });
    await page.evaluate(() =>
      (document.querySelector('infoview-workspace') as unknown as { reload(): Promise<void> }).reload(),
    );
    await expect
      .poll(
        async () => {
          await page.evaluate(() =>
            (document.querySelector('infoview-feed') as unknown as { reload(): Promise<void> }).reload(),
          );
          return page.evaluate(
            () => (document.querySelector('infoview-feed') as unknown as { unreadCount: number }).unreadCount,
          );
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await waitForText(page, 'infoview-feed', /\d+ unread/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'data-1280.png'), fullPage: true });

    // Marking a reminder read lowers the unread count. Reminders reach the feed as the scheduler
    // delivers them, so the count is read once it has held still for two seconds.
    const unread = () =>
      page.evaluate(
        () => (document.querySelector('infoview-feed') as unknown as { unreadCount: number }).unreadCount,
      );
    let before = await unread();
    for (let settled = 0; settled < 4; ) {
      await page.waitForTimeout(500);
      const now = await unread();
      settled = now === before ? settled + 1 : 0;
      before = now;
    }
    await press(page, /^Mark as read: /);
    await waitForText(page, 'infoview-feed', /Reminder marked as read/);
    await expect.poll(unread, { timeout: 10_000, interval: 200 }).toBe(before - 1);

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'data-375.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'data-320.png'), fullPage: true });
    // 200 % zoom of a 1280 px window lays out like 640 CSS px.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => {
      document.documentElement.style.zoom = '2';
    });
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.evaluate(() => {
      document.documentElement.style.zoom = '';
    });

    const transition = () =>
      page.evaluate(() => {
        const button = document.querySelector('infoview-network')!.shadowRoot!.querySelector('button')!;
        return getComputedStyle(button).transitionDuration;
      });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await transition()).not.toBe('0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await transition()).toBe('0s');
    await context.close();
  });

  it('a load error and an action’s problem: title and detail, in alert regions', async () => {
    const tenant = await server.tenant();
    const ana = await studentWith(server, tenant, 'Ana Silva');
    await ana.iv.post('/contacts', {
      body: {
        studentId: ana.id,
        name: 'Maria Chen',
        source: 'friend',
        known: true,
        email: 'maria@example.org',
      },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

    // The API cannot be reached at all.
    const { page: offline } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: 'http://127.0.0.1:9',
      nextSecret: () => ana.session(),
    });
    for (const tag of TAGS.filter((t) => t !== 'infoview-interview')) {
      await waitForText(offline, tag, /Infoview cannot be reached/);
    }
    expect(await axe(offline)).toEqual([]);
    await offline.screenshot({ path: join(SCREENSHOTS, 'offline-1280.png'), fullPage: true });

    // The same contact twice: the API's 409 problem, shown with its title and detail.
    const { page } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session(),
    });
    await waitForText(page, 'infoview-network', /Maria Chen/);
    await typeInto(page, 'Name', 'Maria Chen');
    await typeInto(page, 'Email', 'maria@example.org');
    await press(page, 'Add contact');
    await waitForText(page, 'infoview-network', /already has this contact/);
    const alert = await page.evaluate(
      () =>
        document.querySelector('infoview-network')!.shadowRoot!.querySelector('[role=alert]')!.textContent ??
        '',
    );
    expect(alert).toMatch(/already has this contact/);
    expect(alert).not.toMatch(/at \S+\.js|InfoviewProblem|stack/i);
    // What was typed stays in the form.
    expect(
      await page.evaluate(
        () =>
          (
            document
              .querySelector('infoview-network')!
              .shadowRoot!.getElementById('c-name') as HTMLInputElement
          ).value,
      ),
    ).toBe('Maria Chen');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'problem-375.png'), fullPage: true });
    await context.close();
  });
});
