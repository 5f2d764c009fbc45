import WebSocket from 'ws';

/** Memory the server still holds after a full garbage collection: what a leak would raise. */
export interface RetainedMemory {
  heapUsed: number;
  external: number;
}

/** Node flags that let `retainedMemory` reach the server through the inspector on `port`. */
export function inspectorArgs(port: number): string[] {
  return [`--inspect=127.0.0.1:${port}`];
}

/**
 * Collects the server's garbage and reads `process.memoryUsage()` through the V8 inspector
 * protocol (the server must run with `inspectorArgs`). Resident memory alone cannot tell a leak
 * from garbage V8 has not collected yet: under the fuzz's churn it swings by a hundred megabytes
 * while the live heap stays flat.
 */
export async function retainedMemory(inspectorPort: number): Promise<RetainedMemory> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first pass can leave objects whose finalizers free more.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const answer = await call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const usage = JSON.parse((answer.result as { value: string }).value) as RetainedMemory;
    return { heapUsed: usage.heapUsed, external: usage.external };
  } finally {
    socket.close();
  }
}
