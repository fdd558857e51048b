/**
 * The layer rules of Infoview, checked by `pnpm layers` (part of `pnpm check`).
 * core: pure domain, no I/O. api: wraps core; inside it routes → services → db + core, and the
 * reminders delivery layer (src/reminders: dispatcher, drivers, channels) beside the services.
 * sdk: reads only its committed OpenAPI document, never core or api.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-io',
      comment:
        '@infoview/core is pure: no node built-ins, no I/O packages. Time and ids come in as arguments.',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'core-no-io-packages',
      comment:
        '@infoview/core may not import I/O libraries (databases, HTTP, queues, file-system dictionaries).',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: {
        path: 'node_modules/(fastify|drizzle-orm|postgres|@electric-sql|bullmq|ioredis|pino|nodemailer|dictionary-en|undici|axios)',
      },
    },
    {
      name: 'core-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { path: '^packages/(api|sdk)/' },
    },
    {
      name: 'sdk-imports-neither-core-nor-api',
      severity: 'error',
      from: { path: '^packages/sdk/src' },
      to: { path: '^packages/(api|core)/|node_modules/@infoview/' },
    },
    {
      name: 'api-not-sdk',
      comment: 'The API is the source of the SDK, never its user.',
      severity: 'error',
      from: { path: '^packages/api/src' },
      to: { path: '^packages/sdk/|node_modules/@infoview/sdk' },
    },
    {
      name: 'api-routes-go-through-services',
      comment: 'Routes are thin adapters: they call services, never the database directly.',
      severity: 'error',
      from: { path: '^packages/api/src/routes/' },
      to: { path: '^packages/api/src/db/(schema|client)' },
    },
    {
      name: 'api-routes-not-delivery',
      comment: 'Routes reach reminder delivery only through the reminders plugin and services.',
      severity: 'error',
      from: { path: '^packages/api/src/routes/' },
      to: { path: '^packages/api/src/reminders/' },
    },
    {
      name: 'api-services-not-delivery',
      comment:
        'The delivery layer calls services, never the other way round: services read the channel list from src/lib/reminder-channels.gen.ts, generated from the channel registry.',
      severity: 'error',
      from: { path: '^packages/api/src/services/' },
      to: { path: '^packages/api/src/reminders/' },
    },
    {
      name: 'api-services-not-routes',
      severity: 'error',
      from: { path: '^packages/api/src/(services|db|reminders)/' },
      to: { path: '^packages/api/src/routes/' },
    },
    {
      name: 'core-folders-acyclic',
      comment:
        "Core's folders (domain, time, interview, deadlines, messages, questions, rules, lifecycle, policy) form a DAG: a folder never imports, through any chain of files, a folder that imports it. See docs/architecture.md.",
      severity: 'error',
      scope: 'folder',
      from: { path: '^packages/core/src/' },
      to: { path: '^packages/core/src/', circular: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^packages/(core)/src' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|\\.gen\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default', 'node'],
    },
  },
};
