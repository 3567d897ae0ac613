import { describe, expect, it } from 'vitest';
import { parseAllowedHosts, refusedAddress, refusedWebhookUrl } from './webhook-address';

const none = parseAllowedHosts('');

describe('where a webhook may go', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedAddress(address)).toContain(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it('refuses IPv4 hidden in IPv6 by 6to4 and NAT64', () => {
    expect(refusedAddress('2002:7f00:1::')).not.toBeNull();
    expect(refusedAddress('64:ff9b::7f00:1')).not.toBeNull();
  });

  it('refuses loopback, private and metadata URLs when saved, however the address is written', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://api.localhost/hook',
      'http://[::1]/hook',
      'http://[::ffff:7f00:1]/hook',
      'http://2130706433/hook',
      'http://0x7f.1/hook',
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'https://192.168.0.10/hook',
      'ftp://example.com/hook',
    ]) {
      expect(refusedWebhookUrl(url, none), url).not.toBeNull();
    }
  });

  it('leaves names to the check at delivery, and lets the allow-list name a host', () => {
    expect(refusedWebhookUrl('https://ats.example.com/hooks', none)).toBeNull();
    expect(refusedWebhookUrl('http://127.0.0.1:4000/hook', parseAllowedHosts('127.0.0.1'))).toBeNull();
    expect(refusedWebhookUrl('http://LOCALHOST.:4000/hook', parseAllowedHosts(' localhost , ::1'))).toBeNull();
    expect(refusedWebhookUrl('http://[::1]:4000/hook', parseAllowedHosts('localhost,::1'))).toBeNull();
    expect(refusedWebhookUrl('http://127.0.0.2:4000/hook', parseAllowedHosts('127.0.0.1'))).not.toBeNull();
  });
});
