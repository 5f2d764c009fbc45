import { CloseCode } from '@plenary/shared/protocol';

/** A frame the server cannot accept; the connection that sent it is closed with `closeCode`. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly closeCode: number = CloseCode.BadMessage,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
