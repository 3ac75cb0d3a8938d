// The Docs API adapter: read a document's structure, apply a batch of requests (replaceAllText, insertTable,
// insertText…). Paced under the 60 writes/min/user quota. Decides nothing.
import { docs, type docs_v1 } from '@googleapis/docs';
import { clientOptions, type GoogleContext } from './context';
import { callWithRetry } from './retry';

export class DocsAdapter {
  private readonly api: docs_v1.Docs;
  constructor(private readonly ctx: GoogleContext) {
    this.api = docs({ version: 'v1', ...clientOptions(ctx) });
  }

  async get(documentId: string): Promise<docs_v1.Schema$Document> {
    const res = await callWithRetry(
      'documents.get',
      () => this.api.documents.get({ documentId }),
      this.ctx.retry,
      this.ctx.timing,
    );
    return res.data;
  }

  async batchUpdate(
    documentId: string,
    requests: docs_v1.Schema$Request[],
  ): Promise<docs_v1.Schema$BatchUpdateDocumentResponse> {
    if (requests.length === 0) return { documentId, replies: [] };
    const res = await callWithRetry(
      'documents.batchUpdate',
      async () => {
        await this.ctx.pacers.docs.take();
        return this.api.documents.batchUpdate({ documentId, requestBody: { requests } });
      },
      this.ctx.retry,
      this.ctx.timing,
    );
    return res.data;
  }
}
