/**
 * The session ends while the student writes notes — it expires (on the sandbox's clock) or the
 * portal revokes it. The save meets the API's 401 `session.expired` / `session.revoked`; the
 * connection asks the host's fetchClientSecret for a new session and sends the same request
 * again (same body, same Idempotency-Key), and the notes are saved with nothing retyped.
 */
import type { Browser, Request as PwRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { openPortal, press, typeInto, waitForText } from './support/portal.js';
import { completedInterview, studentWith } from './support/story.js';

const NOTES = 'Who, when, and the useful information and advice';

describe.skipIf(!hasChromium)('a session that ends mid-notes', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('expired, then revoked: each time one transparent refresh, and the notes survive', async () => {
    const tenant = await server.tenant();
    await tenant.admin.post('/test-clock', { body: { at: new Date().toISOString() } });
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const interviewId = await completedInterview(ana.iv, tenant.admin, ana.id, 'Maria Chen');

    const context = await browser.newContext();
    const portal = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session({ ttlMinutes: 15 }),
      interviewId,
    });
    const { page } = portal;
    await waitForText(page, 'infoview-interview', /State: Met/);
    expect(portal.secretsFetched()).toBe(1);
    const answers: { status: number; auth: string; key: string | undefined }[] = [];
    page.on('response', async (response) => {
      const request: PwRequest = response.request();
      if (request.method() === 'POST' && request.url().endsWith('/notes')) {
        const headers = await request.allHeaders();
        answers.push({
          status: response.status(),
          auth: headers.authorization ?? '',
          key: headers['idempotency-key'],
        });
      }
    });

    // Ana writes for twenty minutes: her 15-minute session runs out meanwhile.
    await typeInto(page, NOTES, 'Maria explained the charge nurse rotation.');
    await tenant.admin.post('/test-clock/advance', { body: { by: 'PT20M' } });
    await typeInto(page, 'Points learned (one per line)', 'Charge nurses rotate every six months');
    await press(page, 'Save notes');
    await waitForText(page, 'infoview-interview', /Notes written/);
    expect(portal.secretsFetched()).toBe(2);
    await expect.poll(() => answers.map((a) => a.status)).toEqual([401, 200]);
    expect(answers[0]!.auth).not.toBe(answers[1]!.auth);
    expect(answers[0]!.key).toBeTruthy();
    expect(answers[1]!.key).toBe(answers[0]!.key);

    // The portal revokes the session (say, the student signed out elsewhere and back in).
    await tenant.admin.delete('/sessions/{id}', { params: { path: { id: ana.sessions.at(-1)! } } });
    await typeInto(page, NOTES, 'Maria explained the charge nurse rotation, and the night shifts.');
    await press(page, 'Save notes');
    await waitForText(page, 'infoview-interview', /Saved\./);
    expect(portal.secretsFetched()).toBe(3);
    await expect.poll(() => answers.map((a) => a.status)).toEqual([401, 200, 401, 200]);
    expect(answers[3]!.key).toBe(answers[2]!.key);

    const notes = await ana.iv.get('/interviews/{id}/notes', { params: { path: { id: interviewId } } });
    expect(notes.data.map((n) => n.notes).sort()).toEqual([
      'Maria explained the charge nurse rotation, and the night shifts.',
      'Maria explained the charge nurse rotation.',
    ]);
    const shown = await page.evaluate(
      () => document.querySelector('infoview-interview')!.shadowRoot!.textContent ?? '',
    );
    expect(shown).not.toMatch(/session/i);
    await context.close();
  });
});
