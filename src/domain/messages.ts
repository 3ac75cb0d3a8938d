// Every sentence a user reads about a refused or doubtful value, built from a code and the column's verbatim
// label. One place, so an ES reads the same words in a Google Form, on the local page and in the Journal. Pure.
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

const q = (label: string) => `« ${label} »`;

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

/** Help and error texts of the data validation drawn in exported `.xlsx` workbooks. */
export const frSheetValidation = {
  title: 'Valeur refusée',
  list: (label: string) => `${q(label)} : choisissez une valeur de la liste.`,
  integer: (label: string, min: number, max: number) =>
    `${q(label)} : nombre entier de ${min} à ${max} attendu, sans virgule ni espace.`,
  date: (label: string) => `${q(label)} : date attendue, au format JJ/MM/AAAA.`,
};

export function fieldError(field: string, code: ErrorCode, message: string, details: string): FieldError {
  return { field, code, message, details };
}

/** Sentences of the Google REST command line (`suivi-mes google …`): errors it explains and what it reports. */
const frGoogleBase = {
  notAuthorized: (call: string, detail: string) =>
    `Google refuse l'accès (${call}) : ${detail}. Vérifiez que le compte connecté (suivi-mes google whoami) a accès au fichier et que l'API est activée dans le projet Google Cloud.`,
  notFound: (call: string, detail: string) =>
    `Google ne trouve pas la ressource demandée (${call}) : ${detail}. Le fichier a peut-être été supprimé, ou il n'a pas été créé par cette application (accès « drive.file »).`,
  retriesExhausted: (call: string, status: number, attempts: number) =>
    `Google est indisponible ou limite le débit (${call}, HTTP ${status}) après ${attempts} tentatives. Rien n'a été perdu : relancez la commande plus tard.`,
  badReply: (call: string) =>
    `Réponse inattendue de Google (${call}) : la commande s'arrête sans rien écrire de plus.`,
  unreadableRecord: (where: string) =>
    `La ligne ${where} de l'onglet caché « Données » est illisible : elle a été modifiée à la main. Restaurez une version précédente du classeur (Fichier › Historique des versions).`,
  missingTab: (name: string) =>
    `L'onglet « ${name} » est absent du classeur : lancez d'abord « suivi-mes google install ».`,
};

/** Sentences of `suivi-mes google login|logout|whoami` and the credential files. */
export const frGoogleAuth = {
  unreadableFile: (what: string, file: string) => `Fichier ${what} illisible : ${file}.`,
  badClientFile: (file: string, web: boolean) =>
    web
      ? `${file} décrit un client OAuth de type « Application Web ». Créez un client de type « Application de bureau » (Desktop) dans la console Google Cloud et téléchargez son JSON.`
      : `${file} n'est pas le JSON d'un client OAuth « Application de bureau » (attendu : { "installed": { "client_id", "client_secret" } }).`,
  badServiceAccountFile: (file: string) =>
    `${file} n'est pas une clé de compte de service (attendu : "type": "service_account", "client_email", "private_key").`,
  subjectRequired: () =>
    `--service-account demande --subject ADRESSE : le compte Workspace pour lequel le compte de service agit (délégation au niveau du domaine).`,
  noCredentials: () =>
    `Aucune connexion Google : lancez « suivi-mes google login --client-secret client_secret.json », ou passez --service-account FICHIER --subject ADRESSE.`,
  loginTimeout: () =>
    `Connexion abandonnée : aucune réponse du navigateur dans le délai. Relancez « suivi-mes google login ».`,
  loginStateMismatch: () =>
    `Connexion refusée : la réponse reçue ne correspond pas à cette demande de connexion. Relancez « suivi-mes google login ».`,
  loginDenied: () => `Connexion refusée dans le navigateur : aucun accès n'a été accordé.`,
  noRefreshToken: () =>
    `Google n'a pas renvoyé de jeton de rafraîchissement. Retirez l'accès de « suivi-mes » dans votre compte Google (Sécurité › Applications tierces) puis relancez la connexion.`,
  loginPageDone: () => `Connexion réussie. Vous pouvez fermer cet onglet et revenir au terminal.`,
  loginPageFailed: () => `La connexion a échoué. Revenez au terminal pour en voir la raison.`,
  loginExchangeFailed: (detail: string) =>
    `Google a refusé d'échanger l'autorisation contre un jeton (${detail}) : rien n'a été enregistré. Vérifiez le fichier du client OAuth, puis relancez « suivi-mes google login ».`,
};

