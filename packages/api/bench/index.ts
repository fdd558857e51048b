// `pnpm bench` (or `pnpm --filter @infoview/api bench`): the HTTP API bench, then the reminders
// bench. Each needs its services (DATABASE_URL; REDIS_URL too for reminders) and skips without them.
import { benchApi } from './api.js';
import { benchReminders } from './reminders.js';

await benchApi();
await benchReminders();
