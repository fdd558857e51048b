import { createServer } from 'node:net';
import { StartupError } from './startup-error.js';

/** The one line an operator needs when the API cannot listen on HOST:PORT. */
export function listenFailure(host: string, port: number, error: unknown): StartupError | null {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EADDRINUSE':
      return new StartupError(
        `port ${port} on ${host} is in use — stop what holds it, or set PORT to another port`,
      );
    case 'EACCES':
      return new StartupError(
        `port ${port} on ${host} needs privileges this user lacks — set PORT to 1024 or above`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(`HOST ${host} is not an address of this machine`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`HOST ${host} does not resolve to an address`);
    default:
      return null;
  }
}

/**
 * Fails fast, before the database is opened or migrated, when HOST:PORT cannot be listened on
 * (port 0, any free port, always can). Listens for a moment and closes again; the API's own
 * listen reports the rare case of the port being taken in between the same way.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenFailure(host, port, error) ?? error));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