/** What `suivi-mes google install|sync|retex` report. */
export const frGoogleRun = {
  notInstalled: (dataDir: string) =>
    `Aucun classeur Google pour ce dossier de données (${dataDir}) : lancez d'abord « suivi-mes google install ».`,
  partialWorkbook: (id: string) =>
    `Le classeur ${id} contient une partie seulement des onglets de suivi-mes : il n'est pas redessiné. Vérifiez-le, ou supprimez ${'google-state.json'} du dossier de données pour en créer un nouveau.`,
  accessGranted: (email: string, what: string, role: 'writer' | 'reader') =>
    `Accès ${role === 'writer' ? 'en modification' : 'en lecture'} donné à ${email} (${what}), sans e-mail d'invitation.`,
  shareRefused: (email: string, what: string, reason: string) =>
    `Partage de « ${what} » impossible avec ${email} : ${reason}. Le reste de l'installation continue ; partagez le fichier à la main (avec notification) ou donnez une adresse liée à un compte Google.`,
  noGoogleAccount:
    "aucun compte Google n'est associé à cette adresse (Google n'accepte de la partager qu'avec un e-mail d'invitation, que suivi-mes n'envoie pas)",
  formReopened: (form: string) =>
    `Formulaire « ${form} » republié et rouvert aux réponses (il n'était pas publié ou avait été fermé).`,
  formRecreated: (form: string) =>
    `Formulaire « ${form} » introuvable (supprimé ?) : un nouveau formulaire a été créé et publié ; son lien est dans l'onglet « Établissements ».`,
  accessWithdrawn: (email: string, what: string) =>
    `Accès retiré à ${email} (${what}) : cette adresse n'est plus dans la configuration.`,
  protectionsReconciled: (count: number) =>
    `${count} protection(s) du classeur remise(s) en accord avec la configuration (adresses de chaque rôle).`,
  accessSummary: (
    granted: readonly string[],
    withdrawn: readonly string[],
    protections: number,
    refused: readonly string[] = [],
  ) =>
    [
      granted.length > 0 ? `accès donné à ${granted.join(', ')}` : '',
      refused.length > 0 ? `partage impossible (aucun compte Google) avec ${refused.join(', ')}` : '',
      withdrawn.length > 0 ? `accès retiré à ${withdrawn.join(', ')}` : '',
      protections > 0 ? `${protections} protection(s) remise(s) en accord avec la configuration` : '',
    ]
      .filter((part) => part !== '')
      .join(' ; '),
  retexFolder: (url: string, imported: number) =>
    `Dossier RETEX : ${url}${imported > 0 ? ` (${imported} modèle(s) importé(s) depuis les .docx)` : ''}`,
  retexTemplatesImported: (count: number) =>
    `${count} modèle(s) RETEX importé(s) comme documents Google dans le dossier RETEX (modifiables dans Google Docs).`,
  retexTextSaved: (section: string, document: string) =>
    `Texte de « ${section} » enregistré pour ${document}.`,
  retexTextRefused: (errors: readonly string[]) => `Texte refusé : ${errors.join(' ')}`,
  retexDocumentUnknown: (given: string, known: readonly string[]) =>
    `Document RETEX inconnu : « ${given} ». Documents : ${known.join(' ; ')}.`,
  retexSectionUnknown: (given: string, known: readonly string[]) =>
    `Section inconnue : « ${given} ». Sections de ce document : ${known.join(', ')}.`,
  retexTextMissing: 'Indiquez le texte avec --file FICHIER (UTF-8) ou --text "…".',
  retexChartPlaceholder:
    "graphique non inséré : un paragraphe marqué indique où l'insérer et donne le lien de l'image dans le dossier RETEX",
  responseOfAnotherForm: (label: string, establishment: string, formId: string) =>
    `« ${label} » : une réponse d'un autre formulaire (${formId.slice(0, 60)}) a été lue parmi celles du formulaire de ${establishment} ; elle n'est enregistrée pour aucun établissement.`,
  workbookLocked: (what: string, holder: string, until: string) =>
    `Le classeur est occupé par une autre commande (${what}, sur ${holder}) : relancez quand elle aura fini. ` +
    `Si elle a été interrompue, son verrou tombe de lui-même le ${until}.`,
  syncSummary: (r: {
    accepted: number;
    refused: number;
    alreadyIngested: number;
    formsUpdated: number;
    sheetEdits: { saved: number; restored: number };
  }) =>
    [
      `${r.accepted} déclaration(s) enregistrée(s), ${r.refused} refusée(s) (voir l’onglet Journal)`,
      r.alreadyIngested > 0 ? `${r.alreadyIngested} déjà présente(s)` : '',
      r.formsUpdated > 0 ? `${r.formsUpdated} formulaire(s) mis à jour` : '',
      r.sheetEdits.saved > 0 ? `${r.sheetEdits.saved} modification(s) de la feuille enregistrée(s)` : '',
      r.sheetEdits.restored > 0
        ? `${r.sheetEdits.restored} modification(s) de la feuille annulée(s) (voir l’onglet Journal)`
        : '',
    ]
      .filter((part) => part !== '')
      .join(', ') + '.',
  limitations: {
    itemValidation:
      "Les formulaires créés par l'API Google Forms ne peuvent pas porter de validation (entier, « au moins la valeur de la semaine précédente ») : chaque réponse est vérifiée à la synchronisation, et un refus est inscrit dans l'onglet Journal avec sa raison.",
    formDestination:
      "L'API ne peut pas relier un formulaire à une feuille de réponses : « suivi-mes google sync » lit les réponses directement dans Google Forms.",
    triggers:
      "L'API ne crée pas de déclencheur : lancez « suivi-mes google sync » à la main, avec --watch, ou depuis une tâche planifiée (cron).",
  },
};

