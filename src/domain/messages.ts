// Every sentence a user reads about a refused or doubtful value, built from a code and the column's verbatim
// label. One place, so an ES reads the same words in a Google Form, on the local page and in the Journal. Pure.
// Only the core's rules speak here (fields, imports, sheet edits, RETEX); what a runtime says about itself (a
// command's flags, an HTTP refusal, the Apps Script menu) is in that runtime's messages.ts (test/guards/user-text).
import { safeText, sliceWhole } from './safe-text';

export type ErrorCode =
  | 'REQUIRED'
  | 'NOT_AN_INTEGER'
  | 'INTEGER_TOO_SMALL'
  | 'INTEGER_TOO_LARGE'
  | 'TEXT_TOO_LONG'
  | 'CONTROL_CHARACTERS'
  | 'NOT_A_DATE'
  | 'DATE_IN_FUTURE'
  | 'DATE_OUTSIDE_PILOT'
  | 'DATE_BEFORE'
  | 'NOT_AN_OPTION'
  | 'NOT_A_DEPARTMENT'
  | 'INVALID_EMAIL'
  | 'INVALID_PHONE'
  | 'TOO_MANY_ENTRIES'
  | 'NOT_A_LIST'
  | 'PATIENT_IDENTIFIER'
  | 'PATIENT_BIRTH_DATE'
  | 'COUNTER_DECREASED'
  | 'COUNTER_ABOVE_NEXT_WEEK'
  | 'WEEK_INVALID'
  | 'WEEK_OUTSIDE_PILOT'
  | 'WEEK_IN_FUTURE'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_USE_CASE'
  | 'UNKNOWN_ESTABLISHMENT'
  | 'COLUMN_NOT_OWNED'
  | 'CORRECTION_NOT_ALLOWED'
  | 'REASON_REQUIRED'
  | 'NOTHING_TO_CORRECT'
  | 'STALE_WRITE';

/** A refusal: `field` is a column id (or `week`, `use_case_id`, `reason`), `message` the French sentence. */
export interface FieldError {
  field: string;
  code: ErrorCode;
  message: string;
  /** English, for logs and the Journal's details column. */
  details: string;
}

export type WarningCode = string;

/** A doubt that does not block: stored with the report and shown to the ARS. */
export interface SoftWarning {
  code: WarningCode;
  message: string;
}

/** A column label or a name as the messages quote it. */
export const quoted = (label: string) => `« ${label} »`;
const q = quoted;

/**
 * Input quoted in a message (and so in the Journal, then in every export): on one line, cut at `max` without
 * splitting a character, and what no file may carry shown as « � » (safe-text.ts).
 */
export function shown(value: string, max = 40): string {
  const oneLine = safeText(value.replace(/[\r\n\t]+/g, ' '));
  return `« ${oneLine.length > max ? `${sliceWhole(oneLine, max)}…` : oneLine} »`;
}

