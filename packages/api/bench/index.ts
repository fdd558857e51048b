// `pnpm bench` (or `pnpm --filter @infoview/api bench`): the HTTP API bench, the write-path bench, the analytics
// bench, the reminders bench, the calendars bench, the import bench, then the data bench (export and erasure).
// Each needs its services (DATABASE_URL; REDIS_URL too for reminders) and skips without them.
import { benchAnalytics } from './analytics.js';
import { benchApi } from './api.js';
import { benchCalendars } from './calendars.js';
import { benchData } from './data.js';
import { benchImports } from './imports.js';
import { benchReminders } from './reminders.js';
import { benchWritePath } from './write-path.js';

await benchApi();
await benchWritePath();
await benchAnalytics();
await benchReminders();
// Calendars (RFC 5545): a student's subscription feed.
await benchCalendars();
await benchImports();
// Export and erasure of a student with 1,000 interviews.
await benchData();
