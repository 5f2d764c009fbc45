import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request comes from a page of another site: its `Origin` names a host other than the
 * one it was sent to. A browser always sends `Origin` on a cross-site request that could carry
 * our cookie (a state-changing fetch, a WebSocket upgrade); programs other than browsers send
 * none, and hold no cookie of ours unless given one, so a missing `Origin` is not foreign.
 */
export function fromAnotherSite(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}
