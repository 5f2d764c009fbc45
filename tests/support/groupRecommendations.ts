import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import { type CollabClient, createProvider, waitSynced } from './yClients';

/** A recommendation as a group writes it: the node's attributes and a one-paragraph statement. */
export interface SeedRecommendation {
  id: string;
  text: string;
  audiences: string[];
  priority?: 'high' | 'medium' | 'low';
  status?: 'draft' | 'agreed' | 'contested';
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
  /** Endorsements by made-up participants, as the endorse button records them. */
  endorse(id: string, names: string[]): void;
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
    add({ id, text, audiences, priority, status = 'draft' }) {
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
    endorse(id, names) {
      const endorsements = doc.getMap('endorsements');
      doc.transact(() => {
        for (const [index, name] of names.entries()) endorsements.set(`${id}/seed-${index}`, { name });
      });
    },
  };
}
