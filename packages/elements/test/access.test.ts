/**
 * What a browser session cannot do: reach another student's records (the API answers 404, shown
 * as a problem, never a stack trace), any admin operation (403), or work from a page of an origin
 * its tenant does not allow.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { axe, openPortal, waitForText } from './support/portal.js';
import { startPortalServer } from './support/portal-server.js';
import { studentWith } from './support/story.js';

describe.skipIf(!hasChromium)('what a student’s page cannot reach', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('another student’s interview is a 404 problem; admin operations are 403', async () => {
    const tenant = await server.tenant();
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const ben = await studentWith(server, tenant, 'Ben Okoro');
    const bensContact = await ben.iv.post('/contacts', {
      body: { studentId: ben.id, name: 'Private Person', source: 'friend', known: true },
    });
    const bensInterview = await ben.iv.post('/interviews', { body: { contactId: bensContact.id } });

    const context = await browser.newContext();
    const { page } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session(),
      interviewId: bensInterview.id,
    });
    await waitForText(page, 'infoview-interview', /not found/i);
    const shown = await page.evaluate(
      () => document.querySelector('infoview-interview')?.shadowRoot?.textContent ?? '',
    );
    expect(shown).not.toMatch(/Private Person|at .*\.js|Error:/);
    await waitForText(page, 'infoview-network', /No contacts yet/);
    expect(await axe(page)).toEqual([]);

    const attempts = await page.evaluate(async (otherStudentId) => {
      type Client = {
        get(p: string, i?: unknown): Promise<unknown>;
        post(p: string, i?: unknown): Promise<unknown>;
        put(p: string, i?: unknown): Promise<unknown>;
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
          conn.client.get('/students/{id}', { params: { path: { id: otherStudentId } } }),
        ),
        createStudent: await outcome(
          conn.client.post('/students', { body: { externalId: 'x', name: 'X', timeZone: 'UTC' } }),
        ),
        createKey: await outcome(conn.client.post('/api-keys', { body: { name: 'mine', scope: 'admin' } })),
        listKeys: await outcome(conn.client.get('/api-keys')),
        webhook: await outcome(
          conn.client.post('/webhooks', { body: { url: 'https://portal.example/hook' } }),
        ),
      };
    }, ben.id);
    // A 403 either way: the role may not (auth.forbidden) or no component of the session uses it.
    expect(attempts).toEqual({
      otherStudent: '404 student.not_found',
      createStudent: '403 auth.forbidden',
      createKey: '403 session.component_not_allowed',
      listKeys: '403 session.component_not_allowed',
      webhook: '403 session.component_not_allowed',
    });
    await context.close();
  });

  it('a page of an origin the tenant does not allow is refused', async () => {
    const tenant = await server.tenant();
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const elsewhere = await startPortalServer();
    try {
      const context = await browser.newContext();
      const { page } = await openPortal(context, {
        origin: elsewhere.origin,
        apiBaseUrl: server.baseUrl,
        nextSecret: () => ana.session(),
      });
      // The browser is given no CORS headers: the components cannot read any answer.
      await waitForText(page, 'infoview-network', /Infoview cannot be reached/);
      expect(await axe(page)).toEqual([]);
      await context.close();
    } finally {
      await elsewhere.close();
    }
    // What the API itself answers that origin, read outside a browser's CORS rules.
    const response = await fetch(`${server.baseUrl}/contacts`, {
      headers: { authorization: `Bearer ${await ana.session()}`, origin: elsewhere.origin },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await response.json()) as { code: string }).code).toBe('session.origin_not_allowed');
  });
});
