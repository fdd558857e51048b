import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { RequestLogger } from '../src/http/request-logger.js';
import { loggerOptions, scrubPersonalData } from '../src/logger.js';
import { createTestDatabase, drivers, testConfig } from './helper.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino(loggerOptions('info'), stream) };
}

describe('logging', () => {
  it('redacts personal fields and masks emails and phone numbers in text', () => {
    const { lines, logger } = capture();
    logger.info(
      { contact: { email: 'pat@acme.example', phone: '+1 555 010 9999', notes: 'met at fair' } },
      'saved',
    );
    logger.error(
      { err: new Error('duplicate key (email_key)=(pat@acme.example), call +44 20 7946 0958') },
      'failed',
    );
    // Not the timestamps: an epoch in milliseconds may contain any four digits (it once held 7946).
    const text = JSON.stringify(lines.map(({ time: _time, ...line }) => line));
    expect(text).not.toContain('pat@acme.example');
    expect(text).not.toContain('555 010 9999');
    expect(text).not.toContain('met at fair');
    expect(text).not.toContain('7946');
    expect(scrubPersonalData('on 2026-01-05 at 10:00')).toBe('on 2026-01-05 at 10:00');
  });

  it("keeps the logger's own name and redacts a person's name", () => {
    const { lines, logger } = capture();
    logger.child({ name: 'reminder-worker' }).info({ student: { name: 'Ann Lee' } }, 'sent');
    expect(lines).toMatchObject([{ name: 'reminder-worker', student: { name: '[redacted]' } }]);
  });

  it('makes a request logger only when it writes a line, and that line has every binding', () => {
    const { lines, logger } = capture();
    const child = logger.child.bind(logger);
    let children = 0;
    logger.child = ((...args: Parameters<typeof child>) => {
      children++;
      return child(...args);
    }) as typeof logger.child;
    const log = new RequestLogger(logger, { reqId: 'r-1' });
    log.debug('below the level');
    log.setBindings({ tenantId: 't-1' });
    expect(children).toBe(0);
    log.info({ contact: { email: 'pat@acme.example' } }, 'written');
    log.setBindings({ apiKeyId: 'k-1' });
    log.warn('again');
    expect(children).toBe(1);
    expect(lines).toMatchObject([
      { reqId: 'r-1', tenantId: 't-1', msg: 'written', contact: { email: '[redacted]' } },
      { reqId: 'r-1', tenantId: 't-1', apiKeyId: 'k-1', msg: 'again' },
    ]);
  });

  it('puts the request id in every request line and never logs the Authorization header', async () => {
    const { database, drop } = await createTestDatabase(drivers[0]!);
    const { lines, logger } = capture();
    const app = await buildApp(testConfig(), { database, logger });
    try {
      await app.inject({
        method: 'GET',
        url: '/students?email=ann@uni.example',
        headers: { authorization: 'Bearer iv_live_supersecretvalue', 'x-request-id': 'trace-42' },
      });
      const requestLines = lines.filter((l) => l.reqId === 'trace-42');
      expect(requestLines.length).toBeGreaterThanOrEqual(2);
      const text = JSON.stringify(lines);
      expect(text).not.toContain('supersecretvalue');
      expect(text).not.toContain('ann@uni.example');
    } finally {
      await app.close();
      await drop();
    }
  });
});
