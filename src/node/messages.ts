// Sentences of the Node code that no single runtime owns (src/node/): the administrator reads them in a terminal.

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
    "Pas de fichier .clasp.json : copiez .clasp.json.example en .clasp.json et mettez-y l'identifiant du script (voir docs/google-apps-script.md, « De zéro au premier formulaire reçu »).",
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