export const frGoogle = { ...frGoogleBase, ...frGoogleAuth, ...frGoogleRun };

/** What either Google runtime says of a workbook it cannot drive (src/google/workbook-layout.ts). */
export const frWorkbookLayout = {
  unreadableHidden: (where: string) =>
    `La cellule cachée ${where} du classeur est illisible : elle a été modifiée à la main. Restaurez une version précédente du classeur (Fichier › Historique des versions).`,
  olderRestLayout: (tab: string) =>
    `Ce classeur a été installé par une ancienne version de « suivi-mes google » : ses données sont dans l'onglet caché « ${tab} », une organisation que le menu Suivi MES ne lit pas. Continuez à le piloter avec « suivi-mes google sync », ou installez le suivi dans un nouveau classeur (menu « Suivi MES › Installer », ou « suivi-mes google install » après avoir retiré google-state.json du dossier de données) : voir docs/classeur-google.md.`,
};
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
  unknownMilestone: (raw: string) => `« --version » : ${shown(raw)} n'est pas un jalon ; V1 ou VF attendu.`,
  pdfUnavailable: 'PDF non produits : LibreOffice (soffice) est introuvable sur cette machine.',
  chartNotInserted: (url: string) =>
    `[Graphique à insérer : Google n'a pas pu placer l'image ici (le partage par lien est peut-être interdit dans votre ` +
    `domaine). Insérez-la depuis Drive (Insertion › Image › Drive) : ${url}]`,
  googleFolder: (pilot: string) => `RETEX — ${pilot}`,
  googleTemplateName: (template: string) => `Modèle RETEX — ${template}`,
  googleChartName: (fileBase: string) => `Graphique — ${fileBase}.png`,
  loopNotClosed: (name: string) => `la boucle {#${name}} n'a pas de fin {/${name}}`,
  loopNotOpened: (name: string) => `la fin {/${name}} n'a pas de début {#${name}}`,
  chartInLoop: 'le graphique {@chart} ne peut pas être répété dans une boucle',
  tableInLoop: (name: string) =>
    `un tableau entre {#${name}} et {/${name}} ne peut pas être répété dans un document Google : mettez la boucle dans une ligne du tableau`,
  loopRowParagraphs: (name: string) =>
    `la ligne de tableau répétée par {#${name}} doit avoir un seul paragraphe par cellule`,
  unknownPlaceholders: (template: string, names: readonly string[]) =>
    `Balise(s) inconnue(s) dans ${template}, laissée(s) vide(s) : ${names.map((n) => `{${n}}`).join(', ')}.`,
  chartWeek: (week: number) => `S${week}`,
  chartWeekColumn: 'Semaine',
  notRepeatable: (loop: string) =>
    `la boucle « {#${loop}} » contient un élément que Google Docs ne sait pas recopier (saut de page, sommaire…)`,
};

