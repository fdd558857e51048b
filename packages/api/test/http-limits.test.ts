import { describe, expect, it } from 'vitest';
import { drivers, useTestApp } from './helper.js';

describe.each(drivers.slice(0, 1))('requests refused before any route runs (%s)', (driver) => {
  const t = useTestApp(driver);

  const send = async (path: string, headers: Record<string, string> = {}) => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const port = (t.app.server.address() as { port: number }).port;
    void address;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
      id: response.headers.get('x-request-id'),
    };
  };

  const marker = 'zq'.repeat(150);

  it('a path parameter over the limit is a 414 problem with a request id, not echoing the path', async () => {
    const res = await send(`/students/${marker}`);
    expect(res.status).toBe(414);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body);
    expect(problem).toMatchObject({
      status: 414,
      code: 'request.uri_too_long',
      requestId: expect.any(String),
    });
    expect(res.body).not.toContain('zqzq');
  });

  it.each([
    ['a header', '/students', { 'x-big': marker.repeat(100) }],
    ['a URL', `/students?x=${marker.repeat(100)}`, {}],
  ])(
    '%s over the header size limit is a 431 problem with a request id, not echoing it',
    async (_label, path, headers) => {
      const res = await send(path, headers);
      expect(res.status).toBe(431);
      expect(res.type).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.body);
      expect(problem).toMatchObject({ status: 431, code: 'request.headers_too_large' });
      expect(problem.requestId).toBe(res.id);
      expect(res.body).not.toContain('zqzq');
    },
  );
});
