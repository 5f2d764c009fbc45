import type { ServerProcess } from './serverProcess';
import { createWorkshop } from './workshopFixture';

/** Group drafts to edit and a session token allowed to edit every one of them. */
export interface Drafts {
  /** The operator's session: a facilitator of every workshop, so it may write any unlocked draft. */
  readonly token: string;
  readonly documentIds: readonly string[];
  /** Document id of draft `index`. */
  id(index: number): string;
  /** Signs a new person in (a facilitator of this workshop, so they too may write every draft). */
  signIn(displayName: string): Promise<string>;
}

/**
 * Creates `count` group drafts through the public API (one workshop, one group each), the only
 * documents the collaboration endpoint opens. Call once per fresh data folder: the operator link
 * it joins through is printed at the first start only. Sessions survive a restart on that folder.
 */
export async function createDrafts(server: ServerProcess, count: number): Promise<Drafts> {
  const workshop = await createWorkshop(server, count, 'Collaboration tests');
  const documentIds = workshop.groups.map((group) => group.documentId);
  return {
    token: workshop.facilitatorToken,
    documentIds,
    id(index) {
      const documentId = documentIds[index];
      if (!documentId) throw new Error(`only ${documentIds.length} drafts were created`);
      return documentId;
    },
    async signIn(displayName) {
      return (await workshop.participant('facilitator', displayName)).token;
    },
  };
}
