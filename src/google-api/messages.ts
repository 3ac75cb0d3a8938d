// What the Google REST command line (`suivi-mes google …`) says: the Google errors it explains, its login, and what
// install, sync and retex report. What Apps Script says in the same words is in src/google/messages.ts.

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
  retexFolderName: (pilot: string) => `RETEX — ${pilot}`,
  retexChartName: (fileBase: string) => `Graphique — ${fileBase}.png`,
  retexChartNotInserted: (url: string) =>
    `[Graphique à insérer : Google n'a pas pu placer l'image ici (le partage par lien est peut-être interdit dans votre ` +
    `domaine). Insérez-la depuis Drive (Insertion › Image › Drive) : ${url}]`,
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
  workbookLocked: (what: string, holder: string, until: string) =>
    `Le classeur est occupé par une autre commande (${what}, sur ${holder}) : relancez quand elle aura fini. ` +
    `Si elle a été interrompue, son verrou tombe de lui-même le ${until}.`,
  syncSummary: (r: {
    accepted: number;
    refused: number;
    alreadyIngested: number;
    formsUpdated: number;
    sheetEdits: { saved: number; restored: number };
    scriptForms?: number;
  }) =>
    [
      `${r.accepted} déclaration(s) enregistrée(s), ${r.refused} refusée(s) (voir l’onglet Journal)`,
      (r.scriptForms ?? 0) > 0
        ? `${r.scriptForms} formulaire(s) du script Apps Script non lu(s) ici (leurs réponses vont dans un onglet de réponses, que le script lit)`
        : '',
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