// ---------------------------------------------------------------------------------------------------------------
// The Google Apps Script runtime: its menu, alerts, Journal lines and the names of what it creates in Drive.

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** 10000000 → « 10 000 000 » (no Intl: the Apps Script bundle does without it). */
function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export const frAppsScript = {
  menuTitle: 'Suivi MES',
  menu: {
    install: 'Installer / ajouter les nouveaux établissements',
    refreshSummary: 'Actualiser la synthèse',
    weeklyTick: 'Récupérer les réponses manquantes, mettre à jour les formulaires, relancer',
    sendReminders: 'Envoyer les relances maintenant',
    retexV1: 'Générer le RETEX V1',
    retexVF: 'Générer le RETEX VF',
    smoke: 'Vérifier le comportement de Google (test sur des fichiers jetables)',
    access: 'Qui peut utiliser ce menu ?',
    accompaniment: "Préparer l'accompagnement (binômes, points de suivi)",
    committee: 'Comité de suivi du mois',
  },
  ownerOnly: (owner: string | null, me: string) =>
    owner === null && me === ''
      ? "Google ne communique pas l'adresse de votre compte : le suivi ne peut pas savoir qui vous êtes. Rien n'a été modifié."
      : `Action réservée à ${owner ?? 'la personne qui a installé le suivi'} : le suivi, ses déclencheurs et ses fichiers appartiennent à ce compte${me === '' ? '' : `, pas à ${me}`}. Rien n'a été modifié. Demandez-lui de lancer cette action.`,
  accessInfo: (owner: string | null) =>
    `Ce suivi est administré par ${owner ?? "la personne qui l'a installé"} : seul ce compte peut installer, actualiser la synthèse, relancer, générer le RETEX ou vérifier Google. Vos saisies dans vos colonnes de « Suivi » et dans « Textes RETEX » sont enregistrées automatiquement, sans menu.`,
  technicalColumn: 'Données techniques (ne pas modifier)',
  historyJsonColumn: 'Version (données techniques)',
  modificationsSheet: 'Modifications',
  modificationsHeader: [
    'Horodatage',
    'Auteur',
    'Rôle',
    'Portée',
    'Cible',
    'Colonne',
    'Ancienne valeur',
    'Nouvelle valeur',
    'Origine',
    'Données techniques',
  ],
  folderName: (pilot: string) => `${pilot} — formulaires et réponses`,
  responsesSpreadsheet: (pilot: string) => `${pilot} — réponses brutes des formulaires (ne pas modifier)`,
  masterCellsHigh: (cells: number, limit: number) =>
    `Le classeur de suivi compte ${groupDigits(cells)} cellules, vides comprises ; Google refuse d'en dépasser ${groupDigits(limit)}. Archivez l'onglet « Historique » des saisons passées dans un autre classeur (voir docs/limites-cellules.md).`,
  responsesSpreadsheetPart: (pilot: string, part: number) =>
    `${pilot} — réponses brutes des formulaires, partie ${part} (ne pas modifier)`,
  responsesTab: (form: 'weekly' | 'initialisation', establishment: string) =>
    `${form === 'weekly' ? 'Hebdo' : 'Init'} — ${establishment}`.slice(0, 90),
  templateFileName: (title: string) => `Modèle (ne pas modifier) — ${title}`,
  formFileName: (title: string, establishmentId: string) => `${title} [${establishmentId}]`,
  formAuthor: (establishment: string) => `Formulaire de ${establishment}`,
  initialisationForm: "le formulaire d'initialisation",
  confirmation:
    'Merci, votre déclaration a bien été envoyée. Si elle ne peut pas être enregistrée, vous recevrez un e-mail expliquant pourquoi.',
  installDone: (establishments: number, forms: number) =>
    `Installation terminée : ${plural(establishments, 'établissement', 'établissements')}, ${plural(forms, 'formulaire', 'formulaires')}. Les liens sont dans l'onglet « Établissements ».`,
  installContinues: (done: number, total: number) =>
    `Installation en cours : ${done}/${total} établissement(s) prêts. Elle reprend d'elle-même dans une minute (limite de 6 minutes par exécution de Google) ; rien à faire.`,
  installBusy:
    "Une autre opération du suivi est en cours (installation, réception d'une déclaration). Réessayez dans une minute.",
  installStep: (step: string) => `Installation : ${step}.`,
  formNotPublished: (form: string) =>
    `Le formulaire « ${form} » n'a pas pu être publié et ouvert aux réponses : ouvrez-le dans Google Forms, cliquez sur « Publier », puis relancez « Installer ».`,
  formRecreated: (form: string) =>
    `Formulaire « ${form} » introuvable (supprimé ?) : un nouveau formulaire a été créé, publié et relié aux réponses ; son nouveau lien est dans l'onglet « Établissements ».`,
  formMissing: (form: string) =>
    `Formulaire « ${form} » introuvable (supprimé ?) : relancez « Installer / ajouter les nouveaux établissements » pour le recréer.`,
  responsesTabLate: (form: string) =>
    `L'onglet des réponses du formulaire « ${form} » n'est pas encore visible dans le classeur des réponses : l'installation reprendra dans une minute.`,
  registryRowRefused: (details: string) =>
    `Nouvelles lignes de l'onglet « Établissements » non prises en compte : ${details}`,
  registryEditIgnored:
    "Modification d'un établissement déjà installé dans l'onglet « Établissements » : elle n'est pas reportée automatiquement (seules les nouvelles lignes le sont, avec « Installer / ajouter les nouveaux établissements »).",
  reconciled: (count: number) =>
    count === 0
      ? 'Réconciliation : toutes les réponses aux formulaires avaient été traitées.'
      : `Réconciliation : ${plural(count, 'réponse récupérée', 'réponses récupérées')} qui n'avai${count > 1 ? 'en' : ''}t pas été traitée${count > 1 ? 's' : ''} à l'envoi.`,
  editsReconciled: (count: number) =>
    `Rapprochement : ${plural(count, 'modification de cellule retrouvée', 'modifications de cellules retrouvées')} dans « Suivi » sans avoir été enregistrée${count > 1 ? 's' : ''} (auteur inconnu).`,
  lockBusyLeft:
    'Verrou occupé : la réponse est notée et sera enregistrée dans les minutes qui viennent (au plus tard par la réconciliation hebdomadaire).',
  unknownResponseTab: (tab: string) =>
    `Réponse reçue dans l'onglet « ${tab} » du classeur des réponses, qui n'appartient à aucun établissement : ignorée.`,
  formsUpdated: (forms: number) =>
    `Formulaires mis à jour pour la semaine (${plural(forms, 'formulaire modifié', 'formulaires modifiés')}).`,
  reminderSent: (kind: string, to: number, subject: string) =>
    `E-mail « ${kind} » envoyé à ${plural(to, 'destinataire', 'destinataires')} : ${subject}`,
  reminderSkipped: (establishment: string, reason: 'no-contact' | 'quota') =>
    reason === 'no-contact'
      ? `${establishment} : pas de relance, aucun référent ES avec une adresse e-mail.`
      : `${establishment} : pas de relance, quota quotidien d'e-mails de Google atteint.`,
  reminderNotSent: (kind: string, establishment: string, reason: string) =>
    `E-mail « ${kind} »${establishment === '' ? '' : ` pour ${establishment}`} non envoyé : quota quotidien d'e-mails de Google atteint ou envoi refusé par Google (${reason.slice(0, 120)}).`,
  remindersToContinue: (mails: number, week: string) =>
    `Relances de ${week} : ${plural(mails, 'e-mail envoyé', 'e-mails envoyés')} pour l'instant (limite de 6 minutes par exécution de Google). Cliquez à nouveau sur « Envoyer les relances maintenant » pour envoyer la suite : aucun e-mail ne part deux fois.`,
  remindersAlreadySent: (week: string) => `Relances de ${week} déjà envoyées : rien n'a été renvoyé.`,
  remindersNothingDue: 'Aucune semaine échue : pas de relance à envoyer.',
  remindersDone: (mails: number, week: string) =>
    `Relances de ${week} : ${plural(mails, 'e-mail envoyé', 'e-mails envoyés')}.`,
  refusalMailSent: (establishment: string) => `E-mail de refus envoyé au référent de ${establishment}.`,
  refusalMailImpossible: (establishment: string) =>
    `${establishment} : e-mail de refus non envoyé (aucun référent avec une adresse, ou quota d'e-mails atteint).`,
  editReverted: (label: string) =>
    `La valeur saisie dans « ${label} » a été refusée et la cellule remise à sa valeur précédente (voir le Journal).`,
  summaryRefreshed: 'Synthèse actualisée.',
  retexTemplateName: (title: string) => `Modèle RETEX — ${title}`,
  retexTemplateMissing: (id: string, documentId: string) =>
    `Le modèle RETEX « ${id} » que la configuration indique (google.retexTemplateIds, document ${documentId}) est introuvable ou dans la corbeille.`,
  retexDataSheet: 'RETEX (données)',
  retexDataHeader: ['Type', 'Clé', 'Partie', 'Parties', 'Données (ne pas modifier)'],
  retexTextsSheet: 'Textes RETEX',
  retexTextsHeader: [
    'Document',
    'Section',
    'Consigne',
    "Texte de l'ARS / SESAN (à saisir ici)",
    'État',
    'Document (identifiant technique)',
    'Section (identifiant technique)',
  ],
  retexReconciliationAuthor: '(texte retrouvé avant la génération du RETEX)',
  retexTextOrphan:
    "Ce document n'est plus dans le RETEX (parcours ou cas d'usage modifié depuis) : le texte est conservé ici pour mémoire.",
  retexTextSaved: (at: string, author: string) => `Enregistré le ${at} par ${author}.`,
  retexTextRefused: (reason: string) => `Refusé : ${reason} Le texte précédent a été remis.`,
  retexTextRoleRefused: (author: string) =>
    `Refusé : seuls l'ARS / SESAN et l'administrateur du suivi écrivent ces textes (${author}). Le texte précédent a été remis.`,
  retexDocumentCreated: (label: string, title: string, url: string) =>
    `RETEX ${label} — « ${title} » : ${url}`,
  retexDone: (label: string, documents: number, folderUrl: string) =>
    `RETEX ${label} : ${plural(documents, 'document Google Docs créé', 'documents Google Docs créés')} dans le dossier ${folderUrl} (liens au Journal).`,
  retexUpToDate: (sentence: string, folderUrl: string) =>
    `${sentence} Ses documents sont dans le dossier ${folderUrl} (liens au Journal).`,
  retexContinues: (done: number, total: number) =>
    `RETEX en cours : ${done}/${total} document(s) créé(s). La suite reprend d'elle-même dans une minute (limite de 6 minutes par exécution de Google) ; rien à faire.`,
  notInstalled: "Le suivi n'est pas encore installé : utilisez d'abord le menu « Suivi MES › Installer ».",
  smokeDone: (ok: number, total: number) =>
    `Vérification du comportement de Google : ${ok}/${total} point(s) conforme(s) à ce que l'émulateur suppose. Détail dans l'onglet « Vérification Google ».`,
  smokeSheet: 'Vérification Google',
  smokeOwnerCheck: 'Compte qui lance la vérification = propriétaire du suivi',
  smokeHeader: ['Point vérifié', 'Attendu (émulateur)', 'Observé (Google)', 'Conforme'],
};

