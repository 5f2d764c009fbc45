import type { RequestHandler } from 'express';
import { HttpError } from './HttpError';

export interface RateLimitOptions {
  /** Requests allowed per window and client address. */
  limit: number;
  windowMs: number;
  /**
   * Which answers count against the limit, by status; every request when absent. Counting only
   * failures lets a crowd behind one address in while a guesser is still stopped.
   */
  counts?: (status: number) => boolean;
}

/** A fixed-window limit per client address; answers 429 with Retry-After when exceeded. */
export function rateLimit({ limit, windowMs, counts }: RateLimitOptions): RequestHandler {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return (request, response, next) => {
    const now = Date.now();
    const key = request.ip ?? 'unknown';
    let entry = hits.get(key);
    if (!entry || entry.resetAt <= now) {
      // Forget expired windows now and then so the map cannot grow without bound.
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
      entry = { count: 0, resetAt: now + windowMs };
      hits.set(key, entry);
    }
    if (entry.count >= limit) {
      response.setHeader('Retry-After', String(Math.ceil((entry.resetAt - now) / 1000)));
      return next(new HttpError(429, 'rate_limited', 'Too many attempts. Wait a minute and try again.'));
    }
    // Counted at once, so requests sent in parallel cannot all pass before any has finished;
    // one that ends in an answer that does not count is taken back then.
    entry.count += 1;
    if (counts) {
      const counted = entry;
      response.once('close', () => {
        if (!counts(response.statusCode)) counted.count -= 1;
      });
    }
    next();
  };
}
