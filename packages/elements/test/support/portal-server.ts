import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUNDLE } from '../../scripts/build.js';
import { COHORT_HTML } from './cohort-page.js';
import { PORTAL_HTML } from './portal-html.js';

/**
 * A portal's web server on loopback: its page (PORTAL_HTML) and the bundle, from an origin of
 * its own, as a university's site would serve them beside the Infoview API.
 */
export async function startPortalServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://portal').pathname;
    if (path === '/infoview-elements.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(BUNDLE));
    } else if (path === '/infoview-elements.js.map') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(`${BUNDLE}.map`));
    } else if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PORTAL_HTML);
    } else if (path === '/advisor') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(COHORT_HTML);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
