/**
 * `<infoview-cohort-analytics>` in `<infoview-cohort>`'s slot on the advisor's page, against the
 * real API: the funnel's and the reply rates' charts and tables show the figures the API answers
 * for the advisor's cohort; a figure about fewer than k students shows as hidden, never as 0;
 * axe-core clean, nothing in the charts takes the keyboard's focus, usable at 375 px. Screenshots
 * at 1280 and 375 px.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer, type TestTenant } from './support/api-server.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { advisorWith, openCohortPage } from './support/cohort-page.js';
import { axe, focused, SCREENSHOTS, shadowText, waitForText } from './support/portal.js';
import { studentWith } from './support/story.js';

const TAG = 'infoview-cohort-analytics';

/** A student with one alumni-directory contact reached out to; with `replied`, the contact declined. */
async function studentOf(server: ApiServer, tenant: TestTenant, name: string, replied: boolean) {
  const s = await studentWith(server, tenant, name);
  const contact = await s.iv.post('/contacts', {
    body: { studentId: s.id, name: `Mentor of ${name}`, source: 'alumni_directory', known: true },
  });
  const interview = await s.iv.post('/interviews', { body: { contactId: contact.id } });
  const path = { params: { path: { id: interview.id } } };
  await s.iv.post('/interviews/{id}/attempts', { ...path, body: { channel: 'email' } });
  if (replied) await s.iv.post('/interviews/{id}/reply', { ...path, body: { response: 'declined' } });
  return s;
}

/** The rows of one of the element's tables (by its caption), each as its cells' text. */
const tableRows = (page: Page, caption: RegExp) =>
  page.evaluate(
    ([tag, source, flags]) => {
      const root = document.querySelector(tag!)!.shadowRoot!;
      const table = [...root.querySelectorAll('table')].find((t) =>
        new RegExp(source!, flags).test(t.caption?.textContent ?? ''),
      );
      return [...(table?.tBodies[0]?.rows ?? [])].map((row) =>
        [...row.cells].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
      );
    },
    [TAG, caption.source, caption.flags],
  );

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
          out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class')} ${Math.round(box.right)}px`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

const pct = (rate: number | null) => `${Math.round((rate ?? 0) * 100)}%`;

