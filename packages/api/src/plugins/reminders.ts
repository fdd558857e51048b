import type { onRequestHookHandler, onResponseHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { createReminderRuntime, type ReminderRuntime } from '../reminders/runtime.js';
import type { ApplyTimedTransition } from '../reminders/timed-transition.js';
import type { ServiceContext } from '../services/context.js';
import { addRouteHook, routeMethods } from './route-hooks.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The reminder scheduler: its driver (in-process or BullMQ) and dispatcher. */
    reminders: ReminderRuntime;
  }
  interface FastifyRequest {
    /** When the request arrived (ms since the epoch), less a little slack; see the onRequest hook. */
    remindersSince: number;
  }
}

export interface RemindersPluginOptions {
  config: Config;
  /** A runtime built by the caller (tests); otherwise one is built from `config`. */
  runtime?: ReminderRuntime | undefined;
  applyTimedTransition?: ApplyTimedTransition | undefined;
  /** False when the caller supplies its own `reminders` readiness check (tests). */
  readinessCheck?: boolean;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// data-out: the student erasure (routes/student-data), after which the queue is reconciled.
const ERASURE_ROUTE = '/students/:id';

/**
 * Starts the reminder driver with the app and drains it on close. After every successful
 * write, the reminders the request committed are handed to the driver (the post-commit half of
 * the outbox; the poll or the reconciler covers a process dying in between).
 */
export default fp<RemindersPluginOptions>(
  async (app, options) => {
    const runtime =
      options.runtime ??
      createReminderRuntime({
        config: options.config,
        db: app.database.db,
        log: app.log,
        ...(options.applyTimedTransition ? { applyTimedTransition: options.applyTimedTransition } : {}),
      });
    app.decorate('reminders', runtime);
    app.decorateRequest('remindersSince', 0);
    if (options.readinessCheck !== false) app.readiness.add('reminders', () => runtime.driver.ping());

    // Only writes commit reminders: the hooks go on write routes alone, so a read runs neither.
    // Callback hooks: an async hook costs a promise on every request.
    const stamp: onRequestHookHandler = (request, _reply, done) => {
      // A little slack: updated_at is the database's clock, `since` is ours.
      request.remindersSince = Date.now() - 1000;
      done();
    };
    const handOver: onResponseHookHandler = (request, reply, done) => {
      const ctx = (request as { ctx?: ServiceContext | null }).ctx;
      if (ctx && WRITES.has(request.method) && reply.statusCode < 400) {
        runtime.driver.afterCommit(ctx.tenantId, new Date(request.remindersSince)).catch((err: Error) => {
          request.log.warn({ err: err.message }, 'could not schedule reminders after commit');
        });
        // data-out: an erasure deleted reminders; their queued jobs (when there is a queue) go too.
        if (request.method === 'DELETE' && request.routeOptions.url === ERASURE_ROUTE) {
          runtime.driver.reconcile?.().catch((err: Error) => {
            request.log.warn({ err: err.message }, 'could not reconcile the reminder queue after an erasure');
          });
        }
      }
      done();
    };
    app.addHook('onRoute', (routeOptions) => {
      if (!routeMethods(routeOptions).some((method) => WRITES.has(method))) return;
      addRouteHook(routeOptions, 'onRequest', stamp);
      addRouteHook(routeOptions, 'onResponse', handOver);
    });
    app.addHook('onReady', async () => {
      await runtime.start();
    });
    app.addHook('onClose', async () => {
      await runtime.stop();
    });
  },
  { name: 'reminders', fastify: '5.x', dependencies: ['database', 'readiness'] },
);
