// The ARS's own text for each section of the RETEX documents, kept in the workbook's « RETEX (données) » tab (RestRetexStore)
// and taken up by every later issue, V1 as VF: listing the sections with what is written, and saving one text
// through the core (saveRetexSectionText: length and patient-data checks). A document is named by its key or by
// the slug its file names use.
import { draftRetex, saveRetexSectionText, type SaveSectionOutcome } from '../../app/build-retex';
import type { AppContext } from '../../app/context';
import type { RetexDocumentModel } from '../../domain/retex/document';
import type { RetexTemplates } from '../../domain/retex/template';
import type { Clock } from '../../ports';
import type { Project } from '../../schema/project';
import type { GoogleContext } from '../context';
import { RestRetexStore } from './rest-retex-store';
import { loadSnapshot, RestStore } from '../rest-store';
import { withWorkbookLock } from '../workbook-lock';
import { type GoogleAdapters } from '../adapters';

export interface RetexSectionRow {
  documentKey: string;
  slug: string;
  title: string;
  sectionId: string;
  sectionTitle: string;
  /** The text in force, '' while the section is still to write. */
  text: string;
}

interface TextInput {
  project: Project;
  spreadsheetId: string;
  templates: RetexTemplates;
  clock: Clock;
}

async function open(adapters: GoogleAdapters, input: TextInput) {
  const store = new RestStore(
    input.project.tracking,
    await loadSnapshot(adapters.sheets, input.spreadsheetId, input.project.tracking),
  );
  const ctx: AppContext = { project: input.project, store, clock: input.clock };
  const retex = new RestRetexStore(store);
  return { store, ctx, retex, documents: draftRetex(ctx, retex, 'V1', input.templates).documents };
}

/** Every section of every RETEX document, with the text in force. */
export async function listRetexSections(
  adapters: GoogleAdapters,
  input: TextInput,
): Promise<RetexSectionRow[]> {
  const { documents } = await open(adapters, input);
  return documents.flatMap((d) =>
    d.sections.map((s) => ({
      documentKey: d.key,
      slug: d.slug,
      title: d.title,
      sectionId: s.id,
      sectionTitle: s.title,
      text: s.text,
    })),
  );
}

export type SaveTextResult =
  | SaveSectionOutcome
  | { status: 'unknownDocument'; known: string[] }
  | { status: 'unknownSection'; document: RetexDocumentModel; known: string[] };

/** Saves the text of one section (holding the workbook's lock), refused as the core refuses it. */
export async function saveGoogleRetexText(
  adapters: GoogleAdapters,
  google: GoogleContext,
  input: TextInput & { document: string; sectionId: string; text: string; author: string },
): Promise<SaveTextResult> {
  return withWorkbookLock(
    adapters.sheets,
    input.spreadsheetId,
    { what: 'suivi-mes google retex-text', now: () => input.clock.now(), timing: google.timing },
    async (): Promise<SaveTextResult> => {
      const { store, ctx, retex, documents } = await open(adapters, input);
      const document = documents.find((d) => d.key === input.document || d.slug === input.document);
      if (!document) return { status: 'unknownDocument', known: documents.map((d) => d.slug) };
      if (!document.sections.some((s) => s.id === input.sectionId))
        return { status: 'unknownSection', document, known: document.sections.map((s) => s.id) };
      const outcome = saveRetexSectionText(ctx, retex, input.templates, {
        documentKey: document.key,
        sectionId: input.sectionId,
        text: input.text,
        author: input.author,
      });
      await store.flush(adapters.sheets);
      return outcome;
    },
  );
}
