// What the Google Apps Script runtime says: its menu, alerts, Journal lines and the names of what it creates in
// Drive. The core's rule sentences (fields, imports, sheet edits, RETEX) stay in src/domain/messages.ts.
import { frWorkbookLayout } from '../google/messages';

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
  technicalColumn: frWorkbookLayout.suiviRecordColumn,
  modificationsHeader: frWorkbookLayout.modificationsHeader,
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
  apiFormUnread: (formId: string, establishment: string, code: number) =>
    `Formulaire ${formId} de ${establishment} non lu par l'API Google Forms (code ${code}) : il sera relu à la prochaine lecture.`,
  apiFormsRead: (r: { accepted: number; refused: number; already: number; unread: number }) =>
    `Réponses des formulaires lues : ${r.accepted} enregistrée(s), ${r.refused} refusée(s), ${r.already} déjà connue(s)` +
    (r.unread > 0 ? `, ${r.unread} formulaire(s) illisible(s) (voir le journal d'exécution).` : '.'),
  retexTemplateMissing: (id: string, documentId: string) =>
    `Le modèle RETEX « ${id} » que la configuration indique (google.retexTemplateIds, document ${documentId}) est introuvable ou dans la corbeille.`,
  docsServiceMissing:
    "Le service avancé Google Docs n'est pas activé pour ce script : les documents RETEX ne peuvent pas être remplis. Publiez le script avec son fichier appsscript.json (npm run deploy), ou ajoutez le service « Google Docs API » dans l'éditeur Apps Script (Services).",
  /** Header of a hidden tab of JSON records (json-records-tab.ts): the RETEX and the accompaniment data tabs. */
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
  sheetsApiMissing:
    "Le service avancé « Google Sheets API » n'est pas activé pour ce script : dans l'éditeur Apps Script, menu « Services » › « Google Sheets API » › « Ajouter » (ou redéployez le manifeste appsscript.json du projet), puis relancez.",
  smokeDone: (ok: number, total: number) =>
    `Vérification du comportement de Google : ${ok}/${total} point(s) conforme(s) à ce que l'émulateur suppose. Détail dans l'onglet « Vérification Google ».`,
  smokeSheet: 'Vérification Google',
  smokeOwnerCheck: 'Compte qui lance la vérification = propriétaire du suivi',
  smokeHeader: ['Point vérifié', 'Attendu (émulateur)', 'Observé (Google)', 'Conforme'],
};
