import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * Which proxies may say who the client is (X-Forwarded-For): one on this machine, as in the TLS
 * setup docs/operations.md describes. Express's `trust proxy` gets the same setting, so an HTTP
 * request and a collaboration socket from one person count against the same address.
 */
export const TRUSTED_PROXIES = 'loopback';

const trusted = proxyAddr.compile(TRUSTED_PROXIES);

/**
 * The address a request came from: the socket's peer, or, when that peer is a trusted proxy, the
 * address it forwarded for. Behind a proxy every socket's peer is the proxy, so per-address limits
 * would otherwise count the whole venue as one client.
 */
export function clientAddress(request: IncomingMessage): string {
  // A socket that closed during the upgrade has no peer address left.
  return proxyAddr(request, trusted) ?? 'unknown';
}