/** `npm run smoke:google`: what the administrator reads when the check runs, or cannot run, through clasp. */
export const frSmokeGoogle = {
  verdict: { conforms: 'conforme', differs: 'DIFFÉRENT', measured: 'mesure' } as const,
  line: (verdict: string, name: string, expected: string, observed: string) =>
    `${verdict.padEnd(10)} ${name} — attendu : ${expected} ; observé : ${observed}`,
  summary: (conforms: number, differs: number) =>
    `\n${conforms} conforme(s), ${differs} différent(s). Le détail est aussi dans l'onglet « Vérification Google » du classeur.`,
  allConform: 'Vérification réussie : Google se comporte comme l’émulateur le suppose.',
  someDiffer:
    'Vérification en échec : au moins un point diffère de ce que l’émulateur suppose (lignes DIFFÉRENT ci-dessus). Transmettez ce résultat aux développeurs avant le pilote.',
  noClaspJson:
    "Pas de fichier .clasp.json : copiez .clasp.json.example en .clasp.json et mettez-y l'identifiant du script (voir le README, « Google Workspace (Apps Script) »).",
  claspMissing: (detail: string) =>
    `clasp est introuvable (${detail}) : lancez « npm ci » dans le dossier du dépôt, puis recommencez.`,
  notLoggedIn:
    "clasp n'est connecté à aucun compte Google : lancez « npx clasp login --creds client_secret.json --use-project-scopes » avec le compte propriétaire du script (voir docs/google-admin.md, « Lancer la vérification en ligne de commande »).",
  notApiExecutable:
    "Google ne trouve pas la fonction smokeGoogle : le script n'est pas déployé comme « exécutable d'API » ou le manifeste n'a pas été envoyé (npm run deploy). Voir docs/google-admin.md.",
  noPermission:
    "Google refuse d'exécuter le script : le projet Google Cloud du script n'est pas celui du client OAuth de clasp, l'API Apps Script n'y est pas activée, ou la connexion clasp n'a pas les autorisations du script (--use-project-scopes). Voir docs/google-admin.md.",
  claspFailed: (status: string) => `\`clasp run-function smokeGoogle\` n'a pas abouti (${status}) :`,
  timedOut: (minutes: number) =>
    `clasp n'a pas répondu en ${minutes} minutes : la vérification est arrêtée, sans résultat.`,
  scriptThrew: (message: string) =>
    `Le script s'est arrêté sur une erreur pendant la vérification : ${message}`,
  unreadable: (reason: string) =>
    `Réponse de clasp illisible (${reason}) : impossible de dire si Google est conforme. Sortie reçue :`,
  menuFallback:
    'Faites la même vérification depuis le classeur : menu « Suivi MES › Vérifier le comportement de Google », puis lisez l’onglet « Vérification Google » (colonne « Conforme » : NON = Google diffère de l’émulateur).',
};

