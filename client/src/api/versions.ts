import { RestoreResult, Version, VersionComparison, VersionContent, VersionList } from '@plenary/shared/api';
import { apiRequest } from './http';

const base = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/versions`;

export const listVersions = async (documentId: string) =>
  (await apiRequest('GET', base(documentId), VersionList)).versions;

export const nameVersion = (documentId: string, name: string) =>
  apiRequest('POST', base(documentId), Version, { name });

export const getVersion = (documentId: string, versionId: string) =>
  apiRequest('GET', `${base(documentId)}/${encodeURIComponent(versionId)}`, VersionContent);

/** `to` is a version id, or 'now' for the document as it is. */
export const compareVersions = (documentId: string, from: string, to: string) =>
  apiRequest(
    'GET',
    `${base(documentId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    VersionComparison,
  );

export const restoreVersion = (documentId: string, versionId: string) =>
  apiRequest('POST', `${base(documentId)}/${encodeURIComponent(versionId)}/restore`, RestoreResult);

export const deleteVersion = (documentId: string, versionId: string) =>
  apiRequest('DELETE', `${base(documentId)}/${encodeURIComponent(versionId)}`, null);