/** French sentences by code. `label` is the column's verbatim label (or a field's French name). */
export const fr = {
  required: (label: string) => `${q(label)} : ce champ est obligatoire.`,
  notAnInteger: (label: string, raw: string) =>
    `${q(label)} : nombre entier positif ou nul attendu, sans signe, virgule ni espace (reçu ${shown(raw)}).`,
  integerTooSmall: (label: string, value: number, min: number) =>
    `${q(label)} : ${value} est inférieur au minimum (${min}).`,
  integerTooLarge: (label: string, value: number | string, max: number) =>
    `${q(label)} : ${value} dépasse le maximum autorisé (${max}).`,
  textTooLong: (label: string, length: number, max: number) =>
    `${q(label)} : ${length} caractères, au plus ${max} sont acceptés.`,
  controlCharacters: (label: string) =>
    `${q(label)} : le texte contient des caractères de contrôle invisibles ou non valides ; retapez-le.`,
  notADate: (label: string, raw: string) =>
    `${q(label)} : date attendue au format JJ/MM/AAAA (reçu ${shown(raw)}).`,
  dateInFuture: (label: string, date: string) => `${q(label)} : le ${date} est dans le futur.`,
  dateOutsidePilot: (label: string, date: string, start: string, end: string) =>
    `${q(label)} : le ${date} est en dehors de l'expérimentation (du ${start} au ${end}).`,
  dateBefore: (label: string, date: string, otherLabel: string, other: string) =>
    `${q(label)} : le ${date} est antérieur à ${q(otherLabel)} (${other}).`,
  dateBeforeWeek: (label: string, date: string, week: string) =>
    `${q(label)} : le ${date} est antérieur au début de la semaine déclarée (${week}).`,
  notAnOption: (label: string, raw: string, options: readonly string[]) =>
    `${q(label)} : ${shown(raw)} n'est pas une valeur possible. Valeurs possibles : ${options.join(' ; ')}.`,
  notADepartment: (label: string, raw: string) =>
    `${q(label)} : code de département attendu (ex. 75, 2A, 971) (reçu ${shown(raw)}).`,
  invalidEmail: (label: string, field: string, raw: string) =>
    `${q(label)} : ${field.toLowerCase()} invalide (reçu ${shown(raw)}) ; adresse de la forme nom@domaine.fr attendue.`,
  invalidPhone: (label: string, field: string, raw: string) =>
    `${q(label)} : ${field.toLowerCase()} invalide (reçu ${shown(raw)}) ; numéro français attendu (ex. 01 23 45 67 89 ou +33 1 23 45 67 89).`,
  recordFieldRequired: (label: string, field: string, index: number, multiple: boolean) =>
    `${q(label)} : ${field.toLowerCase()} obligatoire${multiple ? ` (contact n° ${index + 1})` : ''}.`,
  tooManyEntries: (label: string, count: number, max: number) =>
    `${q(label)} : ${count} entrées, au plus ${max} sont acceptées.`,
  notAList: (label: string) => `${q(label)} : une seule valeur attendue.`,
  patientIdentifier: (label: string) =>
    `${q(label)} : le texte contient une suite de 13 à 15 chiffres qui ressemble à un numéro de sécurité sociale ou à un INS. Le suivi ne contient que des chiffres agrégés : retirez toute donnée de patient.`,
  patientBirthDate: (label: string) =>
    `${q(label)} : le texte semble associer une personne et une date de naissance. Le suivi ne contient que des chiffres agrégés : retirez toute donnée de patient.`,
  counterDecreased: (label: string, value: number, previous: number, previousWeek: string) =>
    `${q(label)} : ${value} est inférieur à la valeur de la semaine précédente (${previous}, déclarée pour ${previousWeek}). Un cumul ne peut pas diminuer ; pour corriger une erreur passée, contactez votre binôme ARS / SESAN.`,
  counterAboveNextWeek: (label: string, value: number, next: number, nextWeek: string) =>
    `${q(label)} : ${value} dépasse la valeur déjà déclarée pour une semaine suivante (${next}, ${nextWeek}). Un cumul ne peut pas diminuer d'une semaine à l'autre.`,
  weekInvalid: (raw: string) =>
    `« Semaine » : semaine attendue au format AAAA-Sss, par exemple 2022-W23 (reçu ${shown(raw)}).`,
  weekOutsidePilot: (week: string, first: string, last: string) =>
    `« Semaine » : ${week} est en dehors de l'expérimentation (de ${first} à ${last}).`,
  weekInFuture: (week: string) => `« Semaine » : ${week} n'a pas encore commencé.`,
  unknownColumn: (id: string) => `Colonne inconnue ${shown(id)}.`,
  unknownRow: (key: string) => `Ligne de suivi inconnue ${shown(key)}.`,
  changesThroughForm: (label: string) => `${q(label)} se modifie par le formulaire de l'établissement.`,
  notInThisForm: (label: string) => `${q(label)} : cette colonne ne se remplit pas dans ce formulaire.`,
  unknownField: (field: string) =>
    `Champ inattendu ${shown(field)} : il ne fait pas partie de ce formulaire.`,
  unknownEstablishment: (label: string, raw: string) =>
    `${q(label)} : ${shown(raw)} est inconnu ; le lien utilisé n'est plus valable, demandez-en un nouveau à votre binôme ARS / SESAN.`,
  unknownUseCase: (raw: string) =>
    `« Cas d'usages » : ${shown(raw)} n'est pas un cas d'usage de votre établissement.`,
  columnNotOwned: (label: string, ownerLegend: string) =>
    `${q(label)} : cette colonne est réservée (« ${ownerLegend} »).`,
  correctionNotAllowed: (label: string) =>
    `${q(label)} : seule l'ARS / SESAN peut corriger une valeur déclarée par l'établissement.`,
  reasonRequired: () =>
    `« Motif de la correction » : indiquez pourquoi la valeur est corrigée (au moins 5 caractères).`,
  nothingToCorrect: (week: string) => `Aucune déclaration n'existe pour ${week} : il n'y a rien à corriger.`,
  staleWrite: (changed: readonly { label: string; text: string }[]) =>
    `Pendant votre saisie, ${changed.length > 1 ? 'ces valeurs ont changé' : 'cette valeur a changé'} : ${changed.map((c) => `${q(c.label)} (maintenant ${c.text === '' ? 'vide' : shown(c.text, 60)})`).join(', ')}. Rien n'a été enregistré, pour ne pas effacer cette modification : le formulaire montre maintenant les valeurs actuelles ; refaites votre modification si elle reste utile.`,
  staleBasisMissing: () =>
    `Ce formulaire ne dit pas sur quelles valeurs il a été rempli (page trop ancienne ?) : rien n'a été enregistré. Le formulaire montre maintenant les valeurs actuelles ; refaites votre modification.`,
};

