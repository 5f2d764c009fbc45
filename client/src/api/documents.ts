import { DocumentInfo } from '@plenary/shared/api';
import { getWithOfflineCopy } from './offlineCache';

/** What a document is and whether the caller may write it now; the last copy when offline. */
export const getDocumentInfo = (documentId: string) =>
  getWithOfflineCopy(`/api/documents/${encodeURIComponent(documentId)}`, DocumentInfo);
