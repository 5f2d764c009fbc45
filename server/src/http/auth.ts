import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { fromAnotherSite } from '../requestOrigin';
import type { AccessService, AuthContext } from '../services/AccessService';
import { requestToken, SESSION_COOKIE } from '../services/requestToken';
import { type SessionRefusal, sessionEnded, unauthorized } from '../services/ServiceError';
import { HttpError } from './HttpError';

/**
 * Resolves the caller once per request into `response.locals.auth` (null when signed out), and
 * into `response.locals.refusal` why a session that worked once no longer does.
 */
export function authenticate(access: AccessService): RequestHandler {
  return async (request, response, next) => {
    // REST takes the cookie or a bearer header, never a URL token (URLs end up in logs and history).
    const { auth, refusal } = await access.check(requestToken({ headers: request.headers }));
    response.locals.auth = auth;
    response.locals.refusal = refusal;
    next();
  };
}

/** The signed-in caller, or a 401 (saying why the session ended, when it did). */
export function requireAuth(response: Response): AuthContext {
  const auth = response.locals.auth as AuthContext | null | undefined;
  if (auth) return auth;
  const refusal = response.locals.refusal as SessionRefusal | null | undefined;
  throw refusal ? sessionEnded(refusal) : unauthorized();
}

export function setSessionCookie(request: Request, response: Response, token: string): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure,
    path: '/',
    maxAge: 30 * 86_400_000,
  });
}

export function clearSessionCookie(response: Response): void {
  response.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Refuses state-changing requests from another site (cross-site request forgery with the session cookie). */
export function checkOrigin(request: Request, _response: Response, next: NextFunction): void {
  const safe = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
  next(
    safe || !fromAnotherSite(request.headers)
      ? undefined
      : new HttpError(403, 'bad_origin', 'The request came from another site.'),
  );
}