/**
 * Refusals of a request as a whole (a link, a form that expired, a body the server cannot read), shown by the
 * local web pages. Field-level problems use `fr` above.
 */
export const frRequest = {
  unknownLink: () =>
    `Ce lien d'accès n'est pas reconnu. Vérifiez qu'il a été copié en entier, ou demandez votre lien à votre binôme ARS / SESAN.`,
  tooManyUnknownLinks: (minutes: number) =>
    `Trop de liens d'accès inconnus ont été essayés depuis votre adresse : par sécurité, aucun lien n'est ouvert depuis celle-ci pendant ${minutes === 1 ? '1 minute' : `${minutes} minutes`}. Vérifiez que le lien a été copié en entier, puis réessayez ; en cas de doute, demandez votre lien à votre binôme ARS / SESAN.`,
  revokedLink: (date: string) =>
    `Ce lien d'accès a été remplacé le ${date} : il ne donne plus accès au suivi. Utilisez le nouveau lien que vous avez reçu, ou demandez-le à votre binôme ARS / SESAN.`,
  csrf: () =>
    `Ce formulaire a expiré ou n'a pas été envoyé depuis une page de ce site : rien n'a été enregistré. Rechargez la page, puis envoyez-le à nouveau.`,
  bodyTooLarge: (maxKiB: number) =>
    `L'envoi dépasse la taille autorisée (${maxKiB} Kio) : rien n'a été enregistré. Raccourcissez les textes saisis.`,
  wrongContentType: (expected: string) =>
    `Type de contenu non accepté : cette adresse attend un envoi « ${expected} » (formulaire de la page). Rien n'a été enregistré.`,
  malformedForm: (problems: string) =>
    `Le formulaire reçu est incomplet ou a été modifié (${problems}) : rien n'a été enregistré. Rechargez la page et recommencez.`,
  notFound: () =>
    `Cette page n'existe pas. Vérifiez l'adresse, ou repartez du lien d'accès que vous avez reçu.`,
  badAddress: () =>
    `Cette adresse n'est pas valide. Vérifiez-la, ou repartez du lien d'accès que vous avez reçu.`,
  serverError: () =>
    `L'opération n'a pas abouti à cause d'une erreur du serveur. Réessayez dans un instant ; si le problème persiste, prévenez votre binôme ARS / SESAN.`,
  duplicateSubmission: () =>
    `Cette déclaration avait déjà été reçue : elle n'a pas été enregistrée une seconde fois.`,
  nothingChanged: () => `Aucune valeur n'a été modifiée : il n'y a rien à corriger.`,
  noReferent: (establishment: string) =>
    `${establishment} n'a pas de référent ES avec une adresse e-mail : complétez le « Contact référent ES » avant de relancer.`,
};

