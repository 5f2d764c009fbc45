import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { recordedNames } from '../domain/authorship';
import { type ExtractedRecommendation, extractRecommendations } from '../domain/recommendations';
import { AUTHORS_FIELD, DOCUMENT_FIELD, ENDORSEMENTS_FIELD, POSITIONS_FIELD } from '../protocol/documentId';

/**
 * Extraction straight from a Yjs document: the body read schema-less (so a malformed block from an
 * old client is normalised rather than thrown on), plus the endorsements and positions maps.
 */
export function extractRecommendationsFromYDoc(doc: Y.Doc): ExtractedRecommendation[] {
  const body = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD));
  return extractRecommendations(body, {
    endorsements: doc.getMap(ENDORSEMENTS_FIELD).entries(),
    positions: doc.getMap(POSITIONS_FIELD).entries(),
    names: recordedNames(doc.getMap(AUTHORS_FIELD).entries()),
  });
}