/** What is said about a cell typed directly in the master spreadsheet (not through a form nor the grid). */
export const frSheetEdits = {
  /**
   * The author recorded when Google does not say who typed a value: always through the Sheets REST API, and in Apps
   * Script outside a Workspace domain or when the weekly reconciliation finds an edit no trigger recorded. One text
   * for both Google runtimes.
   */
  unknownAuthor: 'saisie dans la feuille (auteur non communiqué par Google)',
  /** `esColumn`: the column is the establishment's, which changes only through its form or an ARS correction. */
  restored: (label: string, row: string, value: string, esColumn = false) =>
    `Modification directe de ${q(label)} (${row}) annulée dans l'onglet Suivi : la valeur enregistrée ${value === '' ? '(vide)' : shown(value, 80)} a été remise dans la cellule.${esColumn ? " Les colonnes de l'établissement ne changent que par son formulaire, ou par une correction de l'ARS / SESAN avec un motif (gardée dans l'historique)." : ''}`,
};

/** Why an uploaded workbook, one of its rows or one of its cells is not imported. */
export type ImportCode =
  | 'FILE_TOO_LARGE'
  | 'FILE_NOT_XLSX'
  | 'FILE_ENCRYPTED'
  | 'FILE_DAMAGED'
  | 'FILE_TOO_EXPANDED'
  | 'SHEET_NOT_FOUND'
  | 'SHEET_TOO_LARGE'
  | 'UNKNOWN_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'IDENTITY_COLUMN_MISSING'
  | 'COLUMN_MISSING'
  | 'COLUMN_UNLABELLED'
  | 'ROW_NOT_FOUND'
  | 'ROW_KEY_UNKNOWN'
  | 'ROW_KEY_MISMATCH'
  | 'ROW_DUPLICATE'
  | 'FORMULA_IN_CELL'
  | 'ERROR_IN_CELL'
  | 'RECORD_FORMAT'
  | 'ES_VALUE_BY_FORM'
  | 'VALUE_CONFLICT'
  | 'ROLE_MISMATCH'
  | 'PREVIEW_OUTDATED'
  | 'EXPORT_INSTANT_MISSING';

const list = (labels: readonly string[]) => labels.map(q).join(', ');

