import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressPolicy } from '../../src/net/address-policy.js';
import { checkWebhookUrl } from '../../src/net/webhook-url.js';
import { LITERAL_PROBES } from './probes.js';

const strict = new AddressPolicy();
// No real DNS: names resolve through this table (and nothing is ever connected to).
const dns: Record<string, LookupAddress[]> = {
  'rebind.example': [{ address: '127.0.0.1', family: 4 }],
  'mixed.example': [
    { address: '93.184.215.14', family: 4 },
    { address: '10.0.0.7', family: 4 },
  ],
  'public.example': [{ address: '93.184.215.14', family: 4 }],
  localhost: [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ],
};
const resolve = async (host: string) => {
  const answer = dns[host];
  if (!answer) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return answer;
};

const SSRF_PROBES = [...LITERAL_PROBES, 'http://rebind.example/', 'http://mixed.example/'];

describe('checkWebhookUrl', () => {
  it.each(SSRF_PROBES)('refuses %s as not allowed', async (url) => {
    const result = await checkWebhookUrl(url, strict, resolve);
    expect(result).toMatchObject({ ok: false, kind: 'not_allowed' });
  });

  it.each([
    ['ftp://example.org/', 'is not http(s)'],
    ['https://user:pass@example.org/', 'carries credentials'],
    ['https://user@example.org/', 'carries credentials'],
    ['https://example.org/a\u0000b', 'contains control characters'],
    ['https://example.org/\tx', 'contains control characters'],
    ['https://exa\nmple.org/', 'contains control characters'],
    ['https://example.org/\u0085', 'contains control characters'],
    ['not a url', 'is not a URL'],
  ])('refuses %j as invalid', async (url, reason) => {
    expect(await checkWebhookUrl(url, strict, resolve)).toEqual({ ok: false, kind: 'invalid', reason });
  });

  it('accepts public hosts and returns the URL normalised', async () => {
    expect(await checkWebhookUrl('HTTPS://Public.Example:443/a/../hook?x=1', strict, resolve)).toEqual({
      ok: true,
      href: 'https://public.example/hook?x=1',
    });
    expect(await checkWebhookUrl('https://93.184.215.14/h', strict, resolve)).toEqual({
      ok: true,
      href: 'https://93.184.215.14/h',
    });
  });

  it('accepts a name that does not resolve yet (every send checks again)', async () => {
    expect(await checkWebhookUrl('https://not-yet.example/h', strict, resolve)).toMatchObject({ ok: true });
  });

  it('accepts what the operator allowed', async () => {
    const policy = new AddressPolicy(['127.0.0.1', '::1', 'localhost']);
    expect(await checkWebhookUrl('http://2130706433:8080/h', policy, resolve)).toEqual({
      ok: true,
      href: 'http://127.0.0.1:8080/h',
    });
    expect(await checkWebhookUrl('http://localhost/', policy, resolve)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('http://10.0.0.1/', policy, resolve)).toMatchObject({ ok: false });
  });
});
