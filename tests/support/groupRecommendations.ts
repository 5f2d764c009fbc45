import { DOCUMENT_FIELD, ENDORSEMENTS_FIELD, endorsementKey } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import { type CollabClient, createProvider, waitSynced } from './yClients';

/** A recommendation as a group writes it: the node's attributes and a one-paragraph statement. */
export interface SeedRecommendation {
  id: string;
  text: string;
  audiences: string[];
  priority?: 'high' | 'medium' | 'low';
  status?: 'draft' | 'agreed' | 'contested';
  responsibleBody?: string;
  timeframe?: 'immediate' | 'within_6_months' | 'within_1_2_years' | 'long_term';
  legalReference?: string;
}

/**
 * A group's draft opened by a stock `WebsocketProvider`, writing recommendations the way the
 * editor stores them: a `recommendation` element with its fields as attributes and a paragraph.
 */
export interface DraftWriter {
  readonly client: CollabClient;
  add(recommendation: SeedRecommendation): void;
  /** Inserts `text` into the statement of recommendation `id`, right after `after`. */
  insertText(id: string, after: string, text: string): void;
  /** Deletes recommendation `id` from the draft. */
  remove(id: string): void;
  /** Sets one of recommendation `id`'s fields, as its details panel does. */
  setField(id: string, field: 'priority' | 'status' | 'responsibleBody' | 'timeframe', value: string): void;
  /**
   * Endorsements by other participants, each from their own connection, as their endorse button
   * records them (the server takes an endorsement only under its sender's own id). Resolves once
   * each is written; the server may still be storing it.
   */
  endorse(id: string, endorsers: readonly Endorser[]): Promise<void>;
}

/** Someone who endorses: their session and who the server knows them as. */
export interface Endorser {
  token: string;
  participantId: string;
  name: string;
}

export async function openDraftWriter(wsUrl: string, documentId: string, token: string): Promise<DraftWriter> {
  const client = createProvider(wsUrl, documentId, { token });
  await waitSynced(client);
  const { doc } = client;
  const body = doc.getXmlFragment(DOCUMENT_FIELD);
  const find = (id: string): Y.XmlElement => {
    const found = body
      .toArray()
      .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.getAttribute('id') === id);
    if (!found) throw new Error(`no recommendation ${id} in ${documentId}`);
    return found;
  };
  return {
    client,
    add({ id, text, audiences, priority, status = 'draft', responsibleBody, timeframe, legalReference }) {
      doc.transact(() => {
        const recommendation = new Y.XmlElement('recommendation');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        recommendation.insert(0, [paragraph]);
        body.insert(body.length, [recommendation]);
        // Attributes as the editor's Yjs binding stores them: plain values, the audiences as an array.
        recommendation.setAttribute('id', id);
        recommendation.setAttribute('audiences', audiences as unknown as string);
        if (priority) recommendation.setAttribute('priority', priority);
        recommendation.setAttribute('status', status);
        if (responsibleBody) recommendation.setAttribute('responsibleBody', responsibleBody);
        if (timeframe) recommendation.setAttribute('timeframe', timeframe);
        if (legalReference) recommendation.setAttribute('legalReference', legalReference);
      });
    },
    insertText(id, after, text) {
      const paragraph = find(id).get(0);
      const content = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (!(content instanceof Y.XmlText)) throw new Error(`recommendation ${id} has no text`);
      const at = content.toString().indexOf(after);
      if (at < 0) throw new Error(`"${after}" is not in recommendation ${id}`);
      content.insert(at + after.length, text);
    },
    remove(id) {
      body.delete(body.toArray().indexOf(find(id)), 1);
    },
    setField(id, field, value) {
      find(id).setAttribute(field, value);
    },
    async endorse(id, endorsers) {
      for (const endorser of endorsers) {
        const them = createProvider(wsUrl, documentId, { token: endorser.token });
        await waitSynced(them);
        them.doc.getMap(ENDORSEMENTS_FIELD).set(endorsementKey(id, endorser.participantId), { name: endorser.name });
      }
    },
  };
}