/** French sentences about an uploaded workbook (`.xlsx` import). `row` is the sheet's row number, from 1. */
export const frImport = {
  fileTooLarge: (megabytes: string, max: number) =>
    `Le fichier pèse ${megabytes} Mo ; au plus ${max} Mo sont acceptés. Importez le classeur du suivi seul, sans images ni pièces jointes.`,
  notXlsx: () =>
    `Ce fichier n'est pas un classeur Excel .xlsx. Dans votre tableur, choisissez « Enregistrer sous » › « Classeur Excel (.xlsx) », puis importez ce fichier.`,
  encrypted: () =>
    `Ce classeur est protégé par un mot de passe (ou enregistré dans l'ancien format .xls) : enregistrez-le sans mot de passe au format .xlsx, puis importez-le.`,
  damaged: () =>
    `Le classeur est endommagé ou incomplet (fichier tronqué pendant le téléchargement ?) : il ne peut pas être lu. Enregistrez-le à nouveau depuis votre tableur, puis importez-le.`,
  tooExpanded: (what: string) =>
    `Le classeur est anormalement volumineux une fois décompressé (${what}) : il est refusé par précaution. Importez le classeur du suivi seul.`,
  sheetNotFound: (examples: readonly string[]) =>
    `Aucune feuille ne ressemble au fichier de suivi : les libellés des colonnes (par exemple ${list(examples)}) doivent figurer, à l'identique, dans l'une des 10 premières lignes.`,
  sheetTooLarge: (sheet: string, rows: number, columns: number, maxRows: number, maxColumns: number) =>
    `La feuille ${q(sheet)} compte ${rows} lignes et ${columns} colonnes ; le fichier de suivi en accepte au plus ${maxRows} et ${maxColumns}. Supprimez les lignes et colonnes en trop.`,
  unknownColumn: (column: string, label: string, suggestion: string | undefined) =>
    `Colonne ${column} : ${shown(label, 80)} ne fait pas partie du fichier de suivi.${suggestion ? ` S'il s'agit de ${q(suggestion)}, rendez-lui son libellé exact.` : ''} Retirez-la ou corrigez son libellé : rien n'a été importé.`,
  duplicateColumn: (label: string, columns: readonly string[]) =>
    `La colonne ${q(label)} apparaît plusieurs fois (colonnes ${columns.join(', ')}) : gardez-en une seule.`,
  identityColumnMissing: (missing: readonly string[], keyLabel: string) =>
    `Colonnes absentes, nécessaires pour reconnaître les lignes : ${list(missing)}. Sans la colonne ${q(keyLabel)}, chaque ligne est reconnue par son établissement, son parcours et son cas d'usage.`,
  columnsMissing: (missing: readonly string[]) =>
    `Colonnes absentes du fichier, laissées inchangées : ${list(missing)}.`,
  columnUnlabelled: (column: string) =>
    `Colonne ${column} : des valeurs sans libellé dans la ligne d'en-tête ; elles sont ignorées.`,
  rowNotFound: (row: number, establishment: string) =>
    `Ligne ${row} : ${shown(establishment, 60)} avec ce parcours et ce cas d'usage ne correspond à aucune ligne du suivi ; l'import ne crée pas de ligne (ajoutez l'établissement au registre).`,
  rowKeyUnknown: (row: number, key: string) =>
    `Ligne ${row} : la clé ${shown(key, 60)} ne correspond à aucune ligne du suivi ; l'import ne crée pas de ligne.`,
  rowKeyMismatch: (row: number, keyLabel: string) =>
    `Ligne ${row} : ni l'établissement ni le parcours ne correspondent à la ligne désignée par la colonne ${q(keyLabel)} ; cette clé a-t-elle été modifiée ? Ligne ignorée.`,
  rowDuplicate: (row: number, first: number) =>
    `Ligne ${row} : même établissement et même cas d'usage que la ligne ${first} ; elle est ignorée.`,
  formulaInCell: (label: string) =>
    `${q(label)} : la cellule contient une formule ; saisissez la valeur elle-même (une formule n'est jamais importée).`,
  errorInCell: (label: string, error: string) =>
    `${q(label)} : la cellule contient une erreur de calcul (${error}) ; saisissez une valeur.`,
  recordFormat: (label: string, fields: readonly string[], separator: string, raw: string) =>
    `${q(label)} : une ligne par contact, ${fields.length} champs séparés par « ${separator} » dans cet ordre : ${fields.join(', ')} (reçu ${shown(raw, 60)}).`,
  esValueByForm: (label: string) =>
    `${q(label)} : valeur déclarée par l'établissement ; elle ne change que par son formulaire, ou par une correction de l'ARS / SESAN avec un motif, gardée dans l'historique. Modification non importée.`,
  valueConflict: (label: string, rows: readonly number[]) =>
    `${q(label)} : les lignes ${rows.join(' et ')} du même établissement donnent des valeurs différentes ; laissez la même valeur sur chaque ligne.`,
  roleMismatch: () => `Cet aperçu a été préparé pour un autre rôle : relancez l'import.`,
  previewOutdated: (label: string, title: string) =>
    `${q(label)} de ${shown(title, 60)} a changé depuis l'aperçu : rien n'a été importé. Relancez l'import pour voir l'aperçu à jour.`,
  journalSummary: (applied: number, refused: number, leftAside = 0) =>
    `Import d'un classeur .xlsx : ${applied} modification(s) appliquée(s), ${refused} refusée(s)${leftAside > 0 ? `, ${leftAside} écartée(s) car modifiée(s) depuis l'export` : ''}.`,
  exportInstantMissing: () =>
    `Ce classeur ne dit pas quand il a été exporté (export d'une version antérieure, ou autre fichier) : une valeur modifiée en ligne depuis ne peut pas être repérée. Vérifiez chaque modification ci-dessous, ou exportez à nouveau le fichier.`,
  setApartReason: (by: string, at: string) =>
    `Modifiée en ligne par ${by} le ${at}, après l'export de ce fichier : le fichier peut contenir l'ancienne valeur. Non appliquée, sauf si vous la cochez.`,
  journalAborted: (reason: string) => `Import d'un classeur .xlsx annulé, rien n'a été modifié : ${reason}`,
};

