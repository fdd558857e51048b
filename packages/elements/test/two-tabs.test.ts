/**
 * Two tabs on one interview: the second saves notes while the first is still typing. The first
 * tab's save meets a stale ETag (412): it is told so, the view reloads and its text is still
 * there; saving again keeps it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { axe, openPortal, press, typeInto, waitForText } from './support/portal.js';
import { completedInterview, studentWith } from './support/story.js';

const NOTES = 'Who, when, and the useful information and advice';

const fieldValue = (page: import('playwright-core').Page, id: string) =>
  page.evaluate(
    (id) =>
      (document.querySelector('infoview-interview')!.shadowRoot!.getElementById(id) as HTMLTextAreaElement)
        .value,
    id,
  );

describe.skipIf(!hasChromium)('two tabs', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the 412, reloads, and keeps what the first tab typed', async () => {
    const tenant = await server.tenant();
    await tenant.admin.post('/test-clock', { body: { at: new Date().toISOString() } });
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const interviewId = await completedInterview(ana.iv, tenant.admin, ana.id, 'Maria Chen');

    const context = await browser.newContext();
    const open = () =>
      openPortal(context, {
        origin: server.portalOrigin,
        apiBaseUrl: server.baseUrl,
        nextSecret: () => ana.session(),
        interviewId,
      });
    const first = (await open()).page;
    const second = (await open()).page;
    for (const page of [first, second]) await waitForText(page, 'infoview-interview', /State: Met/);

    await first.bringToFront();
    await typeInto(first, NOTES, 'Typed in the first tab, not saved yet.');
    await second.bringToFront();
    await typeInto(second, NOTES, 'Saved from the second tab.');
    await press(second, 'Save notes');
    await waitForText(second, 'infoview-interview', /Notes written/);

    await first.bringToFront();
    await press(first, 'Save notes');
    await waitForText(first, 'infoview-interview', /changed in another tab or window/);
    await waitForText(first, 'infoview-interview', /Notes written/);
    expect(await fieldValue(first, 'notes')).toBe('Typed in the first tab, not saved yet.');
    expect(await axe(first)).toEqual([]);

    await press(first, 'Save notes');
    await waitForText(first, 'infoview-interview', /Saved\./);
    const notes = await ana.iv.get('/interviews/{id}/notes', { params: { path: { id: interviewId } } });
    expect(notes.data.map((n) => n.notes)).toContain('Typed in the first tab, not saved yet.');
    expect(notes.data.map((n) => n.notes)).toContain('Saved from the second tab.');
    await context.close();
  });
});
