import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../../src/net/address-policy.js';
import { guardedLookup } from '../../src/net/guarded-lookup.js';
import { describeOutboundError } from '../../src/net/outbound-errors.js';
import { installOutboundPolicy } from '../../src/net/outbound-policy.js';
import { postWebhook } from '../../src/reminders/transports/webhook-http.js';
import { prepareWebhook, type WebhookTarget } from '../../src/reminders/transports/webhook-signing.js';
import { TEST_ALLOW_PRIVATE_HOSTS } from '../helper.js';

// Only loopback is ever connected to here: refusals are proven by a receiver that sees nothing.
let server: Server;
let port: number;
let connections = 0;
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(204).end();
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  installOutboundPolicy(new AddressPolicy(TEST_ALLOW_PRIVATE_HOSTS));
  connections = 0;
  requests = 0;
});

const target = (url: string): WebhookTarget => ({
  id: 'e',
  url,
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  previousSecret: null,
  previousSecretExpiresAt: null,
});
/** One POST through the webhook channel's transport, as `{ ok, statusCode, error }`. */
const send = async (url: string) => {
  const report = await postWebhook(
    url,
    prepareWebhook(target(url), { id: 'msg_1', body: '{}' }, new Date()),
    2000,
  );
  return report.error === null
    ? { ok: true as const, statusCode: report.statusCode }
    : { ok: false as const, statusCode: report.statusCode, error: report.error };
};

describe('every send checks the address it connects to', () => {
  it.each([
    (p: number) => `http://127.0.0.1:${p}/hook`,
    (p: number) => `http://2130706433:${p}/hook`,
    (p: number) => `http://0x7f.1:${p}/hook`,
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/hook`,
    (p: number) => `http://localhost:${p}/hook`,
  ])('refuses a loopback receiver under the default policy (%#), without connecting', async (url) => {
    installOutboundPolicy(new AddressPolicy());
    const result = await send(url(port));
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.ok ? '' : result.error).toContain('may not reach');
    expect(connections).toBe(0);
    expect(requests).toBe(0);
  });

  it('sends to a receiver the operator allowed', async () => {
    expect(await send(`http://127.0.0.1:${port}/hook`)).toEqual({ ok: true, statusCode: 204 });
    expect(requests).toBe(1);
  });

  it('tells "connection refused" in the delivery log, never the address and port that answered', async () => {
    const result = await send('http://127.0.0.1:1/hook');
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error).toBe('request failed: connection refused');
    expect(error).not.toMatch(/127\.0\.0\.1|:1\b|ECONNREFUSED/);
  });

  it('retells connect timeouts and TLS failures without their addresses', () => {
    const timeout = Object.assign(
      new Error('Connect Timeout Error (attempted address: 10.0.0.1:80, timeout: 10ms)'),
      {
        code: 'UND_ERR_CONNECT_TIMEOUT',
      },
    );
    expect(describeOutboundError(timeout)).toMatchObject({
      code: 'UND_ERR_CONNECT_TIMEOUT',
      message: 'timed out',
    });
    const tls = Object.assign(new Error("Hostname/IP does not match certificate's altnames: IP: 10.1.2.3"), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(describeOutboundError(tls).message).toBe('TLS handshake failed');
    expect(describeOutboundError(new Error('connect EHOSTUNREACH 10.9.9.9:22')).message).toBe(
      'connection failed',
    );
  });
});

describe('guardedLookup pins the checked answer for the connection', () => {
  const policy = new AddressPolicy(['127.0.0.1']);

  it('connects to exactly the address it checked, resolving once (a rebinding answer is never used)', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    let calls = 0;
    const resolve = async () => [{ address: answers[calls++]!, family: 4 }];
    const socket = connect({ host: 'rebind.example', port, lookup: guardedLookup(() => policy, resolve) });
    await once(socket, 'connect');
    expect(socket.remoteAddress).toBe('127.0.0.1');
    expect(calls).toBe(1);
    socket.destroy();
  });

  it('refuses a name whose answer the policy forbids, before any connection', async () => {
    const resolve = async () => [{ address: '127.0.0.2', family: 4 }];
    const socket = connect({ host: 'rebind.example', port, lookup: guardedLookup(() => policy, resolve) });
    const [error] = await once(socket, 'error');
    expect((error as { code: string }).code).toBe('ERR_ADDRESS_NOT_ALLOWED');
    expect(connections).toBe(0);
  });
});
