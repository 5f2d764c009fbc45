import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { HttpError } from './HttpError';

/** `{ error: { code, message, details? } }` for every failure; internal errors never leak their message. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    if (error instanceof HttpError) {
      response.status(error.status).json({
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
      return;
    }
    // body-parser's errors carry a status (400 bad JSON, 413 too large) and a type.
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : 'bad_request';
      response.status(status).json({ error: { code, message: (error as Error).message } });
      return;
    }
    logger.error(
      { err: error, requestId: request.get('x-request-id') ?? response.locals.requestId },
      'unhandled error',
    );
    response.status(500).json({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on the server.',
        requestId: response.locals.requestId,
      },
    });
  };
}

/** 404 as JSON for any /api path no route claimed. */
export const apiNotFound: RequestHandler = (request, _response, next) => {
  next(new HttpError(404, 'not_found', `No API route for ${request.method} ${request.originalUrl.split('?')[0]}`));
};
