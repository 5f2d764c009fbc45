/** Things that happened which other parts (SSE streams, open sockets) must react to. */
export type PlenaryEvent =
  | { type: 'workshop.changed'; workshopId: string }
  | { type: 'group.lockChanged'; workshopId: string; groupId: string; documentId: string; locked: boolean }
  /** `group_deleted` when the link went with its group rather than on its own. */
  | { type: 'invite.revoked'; workshopId: string | null; inviteId: string; reason?: 'group_deleted' }
  | { type: 'participant.renamed'; participantId: string; displayName: string }
  /** A participant's one session ended at their own request. */
  | { type: 'participant.signedOut'; participantId: string }
  | { type: 'document.removed'; documentId: string };

export type EventListener = (event: PlenaryEvent) => void;

/**
 * Fan-out of events between the parts of one server. In-process today; a Redis pub/sub adapter
 * with the same two methods lets several nodes share events later.
 */
export interface EventBus {
  publish(event: PlenaryEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
}

/** EventBus for a single server process. */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: PlenaryEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One failing subscriber must not stop delivery to the others; subscribers log their own errors.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
