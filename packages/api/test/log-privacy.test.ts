import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { students } from '../src/db/schema/students.js';
import { newId } from '../src/lib/ids.js';
import { loggerOptions, scrubPersonalData } from '../src/logger.js';
import { createTenant } from '../src/services/tenants/create.js';
import { createTestDatabase, drivers } from './helper.js';

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

describe.each(drivers)('a database error is logged without the values of the row (%s)', (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.drop());

  const insertStudent = (tenantId: string, externalId: string, name: string) =>
    database.database.db.insert(students).values({
      id: newId(Date.now()),
      tenantId,
      externalId,
      name,
      email: 'ann.lee@uni.example',
      timeZone: 'Europe/Berlin',
    });

  it('logs the SQL state and the constraint name, never the driver message with its parameters', async () => {
    const db = database.database.db;
    const tenant = await createTenant({
      ctx: { db, now: () => new Date() },
      input: { name: 'U', sandbox: false },
    });
    await insertStudent(tenant.id, 'ext-dup', 'Ann Lee Personal');
    const error = await insertStudent(tenant.id, 'ext-dup', 'Ann Lee Personal').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    // The premise: the error as thrown does carry the row's values.
    expect(JSON.stringify({ m: (error as Error).message, c: String((error as Error).cause) })).toMatch(
      /Ann Lee Personal|ann\.lee@uni\.example|ext-dup/,
    );

    const { lines, logger } = capture();
    logger.error({ err: error }, 'request failed');
    const line = JSON.stringify(lines);
    expect(lines[0]!.err).toMatchObject({
      type: 'DatabaseError',
      sqlState: '23505',
      constraint: 'students_tenant_external_id_key',
    });
    expect(line).not.toContain('Ann Lee');
    expect(line).not.toContain('ann.lee');
    expect(line).not.toContain('ext-dup');
    expect(line).not.toContain('Europe/Berlin');
  });
});

describe('the phone mask keeps ids and addresses', () => {
  it('leaves real record ids in URLs whole', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId(Date.now() + i * 7919);
      const url = `/students/${id}/interviews/${newId(Date.now())}?cursor=${id}`;
      expect(scrubPersonalData(url)).toBe(url);
    }
    // The id the old mask turned into "01a23bf[phone]fd0…".
    const once = '/students/01a23bf9-0123-7456-8fd0-555123456789';
    expect(scrubPersonalData(once)).toBe(once);
  });

  it.each([
    'peer 192.168.100.200:5432',
    'connect 10.0.0.1 and 255.255.255.255',
    'from ::ffff:10.1.2.3',
    'at 2001:db8:85a3::8a2e:370:7334 and fe80::1ff:fe23:4567:890a',
    'on 2026-01-05 at 10:00, 2026-01-05T10:00:00.000Z, 2026-01-05T10:00:00+01:00',
  ])('leaves %s alone', (text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });

  it.each([
    ['call +44 20 7946 0958 now', 'call [phone] now'],
    ['/students?phone=+15550109999&x=1', '/students?phone=[phone]&x=1'],
    ['tel:555-010-9999', 'tel:[phone]'],
    ['ring 030 1234567.', 'ring [phone].'],
  ])('still masks the phone number in %s', (text, masked) => {
    expect(scrubPersonalData(text)).toBe(masked);
  });
});
