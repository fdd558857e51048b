import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { DEMO_STUDENT_EXTERNAL_ID } from '../src/services/portal/mint-demo-session.js';
import { createTenant } from '../src/services/tenants/create.js';
import { call, createTestDatabase, drivers, problemOf, testConfig } from './helper.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * A stand-in for the components' bundle: an element that, once handed `fetchClientSecret`, asks
 * for a secret and shows what GET /sessions/current says, as a real component would start.
 */
const FAKE_BUNDLE = `customElements.define('infoview-tasks', class extends HTMLElement {
  set fetchClientSecret(fetchSecret) {
    fetchSecret()
      .then((secret) => fetch('/sessions/current', { headers: { authorization: 'Bearer ' + secret } }))
      .then((response) => response.json())
      .then((session) => { this.textContent = 'session for ' + session.kind + ' ' + session.studentId; });
  }
});
`;

function bundleFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iv-portal-'));
  const file = path.join(dir, 'infoview-elements.js');
  writeFileSync(file, FAKE_BUNDLE);
  return file;
}

describe.each(drivers)('sample portal (%s)', (driver) => {
  let app: InfoviewApp;
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    app = await buildApp(testConfig({ portal: true }), { database, elementsBundle: bundleFile() });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('needs a sandbox tenant (409 before there is one)', async () => {
    await createTenant({ ctx: { db: database.db, now: () => new Date() }, input: { name: 'Real U' } });
    const res = await call(app, 'POST', '/portal/session');
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).code).toBe('portal.no_sandbox_tenant');
  });

  it("mints the demo student's session on the server side, for the page's own origin only", async () => {
    await createTenant({
      ctx: { db: database.db, now: () => new Date() },
      input: { name: 'Demo University', sandbox: true },
    });
    const first = await call(app, 'POST', '/portal/session', { headers: { origin: 'http://localhost:80' } });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const { clientSecret } = first.json();
    const current = (await call(app, 'GET', '/sessions/current', { key: clientSecret })).json();
    expect(current).toMatchObject({ kind: 'student', advisorId: null });
    expect(current.components).toEqual(expect.arrayContaining(['workspace', 'interview', 'tasks', 'feed']));
    const student = (await call(app, 'GET', `/students/${current.studentId}`, { key: clientSecret })).json();
    expect(student.externalId).toBe(DEMO_STUDENT_EXTERNAL_ID);
    const contacts = (await call(app, 'GET', '/contacts', { key: clientSecret })).json();
    expect(contacts.data).toHaveLength(1);

    // A fresh session each time (what fetchClientSecret asks for), for the same student.
    const second = (await call(app, 'POST', '/portal/session')).json();
    expect(second.clientSecret).not.toBe(clientSecret);
    const again = (await call(app, 'GET', '/sessions/current', { key: second.clientSecret })).json();
    expect(again.studentId).toBe(current.studentId);

    const foreign = await call(app, 'POST', '/portal/session', {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(problemOf(foreign).code).toBe('session.origin_not_allowed');
  });

  it('serves an accessible page: language, title, landmarks, headings, skip link', async () => {
    const res = await call(app, 'GET', '/portal');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    const html = res.body;
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    for (const landmark of ['<header>', '<main id="main"', '<footer>']) expect(html).toContain(landmark);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('href="#main"');
    // Every section is named by its own heading.
    for (const [, id] of html.matchAll(/<section aria-labelledby="([^"]+)"/g)) {
      expect(html).toContain(`<h2 id="${id}"`);
    }
    expect(html).toContain('<infoview-workspace data-infoview>');
    expect(html).not.toContain('not built yet');
    const bundle = await call(app, 'GET', '/portal/infoview-elements.js');
    expect(bundle.headers['content-type']).toMatch(/^text\/javascript/);
    expect(bundle.body).toBe(FAKE_BUNDLE);
  });

  it('says so on the page when the components are not built', async () => {
    const missing = await buildApp(testConfig({ portal: true }), {
      database,
      elementsBundle: path.join(tmpdir(), 'no-such-dir', 'infoview-elements.js'),
    });
    try {
      const page = await call(missing, 'GET', '/portal');
      expect(page.body).toMatch(
        /<div class="notice" role="status">\s*<h2>The components are not built yet<\/h2>/,
      );
      const bundle = await call(missing, 'GET', '/portal/infoview-elements.js');
      expect(bundle.statusCode).toBe(404);
      expect(problemOf(bundle).detail).toContain('pnpm --filter @infoview/elements build');
    } finally {
      await missing.close();
    }
  });

  it('is not served when INFOVIEW_PORTAL is off', async () => {
    const off = await buildApp(testConfig({ portal: false }), { database });
    try {
      expect((await call(off, 'GET', '/portal')).statusCode).toBe(404);
      expect((await call(off, 'POST', '/portal/session')).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('works in a real browser: the page hands the components a fetchClientSecret that mints a session', async () => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`CI is set but ${CHROMIUM} is missing (apt-get install chromium)`);
      console.warn(`${CHROMIUM} is missing: the browser check of the sample portal is skipped`);
      return;
    }
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const profile = mkdtempSync(path.join(tmpdir(), 'iv-chromium-'));
    const { stdout } = await promisify(execFile)(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=10000',
        '--dump-dom',
        `${address}/portal`,
      ],
      { timeout: 60_000 },
    );
    expect(stdout).toMatch(
      /<infoview-tasks data-infoview="">session for student [0-9a-f-]{36}<\/infoview-tasks>/,
    );
  });
});
