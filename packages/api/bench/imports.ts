/**
 * Import bench: a 50,000-row LinkedIn `Connections.csv` uploaded over HTTP (streamed from disk)
 * to the real app on PostgreSQL, previewed and committed by the background runner, end to end
 * until `GET /imports/{id}` says completed; then the same file again, which must change nothing.
 * Goals: first import ≤ 20 s with RSS growth ≤ 100 MB; re-import ≤ 10 s and 0 changes.
 * Needs DATABASE_URL; BENCH_IMPORT_ROWS and BENCH_IMPORT_RUNS change its size.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import postgres from 'postgres';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateSecretKey } from '../src/crypto/secret-keyring.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { createTenant } from '../src/services/tenants/create.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

export interface ImportFigure {
  rows: number;
  firstMs: number;
  firstPreviewMs: number;
  firstRssGrowthMb: number;
  reimportMs: number[];
  reimportMedianMs: number;
  reimportChanges: number;
}

async function writeConnections(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n\r\n',
  );
  out.write('First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n');
  for (let i = 0; i < rows; i++) {
    const email = i % 3 === 0 ? '' : `person.${i}@example${i % 97}.com`;
    const line = `First${i},"Last, ${i}",https://www.linkedin.com/in/person-${i},${email},Company ${i % 1000},Position ${i % 50},0${1 + (i % 9)} Mar 2024\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchImports(): Promise<ImportFigure | undefined> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Import bench SKIPPED: set DATABASE_URL (PostgreSQL, e.g. on loopback) to run it.');
    return undefined;
  }
  const dbName = `iv_bench_import_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  const file = path.join(tmpdir(), `iv-bench-connections-${process.pid}.csv`);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await writeConnections(file, ROWS);
    const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 10 });
    closers.push(() => database.close());
    await migrateDatabase(database);
    const config = {
      ...loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: url.toString() }),
      rateLimitMax: 1_000_000,
      secretKeys: [generateSecretKey('bench')],
    };
    const app = await buildApp(config, { database });
    closers.unshift(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const tenant = await createTenant({
      ctx: { db: database.db, now: () => new Date() },
      input: { name: 'Bench U', sandbox: false },
    });
    const key = generateApiKey(false);
    await insertApiKey(database.db, new Date(), {
      tenantId: tenant.id,
      name: 'admin',
      secret: key,
      scope: 'admin',
    });
    const headers = { authorization: `Bearer ${key}` };
    const student = (await (
      await fetch(`${base}/students`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ externalId: 'bench', name: 'Bench Student', timeZone: 'UTC' }),
      })
    ).json()) as { id: string };

    const until = async (id: string, state: string) => {
      for (;;) {
        const job = (await (await fetch(`${base}/imports/${id}`, { headers })).json()) as {
          state: string;
          counts: Record<string, number>;
        };
        if (job.state === state) return job;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const run = async () => {
      const started = performance.now();
      const upload = await fetch(`${base}/students/${student.id}/imports?format=linkedin`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
      const { id } = (await upload.json()) as { id: string };
      await until(id, 'previewed');
      const previewMs = performance.now() - started;
      await fetch(`${base}/imports/${id}/commit`, { method: 'POST', headers });
      const done = await until(id, 'completed');
      return { ms: performance.now() - started, previewMs, counts: done.counts };
    };

    console.log(`Import bench: a ${ROWS}-row LinkedIn Connections.csv, preview + commit over HTTP…`);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const first = await run();
    clearInterval(sampler);
    if ((first.counts.created ?? 0) !== ROWS)
      throw new Error(`expected ${ROWS} created, got ${JSON.stringify(first.counts)}`);
    const reimports: number[] = [];
    let changes = 0;
    for (let i = 0; i < RUNS; i++) {
      const again = await run();
      reimports.push(again.ms);
      changes += (again.counts.created ?? 0) + (again.counts.merged ?? 0);
    }
    const figure: ImportFigure = {
      rows: ROWS,
      firstMs: Math.round(first.ms),
      firstPreviewMs: Math.round(first.previewMs),
      firstRssGrowthMb: Math.round((peak - baseline) / 1048576),
      reimportMs: reimports.map(Math.round),
      reimportMedianMs: Math.round(median(reimports)),
      reimportChanges: changes,
    };
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    console.log(
      [
        `  first import: ${(figure.firstMs / 1000).toFixed(1)} s end to end (preview done at ${(figure.firstPreviewMs / 1000).toFixed(1)} s), goal ≤ 20 s: ${verdict(figure.firstMs <= 20_000)}`,
        `  RSS growth during it: ${figure.firstRssGrowthMb} MB, goal ≤ 100 MB: ${verdict(figure.firstRssGrowthMb <= 100)}`,
        `  re-import of the same file: median ${(figure.reimportMedianMs / 1000).toFixed(1)} s of ${RUNS} (${figure.reimportMs.join(', ')} ms), goal ≤ 10 s: ${verdict(figure.reimportMedianMs <= 10_000)}`,
        `  changes made by the re-imports: ${changes}, goal 0: ${verdict(changes === 0)}`,
        `  re-import / first import: ${(figure.reimportMedianMs / figure.firstMs).toFixed(2)}×`,
      ].join('\n'),
    );
    return figure;
  } finally {
    for (const close of closers) await close().catch(() => {});
    rmSync(file, { force: true });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

// Run alone: `tsx bench/imports.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await benchImports();