export function fieldError(field: string, code: ErrorCode, message: string, details: string): FieldError {
  return { field, code, message, details };
}

/** The sentences a RETEX document composes from the data (headings and prompts are in the templates). */
export const retexFr = {
  prompt: (prompt: string) => `▶ À rédiger par l'ARS / SESAN : ${prompt}`,
  milestoneLabel: { V1: 'Version intermédiaire (V1)', VF: 'Version finale (VF)' } as const,
  noneToWrite: 'aucune',
  authorsMissing: "à compléter par l'ARS / SESAN",
  notReported: '—',
  crossCuttingTitle: 'Enseignements transverses',
  pathwayToConfirm: (establishment: string) => `${establishment} — parcours à confirmer`,
  weekLabel: (first: number, last: number) =>
    first === last ? `semaine ${first}` : `semaines ${first} à ${last}`,
  weeksSpan: (first: string, last: string) => (first === last ? first : `${first} à ${last}`),
  dataBasis: (reports: number, weeks: string, until: string, annotations: number) =>
    `Établi à partir de ${reports} déclaration(s) hebdomadaire(s) des semaines ${weeks} et de ${annotations} ` +
    `saisie(s) de l'ARS / SESAN, reçues jusqu'au ${until}.`,
  dataBasisShort: (lastWeek: string, until: string) => `données jusqu'à ${lastWeek}, reçues au ${until}`,
  noData: 'aucune déclaration',
  counterText: (label: string, value: number) => `${label} : ${value}`,
  issueUnchanged: (label: string) =>
    `Aucune donnée ni aucun texte nouveau depuis la version ${label} : elle reste la version en vigueur.`,
  issueCreated: (label: string, previous: string | null) =>
    previous ? `Nouvelle version ${label} (remplace ${previous}, conservée).` : `Version ${label} émise.`,
  journalIssued: (label: string, documents: number) => `RETEX ${label} émis : ${documents} document(s).`,
  noChart: 'Aucune déclaration hebdomadaire à représenter pour le moment.',
  chartAlt: (title: string) => `Progression hebdomadaire des indicateurs cumulés — ${title}`,
  templateInvalid: (template: string, problems: readonly string[]) =>
    `Le modèle RETEX ${template} ne peut pas être rempli : ${problems.join(' ; ')}. Vérifiez que chaque balise ` +
    `{nom} est écrite d'un seul tenant, sur une seule ligne, et que chaque {#boucle} a sa fin {/boucle}.`,
  loopNotClosed: (name: string) => `la boucle {#${name}} n'a pas de fin {/${name}}`,
  loopNotOpened: (name: string) => `la fin {/${name}} n'a pas de début {#${name}}`,
  chartInLoop: 'le graphique {@chart} ne peut pas être répété dans une boucle',
  unknownPlaceholders: (template: string, names: readonly string[]) =>
    `Balise(s) inconnue(s) dans ${template}, laissée(s) vide(s) : ${names.map((n) => `{${n}}`).join(', ')}.`,
  chartWeek: (week: number) => `S${week}`,
  chartWeekColumn: 'Semaine',
};
