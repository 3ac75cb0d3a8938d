// The ARS-written sections of every RETEX document the registry has today (one per use case, then the
// cross-cutting one), each with its prompt and the text in force: what an ARS page lists for writing, and which
// sections are still to write. Uses the same grouping and the same « latest text wins » rule as the model, so a
// section shown here as written is written in the next document. Pure and synchronous.
import { retexFr } from '../messages';
import { establishmentName, type EstablishmentRecord } from '../model';
import { CROSS_CUTTING_KEY, groupUseCases } from './groups';
import { documentText } from './text';
import { latestSectionText, type RetexSectionText } from './document';
import { arsSections, type RetexDocumentKind, type RetexTemplates } from './template';

export interface RetexSectionEntry {
  id: string;
  title: string;
  /** What the template asks the ARS to write. */
  prompt: string;
  /** The text in force, as saved ('' when none). */
  text: string;
  /** Who saved the text in force, and when (ISO 8601); absent when nothing was ever saved. */
  saved?: { author: string; at: string };
  /** Nothing written yet (or only blanks): the document shows the prompt. */
  toWrite: boolean;
}

export interface RetexTextDocument {
  /** The document key that section texts are saved under. */
  key: string;
  kind: RetexDocumentKind;
  title: string;
  /** Names of the establishments the document covers, in the registry's order. */
  establishments: string[];
  sections: RetexSectionEntry[];
  /** How many sections are still to write. */
  toWrite: number;
}

function distinct(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

function entries(
  texts: readonly RetexSectionText[],
  key: string,
  sections: ReturnType<typeof arsSections>,
): RetexSectionEntry[] {
  return sections.map((s) => {
    const latest = latestSectionText(texts, key, s.id);
    const text = latest?.text ?? '';
    return {
      id: s.id,
      title: s.title,
      prompt: s.prompt,
      text,
      ...(latest ? { saved: { author: latest.author, at: latest.at } } : {}),
      toWrite: documentText(text).trim() === '',
    };
  });
}

/** Every document of a RETEX built from these establishments, with its ARS sections and their texts in force. */
export function retexTextDocuments(
  establishments: readonly EstablishmentRecord[],
  templates: RetexTemplates,
  texts: readonly RetexSectionText[],
): RetexTextDocument[] {
  const useCaseSections = arsSections(templates.useCase);
  const documents: RetexTextDocument[] = groupUseCases(establishments).map((g) => {
    const sections = entries(texts, g.key, useCaseSections);
    return {
      key: g.key,
      kind: 'use-case',
      title: g.title,
      establishments: distinct(g.rows.map((r) => establishmentName(r.establishment))),
      sections,
      toWrite: sections.filter((s) => s.toWrite).length,
    };
  });
  const sections = entries(texts, CROSS_CUTTING_KEY, arsSections(templates.crossCutting));
  documents.push({
    key: CROSS_CUTTING_KEY,
    kind: 'cross-cutting',
    title: retexFr.crossCuttingTitle,
    establishments: distinct(establishments.map(establishmentName)),
    sections,
    toWrite: sections.filter((s) => s.toWrite).length,
  });
  return documents;
}
