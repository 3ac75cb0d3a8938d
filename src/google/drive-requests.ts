// Drive API v3 requests as plain HTTP (method, URL, JSON body), for a runtime that has no client library: Apps
// Script sends them with UrlFetchApp.fetchAll, several at once. Pure.

export interface HttpJsonRequest {
  method: 'post' | 'get';
  url: string;
  /** The JSON body (a `get` has none). */
  body?: Record<string, unknown>;
}

const DRIVE_FILES = 'https://www.googleapis.com/drive/v3/files';

/**
 * A copy of `fileId` named `name` in the folder `parentId` (Drive API « Method: files.copy »,
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/files/copy); the answer's `id` is the copy's.
 */
export function driveCopyRequest(fileId: string, name: string, parentId: string): HttpJsonRequest {
  return {
    method: 'post',
    url: `${DRIVE_FILES}/${encodeURIComponent(fileId)}/copy?fields=id&supportsAllDrives=true`,
    body: { name, parents: [parentId] },
  };
}

/**
 * A Google Doc's address, from its id alone (Docs API, « Document »,
 * https://developers.google.com/workspace/docs/api/concepts/document: « The documentId … can be derived from a
 * document's URL … https://docs.google.com/document/d/DOCUMENT_ID/edit »): a copy made by files.copy needs no
 * further call to be linked.
 */
export function googleDocUrl(documentId: string): string {
  return `https://docs.google.com/document/d/${documentId}/edit`;
}