/**
 * The embedded runtime's data folder refuses a write (a full disk, a folder that became read-only): SQLite rolled the
 * transaction back, so nothing was half-written. Shown on the page of the request, and by the command that opens
 * the folder.
 */
export const frStorage = {
  full: () =>
    `Le disque du serveur est plein : rien n'a été enregistré. Prévenez la personne qui administre le serveur ; une fois de la place libérée, renvoyez votre saisie.`,
  readOnly: () =>
    `Le dossier de données du serveur n'accepte plus d'écriture : rien n'a été enregistré. Prévenez la personne qui administre le serveur, puis renvoyez votre saisie.`,
  folderFull: (dir: string) =>
    `Le disque qui contient le dossier de données « ${dir} » est plein : rien n'a été modifié. Libérez de la place, puis relancez la commande.`,
  folderNotCreated: (dir: string, detail: string) =>
    `Le dossier de données « ${dir} » n'a pas pu être créé (${detail}) : vérifiez le chemin et les droits d'écriture sur le dossier qui le contient, ou choisissez un autre dossier avec --data.`,
  folderReadOnly: (dir: string, detail: string) =>
    `Le dossier de données « ${dir} » n'est pas accessible en écriture (${detail}) : rien n'a été modifié. Donnez les droits d'écriture à l'utilisateur qui lance suivi-mes, ou choisissez un autre dossier avec --data.`,
  busy: () =>
    `Le dossier de données est occupé par une autre opération (un import, une sauvegarde, un autre serveur) depuis trop longtemps : rien n'a été enregistré. Renvoyez votre saisie dans un moment.`,
  folderBusy: (dir: string) =>
    `Le dossier de données « ${dir} » est resté occupé par un autre programme (le serveur, un import, une sauvegarde) : rien n'a été modifié. Relancez la commande dans un moment ; si cela persiste, vérifiez qu'aucune commande n'est bloquée.`,
  /** The folder the server was started on was deleted, moved or replaced while it ran (see local/db/folder-identity.ts). */
  folderGone: () =>
    `Le dossier de données du serveur a été supprimé, déplacé ou remplacé pendant qu'il fonctionnait : rien n'a été enregistré et plus rien ne le sera. Prévenez la personne qui administre le serveur : elle doit remettre le dossier en place (ou restaurer une sauvegarde) puis redémarrer le serveur.`,
};

