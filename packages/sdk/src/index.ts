/**
 * @infoview/sdk — the typed client for the Infoview API.
 *
 * The generated client lands with the SDK issue; until then this module only names the
 * package so the workspace, its layer rules and its type checks have a home.
 */
export const SDK_NAME = '@infoview/sdk';