describe.skipIf(!hasChromium)('<infoview-cohort-analytics>: the cohort’s funnel and reply rates', () => {
  let server: ApiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the API’s figures in charts and tables; fewer than k students is “hidden”; keyboard; axe clean', async () => {
    const tenant = await server.tenant();
    const names = ['Ana Silva', 'Ben Okoro', 'Cy Park', 'Dee Ray', 'Eli Moss'];
    // Five students (k = 5, the default) reached out; three of them got a reply.
    const students = [];
    for (const [i, name] of names.entries()) students.push(await studentOf(server, tenant, name, i < 3));
    const advisor = await advisorWith(
      tenant,
      'Grace Advisor',
      students.map((s) => s.id),
    );
    const report = await tenant.admin.get('/analytics/advisors/{advisorId}', {
      params: { path: { advisorId: advisor.id } },
    });
    if (typeof report === 'string') throw new Error('expected JSON');
    // The seeded cohort gives both cases: shown figures (5 students) and suppressed ones (3).
    const funnel = Object.fromEntries(report.funnel.map((f) => [f.stage, f]));
    expect(funnel.identified).toMatchObject({ interviews: 5, suppressed: false });
    expect(funnel.replied).toMatchObject({ interviews: null, suppressed: true });
    const all = report.replyRates.find((r) => r.group === 'all')!;
    expect(all).toMatchObject({ sent: 5, replied: 3, rate: 0.6, suppressed: false });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openCohortPage(context, { server, nextSecret: () => advisor.session() });
    await waitForText(page, TAG, /From identified to referral/);
    await waitForText(page, 'infoview-cohort', /Ana Silva/);

    // The funnel's table: one row per stage, the API's count or "hidden", never 0 for a hidden one.
    const stageNames: Record<string, string> = {
      identified: 'Identified',
      outreach: 'Reached out',
      replied: 'Replied',
      met: 'Met',
      thanked: 'Thanked',
      referral: 'Referral',
    };
    const k = report.privacy.minStudents;
    expect(await tableRows(page, /reached each stage/)).toEqual(
      report.funnel.map((f) =>
        f.suppressed
          ? [stageNames[f.stage], `hidden (fewer than ${k} students)`]
          : [stageNames[f.stage], String(f.interviews), pct(f.interviews! / funnel.identified!.interviews!)],
      ),
    );
    const rateRow = (label: string, r: (typeof report.replyRates)[number]) =>
      r.suppressed
        ? [label, `hidden (fewer than ${k} students)`]
        : [label, String(r.sent), String(r.replied), pct(r.rate)];
    // Every source the API answers for keeps its row: the five students' alumni directory shown, the rest hidden.
    const sourceNames: Record<string, string> = { alumni_directory: 'Alumni directory', family: 'Family' };
    const sourceRows = await tableRows(page, /by contact source/);
    expect(sourceRows[0]).toEqual(rateRow('All sources', all));
    expect(sourceRows.slice(1).map((r) => r.slice(1))).toEqual(
      report.replyRates.filter((r) => r.group === 'source').map((r) => rateRow('', r).slice(1)),
    );
    for (const [key, label] of Object.entries(sourceNames)) {
      const r = report.replyRates.find((x) => x.group === 'source' && x.key === key)!;
      expect(sourceRows).toContainEqual(rateRow(label, r));
    }
    expect(sourceRows).toContainEqual(['Alumni directory', '5', '3', '60%']);
    expect(sourceRows).toContainEqual(['Family', 'hidden (fewer than 5 students)']);
    expect(await tableRows(page, /by attempt/)).toEqual(
      report.replyRates
        .filter((r) => r.group === 'attempt')
        .map((r) => rateRow(r.key === 'outreach' ? 'First outreach' : 'Follow-up', r)),
    );
    expect(await tableRows(page, /by attempt/)).toContainEqual(['First outreach', '5', '3', '60%']);

    // The charts say the same to sighted readers, hidden ones included, and stay out of the accessibility tree.
    const charts = await page.evaluate((tag) => {
      const root = document.querySelector(tag)!.shadowRoot!;
      return [...root.querySelectorAll('svg')].map((svg) => ({
        hidden: svg.getAttribute('aria-hidden'),
        labels: [...svg.querySelectorAll('g')].map((g) =>
          [...g.querySelectorAll('text')].map((t) => t.textContent).join(' — '),
        ),
        bars: [...svg.querySelectorAll('rect.bar')].map((r) => r.getAttribute('width')),
      }));
    }, TAG);
    expect(charts).toHaveLength(3);
    expect(charts.every((c) => c.hidden === 'true')).toBe(true);
    expect(charts[0]!.labels).toEqual([
      'Identified: 5',
      'Reached out: 5',
      ...['Replied', 'Met', 'Thanked', 'Referral'].map((s) => `${s} — hidden (fewer than 5 students)`),
    ]);
    expect(charts[0]!.bars).toEqual(['100%', '100%']);
    expect(charts[1]!.labels).toContain('All sources: 60%');
    expect(charts[1]!.labels).toContain('Alumni directory: 60%');
    expect(charts[1]!.labels).toContain('Family — hidden (fewer than 5 students)');
    expect(charts[1]!.bars).toEqual(['60%', '60%']);
    // Headers are real headers: a caption, column and row headers with their scope.
    const scopes = await shadowText(page, TAG, 'th[scope="row"]');
    expect(scopes).toContain('Identified');
    expect((await shadowText(page, TAG, 'caption')).length).toBe(3);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-analytics-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 375);
    expect(await overflow(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-analytics-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard: the charts and tables take no tab stop: the page's first Tab goes past them to the
    // cohort's own first control, and Shift+Tab from there leaves the component.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'select', name: expect.stringMatching(/^Order/) });
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await context.close();
  });

  it('a cohort of fewer than k students shows every figure as hidden, never 0; usable at 375 px', async () => {
    const tenant = await server.tenant();
    const a = await studentOf(server, tenant, 'Maximiliana Konstantinopoulou-Vanderbilt', true);
    const b = await studentOf(server, tenant, 'Jo Lee', false);
    const advisor = await advisorWith(tenant, 'Grace Advisor', [a.id, b.id]);
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await openCohortPage(context, { server, nextSecret: () => advisor.session() });
    await waitForText(page, TAG, /From identified to referral/);
    await waitForText(page, 'infoview-cohort', /Jo Lee/);
    const funnel = await tableRows(page, /reached each stage/);
    expect(funnel).toHaveLength(6);
    expect(funnel.every(([, cell]) => cell === 'hidden (fewer than 5 students)')).toBe(true);
    const text = (await shadowText(page, TAG, 'section')).join(' ');
    expect(text).toMatch(/Figures about fewer than 5 students are hidden/);
    expect(text).not.toMatch(/\b0\b|0%/);
    expect(await overflow(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'cohort-analytics-hidden-375.png'), fullPage: true });
    await context.close();
  });

  it('shows the API’s problem when the analytics cannot be read', async () => {
    const tenant = await server.tenant();
    const s = await studentOf(server, tenant, 'Ana Silva', false);
    const advisor = await advisorWith(tenant, 'Grace Advisor', [s.id]);
    const other = await advisorWith(tenant, 'Other Advisor', []);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openCohortPage(context, { server, nextSecret: () => advisor.session() });
    await waitForText(page, TAG, /From identified to referral/);
    // Another advisor's cohort is not this advisor's to read: the API's 404, shown with a retry.
    await page.evaluate(
      ([tag, id]) => document.querySelector(tag!)!.setAttribute('advisor-id', id!),
      [TAG, other.id],
    );
    await waitForText(page, TAG, /Try again/);
    expect(await shadowText(page, TAG, '[role="alert"] strong')).not.toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
