import { createClient, type InfoviewClient } from '@infoview/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import type { ApiServer, TestTenant } from './api-server.js';

/** A portal's advisor page: only `<infoview-cohort>`, configured like the student page. */
export const COHORT_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Career portal — my cohort</title>
  <style>body { margin: 0; font-family: Georgia, serif; } header, main { padding: 1rem; }</style>
</head>
<body>
  <header><h1>Career portal</h1></header>
  <main><infoview-cohort><infoview-cohort-analytics slot="analytics"></infoview-cohort-analytics></infoview-cohort></main>
  <script type="module">
    import * as elements from '/infoview-elements.js';
    window.infoview = elements;
    const params = new URLSearchParams(location.search);
    elements.configure({ baseUrl: params.get('api'), fetchClientSecret: () => window.fetchClientSecret() });
  </script>
</body>
</html>`;

export interface TestAdvisor {
  id: string;
  /** What the portal's server does for an advisor's page: POST /sessions for the cohort component. */
  session(): Promise<string>;
}

/** An advisor of the tenant looking after `studentIds`. */
export async function advisorWith(
  tenant: TestTenant,
  name: string,
  studentIds: string[],
): Promise<TestAdvisor> {
  const advisor = await tenant.admin.post('/advisors', { body: { name } });
  for (const studentId of studentIds) {
    await tenant.admin.put('/advisors/{id}/students/{studentId}', {
      params: { path: { id: advisor.id, studentId } },
    });
  }
  return {
    id: advisor.id,
    session: async () =>
      (await tenant.admin.post('/sessions', { body: { advisorId: advisor.id, components: ['cohort'] } }))
        .clientSecret,
  };
}

/** Opens the advisor's page, `/advisor` of the portal server (COHORT_HTML). */
export async function openCohortPage(
  context: BrowserContext,
  options: { server: ApiServer; nextSecret: () => Promise<string> },
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && process.env.INFOVIEW_DEBUG)
      console.error(`page console: ${message.text()}`);
  });
  await page.exposeFunction('fetchClientSecret', async () => {
    try {
      return await options.nextSecret();
    } catch (error) {
      if (process.env.INFOVIEW_DEBUG) console.error('fetchClientSecret failed', error);
      throw error;
    }
  });
  const query = new URLSearchParams({ api: options.server.baseUrl });
  await page.goto(`${options.server.portalOrigin}/advisor?${query}`);
  return page;
}

/** A student's API client (the test's side), for recording their outreach. */
export const studentClient = (server: ApiServer, secret: string): InfoviewClient =>
  createClient({ baseUrl: server.baseUrl, apiKey: secret, retries: 0 });