/** Refusals around an import of the local pages (the file itself is judged by `frImport`). */
export const frImportRequest = {
  previewExpired: () =>
    `Cet aperçu n'est plus disponible (plus de 30 minutes, ou serveur redémarré) : rien n'a été importé. Importez le fichier à nouveau.`,
  noFile: () => `Aucun fichier reçu : choisissez le classeur .xlsx à importer, puis demandez l'aperçu.`,
  malformedUpload: () =>
    `L'envoi du fichier est incomplet ou mal formé (connexion coupée pendant l'envoi, ou formulaire modifié) : rien n'a été importé. Choisissez à nouveau le classeur, puis demandez l'aperçu.`,
};

/** RETEX in the local runtime (the ARS page, `suivi-mes retex`): generating, downloading, writing the sections. */
export const frRetexPage = {
  milestoneMissing: () => `« Jalon » : choisissez V1 (version intermédiaire) ou VF (version finale).`,
  pdfConverted: (count: number) => `${count} PDF produit(s) avec LibreOffice.`,
  pdfFailed: (detail: string) =>
    `PDF non produits : la conversion par LibreOffice a échoué (${detail.split('\n')[0]?.slice(0, 200) ?? ''}). ` +
    `Les documents Word (.docx) sont écrits ; relancez la génération pour réessayer les PDF.`,
  filesMissing: (label: string, count: number) =>
    `${count} fichier(s) de la version ${label} manquent dans le dossier de données (supprimés à la main, ou ` +
    `version émise par une ancienne installation) : « Écrire les fichiers manquants » les recrée depuis ` +
    `l'instantané figé de la version, jamais depuis des données plus récentes.`,
  filesRestored: (label: string, count: number) =>
    count === 0
      ? `Tous les fichiers de la version ${label} étaient déjà là : rien n'a été réécrit.`
      : `${count} fichier(s) de la version ${label} écrit(s) depuis son instantané figé.`,
  unknownVersion: (label: string) => `La version ${shown(label)} n'a pas été émise.`,
  generationFailed: (problem: string) => `Le RETEX n'a pas pu être produit : ${problem}`,
  textsSaved: (count: number) =>
    count === 0
      ? 'Aucun texte modifié : rien à enregistrer.'
      : `${count} section(s) enregistrée(s) : elles seront reprises à chaque prochaine génération, V1 comme VF.`,
  textsRefused: () =>
    "Aucun texte n'a été enregistré : corrigez les sections signalées, votre saisie est conservée ci-dessous.",
  journalTexts: (document: string, sections: readonly string[]) =>
    `Textes RETEX enregistrés — ${document} : ${sections.join(' ; ')}.`,
  unknownDocument: () =>
    "Ce document RETEX n'existe pas (ou plus) : repartez de la liste des documents de la page RETEX.",
};
