/**
 * `pnpm bench` (elements part):
 * 1. the size of each component, Lit and the SDK included, minified and gzipped (goal ≤ 45 KB);
 * 2. `<infoview-workspace>` rendering 200 interviews after its data arrives, in Chromium, from the
 *    component's own performance marks (median of 10; goal ≤ 100 ms);
 * 3. `<infoview-composer>`: a keystroke to its highlighted finding (p95 ≤ 60 ms; bench/composer.ts);
 * 4. `<infoview-cohort>` rendering 500 students (bench/cohort.ts; median and p95 ≤ 150 ms).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUNDLE, buildBundle, PACKAGE_DIR } from '../scripts/build.js';
import { startApiServer } from '../test/support/api-server.js';
import { launchChromium } from '../test/support/chromium.js';
import { openPortal } from '../test/support/portal.js';
import { studentWith } from '../test/support/story.js';
import { cohortRender } from './cohort.js';
import { composerKeystroke } from './composer.js';

const SIZE_BUDGET = 45 * 1024;
const RENDER_BUDGET_MS = 100;
const RUNS = 10;
const INTERVIEWS = 200;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function sizeOf(entry: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    entryPoints: [join(PACKAGE_DIR, entry)],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    tsconfig: join(PACKAGE_DIR, 'tsconfig.json'),
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

async function sizes(): Promise<boolean> {
  console.log('\n@infoview/elements — bundle sizes (minified, gzip -9), Lit and @infoview/sdk included');
  const entries: [string, string][] = [
    ['<infoview-workspace>', 'src/workspace/workspace.ts'],
    ['<infoview-network>', 'src/network/network.ts'],
    ['<infoview-interview>', 'src/interview/interview.ts'],
    ['<infoview-tasks>', 'src/tasks/tasks.ts'],
    ['<infoview-feed>', 'src/feed/feed.ts'],
    ['<infoview-composer>', 'src/composer/composer.ts'],
    ['<infoview-cohort>', 'src/cohort/cohort.ts'],
  ];
  for (const [name, entry] of entries) {
    const { min, gzip } = await sizeOf(entry);
    console.log(`  ${name.padEnd(24)} ${kb(min).padStart(9)} min  ${kb(gzip).padStart(8)} gzip (alone)`);
  }
  await buildBundle();
  const all = readFileSync(BUNDLE);
  const gzip = gzipSync(all, { level: 9 }).length;
  const ok = gzip <= SIZE_BUDGET;
  console.log(
    `  ${'all (dist bundle)'.padEnd(24)} ${kb(all.length).padStart(9)} min  ${kb(gzip).padStart(8)} gzip — budget ${kb(SIZE_BUDGET)}: ${ok ? 'ok' : 'OVER'}`,
  );
  return ok;
}

async function workspaceRender(): Promise<boolean> {
  console.log(
    `\n<infoview-workspace> with ${INTERVIEWS} interviews: render after the data arrives (Chromium, ${RUNS} runs)`,
  );
  const server = await startApiServer();
  const browser = await launchChromium();
  try {
    const tenant = await server.tenant();
    const ana = await studentWith(server, tenant, 'Ana Silva');
    const sources = ['friend', 'alumni_directory', 'faculty', 'coworker', 'event'] as const;
    for (let i = 0; i < INTERVIEWS; i++) {
      const contact = await ana.iv.post('/contacts', {
        body: {
          studentId: ana.id,
          name: `Contact ${i + 1}`,
          source: sources[i % sources.length]!,
          known: true,
        },
      });
      const interview = await ana.iv.post('/interviews', { body: { contactId: contact.id } });
      // A third reach out, so the pipeline has more than one state and tasks are due.
      if (i % 3 === 0) {
        await ana.iv.post('/interviews/{id}/attempts', {
          params: { path: { id: interview.id } },
          body: { channel: 'phone' },
        });
      }
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPortal(context, {
      origin: server.portalOrigin,
      apiBaseUrl: server.baseUrl,
      nextSecret: () => ana.session(),
    });
    // The bench's workspace alone on the page: the portal's own components are taken away.
    await page.evaluate(() => document.querySelector('main')!.replaceChildren());
    const renders: number[] = [];
    const frames: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const measured = await page.evaluate(async () => {
        performance.clearMarks();
        performance.clearMeasures();
        const element = document.createElement('infoview-workspace');
        document.querySelector('main')!.prepend(element);
        // Polled with zero-delay tasks (a PerformanceObserver's callback may come much later).
        let entry: PerformanceEntry | undefined;
        while (!entry) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          entry = performance.getEntriesByName('infoview-workspace:render')[0];
        }
        // Style and layout of what was rendered, forced synchronously.
        void element.shadowRoot!.querySelector('section')!.getBoundingClientRect().height;
        const result = { render: entry.duration, frame: performance.now() - entry.startTime };
        const count = element.shadowRoot!.querySelectorAll('.state li').length;
        element.remove();
        return { ...result, count };
      });
      if (measured.count !== INTERVIEWS)
        throw new Error(`rendered ${measured.count} interviews, not ${INTERVIEWS}`);
      // The first run warms the page (JIT, fonts); it is not counted.
      if (run === 0) continue;
      renders.push(measured.render);
      frames.push(measured.frame);
    }
    const render = median(renders);
    const frame = median(frames);
    const ok = render <= RENDER_BUDGET_MS;
    console.log(
      `  data → DOM committed (performance marks): median ${render.toFixed(1)} ms (runs ${renders.map((r) => r.toFixed(1)).join(', ')})`,
    );
    console.log(`  data → style + layout done:             median ${frame.toFixed(1)} ms`);
    console.log(
      `  budget ${RENDER_BUDGET_MS} ms: ${ok ? 'ok' : 'OVER'} (${(render / RENDER_BUDGET_MS).toFixed(2)}× of budget)`,
    );
    await context.close();
    return ok;
  } finally {
    await browser.close();
    await server.close();
  }
}

const sizeOk = await sizes();
const renderOk = await workspaceRender();
const composerOk = await composerKeystroke();
const cohortOk = await cohortRender();
if (!sizeOk || !renderOk || !composerOk || !cohortOk) process.exitCode = 1;
