/**
 * @infoview/elements — the student's workflow as custom elements a portal drops into its pages.
 * Importing this module defines every element; `configure()` gives them their connection.
 */

// <infoview-cohort-analytics> (the advisor's cohort in figures, in <infoview-cohort>'s analytics slot)
export { InfoviewCohortAnalytics } from './analytics/cohort-analytics.js';
// <infoview-cohort> (the advisor's view)
export { DEFAULT_COHORT_PAGE_SIZE, DEFAULT_QUIET_DAYS, InfoviewCohort } from './cohort/cohort.js';
export { type ComposerFinding, InfoviewComposer } from './composer/composer.js';
export {
  type ConnectionOptions,
  InfoviewConnection,
  SESSION_REFRESH_CODES,
} from './connection/connection.js';
export { configure, connectionFor, defaultConnection } from './connection/default-connection.js';
export { InfoviewFeed } from './feed/feed.js';
export { InfoviewInterview } from './interview/interview.js';
export { InfoviewNetwork } from './network/network.js';
export { type Strings, setStrings, strings } from './strings.js';
export { InfoviewTasks } from './tasks/tasks.js';
export { InfoviewWorkspace } from './workspace/workspace.js';
