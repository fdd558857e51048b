// Writes the API's OpenAPI document (what GET /openapi.json serves) to packages/sdk/openapi.json,
// or to the path given as the first argument. `pnpm openapi:emit`; `pnpm sdk:gen` runs it too.
//
// The document is built from the route schemas alone, so the app is built over a database that
// refuses every query: no migrations, no files, no network. Plugins that touch the database when
// the app becomes ready (the idempotency purge) already treat a failure as a logged warning.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database, Db } from '../src/db/client.js';

const DEFAULT_OUTPUT = fileURLToPath(new URL('../../sdk/openapi.json', import.meta.url));

const refuse = (): never => {
  throw new Error('emit-openapi builds the app without a database; the OpenAPI document needs none');
};

const noDatabase: Database = {
  db: new Proxy({} as Db, {
    // `then` stays undefined so that awaiting the object does not throw.
    get: (_target, property) => (property === 'then' || typeof property === 'symbol' ? undefined : refuse()),
  }),
  driver: 'pglite',
  location: 'none (emit-openapi)',
  ping: async () => refuse(),
  close: async () => {},
  exclusive: refuse,
  migrate: async () => refuse(),
};

const output = path.resolve(process.argv[2] ?? DEFAULT_OUTPUT);
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database: noDatabase });
try {
  await app.ready();
  writeFileSync(output, `${JSON.stringify(app.swagger(), null, 2)}\n`);
} finally {
  await app.close();
}
console.log(`wrote ${path.relative(process.cwd(), output) || output}`);
