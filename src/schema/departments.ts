// French départements (sheets-template/departments.json): INSEE code, name and region.
import * as z from 'zod';
import { parseDataFile } from './zod-issues';

export const Department = z.strictObject({
  code: z.string().regex(/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/, 'code INSEE de département attendu'),
  name: z.string().min(1),
  region: z.string().min(1),
});
export type Department = z.infer<typeof Department>;

export const DepartmentsFile = z.strictObject({
  $comment: z.string().optional(),
  departments: z.array(Department).min(1),
});
export type DepartmentsFile = z.infer<typeof DepartmentsFile>;

/** An establishment whose department code is not in the list (said by every reader of the registry). */
export const unknownDepartment = (code: string) => `département inconnu « ${code} »`;

export function parseDepartments(input: unknown, file = 'sheets-template/departments.json'): Department[] {
  return parseDataFile(DepartmentsFile, input, file).departments;
}
