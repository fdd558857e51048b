// `pnpm bench` (or `pnpm --filter @infoview/api bench`): the HTTP API bench, the write-path bench, the reminders
// bench, then the import bench. Each needs its services (DATABASE_URL; REDIS_URL too for reminders) and skips without them.
import { benchApi } from './api.js';
import { benchImports } from './imports.js';
import { benchReminders } from './reminders.js';
import { benchWritePath } from './write-path.js';

await benchApi();
await benchWritePath();
await benchReminders();
await benchImports();
