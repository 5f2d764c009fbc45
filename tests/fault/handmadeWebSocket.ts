import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client written by hand on a TCP socket, for what well-behaved libraries never do:
 * send frames in the same write as the upgrade request (before the server has answered, let alone
 * loaded the document), or never answer the server's close frame.
 */
export interface HandmadeWebSocket {
  readonly socket: Socket;
  /** HTTP status of the upgrade answer (101 when accepted). */
  readonly status: Promise<number>;
  /**
   * The code of the server's close frame, or null when the connection ended without one. This
   * client never answers a close frame: it only listens.
   */
  readonly closeCode: Promise<number | null>;
  /** Binary frames the server sent, in order. */
  readonly received: readonly Uint8Array[];
  send(payload: Uint8Array): void;
  destroy(): void;
}

const OPCODE_BINARY = 0x2;
const OPCODE_CLOSE = 0x8;

/** One masked client frame (RFC 6455 §5.2: every client frame is masked). */
export function clientFrame(payload: Uint8Array, opcode = OPCODE_BINARY): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, 0x80 | length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), bigEndian64(length)]);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/**
 * Connects to `path` on the loopback `port` and writes the upgrade request followed at once by
 * `pipelined` frames, all in one write.
 */
export function openHandmade(port: number, path: string, pipelined: readonly Uint8Array[] = []): HandmadeWebSocket {
  const socket = connect(port, '127.0.0.1');
  const received: Uint8Array[] = [];
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let resolveStatus!: (status: number) => void;
  let resolveClose!: (code: number | null) => void;
  const status = new Promise<number>((resolve) => {
    resolveStatus = resolve;
  });
  const closeCode = new Promise<number | null>((resolve) => {
    resolveClose = resolve;
  });

  const request = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
  socket.write(Buffer.concat([Buffer.from(request), ...pipelined.map((frame) => clientFrame(frame))]));

  const readFrames = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = (buffer[0] ?? 0) & 0x0f;
      let length = (buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) return;
      const payload = buffer.subarray(offset, offset + length);
      buffer = buffer.subarray(offset + length);
      if (opcode === OPCODE_CLOSE) resolveClose(payload.length >= 2 ? payload.readUInt16BE(0) : null);
      else if (opcode === OPCODE_BINARY) received.push(new Uint8Array(payload));
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const statusLine = buffer.subarray(0, buffer.indexOf('\r\n')).toString();
      resolveStatus(Number(statusLine.split(' ')[1]));
      upgraded = true;
      buffer = buffer.subarray(end + 4);
    }
    readFrames();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    resolveStatus(0);
    resolveClose(null);
  });

  return {
    socket,
    status,
    closeCode,
    received,
    send(payload) {
      socket.write(clientFrame(payload));
    },
    destroy() {
      socket.destroy();
    },
  };
}
