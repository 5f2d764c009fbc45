import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { BenchConfig } from './config';
import { type Metric, medianOf } from './results';
import { SERVER_LABELS, type ServerKind } from './servers';

const KINDS: readonly ServerKind[] = ['plenary', 'reference', 'relay'];

/** A metric with its medians and what they mean against the targets. */
export interface MetricSummary {
  scenario: string;
  name: string;
  unit: string;
  better: 'lower' | 'higher';
  medians: Partial<Record<ServerKind, number>>;
  /** Plenary / reference. */
  ratio: number | null;
  /** Plenary − relay. */
  relayGap: number | null;
  target: string;
  verdict: 'met' | 'missed' | 'n/a' | '';
  note?: string;
  repetitions: Partial<Record<ServerKind, number[]>>;
}

export function summarize(metric: Metric): MetricSummary {
  const medians: Partial<Record<ServerKind, number>> = {};
  for (const kind of KINDS) {
    if (metric.repetitions[kind]) medians[kind] = medianOf(metric, kind);
  }
  const plenary = medians.plenary ?? Number.NaN;
  const reference = medians.reference ?? Number.NaN;
  const relay = medians.relay ?? Number.NaN;
  const ratio = Number.isFinite(plenary) && Number.isFinite(reference) && reference !== 0 ? plenary / reference : null;
  const relayGap =
    metric.relayGapTarget !== undefined && Number.isFinite(plenary) && Number.isFinite(relay) ? plenary - relay : null;

  const targets: string[] = [];
  const checks: Array<boolean | null> = [];
  if (metric.targetRatio !== undefined) {
    const sign = metric.better === 'lower' ? '≤' : '≥';
    targets.push(`${sign} ${metric.targetRatio}×`);
    if (ratio === null) checks.push(null);
    else checks.push(metric.better === 'lower' ? ratio <= metric.targetRatio : ratio >= metric.targetRatio);
  }
  if (typeof metric.relayGapTarget === 'number') {
    targets.push(`relay + ${metric.relayGapTarget} ${metric.unit}`);
    checks.push(relayGap === null ? null : relayGap <= metric.relayGapTarget);
  }
  if (metric.plenaryMax !== undefined) {
    targets.push(`≤ ${metric.plenaryMax} ${metric.unit}`);
    checks.push(Number.isFinite(plenary) ? plenary <= metric.plenaryMax : null);
  }
  let verdict: MetricSummary['verdict'] = '';
  if (checks.length > 0) {
    if (checks.includes(null)) verdict = 'n/a';
    else verdict = checks.every(Boolean) ? 'met' : 'missed';
  }
  return {
    scenario: metric.scenario,
    name: metric.name,
    unit: metric.unit,
    better: metric.better,
    medians,
    ratio,
    relayGap,
    target: targets.join(', '),
    verdict,
    ...(metric.note ? { note: metric.note } : {}),
    repetitions: metric.repetitions,
  };
}

/** Three significant digits, without exponent notation for the sizes we print. */
function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** The results as a plain-text table, grouped by scenario. */
export function renderTable(summaries: readonly MetricSummary[], kinds: readonly ServerKind[]): string {
  const header = [
    'metric',
    'unit',
    ...kinds.map((kind) => SERVER_LABELS[kind]),
    'Plenary/ref',
    'Plenary−relay',
    'target',
    'verdict',
  ];
  const rows: string[][] = [];
  let scenario = '';
  for (const summary of summaries) {
    if (summary.scenario !== scenario) {
      scenario = summary.scenario;
      rows.push([scenario]);
    }
    rows.push([
      `  ${summary.name}`,
      summary.unit,
      ...kinds.map((kind) => formatNumber(summary.medians[kind])),
      summary.ratio === null ? '–' : `${summary.ratio.toFixed(2)}×`,
      summary.relayGap === null ? '' : formatNumber(summary.relayGap),
      summary.target,
      summary.verdict,
    ]);
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.filter((row) => row.length > 1).map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = rows.map((row) => (row.length === 1 ? (row[0] ?? '') : line(row)));
  return [line(header), rule, ...body].join('\n');
}

/** The machine the figures were measured on, for docs/performance.md. */
export function machineDescription(): Record<string, string | number> {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: `${process.platform} ${release()}`,
  };
}

export function writeJson(
  path: string,
  details: {
    config: BenchConfig;
    command: string;
    startedAt: Date;
    durationS: number;
    servers: Record<string, string>;
  },
  summaries: readonly MetricSummary[],
): void {
  mkdirSync(dirname(path), { recursive: true });
  const document = {
    command: details.command,
    startedAt: details.startedAt.toISOString(),
    durationS: Math.round(details.durationS),
    quick: details.config.quick,
    repetitions: details.config.repetitions,
    machine: machineDescription(),
    servers: details.servers,
    config: details.config,
    metrics: summaries,
  };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}
