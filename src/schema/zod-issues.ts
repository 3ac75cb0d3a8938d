// Turns zod issues into French sentences that name the field, for people who edit the data files by hand.
// Pure: no Node APIs (the Apps Script bundle validates with the same code).
import type * as z from 'zod';

/** One problem in a data file, with the dotted path of the field and a French explanation. */
export interface FieldProblem {
  path: string;
  message: string;
}

function describeReceived(input: unknown): string {
  if (input === undefined) return 'rien';
  if (input === null) return 'null';
  if (typeof input === 'string') return `« ${input.length > 60 ? `${input.slice(0, 60)}…` : input} »`;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'une liste';
  return 'un objet';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'vrai ou faux',
  array: 'une liste',
  object: 'un objet',
  date: 'une date',
};

// zod's own messages are English and start like this; a message written in a schema (French) is kept as is.
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function frenchMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message) && issue.code !== 'custom')
    return issue.input === undefined
      ? issue.message
      : `${issue.message}, reçu ${describeReceived(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${TYPE_NAMES[issue.expected] ?? issue.expected} attendu, reçu ${describeReceived(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return `au moins ${String(issue.minimum)} caractère(s) attendu(s)`;
      if (issue.origin === 'array') return `au moins ${String(issue.minimum)} élément(s) attendu(s)`;
      return `valeur ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)} attendue, reçu ${describeReceived(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `au plus ${String(issue.maximum)} caractère(s) attendu(s)`;
      if (issue.origin === 'array') return `au plus ${String(issue.maximum)} élément(s) attendu(s)`;
      return `valeur ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)} attendue, reçu ${describeReceived(issue.input)}`;
    case 'invalid_value':
      return `une des valeurs ${issue.values.map((v) => `« ${String(v)} »`).join(', ')} attendue, reçu ${describeReceived(issue.input)}`;
    case 'invalid_format':
      return `format invalide, reçu ${describeReceived(issue.input)}`;
    case 'unrecognized_keys':
      return `champ(s) inconnu(s) : ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return `valeur non reconnue, reçu ${describeReceived(issue.input)}`;
    default:
      return issue.message;
  }
}

/** Flattens a zod error into one problem per issue, with a dotted path (`calendar.start`, `columns[3].label`). */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: frenchMessage(issue),
  }));
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(racine)' : out;
}

/** A data file that does not match its schema. `problems` name each field; `message` lists them for a terminal. */
export class DataFileError extends Error {
  readonly code = 'INVALID_DATA_FILE';
  constructor(
    readonly file: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${file} n'est pas valide :\n${problems.map((p) => `  - ${p.path} : ${p.message}`).join('\n')}`);
    this.name = 'DataFileError';
  }
}

/** Parses with a schema or throws a DataFileError naming the file and every bad field. */
export function parseDataFile<T>(schema: z.ZodType<T>, input: unknown, file: string): T {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new DataFileError(file, problemsFromZod(result.error));
  return result.data;
}
