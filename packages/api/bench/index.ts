// `pnpm bench` (or `pnpm --filter @infoview/api bench`): the HTTP API bench, the write-path bench, then the reminders
// bench. Each needs its services (DATABASE_URL; REDIS_URL too for reminders) and skips without them.
import { benchApi } from './api.js';
// data-out: export and erasure of a large student
import { benchData } from './data.js';
import { benchReminders } from './reminders.js';
import { benchWritePath } from './write-path.js';

await benchApi();
await benchWritePath();
await benchReminders();
// data-out
await benchData();
