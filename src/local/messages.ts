// What the embedded local runtime says: refusals of a request as a whole, storage failures of its data folder,
// the import and RETEX pages, and the help texts of exported workbooks. The core's rule sentences (fields,
// imports, sheet edits, RETEX) stay in src/domain/messages.ts.
import { quoted as q, shown } from '../domain/messages';

/**
 * Refusals of a request as a whole (a link, a form that expired, a body the server cannot read), shown by the
 * local web pages. Field-level problems use the core's `fr` (src/domain/messages.ts).
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
  applied: (changes: number) => `Import appliqué : ${changes} modification(s) enregistrée(s).`,
  previewExpired: () =>
    `Cet aperçu n'est plus disponible (plus de 30 minutes, ou serveur redémarré) : rien n'a été importé. Importez le fichier à nouveau.`,
  noFile: () => `Aucun fichier reçu : choisissez le classeur .xlsx à importer, puis demandez l'aperçu.`,
  malformedUpload: () =>
    `L'envoi du fichier est incomplet ou mal formé (connexion coupée pendant l'envoi, ou formulaire modifié) : rien n'a été importé. Choisissez à nouveau le classeur, puis demandez l'aperçu.`,
};

/** RETEX in the local runtime (the ARS page, `suivi-mes retex`): generating, downloading, writing the sections. */
export const frRetexPage = {
  pdfUnavailable: 'PDF non produits : LibreOffice (soffice) est introuvable sur cette machine.',
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

/** Help and error texts of the data validation drawn in exported `.xlsx` workbooks. */
export const frSheetValidation = {
  title: 'Valeur refusée',
  list: (label: string) => `${q(label)} : choisissez une valeur de la liste.`,
  integer: (label: string, min: number, max: number) =>
    `${q(label)} : nombre entier de ${min} à ${max} attendu, sans virgule ni espace.`,
  date: (label: string) => `${q(label)} : date attendue, au format JJ/MM/AAAA.`,
};

/** Headings and notices that several local pages share. */
export const frPages = {
  profileTitle: "Profil de l'établissement",
  requiredFields: "Les champs marqués d'un astérisque (*) sont obligatoires.",
  completenessHeading: 'Complétude semaine par semaine',
  cellNotSaved: "La modification n'a pas été enregistrée",
  cellSaved: (label: string, row: string) => `Modification enregistrée : ${q(label)} — ${row}.`,
};
