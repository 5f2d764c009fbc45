/** The session cookie's name: HttpOnly, SameSite=Lax, Secure behind https. */
export const SESSION_COOKIE = 'plenary_session';

/** Reads one cookie from a Cookie header (no dependency for a one-line format). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The session token a request carries: `Authorization: Bearer …`, the `token` URL parameter (how
 * the stock WebsocketProvider authenticates), or the session cookie.
 */
export function requestToken(request: {
  headers: { authorization?: string | undefined; cookie?: string | undefined };
  url?: string | undefined;
}): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  if (request.url?.includes('token=')) {
    const token = new URL(request.url, 'http://localhost').searchParams.get('token');
    if (token) return token;
  }
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}
