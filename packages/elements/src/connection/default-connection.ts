import { type ConnectionOptions, InfoviewConnection } from './connection.js';

let current: InfoviewConnection | undefined;
const waiting = new Set<(connection: InfoviewConnection) => void>();

/**
 * Sets the connection every component on the page uses unless it is given its own `connection`.
 *
 * @example
 * configure({ baseUrl: 'https://infoview.example.edu', fetchClientSecret: () => fetch('/infoview-session').then((r) => r.text()) });
 */
export function configure(options: ConnectionOptions | InfoviewConnection): InfoviewConnection {
  current = options instanceof InfoviewConnection ? options : new InfoviewConnection(options);
  for (const notify of waiting) notify(current);
  return current;
}

/** The page's connection, if `configure` was called. */
export const defaultConnection = (): InfoviewConnection | undefined => current;

/** Calls `notify` whenever `configure` sets a connection; returns the unsubscribe. */
export function onConfigure(notify: (connection: InfoviewConnection) => void): () => void {
  waiting.add(notify);
  return () => waiting.delete(notify);
}

const byCallback = new WeakMap<() => Promise<string>, Map<string, InfoviewConnection>>();

/**
 * The connection of components given the same `fetchClientSecret` (and base URL): one per pair,
 * so elements configured one by one still share one session, one ETag memory and one `change`.
 */
export function connectionFor(baseUrl: string, fetchClientSecret: () => Promise<string>): InfoviewConnection {
  let byUrl = byCallback.get(fetchClientSecret);
  if (!byUrl) {
    byUrl = new Map();
    byCallback.set(fetchClientSecret, byUrl);
  }
  let connection = byUrl.get(baseUrl);
  if (!connection) {
    connection = new InfoviewConnection({ baseUrl, fetchClientSecret });
    byUrl.set(baseUrl, connection);
  }
  return connection;
}
