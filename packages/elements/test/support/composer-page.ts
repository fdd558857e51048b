import type { InfoviewClient } from '@infoview/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import type { ApiServer, TestStudent } from './api-server.js';
import { openPortal } from './portal.js';

/** A composer-only browser session for the student, as a portal embedding just the composer mints it. */
export async function composerSession(admin: InfoviewClient, student: TestStudent): Promise<string> {
  const created = await admin.post('/sessions', {
    body: { studentId: student.id, components: ['composer'] },
  });
  student.sessions.push(created.id);
  return created.clientSecret;
}

/** The portal page with only `<infoview-composer>` for one interview in its main area. */
export async function openComposer(
  context: BrowserContext,
  options: { server: ApiServer; nextSecret: () => Promise<string>; interviewId: string },
): Promise<Page> {
  const { page } = await openPortal(context, {
    origin: options.server.portalOrigin,
    apiBaseUrl: options.server.baseUrl,
    nextSecret: options.nextSecret,
  });
  await page.evaluate((id) => {
    const main = document.querySelector('main')!;
    main.replaceChildren();
    const composer = document.createElement('infoview-composer');
    composer.setAttribute('interview-id', id);
    main.append(composer);
  }, options.interviewId);
  return page;
}

/** The marked spans of a field: their text and the rule ids of the findings on them. */
export async function marks(
  page: Page,
  field: 'subject' | 'body',
): Promise<{ text: string; severity: string }[]> {
  return page.evaluate(
    (field) =>
      [
        ...(document
          .querySelector('infoview-composer')
          ?.shadowRoot?.querySelectorAll(`#${field}-marks mark`) ?? []),
      ].map((m) => ({ text: m.textContent ?? '', severity: m.className })),
    field,
  );
}

/** The findings as the component holds them (rule, check, the text of their span). */
export async function findingsOf(
  page: Page,
): Promise<{ ruleId: string; check: string; severity: string; text: string }[]> {
  return page.evaluate(() => {
    const el = document.querySelector('infoview-composer') as unknown as {
      findings: {
        ruleId: string;
        check: string;
        severity: string;
        field: 'subject' | 'body';
        start: number;
        end: number;
      }[];
      draft: { subject: string; body: string };
    };
    return el.findings.map((f) => ({
      ruleId: f.ruleId,
      check: f.check,
      severity: f.severity,
      text: el.draft[f.field].slice(f.start, f.end),
    }));
  });
}
