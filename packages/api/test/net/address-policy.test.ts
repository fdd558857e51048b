import { describe, expect, it } from 'vitest';
import { AddressPolicy, parseAllowEntry } from '../../src/net/address-policy.js';

const strict = new AddressPolicy();

// Every range the guard must refuse, in the spellings an attacker tries (all parsed, none matched as text).
const FORBIDDEN = [
  '127.0.0.1',
  '127.255.255.254',
  '0.0.0.0',
  '10.0.0.1',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '100.127.255.255',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '::1',
  '[::1]',
  '::',
  '0:0:0:0:0:0:0:1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:169.254.169.254',
  '::ffff:a00:1',
  '64:ff9b::a00:1',
  '2002:7f00:1::',
  'fc00::1',
  'fd12:3456:789a::1',
  'fe80::1',
  'ff02::1',
];

const PUBLIC = ['8.8.8.8', '1.1.1.1', '93.184.215.14', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e'];

describe('AddressPolicy', () => {
  it.each(FORBIDDEN)('refuses %s by default', (address) => {
    expect(strict.allowsAddress(address)).toBe(false);
  });

  it.each(PUBLIC)('allows the public address %s', (address) => {
    expect(strict.allowsAddress(address)).toBe(true);
  });

  it('refuses what is not an address at all', () => {
    expect(strict.allowsAddress('localhost')).toBe(false);
    expect(strict.allowsAddress('2130706433')).toBe(false);
  });

  it('lets the operator allow addresses, ranges and names, and nothing more', () => {
    const policy = new AddressPolicy(['127.0.0.1', '10.20.0.0/16', '[::1]', 'Receiver.Internal']);
    expect(policy.allowsAddress('127.0.0.1')).toBe(true);
    expect(policy.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(policy.allowsAddress('127.0.0.2')).toBe(false);
    expect(policy.allowsAddress('10.20.3.4')).toBe(true);
    expect(policy.allowsAddress('10.21.0.1')).toBe(false);
    expect(policy.allowsAddress('::1')).toBe(true);
    expect(policy.allowsAddress('169.254.169.254')).toBe(false);
    expect(policy.allowsName('receiver.internal.')).toBe(true);
    expect(policy.allowsName('other.internal')).toBe(false);
  });

  it('rejects allowlist entries that are neither names, addresses nor ranges', () => {
    expect(() => parseAllowEntry('10.0.0.0/33')).toThrow();
    expect(() => parseAllowEntry('http://x/')).toThrow();
    expect(() => parseAllowEntry('a b')).toThrow();
    expect(parseAllowEntry('fd00::/8')).toEqual({
      kind: 'subnet',
      address: 'fd00::',
      prefix: 8,
      family: 'ipv6',
    });
  });
});
