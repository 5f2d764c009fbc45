// A stand-in for the browser WebSocket with just what the provider touches, so each test
// decides when the socket opens, what the "server" sends, and when buffered bytes drain.
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = FakeSocket.CONNECTING;
  bufferedAmount = 0;
  binaryType = 'blob';
  readonly sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: Uint8Array): void {
    this.sent.push(data);
  }

  close(): void {
    this.readyState = FakeSocket.CLOSED;
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  receive(frame: Uint8Array): void {
    this.onmessage?.({ data: frame.slice().buffer });
  }

  closeFromServer(code: number): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason: '' });
  }
}

function varUint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return bytes;
}

/** A y-websocket sync frame: message type 0, sync sub-type, then a length-prefixed payload. */
export function syncFrame(subType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([0, subType, ...varUint(payload.length), ...payload]);
}

/** A y-websocket awareness frame: message type 1, then a length-prefixed awareness update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  return Uint8Array.from([1, ...varUint(update.length), ...update]);
}

/** The update carried by a sync step 2 or update frame the client sent. */
export function payloadOf(frame: Uint8Array): Uint8Array {
  return lengthPrefixedAt(frame, 2);
}

/** The awareness update of an awareness frame (message type 1), or null for any other frame. */
export function awarenessPayloadOf(frame: Uint8Array): Uint8Array | null {
  return frame[0] === 1 ? lengthPrefixedAt(frame, 1) : null;
}

function lengthPrefixedAt(frame: Uint8Array, start: number): Uint8Array {
  let pos = start;
  let length = 0;
  let shift = 0;
  for (;;) {
    const byte = frame[pos++] ?? 0;
    length |= (byte & 0x7f) << shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  return frame.subarray(pos, pos + length);
}
