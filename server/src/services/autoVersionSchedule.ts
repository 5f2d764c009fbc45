/**
 * When an automatic version is due: the first stored edit of a document starts its clock, and the
 * first edit stored `intervalMs` or more later is due (and restarts the clock with the next edit).
 * A document nobody edits is never due, however long it stays open. 0 turns versions off.
 */
export class AutoVersionSchedule {
  private readonly editingSince = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** Records an edit of `documentId` at `now` (ms); true when a version should be taken now. */
  noteEdit(documentId: string, now: number): boolean {
    if (this.intervalMs <= 0) return false;
    const since = this.editingSince.get(documentId);
    if (since === undefined) {
      this.editingSince.set(documentId, now);
      return false;
    }
    if (now - since < this.intervalMs) return false;
    this.editingSince.delete(documentId);
    return true;
  }
}
