/**
 * What a tenant export carries, table by table, in an order the foreign keys allow on import.
 * Not carried: API keys and browser sessions (credentials: the new installation issues its own),
 * idempotency records, re-evaluation jobs, test clocks and the delivery log (operational state).
 * `omit` are columns never exported: the tenant (replaced by the importing one) and secrets.
 */
export const TRANSFER_TABLES: readonly { name: string; key: string; omit?: readonly string[] }[] = [
  { name: 'tenant_policies', key: 'tenant_id' },
  { name: 'advisors', key: 'id' },
  { name: 'students', key: 'id' },
  { name: 'advisor_students', key: 'advisor_id, student_id' },
  { name: 'tenant_questions', key: 'id' },
  { name: 'contacts', key: 'id' },
  { name: 'interviews', key: 'id' },
  { name: 'interview_events', key: 'id' },
  { name: 'notes', key: 'id' },
  { name: 'referrals', key: 'id' },
  { name: 'milestones', key: 'id' },
  { name: 'touchpoints', key: 'id' },
  { name: 'messages', key: 'id' },
  { name: 'tasks', key: 'id' },
  { name: 'reminder_channel_preferences', key: 'id' },
  // Webhook signing secrets never leave in clear: the import gives each endpoint a new one.
  { name: 'webhook_endpoints', key: 'id', omit: ['secret', 'previous_secret', 'previous_secret_expires_at'] },
  { name: 'reminders', key: 'id' },
  { name: 'feed_items', key: 'id' },
  { name: 'student_erasures', key: 'id' },
];

export const TENANT_EXPORT_FORMAT = 'infoview.tenant-export';
export const TENANT_EXPORT_VERSION = 1;
