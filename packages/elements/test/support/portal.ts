import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Portal {
  page: Page;
  /** How many times the page asked its server for a session secret. */
  secretsFetched(): number;
}

/**
 * Opens the portal page at `origin` (a {@link startPortalServer}) talking to
 * the API at `apiBaseUrl`; `nextSecret` is the portal server's answer to each `fetchClientSecret`.
 */
export async function openPortal(
  context: BrowserContext,
  options: { origin: string; apiBaseUrl: string; nextSecret: () => Promise<string>; interviewId?: string },
): Promise<Portal> {
  const page = await context.newPage();
  // Page errors fail loudly in the test's output rather than as a silent blank component.
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && process.env.INFOVIEW_DEBUG)
      console.error(`page console: ${message.text()}`);
  });
  let fetched = 0;
  await page.exposeFunction('fetchClientSecret', async () => {
    fetched++;
    return options.nextSecret();
  });
  const query = new URLSearchParams({ api: options.apiBaseUrl });
  if (options.interviewId) query.set('interview', options.interviewId);
  await page.goto(`${options.origin}/?${query}`);
  return { page, secretsFetched: () => fetched };
}

/** Where the screenshots go (gitignored): look at them. */
export const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** The focused element, through shadow roots, described by its accessible name. */
export async function focused(page: Page): Promise<{ name: string; tag: string; outline: string } | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const style = getComputedStyle(el);
    return { name, tag: el.tagName.toLowerCase(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
  });
}

/**
 * Presses Tab (the keyboard only) until the focused element's accessible name matches, and
 * checks the focus is visible (a solid outline of at least 2 px).
 */
export async function tabTo(page: Page, name: string | RegExp, maxPresses = 400): Promise<void> {
  const matches = (n: string) => (typeof name === 'string' ? n === name : name.test(n));
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now && matches(now.name)) {
      const [style, width] = now.outline.split(' ');
      if (style === 'none' || Number.parseFloat(width ?? '0') < 2) {
        throw new Error(`focus on "${now.name}" is not visible (outline ${now.outline})`);
      }
      return;
    }
    if (now) seen.push(now.name);
  }
  throw new Error(`Tab never reached "${name}"; it visited: ${[...new Set(seen)].join(' | ')}`);
}

/** Tabs to a control and types into it (replacing what it holds). */
export async function typeInto(page: Page, name: string | RegExp, text: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Tabs to a button (or checkbox) and presses it with the keyboard. */
export async function press(
  page: Page,
  name: string | RegExp,
  key: 'Enter' | 'Space' = 'Enter',
): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.press(key);
}

/** Text of every element matching `selector` inside the component's shadow root. */
export async function shadowText(page: Page, tag: string, selector: string): Promise<string[]> {
  return page.evaluate(
    ([tag, selector]) =>
      [...(document.querySelector(tag!)?.shadowRoot?.querySelectorAll(selector!) ?? [])].map((e) =>
        (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ),
    [tag, selector],
  );
}

/** Waits until a component's shadow DOM has text matching `pattern`; fails with the text it had. */
export async function waitForText(page: Page, tag: string, pattern: RegExp, timeout = 15_000): Promise<void> {
  const textOf = ([tag]: string[]) =>
    document.querySelector(tag!)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
  try {
    await page.waitForFunction(
      ([tag, source, flags]) =>
        new RegExp(source!, flags).test(
          document.querySelector(tag!)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
        ),
      [tag, pattern.source, pattern.flags],
      { timeout },
    );
  } catch {
    throw new Error(`<${tag}> never showed ${pattern}; it shows: ${await page.evaluate(textOf, [tag])}`);
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core (WCAG 2.0/2.1 A and AA rules) on the whole page, shadow roots included. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}
