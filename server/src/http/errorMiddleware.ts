import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger';
import { ServiceError, type ServiceErrorKind } from '../services/ServiceError';
import { HttpError } from './HttpError';

const STATUS_BY_KIND: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

const CODE_BY_CLIENT_STATUS: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** `{ error: { code, message, details? } }` for every failure; internal errors never leak their message. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const known =
      error instanceof HttpError
        ? { status: error.status, code: error.code, message: error.message, details: error.details }
        : error instanceof ServiceError
          ? { status: STATUS_BY_KIND[error.kind], code: error.code, message: error.message, details: error.details }
          : undefined;
    if (known) {
      response.status(known.status).json({
        error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) },
      });
      return;
    }
    // Errors from express, body-parser and serve-static (http-errors) carry a status, and those of
    // 4xx are meant to be shown (`expose`): a bad JSON body, a body too large, a malformed URL, an
    // unknown content encoding, a missing asset.
    const { status, type, expose, message } = error as {
      status?: number;
      type?: string;
      expose?: boolean;
      message?: string;
    };
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = CODE_BY_CLIENT_STATUS[status] ?? 'bad_request';
      const shown =
        type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : status === 413
            ? 'The request body is too large.'
            : error instanceof URIError
              ? 'The URL is malformed: a % must be followed by two hexadecimal digits.'
              : expose && message
                ? message
                : (STATUS_CODES[status] ?? 'Bad request');
      response.status(status).json({ error: { code, message: shown } });
      return;
    }
    const requestId = response.locals.requestId as string | undefined;
    logger.error({ err: error, requestId, method: request.method, path: request.path }, 'unhandled error');
    response.status(500).json({
      error: { code: 'internal_error', message: 'Something went wrong on the server.', details: { requestId } },
    });
  };
}
