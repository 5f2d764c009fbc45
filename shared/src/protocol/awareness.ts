/** The `user` field every client puts in its awareness state, read by carets and presence lists. */
export interface AwarenessUser {
  name: string;
  color: string;
}

/** The y-websocket message types (first varint of every frame). */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
