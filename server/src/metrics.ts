/**
 * Process-wide counters for /metrics (Prometheus text format). One instance per server, built in
 * startPlenary and passed to the parts that count; gauges are read from their owners on demand.
 */
export class Metrics {
  updatesStored = 0;
  storeCommits = 0;
  storeSecondsTotal = 0;
  updatesDropped = 0;
  connectionsRefused = 0;
  private readonly gauges = new Map<string, { help: string; read: () => number }>();

  /** Registers a gauge whose value is read when metrics are scraped. */
  gauge(name: string, help: string, read: () => number): void {
    this.gauges.set(name, { help, read });
  }

  /** Records one storage commit of `updates` updates that took `seconds`. */
  recordCommit(updates: number, seconds: number): void {
    this.updatesStored += updates;
    this.storeCommits += 1;
    this.storeSecondsTotal += seconds;
  }

  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
    };
    metric('plenary_updates_stored_total', 'counter', 'Yjs updates appended to storage.', this.updatesStored);
    metric(
      'plenary_store_commits_total',
      'counter',
      'Storage transactions (one per event-loop turn with updates).',
      this.storeCommits,
    );
    metric('plenary_store_seconds_total', 'counter', 'Time spent in storage commits.', this.storeSecondsTotal);
    metric(
      'plenary_updates_dropped_total',
      'counter',
      'Updates from read-only connections that were dropped.',
      this.updatesDropped,
    );
    metric(
      'plenary_connections_refused_total',
      'counter',
      'Sockets closed for a connection or rate limit.',
      this.connectionsRefused,
    );
    for (const [name, { help, read }] of this.gauges) metric(name, 'gauge', help, read());
    return `${lines.join('\n')}\n`;
  }
}
