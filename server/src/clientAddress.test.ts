import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, trustProxies } from './clientAddress';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress }, connection: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('is the peer address when nothing is forwarded', () => {
    expect(clientAddress(request('203.0.113.7'))).toBe('203.0.113.7');
  });

  it('takes the forwarded address from a proxy on this machine (IPv4, IPv6, IPv4-mapped)', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.20'))).toBe('198.51.100.20');
    expect(clientAddress(request('::1', '198.51.100.21'))).toBe('198.51.100.21');
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.22'))).toBe('198.51.100.22');
  });

  it('ignores what a client claims when it connects directly', () => {
    expect(clientAddress(request('203.0.113.7', '198.51.100.20'))).toBe('203.0.113.7');
  });

  it('stops at the first address the local proxy did not vouch for', () => {
    // The client itself sent "10.9.9.9" in the header; the proxy appended the real peer.
    expect(clientAddress(request('127.0.0.1', '10.9.9.9, 198.51.100.30'))).toBe('198.51.100.30');
  });

  it('trusts the proxies it is given instead (TRUST_PROXY), and none for an empty list', () => {
    const containerProxy = trustProxies(['loopback', '172.17.0.0/16']);
    expect(clientAddress(request('172.17.0.1', '198.51.100.40'), containerProxy)).toBe('198.51.100.40');
    expect(clientAddress(request('172.17.0.1', '198.51.100.40'))).toBe('172.17.0.1');
    expect(clientAddress(request('127.0.0.1', '198.51.100.41'), trustProxies([]))).toBe('127.0.0.1');
  });

  it('refuses a list entry that is neither an address, a range nor a known name', () => {
    expect(() => trustProxies(['loopback', 'proxy.example'])).toThrow(/proxy\.example/);
  });
});
