// The description of a RETEX template (sheets-template/retex/*.json): the default content from which the .docx
// templates are generated (and the Google Docs ones later), and the ARS sections with their prompts. Pure: the
// caller reads the JSON; this module validates it and derives placeholder names from it.
import * as z from 'zod';
import { counterColumns } from '../columns';
import type { TrackingFile } from '../../schema/tracking-file';
import { DataFileError, parseDataFile, type FieldProblem } from '../../schema/zod-issues';

/** A placeholder name: what goes between braces. Loops are `{#name}…{/name}`, the chart `{@chart}`. */
const Name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'nom en minuscules, chiffres et _ attendu');
/** Text with `{name}` placeholders. */
const Text = z.string();

const Column = z.strictObject({ header: Text, cell: Text });

export type RetexBlock =
  | { type: 'title' | 'subtitle'; text: string }
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string; style?: 'emphasis' | 'note' }
  | { type: 'fields'; rows: Array<[string, string]> }
  | {
      type: 'table';
      loop: string;
      columns: Array<{ header: string; cell: string }>;
      /** Appends one column per cumulative counter of the tracking file (header `{label_<id>}`, cell `{<id>}`). */
      counters?: boolean;
      empty: string;
    }
  | { type: 'arsSection'; id: string; title: string; level?: 1 | 2; prompt: string }
  | { type: 'quotes'; column: string; empty: string }
  | { type: 'quoteList'; loop: string; empty: string }
  | { type: 'chart'; caption: string }
  | { type: 'repeat'; loop: string; blocks: RetexBlock[] };

const Level = z.union([z.literal(1), z.literal(2)]);

export const RetexBlock: z.ZodType<RetexBlock> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.enum(['title', 'subtitle']), text: Text }),
    z.strictObject({ type: z.literal('heading'), level: Level, text: Text }),
    z.strictObject({
      type: z.literal('paragraph'),
      text: Text,
      style: z.enum(['emphasis', 'note']).optional(),
    }),
    z.strictObject({ type: z.literal('fields'), rows: z.array(z.tuple([Text, Text])).min(1) }),
    z.strictObject({
      type: z.literal('table'),
      loop: Name,
      columns: z.array(Column).min(1),
      counters: z.boolean().optional(),
      empty: Text,
    }),
    z.strictObject({
      type: z.literal('arsSection'),
      id: Name,
      title: z.string().min(1),
      level: Level.optional(),
      prompt: z.string().min(1),
    }),
    z.strictObject({ type: z.literal('quotes'), column: Name, empty: Text }),
    z.strictObject({ type: z.literal('quoteList'), loop: Name, empty: Text }),
    z.strictObject({ type: z.literal('chart'), caption: Text }),
    z.strictObject({ type: z.literal('repeat'), loop: Name, blocks: z.array(RetexBlock).min(1) }),
  ]),
);

/** `use-case`: one document per use case; `cross-cutting`: the single document of cross-cutting lessons. */
export const RetexDocumentKind = z.enum(['use-case', 'cross-cutting']);
export type RetexDocumentKind = z.infer<typeof RetexDocumentKind>;

export const RetexTemplateDescription = z.strictObject({
  $comment: z.string().optional(),
  /** The file name (without extension) of the generated template: fiche-cas-usage, fiche-transverse. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: RetexDocumentKind,
  title: z.string().min(1),
  footer: Text,
  blocks: z.array(RetexBlock).min(1),
});
export type RetexTemplateDescription = z.infer<typeof RetexTemplateDescription>;

/** The two descriptions a RETEX needs. */
export interface RetexTemplates {
  useCase: RetexTemplateDescription;
  crossCutting: RetexTemplateDescription;
}

/** An ARS-written section: its id (the placeholder is `section_<id>`), its title and what to write. */
export interface RetexSectionDefinition {
  id: string;
  title: string;
  prompt: string;
}

/** Validates a description and checks it against the tracking file (quoted columns must be free text). */
export function parseRetexTemplateDescription(
  input: unknown,
  file: string,
  kind: RetexDocumentKind,
  tracking: TrackingFile,
): RetexTemplateDescription {
  const description = parseDataFile(RetexTemplateDescription, input, file);
  const problems: FieldProblem[] = [];
  if (description.kind !== kind) problems.push({ path: 'kind', message: `« ${kind} » attendu` });
  for (const id of quotedColumns(description)) {
    const column = tracking.columns.find((c) => c.id === id);
    if (!column || column.type.kind !== 'longText')
      problems.push({
        path: `blocks (quotes « ${id} »)`,
        message: 'colonne de texte libre du fichier de suivi attendue',
      });
  }
  const ids = arsSections(description).map((s) => s.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      problems.push({ path: `blocks (arsSection « ${id} »)`, message: 'identifiant déjà utilisé' });
  });
  if (problems.length > 0) throw new DataFileError(file, problems);
  return description;
}

function walk(blocks: readonly RetexBlock[], visit: (block: RetexBlock) => void): void {
  for (const block of blocks) {
    visit(block);
    if (block.type === 'repeat') walk(block.blocks, visit);
  }
}

/** The ARS sections of a template, in document order. */
export function arsSections(description: RetexTemplateDescription): RetexSectionDefinition[] {
  const out: RetexSectionDefinition[] = [];
  walk(description.blocks, (b) => {
    if (b.type === 'arsSection') out.push({ id: b.id, title: b.title, prompt: b.prompt });
  });
  return out;
}

/** The tracking-file columns whose verbatim text a template quotes (its `quotes` blocks). */
export function quotedColumns(description: RetexTemplateDescription): string[] {
  const out: string[] = [];
  walk(description.blocks, (b) => {
    if (b.type === 'quotes' && !out.includes(b.column)) out.push(b.column);
  });
  return out;
}

const TAG = /\{([#/^@]?)([a-z][a-z0-9_]*)\}/g;

/** Every placeholder name a text uses, loop markers included (without their `#`, `/`, `^`, `@`). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(TAG)].map((m) => m[2] as string);
}

/** The cells a counters table appends: one per cumulative counter, derived from the tracking file. */
export function counterTableColumns(tracking: TrackingFile): Array<{ header: string; cell: string }> {
  return counterColumns(tracking).map((c) => ({ header: `{label_${c.id}}`, cell: `{${c.id}}` }));
}
