import { DOCUMENT_FIELD, MessageType } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { nextParticipantId } from './markers';

/**
 * One person typing into their own paragraph of the shared draft (the Tiptap layout: an
 * XmlFragment of paragraph elements holding XmlText). It never applies other people's edits,
 * which keeps a hundred clients in one process cheap, yet every frame it makes is a real Yjs
 * update that a server must integrate.
 */
export class Typist {
  readonly id = nextParticipantId();
  readonly doc = new Y.Doc();
  private paragraphText: Y.XmlText | null = null;
  private lastUpdate: Uint8Array | null = null;
  private edits = 0;

  constructor() {
    this.doc.on('update', (update: Uint8Array) => {
      this.lastUpdate = update;
    });
  }

  /** How many edits this typist has made. */
  get editCount(): number {
    return this.edits;
  }

  /** Appends `content` to this typist's paragraph and returns the y-websocket update frame. */
  type(content: string): Uint8Array {
    this.doc.transact(() => {
      if (this.paragraphText === null) {
        const paragraph = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        paragraph.insert(0, [text]);
        const fragment = this.doc.getXmlFragment(DOCUMENT_FIELD);
        fragment.insert(fragment.length, [paragraph]);
        this.paragraphText = text;
      }
      this.paragraphText.insert(this.paragraphText.length, content);
    });
    const update = this.lastUpdate;
    if (update === null) throw new Error('typing produced no update');
    this.lastUpdate = null;
    this.edits += 1;
    return updateFrame(update);
  }
}

/** Wraps a Yjs update as a y-websocket sync-update message. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
