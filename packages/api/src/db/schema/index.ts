export * from './advisors.js';
export * from './api-keys.js';
export * from './contacts.js';
export * from './idempotency-keys.js';
export * from './policies.js';
export * from './reminders.js';
export * from './students.js';
export * from './tenants.js';
