export * from './advisors.js';
// analytics: rollups and settings
export * from './analytics.js';
export * from './api-keys.js';
// Calendars (RFC 5545): students' subscription feeds.
export * from './calendar-feeds.js';
export * from './contacts.js';
export * from './content.js';
// cap-dnc: the do-not-contact list and professional erasures
export * from './do-not-contact.js';
export * from './feed-items.js';
export * from './idempotency-keys.js';
// imports: contact import and roster sync
export * from './imports.js';
export * from './interviews.js';
export * from './network.js';
export * from './policies.js';
export * from './reevaluation-jobs.js';
export * from './reminder-channels.js';
export * from './reminder-deliveries.js';
export * from './reminders.js';
export * from './sessions.js';
// data-out: student erasure audit
export * from './student-erasures.js';
export * from './students.js';
export * from './tasks.js';
export * from './tenants.js';
export * from './test-clocks.js';
export * from './webhook-endpoints.js';
