// Import previews kept between the preview page and its confirmation: in memory, bound to the link that uploaded
// the file, few and short-lived (a preview of a large file is large). A server restart forgets them: the page then
// asks to upload the file again, and nothing was written meanwhile (previewImport writes nothing).
import crypto from 'node:crypto';
import type { ImportPreview } from '../../app/import-workbook';

const MAX_PREVIEWS = 8;
const TTL_MS = 30 * 60 * 1000;

interface Kept {
  preview: ImportPreview;
  linkId: string;
  fileName: string;
  at: number;
}

export class ImportPreviews {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly now: () => number = Date.now) {}

  keep(linkId: string, fileName: string, preview: ImportPreview): string {
    this.expire();
    while (this.kept.size >= MAX_PREVIEWS) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    const id = crypto.randomUUID();
    this.kept.set(id, { preview, linkId, fileName, at: this.now() });
    return id;
  }

  /** The preview, only for the link that made it. */
  get(id: string, linkId: string): { preview: ImportPreview; fileName: string } | undefined {
    this.expire();
    const kept = this.kept.get(id);
    return kept && kept.linkId === linkId ? { preview: kept.preview, fileName: kept.fileName } : undefined;
  }

  /** Forgets a preview once applied (or cancelled), so it cannot be applied twice. */
  drop(id: string): void {
    this.kept.delete(id);
  }

  private expire(): void {
    const limit = this.now() - TTL_MS;
    for (const [id, kept] of this.kept) if (kept.at < limit) this.kept.delete(id);
  }
}
