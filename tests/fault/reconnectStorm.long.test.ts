import { afterEach, describe, expect, it } from 'vitest';
import { destroyAllClients } from '../support/yClients';
import { recordFigures } from './faultFigures';
import { runReconnectStorm, runWifiDropStorm, STORM_SYNCED_WITHIN_MS } from './reconnectStorm';

/** The count. */
const CLIENTS = 500;

describe('reconnect storms, full size', () => {
  afterEach(() => destroyAllClients());

  it(`${CLIENTS} clients reconnecting at once after a restart are all synced within 30 s, each document loaded once`, async () => {
    const figures = await runReconnectStorm(CLIENTS);
    recordFigures('reconnect storm after a restart (long)', { ...figures });
    expect(figures.syncedMs).toBeLessThan(STORM_SYNCED_WITHIN_MS);
    expect(figures.loadsPerDocument).toEqual(figures.loadsPerDocument.map(() => 1));
    expect(figures.metrics.plenary_documents_loaded).toBe(figures.documents);
    expect(figures.metrics.plenary_connections).toBe(CLIENTS);
  }, 300_000);

  it(`${CLIENTS} clients behind one address, default limits, coming back after a Wi-Fi drop are synced within 30 s`, async () => {
    const figures = await runWifiDropStorm(CLIENTS);
    recordFigures('reconnect storm after a Wi-Fi drop (long)', { ...figures });
    expect(figures.syncedMs).toBeLessThan(STORM_SYNCED_WITHIN_MS);
  }, 300_000);
});
