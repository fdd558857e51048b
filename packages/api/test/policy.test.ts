import { GUIDE_POLICY, TWO_HOUR_JOB_SEARCH_POLICY } from '@infoview/core';
import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, useTestApp } from './helper.js';

describe.each(drivers)('policy (%s)', (driver) => {
  const t = useTestApp(driver);

  it("starts as the guide's defaults at version 0 and is replaced with If-Match", async () => {
    const tenant = await t.tenant();
    const read = await call(t.app, 'GET', '/policy', { key: tenant.adminKey });
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body).toMatchObject({ id: tenant.tenantId, version: 0, input: {}, policy: { preset: 'guide' } });
    expect(body.policy.followUpAfter).toEqual({ amount: 14, unit: 'calendar_days' });
    // The response schema drops nothing core puts in a policy.
    expect(body.policy).toEqual(JSON.parse(JSON.stringify(GUIDE_POLICY)));
    expect(read.headers.etag).toBe(`"${tenant.tenantId}:0"`);

    const missing = await call(t.app, 'PUT', '/policy', {
      key: tenant.adminKey,
      body: { preset: 'two_hour_job_search' },
    });
    expect(missing.statusCode).toBe(428);

    const put = await call(t.app, 'PUT', '/policy', {
      key: tenant.adminKey,
      body: { preset: 'two_hour_job_search' },
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      version: 1,
      input: { preset: 'two_hour_job_search' },
      policy: { preset: 'two_hour_job_search' },
    });
    expect(put.json().policy).toEqual(JSON.parse(JSON.stringify(TWO_HOUR_JOB_SEARCH_POLICY)));

    const stale = await call(t.app, 'PUT', '/policy', {
      key: tenant.adminKey,
      body: { preset: 'guide' },
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(stale.statusCode).toBe(412);

    const override = await call(t.app, 'PUT', '/policy', {
      key: tenant.adminKey,
      body: { followUpAfter: { amount: 10, unit: 'calendar_days' } },
      headers: { 'if-match': put.headers.etag as string },
    });
    expect(override.statusCode).toBe(200);
    expect(override.json().policy.followUpAfter).toEqual({ amount: 10, unit: 'calendar_days' });
  });

  it('refuses an invalid policy with 422 naming each field', async () => {
    const tenant = await t.tenant();
    const res = await call(t.app, 'PUT', '/policy', {
      key: tenant.adminKey,
      body: { followUpAfter: { amount: -3, unit: 'fortnights' }, nonsense: true },
      headers: { 'if-match': '*' },
    });
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem.code).toBe('policy.invalid');
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toContain('/body/nonsense');
    expect(paths.some((p) => p.startsWith('/body/followUpAfter'))).toBe(true);
  });

  it('only admins replace it; every role reads it; tenants never see each other’s', async () => {
    const tenant = await t.tenant();
    const other = await t.tenant();
    await call(t.app, 'PUT', '/policy', {
      key: other.adminKey,
      body: { preset: 'two_hour_job_search' },
      headers: { 'if-match': '*' },
    });
    const integration = await tenant.key('integration');
    expect((await call(t.app, 'GET', '/policy', { key: integration })).json().policy.preset).toBe('guide');
    const res = await call(t.app, 'PUT', '/policy', {
      key: integration,
      body: { preset: 'guide' },
      headers: { 'if-match': '*' },
    });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).code).toBe('auth.forbidden');
    // An ETag of another tenant's policy can never match this tenant's.
    const cross = await call(t.app, 'PUT', '/policy', {
      key: tenant.adminKey,
      body: { preset: 'guide' },
      headers: { 'if-match': `"${other.tenantId}:1"` },
    });
    expect(cross.statusCode).toBe(412);
  });
});
