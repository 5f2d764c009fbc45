import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError, type ExportErrorCode } from '../../export/ExportError';
import { createLogger } from '../../logger';
import { errorMiddleware } from '../errorMiddleware';
import { exportHttpError } from './exports';

describe('exportHttpError, through the error middleware', () => {
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.get('/fail/:code', (request) => {
      throw exportHttpError(new ExportError(request.params.code as ExportErrorCode, 'Sentence.'), request.res!);
    });
    app.use(errorMiddleware(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('asks a client turned away by a full PDF queue to come back, and says so in JSON', async () => {
    const response = await fetch(`${base}/fail/export_busy`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ error: { code: 'export_busy', message: 'Sentence.' } });
  });

  it('gives every other failure its own status and no Retry-After', async () => {
    const expected: Array<[ExportErrorCode, number]> = [
      ['export_too_large', 413],
      ['export_unavailable', 503],
      ['pdf_unavailable', 503],
      ['export_failed', 502],
      ['pdf_failed', 502],
      ['export_timeout', 504],
    ];
    for (const [code, status] of expected) {
      const response = await fetch(`${base}/fail/${code}`);
      expect(response.status, code).toBe(status);
      expect(response.headers.get('retry-after'), code).toBeNull();
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});
