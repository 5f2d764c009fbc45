/** One server-sent event. */
export interface ServerEvent {
  type: string;
  data: unknown;
}

/** A server-sent event stream read as a browser's EventSource would, with the session as a bearer token. */
export interface EventStream {
  readonly status: number;
  readonly contentType: string | null;
  /** Every event received so far, oldest first. */
  readonly events: readonly ServerEvent[];
  /** Resolves with the first event of `type` (already received or still to come). */
  next(type: string, timeoutMs?: number): Promise<ServerEvent>;
  /** Resolves once the server has ended the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

const openStreams = new Set<EventStream>();

export async function openEventStream(httpUrl: string, path: string, token: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${httpUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: ServerEvent[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!response.body || !response.ok) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = parseEvent(block);
          if (event) events.push(event);
          for (const wake of waiters) wake();
          boundary = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close(): the stream simply ends.
    }
  })();
  const stream: EventStream = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    ended,
    next(type, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find((event) => event.type === type);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no "${type}" event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      openStreams.delete(stream);
      abort.abort();
    },
  };
  openStreams.add(stream);
  if (!response.ok) stream.close();
  return stream;
}

/** Closes every stream still open; run it after each test. */
export function closeEventStreams(): void {
  for (const stream of [...openStreams]) stream.close();
}

function parseEvent(block: string): ServerEvent | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) type = line.slice('event:'.length).trim();
    else if (line.startsWith('data:')) data.push(line.slice('data:'.length).trim());
  }
  if (data.length === 0) return null;
  return { type, data: JSON.parse(data.join('\n')) as unknown };
}
