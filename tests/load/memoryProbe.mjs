// Preloaded (NODE_OPTIONS=--import) into every benchmarked server process, Plenary and the
// baselines alike, so memory is measured the same way everywhere: a full GC, then
// process.memoryUsage(), served on a private loopback port. Inert unless BENCH_PROBE_DIR is set.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const probeDir = process.env.BENCH_PROBE_DIR;
// tsx runs the server in a child process; its own launcher process is not the one to measure.
const isTsxLauncher = /[\\/]tsx[\\/]dist[\\/]cli\.mjs$/.test(process.argv[1] ?? '');

if (probeDir && isMainThread && !isTsxLauncher) {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  // Full GCs until live memory stops shrinking. Freed Buffers leave `external` only once V8's
  // background sweeper has run, and weak references or flushed bytecode need further passes;
  // measuring after a single GC would read that garbage as noise.
  const liveAfterGc = async () => {
    let live = Number.POSITIVE_INFINITY;
    for (let pass = 0; pass < 8; pass += 1) {
      collectGarbage();
      await settle();
      const usage = process.memoryUsage();
      const now = usage.heapUsed + usage.external;
      if (now >= live - 16 * 1024) return usage;
      live = now;
    }
    return process.memoryUsage();
  };
  const probe = createServer((request, response) => {
    if (request.url !== '/memory') {
      response.writeHead(404).end();
      return;
    }
    liveAfterGc().then((usage) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(usage));
    });
  });
  probe.listen(0, '127.0.0.1', () => {
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    writeFileSync(join(probeDir, `${process.pid}.json`), JSON.stringify({ pid: process.pid, port }));
  });
  // The probe must never keep a server alive that is trying to exit.
  probe.unref();
}
