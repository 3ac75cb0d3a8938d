// The two forms (forms/initialisation.json, forms/weekly.json): which columns each asks, in which sections.
// Pure. Cross-checked against the tracking file so that a form can only ask ES-owned columns of its cadence.
import * as z from 'zod';
import { DataFileError, parseDataFile, type FieldProblem } from './zod-issues';
import type { Cadence, TrackingFile } from './tracking-file';

export const FormItem = z.strictObject({
  column: z.string().min(1),
  help: z.string().min(1),
});
export type FormItem = z.infer<typeof FormItem>;

export const FormSection = z.strictObject({
  title: z.string().min(1),
  description: z.string().optional(),
  items: z.array(FormItem).min(1),
});
export type FormSection = z.infer<typeof FormSection>;

export const FormDefinition = z.strictObject({
  $comment: z.string().optional(),
  id: z.enum(['initialisation', 'weekly']),
  title: z.string().min(1),
  description: z.string().min(1),
  /** Columns shown read-only at the top of the form so the ES knows for whom it answers. */
  identity: z.array(z.string().min(1)),
  sections: z.array(FormSection).min(1),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

const CADENCE_OF_FORM: Record<FormDefinition['id'], Cadence> = { initialisation: 'init', weekly: 'weekly' };

export function parseFormDefinition(input: unknown, tracking: TrackingFile, file: string): FormDefinition {
  const form = parseDataFile(FormDefinition, input, file);
  const problems: FieldProblem[] = [];
  const byId = new Map(tracking.columns.map((c) => [c.id, c]));
  const asked = new Set<string>();
  form.identity.forEach((id, i) => {
    if (!byId.has(id)) problems.push({ path: `identity[${i}]`, message: `colonne inconnue « ${id} »` });
  });
  form.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      const path = `sections[${s}].items[${i}].column`;
      const col = byId.get(item.column);
      if (!col) return problems.push({ path, message: `colonne inconnue « ${item.column} »` });
      if (col.owner !== 'es')
        problems.push({
          path,
          message: `« ${col.label} » n'est pas une colonne de l'ES (propriétaire : ${col.owner})`,
        });
      if (col.cadence !== CADENCE_OF_FORM[form.id])
        problems.push({
          path,
          message: `« ${col.label} » est à renseigner « ${col.cadence} », pas dans le formulaire « ${form.id} »`,
        });
      if (asked.has(item.column)) problems.push({ path, message: `« ${col.label} » est déjà demandée` });
      asked.add(item.column);
    }),
  );
  if (form.id === 'weekly') {
    for (const col of tracking.columns) {
      if (col.owner === 'es' && col.cadence === 'weekly' && !asked.has(col.id))
        problems.push({
          path: 'sections',
          message: `la colonne hebdomadaire de l'ES « ${col.label} » n'est demandée nulle part`,
        });
    }
  }
  if (problems.length > 0) throw new DataFileError(file, problems);
  return form;
}
