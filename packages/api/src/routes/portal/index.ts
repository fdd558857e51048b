import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ServiceError } from '../../errors.js';
import { originAllowed } from '../../http/session-credential.js';
import rateLimitPlugin from '../../plugins/rate-limit.js';
import { mintDemoSession } from '../../services/portal/mint-demo-session.js';
import { portalPage, portalScript } from './page.js';

/** The components' bundle, as packages/elements builds it. */
export const ELEMENTS_BUNDLE = fileURLToPath(
  new URL('../../../../elements/dist/infoview-elements.js', import.meta.url),
);

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

// The page's own scripts and styles only; the components call this same origin.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
  "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The sample portal (`INFOVIEW_PORTAL`, on for the embedded default): a page embedding the
 * components, and the server side a portal would write — minting a session for its student.
 * Outside the API's document and its API-key scope; the sessions it mints are ordinary ones.
 */
const portalRoutes: FastifyPluginAsyncTypebox<{
  rateLimitMax: number;
  rateLimitWindowMs: number;
  rateLimitAuthFailuresMax: number;
  rateLimitRedis?: { url: string; prefix: string } | undefined;
  bundle: string;
}> = async (app, options) => {
  // Keyless, so limited per client address: each call stores a session.
  await app.register(rateLimitPlugin, {
    max: options.rateLimitMax,
    timeWindowMs: options.rateLimitWindowMs,
    authFailuresMax: options.rateLimitAuthFailuresMax,
    redis: options.rateLimitRedis,
  });

  app.get('/portal', { schema: { hide: true } }, async (_request, reply) => {
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff');
    return portalPage({ bundleAvailable: await exists(options.bundle) });
  });

  app.get('/portal/portal.js', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache');
    return portalScript;
  });

  app.get('/portal/infoview-elements.js', { schema: { hide: true } }, async (_request, reply) => {
    let bundle: Buffer;
    try {
      bundle = await readFile(options.bundle);
    } catch {
      throw new ServiceError(
        'route.not_found',
        'The components are not built: run pnpm --filter @infoview/elements build',
      );
    }
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache');
    return bundle;
  });

  app.post('/portal/session', { schema: { hide: true } }, async (request, reply) => {
    // The portal's own page only: another site must not mint the demo student's sessions.
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(request, origin, [])) {
      throw new ServiceError(
        'session.origin_not_allowed',
        'Only the sample portal page may ask for its sessions',
      );
    }
    const session = await mintDemoSession({
      ctx: { db: app.database.db, now: app.clock, log: request.log },
    });
    reply.header('cache-control', 'no-store');
    return { id: session.id, clientSecret: session.clientSecret, expiresAt: session.expiresAt };
  });
};

export default portalRoutes;
