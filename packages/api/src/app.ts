import { registerAjvFormats, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { installSecretKeyring } from './crypto/installed-keyring.js';
import { resolveSecretKeyring } from './crypto/keyring-file.js';
import type { SecretKeyring } from './crypto/secret-keyring.js';
import type { Database } from './db/client.js';
import { requestLoggerFactory } from './http/request-logger.js';
import { buildSerializer } from './http/serializer.js';
import { validatorCompiler } from './http/validator.js';
import { loggerOptions } from './logger.js';
import { AddressPolicy } from './net/address-policy.js';
import { installOutboundPolicy } from './net/outbound-policy.js';
import authPlugin from './plugins/auth.js';
import conditionalGetPlugin from './plugins/conditional-get.js';
import corsPlugin from './plugins/cors.js';
import databasePlugin from './plugins/database.js';
import idempotencyPlugin from './plugins/idempotency.js';
import importsPlugin from './plugins/imports.js';
import keyRevocationsPlugin from './plugins/key-revocations.js';
import preconditionsPlugin from './plugins/preconditions.js';
import problemsPlugin, { clientErrorHandler, frameworkErrorHandler } from './plugins/problems.js';
import rateLimitPlugin from './plugins/rate-limit.js';
import readinessPlugin, { type ReadinessCheck } from './plugins/readiness.js';
import reevaluationsPlugin from './plugins/reevaluations.js';
import remindersPlugin from './plugins/reminders.js';
import requestBodiesPlugin from './plugins/request-bodies.js';
import requestIdPlugin, { requestId } from './plugins/request-id.js';
import sessionGuardPlugin from './plugins/session-guard.js';
import swaggerPlugin from './plugins/swagger.js';
import testClockPlugin from './plugins/test-clock.js';
import type { ReminderRuntime } from './reminders/runtime.js';
import advisorRoutes from './routes/advisors/index.js';
// analytics
import analyticsRoutes from './routes/analytics/index.js';
import apiKeyRoutes from './routes/api-keys/index.js';
import calendarFeedRoutes from './routes/calendars/feed.js';
import calendarRoutes from './routes/calendars/index.js';
import cohortRoutes from './routes/cohort/index.js';
import contactRoutes from './routes/contacts/index.js';
// cap-dnc
import doNotContactRoutes from './routes/do-not-contact/index.js';
// data-out: student export and erasure
import erasureRoutes from './routes/erasures/index.js';
import exportRoutes from './routes/exports/index.js';
import feedRoutes from './routes/feed/index.js';
import healthRoutes from './routes/health/index.js';
import importRoutes from './routes/imports/index.js';
import interviewRoutes from './routes/interviews/index.js';
import messageRoutes from './routes/messages/index.js';
import networkRoutes from './routes/network/index.js';
import policyRoutes from './routes/policies/index.js';
import portalRoutes, { ELEMENTS_BUNDLE } from './routes/portal/index.js';
import questionRoutes from './routes/questions/index.js';
import reevaluationRoutes from './routes/reevaluations/index.js';
import reminderChannelRoutes from './routes/reminder-channels/index.js';
import sessionRoutes from './routes/sessions/index.js';
import studentRoutes from './routes/students/index.js';
import taskRoutes from './routes/tasks/index.js';
import tenantTransferRoutes from './routes/tenant-transfer/index.js';
import tenantRoutes from './routes/tenants/index.js';
import testClockRoutes from './routes/test-clocks/index.js';
import webhookRoutes from './routes/webhook-endpoints/index.js';

/** What the app needs from outside: opened, owned and closed by the caller (server.ts or a test). */
export interface AppDeps {
  database: Database;
  /** A pino logger to use instead of one built from `config.logLevel` (tests capture lines). */
  logger?: FastifyBaseLogger;
  /** The clock services read; real time unless a test injects one. */
  clock?: () => Date;
  /** More readiness checks (the reminder driver adds its own). */
  readinessChecks?: Record<string, ReadinessCheck>;
  /** The reminder scheduler; built from `config` (BullMQ or in-process) when absent. */
  reminders?: ReminderRuntime;
  /** The components' bundle the sample portal serves; packages/elements/dist's when absent. */
  elementsBundle?: string;
  /** The keys for secrets at rest; resolved from `config` when absent (see crypto/keyring-file.ts). */
  keyring?: SecretKeyring;
}

// TypeBox's own string formats are stricter in places; use ajv-formats' well-known rules.
registerAjvFormats();

/** Builds the Infoview HTTP API (not listening): plugins, then every route. */
export async function buildApp(config: Config, deps: AppDeps) {
  installOutboundPolicy(new AddressPolicy(config.webhookAllowPrivateHosts));
  installSecretKeyring(deps.keyring ?? resolveSecretKeyring(config));
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: loggerOptions(config.logLevel) }),
    genReqId: requestId,
    childLoggerFactory: requestLoggerFactory,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    schemaController: { compilersFactory: { buildSerializer } },
  })
    .withTypeProvider<TypeBoxTypeProvider>()
    .setValidatorCompiler(validatorCompiler);

  await app.register(requestIdPlugin);
  await app.register(problemsPlugin);
  await app.register(conditionalGetPlugin);
  await app.register(requestBodiesPlugin);
  await app.register(preconditionsPlugin);
  await app.register(databasePlugin, { database: deps.database, clock: deps.clock ?? (() => new Date()) });
  await app.register(readinessPlugin, { checks: deps.readinessChecks ?? {} });
  await app.register(remindersPlugin, {
    config,
    runtime: deps.reminders,
    readinessCheck: !deps.readinessChecks?.reminders,
  });
  await app.register(reevaluationsPlugin);
  await app.register(importsPlugin);
  await app.register(swaggerPlugin);
  await app.register(corsPlugin);
  await app.register(healthRoutes);
  if (config.portal) {
    await app.register(portalRoutes, {
      rateLimitMax: config.rateLimitMax,
      rateLimitWindowMs: config.rateLimitWindowMs,
      rateLimitAuthFailuresMax: config.rateLimitAuthFailuresMax,
      rateLimitRedis: config.redisUrl
        ? { url: config.redisUrl, prefix: `${config.rateLimitRedisPrefix}:portal` }
        : undefined,
      bundle: deps.elementsBundle ?? ELEMENTS_BUNDLE,
    });
  }

  // Calendar apps poll a student's feed without credentials: the token in the URL is one.
  await app.register(calendarFeedRoutes, {
    rateLimitMax: config.rateLimitMax,
    rateLimitWindowMs: config.rateLimitWindowMs,
    rateLimitAuthFailuresMax: config.rateLimitAuthFailuresMax,
    rateLimitRedis: config.redisUrl
      ? { url: config.redisUrl, prefix: `${config.rateLimitRedisPrefix}:calendar-feeds` }
      : undefined,
  });

  // Everything below needs an API key (or a browser session), is rate limited per key and honours Idempotency-Key.
  await app.register(async (api) => {
    await api.register(rateLimitPlugin, {
      max: config.rateLimitMax,
      timeWindowMs: config.rateLimitWindowMs,
      authFailuresMax: config.rateLimitAuthFailuresMax,
      redis: config.redisUrl
        ? { url: config.redisUrl, prefix: `${config.rateLimitRedisPrefix}:api` }
        : undefined,
    });
    await api.register(authPlugin);
    await api.register(keyRevocationsPlugin);
    // Right after auth: a sandbox tenant's test clock becomes its ctx.now().
    await api.register(testClockPlugin);
    // Then a browser session's expiry (on that clock) and the operations its components use.
    await api.register(sessionGuardPlugin);
    await api.register(idempotencyPlugin, { ttlHours: config.idempotencyTtlHours });
    await api.register(tenantRoutes);
    await api.register(policyRoutes);
    await api.register(reevaluationRoutes);
    await api.register(apiKeyRoutes);
    await api.register(sessionRoutes);
    await api.register(advisorRoutes);
    await api.register(studentRoutes);
    // data-out: student export and erasure
    await api.register(exportRoutes);
    await api.register(erasureRoutes);
    await api.register(tenantTransferRoutes);
    await api.register(contactRoutes);
    await api.register(importRoutes, { limits: config.imports });
    await api.register(interviewRoutes);
    await api.register(taskRoutes);
    await api.register(networkRoutes);
    await api.register(questionRoutes);
    await api.register(messageRoutes);
    await api.register(cohortRoutes);
    await api.register(webhookRoutes);
    await api.register(feedRoutes);
    await api.register(testClockRoutes);
    await api.register(reminderChannelRoutes);
    // analytics
    await api.register(analyticsRoutes);
    await api.register(calendarRoutes);
    // cap-dnc: the do-not-contact list and professional erasure
    await api.register(doNotContactRoutes);
  });

  return app;
}

export type InfoviewApp = Awaited<ReturnType<typeof buildApp>>;
