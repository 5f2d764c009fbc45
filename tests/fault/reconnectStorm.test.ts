import { afterEach, describe, expect, it } from 'vitest';
import { destroyAllClients } from '../support/yClients';
import { recordFigures } from './faultFigures';
import { runReconnectStorm, runWifiDropStorm, STORM_SYNCED_WITHIN_MS } from './reconnectStorm';

/** The fast subset; reconnectStorm.long.test.ts reconnects the 500 clients. */
const CLIENTS = 100;

describe('reconnect storms', () => {
  afterEach(() => destroyAllClients());

  it(`${CLIENTS} clients reconnecting at once after a restart are all synced within 30 s, each document loaded once`, async () => {
    const figures = await runReconnectStorm(CLIENTS);
    recordFigures('reconnect storm after a restart (fast)', { ...figures });
    expect(figures.syncedMs).toBeLessThan(STORM_SYNCED_WITHIN_MS);
    expect(figures.loadsPerDocument).toEqual(figures.loadsPerDocument.map(() => 1));
    expect(figures.metrics.plenary_documents_loaded).toBe(figures.documents);
    expect(figures.metrics.plenary_connections).toBe(CLIENTS);
  }, 180_000);

  // The venue's Wi-Fi drops: the server still holds every old socket when everyone comes back.
  it(`${CLIENTS} clients behind one address (MAX_CONNECTIONS_PER_IP=${CLIENTS}) coming back after a Wi-Fi drop are synced within 30 s`, async () => {
    const figures = await runWifiDropStorm(CLIENTS, CLIENTS);
    recordFigures('reconnect storm after a Wi-Fi drop (fast)', { ...figures });
    expect(figures.syncedMs).toBeLessThan(STORM_SYNCED_WITHIN_MS);
  }, 180_000);
});
