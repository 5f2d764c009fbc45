/**
 * WebSocket close codes used by the collaboration endpoint. One table, documented in
 * docs/protocol.md. 4xxx codes are Plenary's own (private-use range); 1009 and 1012 are standard.
 * The stock y-websocket provider treats 4400–4499 as final (like HTTP 4xx) and 4500–4599 as
 * "try again later", so every transient code of ours lives in 45xx.
 */
export const CloseCode = {
  /** A frame exceeded the configured maximum size (ws closes with this itself). */
  MessageTooBig: 1009,
  /** The client stopped reading and its unsent backlog grew too large; reconnect to resync. */
  TryAgainLater: 1013,
  /** The server is shutting down or restarting; reconnect later. */
  ServiceRestart: 1012,
  /** A frame could not be decoded, or named an unknown message type. */
  BadMessage: 4400,
  /** No valid credentials were presented. */
  Unauthorized: 4401,
  /** The credentials are valid but do not allow reading this document. */
  Forbidden: 4403,
  /** The document id is malformed or names no document. */
  DocumentNotFound: 4404,
  /** The update would make the document larger than the server allows; nothing was stored. */
  DocumentTooLarge: 4413,
  /** The connection exceeded a rate or connection limit. */
  RateLimited: 4529,
  /** The document could not be loaded or stored; nothing was accepted. */
  StorageFailure: 4500,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Codes after which a client should retry by itself. Every other code needs a person to act
 * (sign in again, fix the link), so the client stops and says why.
 */
export const TRANSIENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  1000,
  1001,
  1005,
  1006,
  1011,
  CloseCode.TryAgainLater,
  CloseCode.ServiceRestart,
  CloseCode.RateLimited,
  CloseCode.StorageFailure,
]);

/** Whether a client should reconnect on its own after this close code. */
export function isTransientCloseCode(code: number): boolean {
  return TRANSIENT_CLOSE_CODES.has(code);
}
