// RETEX documents through the REST APIs: Drive files.copy of a template, then Docs batchUpdate — texts replaced
// literally (replaceAllText, never a regex: `$`, `\` and `{{` in user text stay as typed) and tables inserted where
// a placeholder paragraph stands, cells filled from the last to the first so earlier indexes stay valid. The
// content (which placeholders, which tables) is the RETEX model's business; this takes it as plain typed input.
import { randomBytes } from 'node:crypto';
import type { docs_v1 } from '@googleapis/docs';
import type { DocsAdapter } from './docs';
import type { DriveAdapter } from './drive';

/** What to put in one document: `{{key}}` → text, and `{{key}}` paragraphs → tables (first row = header). */
export interface RetexDocInput {
  name: string;
  texts: Readonly<Record<string, string>>;
  tables: Readonly<Record<string, ReadonlyArray<ReadonlyArray<string>>>>;
}

export const placeholder = (key: string) => `{{${key}}}`;

/**
 * replaceAllText requests, in two passes: placeholders become unique markers, then markers become the texts. A text
 * that itself contains `{{other}}` is therefore never substituted by a later request.
 */
export function replaceTextRequests(
  texts: Readonly<Record<string, string>>,
  nonce = randomBytes(6).toString('hex'),
): docs_v1.Schema$Request[] {
  const entries = Object.entries(texts);
  const marker = (i: number) => `\u2063suivi-mes-${nonce}-${i}\u2063`;
  return [
    ...entries.map(([key], i) => ({
      replaceAllText: { containsText: { text: placeholder(key), matchCase: true }, replaceText: marker(i) },
    })),
    ...entries.map(([, value], i) => ({
      replaceAllText: { containsText: { text: marker(i), matchCase: true }, replaceText: value },
    })),
  ];
}

function paragraphText(element: docs_v1.Schema$StructuralElement): string {
  return (element.paragraph?.elements ?? []).map((e) => e.textRun?.content ?? '').join('');
}

/** The body paragraph holding a placeholder, with its indexes. */
export function findPlaceholderParagraph(
  document: docs_v1.Schema$Document,
  key: string,
): { startIndex: number; endIndex: number } | undefined {
  for (const element of document.body?.content ?? [])
    if (element.paragraph && paragraphText(element).includes(placeholder(key)))
      return { startIndex: element.startIndex ?? 0, endIndex: element.endIndex ?? 0 };
  return undefined;
}

/** Removes the placeholder's text (its paragraph stays: a section's last paragraph cannot go) and inserts the table. */
export function tableInsertRequests(
  at: { startIndex: number; endIndex: number },
  rows: ReadonlyArray<ReadonlyArray<string>>,
): docs_v1.Schema$Request[] {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const requests: docs_v1.Schema$Request[] = [];
  if (at.endIndex - 1 > at.startIndex)
    requests.push({
      deleteContentRange: { range: { startIndex: at.startIndex, endIndex: at.endIndex - 1 } },
    });
  requests.push({
    insertTable: { rows: Math.max(1, rows.length), columns, location: { index: at.startIndex } },
  });
  return requests;
}

/** insertText for each non-empty cell of the first table at or after `from`, last cell first. */
export function tableFillRequests(
  document: docs_v1.Schema$Document,
  from: number,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): docs_v1.Schema$Request[] {
  const table = (document.body?.content ?? []).find((e) => e.table && (e.startIndex ?? 0) >= from)?.table;
  const cells: Array<{ index: number; text: string }> = [];
  (table?.tableRows ?? []).forEach((row, r) =>
    (row.tableCells ?? []).forEach((cell, c) => {
      const text = rows[r]?.[c] ?? '';
      const index = cell.content?.[0]?.startIndex;
      if (text !== '' && typeof index === 'number') cells.push({ index, text });
    }),
  );
  return cells
    .sort((a, b) => b.index - a.index)
    .map(({ index, text }) => ({ insertText: { location: { index }, text } }));
}

/** Copies the template, replaces the texts, then inserts and fills each table. Returns the new document. */
export async function buildRetexDocument(
  adapters: { drive: DriveAdapter; docs: DocsAdapter },
  templateId: string,
  input: RetexDocInput,
): Promise<{ documentId: string; url: string }> {
  const copy = await adapters.drive.copy(templateId, input.name);
  await adapters.docs.batchUpdate(copy.id, replaceTextRequests(input.texts));
  for (const [key, rows] of Object.entries(input.tables)) {
    const at = findPlaceholderParagraph(await adapters.docs.get(copy.id), key);
    if (!at) continue;
    await adapters.docs.batchUpdate(copy.id, tableInsertRequests(at, rows));
    await adapters.docs.batchUpdate(
      copy.id,
      tableFillRequests(await adapters.docs.get(copy.id), at.startIndex, rows),
    );
  }
  return {
    documentId: copy.id,
    url: copy.webViewLink ?? `https://docs.google.com/document/d/${copy.id}/edit`,
  };
}
