import { and, inArray, isNull } from 'drizzle-orm';
import type { ReminderRow } from '../../db/schema/reminders.js';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import { disableWebhookEndpoint } from '../../services/webhook-endpoints/disable.js';
import { localDateTime } from '../local-time.js';
import { systemContext } from '../system-context.js';
import { postWebhook } from '../transports/webhook-http.js';
import { type PreparedWebhook, prepareWebhook, type WebhookTarget } from '../transports/webhook-signing.js';
import { defineChannel, type ReminderStudent, type SendReport } from './channel.js';

/** The tenants' enabled endpoints, as loaded for a batch; an endpoint answering 410 leaves it at once. */
interface Endpoints {
  byTenant: Map<string, WebhookTarget[]>;
  byId: Map<string, WebhookTarget>;
}

/** Endpoints change rarely; a second of staleness saves a query per batch and tenant. */
const ENDPOINT_CACHE_MS = 1000;

const GONE_REASON = 'the endpoint answered 410 Gone';

/** The event a receiver gets (`reminder.due`), with the student's local due time. */
export function reminderEvent(
  reminder: ReminderRow,
  student: Pick<ReminderStudent, 'timeZone' | 'externalId'> | undefined,
  at: Date,
): Record<string, unknown> {
  const timeZone = student?.timeZone ?? 'UTC';
  return {
    // A notice names its own event (`import.completed`); a task or transition is a reminder.
    type:
      reminder.kind === 'notice'
        ? reminder.payload.ruleId
        : reminder.kind === 'timed_transition'
          ? 'reminder.transition'
          : 'reminder.due',
    timestamp: at.toISOString(),
    data: {
      reminderId: reminder.id,
      occurrence: reminder.occurrence,
      kind: reminder.kind,
      sourceKey: reminder.sourceKey,
      tenantId: reminder.tenantId,
      studentId: reminder.studentId,
      studentExternalId: student?.externalId ?? null,
      interviewId: reminder.interviewId,
      contactId: reminder.payload.contactId,
      ruleId: reminder.payload.ruleId,
      title: reminder.payload.title,
      dueAt: reminder.dueAt.toISOString(),
      remindAt: reminder.remindAt.toISOString(),
      timeZone,
      dueAtLocal: localDateTime(reminder.dueAt, timeZone),
      explanation: reminder.payload.explanation,
    },
  };
}

/**
 * A signed `POST` (Standard Webhooks) to every enabled endpoint of the tenant: a delivery row,
 * and a `webhook-id`, per endpoint. Any 2xx is delivered; 410 Gone fails the delivery and
 * disables the endpoint; anything else is retried.
 */
export const webhookChannel = defineChannel<Endpoints, PreparedWebhook | null>({
  name: 'webhook',
  description: 'every enabled endpoint of the tenant',
  kinds: ['task', 'notice'],
  choosable: true,
  byDefault: true,
  open(env) {
    const cache = new Map<string, { endpoints: WebhookTarget[]; expires: number }>();
    return {
      async load(reminders) {
        const now = Date.now();
        const byTenant = new Map<string, WebhookTarget[]>();
        const misses: string[] = [];
        for (const tenantId of new Set(reminders.map((r) => r.tenantId))) {
          const hit = cache.get(tenantId);
          if (hit && hit.expires > now) byTenant.set(tenantId, hit.endpoints);
          else misses.push(tenantId);
        }
        if (misses.length > 0) {
          const rows = await env.db
            .select()
            .from(webhookEndpoints)
            .where(and(inArray(webhookEndpoints.tenantId, misses), isNull(webhookEndpoints.disabledAt)));
          if (cache.size > 10_000) cache.clear();
          for (const tenantId of misses) {
            const endpoints = rows.filter((e) => e.tenantId === tenantId);
            cache.set(tenantId, { endpoints, expires: now + ENDPOINT_CACHE_MS });
            byTenant.set(tenantId, endpoints);
          }
        }
        const byId = new Map<string, WebhookTarget>();
        for (const endpoints of byTenant.values()) for (const e of endpoints) byId.set(e.id, e);
        return { byTenant, byId };
      },
      plan: (reminder, _student, endpoints) =>
        (endpoints.byTenant.get(reminder.tenantId) ?? []).map((e) => e.id),
      build: ({ reminder, delivery, student, context }, at) => {
        const endpoint = context.byId.get(delivery.target);
        if (!endpoint) return null;
        const body = JSON.stringify(reminderEvent(reminder, student, at));
        return prepareWebhook(endpoint, { id: delivery.id, body }, at);
      },
      async send(message, { delivery, context }): Promise<SendReport> {
        // Looked up again: a 410 earlier in the batch took the endpoint out.
        const endpoint = context.byId.get(delivery.target);
        if (!message || !endpoint)
          return { statusCode: null, error: 'the endpoint is disabled or deleted', gone: true };
        const report = await postWebhook(endpoint.url, message, env.webhookTimeoutMs);
        if (report.statusCode === 410) {
          context.byId.delete(endpoint.id);
          cache.delete(delivery.tenantId);
        }
        return report;
      },
      classify: (report) => {
        if (report.error === null) return 'delivered';
        return report.gone || report.statusCode === 410 ? 'failed' : 'retry';
      },
      async onFailed(delivery, report) {
        if (report.statusCode !== 410) return;
        cache.delete(delivery.tenantId);
        await disableWebhookEndpoint({
          ctx: systemContext(env, delivery.tenantId),
          input: { id: delivery.target, reason: GONE_REASON },
        });
      },
    };
  },
});
