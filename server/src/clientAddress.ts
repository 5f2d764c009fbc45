import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Whether the hop at `address` may say who sent the request to it (X-Forwarded-For). */
export type TrustProxy = (address: string, hop: number) => boolean;

/** TRUST_PROXY's default: a proxy on this machine, as in the TLS setup docs/operations.md describes. */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ['loopback'];

/**
 * Compiles a list of trusted proxies: addresses, CIDR ranges, or proxy-addr's names (`loopback`,
 * `linklocal`, `uniquelocal`); an empty list trusts none. Throws a TypeError naming a bad entry.
 * Express's `trust proxy` and the collaboration endpoint get the same function, so an HTTP
 * request and a socket from one person count against the same address.
 */
export function trustProxies(list: readonly string[]): TrustProxy {
  return proxyAddr.compile([...list]);
}

const trustLoopback = trustProxies(DEFAULT_TRUSTED_PROXIES);

/**
 * The address a request came from: the socket's peer, or, while the peer is a trusted proxy, the
 * address it forwarded for. Behind a proxy every socket's peer is the proxy, so per-address limits
 * would otherwise count the whole venue as one client.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy = trustLoopback): string {
  // A socket that closed during the upgrade has no peer address left.
  return proxyAddr(request, trust) ?? 'unknown';
}
