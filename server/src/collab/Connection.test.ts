import { CloseCode, isTransientCloseCode } from '@plenary/shared/protocol';
import { describe, expect, it, vi } from 'vitest';
import { Connection, staticGrant } from './Connection';
import { FakeSocket } from './collabTestKit';

const MAX_BUFFERED = 1_000;

function open(grant = staticGrant(true)) {
  const socket = new FakeSocket();
  const onSendError = vi.fn<(connection: Connection, error: Error) => void>();
  const connection = new Connection(socket, 'doc', grant, MAX_BUFFERED, onSendError);
  return { socket, connection, onSendError };
}

describe('Connection', () => {
  it('closes a client that stopped reading, with a close code its client reconnects on', () => {
    // Pins slow venue Wi-Fi: a client that fell behind must come back by itself and resync,
    // so the code must be in the transient set the client retries on (docs/protocol.md).
    const { socket, connection } = open();
    socket.bufferedAmount = MAX_BUFFERED + 1;

    connection.send(new Uint8Array([0]));

    expect(socket.sent).toEqual([]);
    const code = socket.closedWith?.code ?? 0;
    expect(isTransientCloseCode(code)).toBe(true);
    expect(Object.values(CloseCode) as number[]).toContain(code);
  });

  it('sends nothing once closed and sends the close frame only once', () => {
    const { socket, connection } = open();
    const close = vi.spyOn(socket, 'close');
    connection.close(CloseCode.BadMessage, 'malformed message');
    connection.close(CloseCode.ServiceRestart, 'again');
    connection.send(new Uint8Array([0]));

    expect(close).toHaveBeenCalledTimes(1);
    expect(socket.closedWith).toEqual({ code: CloseCode.BadMessage, reason: 'malformed message' });
    expect(socket.sent).toEqual([]);
    expect(connection.isOpen).toBe(false);
  });

  it('terminates the socket when a close frame cannot be sent', () => {
    const { socket, connection } = open();
    vi.spyOn(socket, 'close').mockImplementation(() => {
      throw new Error('invalid close code');
    });
    connection.close(CloseCode.BadMessage, 'malformed message');
    expect(socket.terminated).toBe(true);
  });

  it('reports a failed send instead of throwing into the broadcast loop', () => {
    // Pins fan-out isolation: one broken socket must not stop the broadcast to the others.
    const { socket, connection, onSendError } = open();
    const failure = new Error('socket hang up');
    vi.spyOn(socket, 'send').mockImplementation(() => {
      throw failure;
    });
    expect(() => connection.send(new Uint8Array([0]))).not.toThrow();
    expect(onSendError).toHaveBeenCalledWith(connection, failure);
  });

  it('asks the grant again on every check, so a lock applies to an open connection at once', () => {
    let writable = true;
    const { connection } = open({
      canWrite: () => writable,
      canReact: () => false,
      canComment: () => false,
      identity: null,
    });
    expect(connection.readOnly).toBe(false);
    writable = false;
    expect(connection.readOnly).toBe(true);
  });
});
