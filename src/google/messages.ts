// What both Google runtimes (Apps Script and the REST command line) say in the same words: sharing a file,
// republishing a form, naming a RETEX template in Drive, and what Google Docs cannot repeat in a template. Pure:
// bundled into Apps Script.

/** Sharing and forms, as the Journal and the install report say them. */
export const frGoogleShared = {
  shareRefused: (email: string, what: string, reason: string) =>
    `Partage de « ${what} » impossible avec ${email} : ${reason}. Le reste de l'installation continue ; partagez le fichier à la main (avec notification) ou donnez une adresse liée à un compte Google.`,
  noGoogleAccount:
    "aucun compte Google n'est associé à cette adresse (Google n'accepte de la partager qu'avec un e-mail d'invitation, que suivi-mes n'envoie pas)",
  formReopened: (form: string) =>
    `Formulaire « ${form} » republié et rouvert aux réponses (il n'était pas publié ou avait été fermé).`,
  retexTemplateName: (title: string) => `Modèle RETEX — ${title}`,
  responseOfAnotherForm: (label: string, establishment: string, formId: string) =>
    `« ${label} » : une réponse d'un autre formulaire (${formId.slice(0, 60)}) a été lue parmi celles du formulaire de ${establishment} ; elle n'est enregistrée pour aucun établissement.`,
};

/** A RETEX template a Google Docs copy cannot fill (the local .docx renderer has no such limit). */
export const frGoogleTemplate = {
  elementInLoop: (name: string) =>
    `entre {#${name}} et {/${name}}, seuls des paragraphes et des tableaux peuvent être répétés dans un document Google (pas de table des matières ni de saut de section)`,
  loopTableParagraphs: (name: string) =>
    `un tableau répété par {#${name}} doit avoir un seul paragraphe par cellule`,
  loopRowParagraphs: (name: string) =>
    `la ligne de tableau répétée par {#${name}} doit avoir un seul paragraphe par cellule`,
  notRepeatable: (loop: string) =>
    `la boucle « {#${loop}} » contient un élément que Google Docs ne sait pas recopier (saut de page, sommaire…)`,
};

/** What either Google runtime says of a workbook it cannot drive (src/google/workbook-layout.ts). */
export const frWorkbookLayout = {
  modificationsSheet: 'Modifications',
  /** Modifications' header: the change as people read it, then its JSON (workbook-codec.ts modificationRow). */
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

  retexDataSheet: 'RETEX (données)',
  /** Header of a records tab (json-cells.ts): kind, key, part, parts, JSON. */
  recordsTabHeader: ['Type', 'Clé', 'Partie', 'Parties', 'Données (ne pas modifier)'],
  /** Header of Suivi's hidden column holding each row's record (and, on header row 2, the meta cell). */
  suiviRecordColumn: 'Données techniques (ne pas modifier)',
  /** Header of Historique's hidden column holding each version as JSON. */
  historyJsonColumn: 'Version (données techniques)',
  unreadableHidden: (where: string) =>
    `La cellule cachée ${where} du classeur est illisible : elle a été modifiée à la main. Restaurez une version précédente du classeur (Fichier › Historique des versions).`,
  unreadableTab: (tab: string) =>
    `L'onglet caché « ${tab} » du classeur est illisible : il a été modifié à la main. Restaurez une version précédente du classeur (Fichier › Historique des versions).`,
  olderRestLayout: (tab: string) =>
    `Ce classeur a été installé par une ancienne version de « suivi-mes google » : ses données sont dans l'onglet caché « ${tab} », une organisation que le menu Suivi MES ne lit pas. Continuez à le piloter avec « suivi-mes google sync », ou installez le suivi dans un nouveau classeur (menu « Suivi MES › Installer », ou « suivi-mes google install » après avoir retiré google-state.json du dossier de données) : voir docs/classeur-google.md.`,
};
