import { readFileSync } from 'node:fs';

/**
 * Linux reports process CPU time in /proc in USER_HZ ticks, which the kernel fixes at 100 per
 * second for user space whatever the internal timer frequency.
 */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) the process has used so far, in milliseconds, read from
 * `/proc/<pid>/stat`. Resolution is one tick (10 ms). Unlike wall time it does not grow when
 * other processes compete for the two cores, so a per-frame budget measured with it is fair.
 */
export function cpuMillis(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; everything after its closing parenthesis is
  // space-separated, starting with field 3 (state). utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Resident memory of the process in bytes (`VmRSS` of `/proc/<pid>/status`). */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** The server's JSON log lines (pino) at level error (50) or fatal (60). */
export function errorLogLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
}

/** The server's JSON log lines whose `msg` is `message`. */
export function logLinesWithMessage(output: string, message: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.msg === message) lines.push(parsed);
    } catch {
      // a line the process printed that is not a log entry (the operator link, say)
    }
  }
  return lines;
}

/** Megabytes, rounded to one decimal, for messages and the report. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
