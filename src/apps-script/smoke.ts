// smokeGoogle: checks, on a real account, the Google behaviours the offline emulator assumes and this runtime
// relies on — on throwaway files (a spreadsheet, a form, a document, a property) created and trashed here, never
// on the pilot's data — and measures a few call latencies next to the model's. The report goes to a « Vérification
// Google » tab and the Journal. The same checks run on the emulator in the tests, where they must all pass: a difference on a
// real account is a difference between the emulator and Google.
import { forceTextForSheets } from '../domain/cell-text';
import { frAppsScript } from '../domain/messages';
import type { GasForm, GasSpreadsheet } from './gas-api';
import { LATENCY_TABLE, type CallClass } from './latency-model';
import { parseTimestamp } from './responses';
import { literalReplacement, re2Literal } from './retex-doc-fill';
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import { HANDLERS } from './triggers';

export interface SmokeCheck {
  name: string;
  expected: string;
  observed: string;
  /** Null for a measurement (informative, not a pass or fail). */
  ok: boolean | null;
}

export interface SmokeReport {
  checks: SmokeCheck[];
  passed: number;
  failed: number;
}

const SCRATCH = 'suivi-mes — vérification (fichier jetable)';

function attempt(fn: () => unknown): string {
  try {
    return `ok: ${String(fn())}`;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function runSmokeChecks(rt: Runtime): SmokeReport {
  const {
    SpreadsheetApp,
    FormApp,
    DriveApp,
    DocumentApp,
    Charts,
    ScriptApp,
    LockService,
    PropertiesService,
    MailApp,
    Session,
    Utilities,
  } = rt.services;
  const checks: SmokeCheck[] = [];
  const check = (name: string, expected: string, observed: string, ok: boolean) =>
    checks.push({ name, expected, observed, ok });
  const timed = <T>(name: string, kind: CallClass, fn: () => T): T => {
    const start = rt.clock.now().getTime();
    const value = fn();
    const ms = rt.clock.now().getTime() - start;
    checks.push({
      name: `Durée : ${name}`,
      expected: `${LATENCY_TABLE[kind].ms} ms (modèle)`,
      observed: `${ms} ms`,
      ok: null,
    });
    return value;
  };
  const trash: string[] = [];
  let ss: GasSpreadsheet | undefined;
  let form: GasForm | undefined;
  try {
    ss = timed('SpreadsheetApp.create', 'create-file', () => SpreadsheetApp.create(SCRATCH));
    trash.push(ss.getId());
    ss.setSpreadsheetLocale('fr_FR');
    ss.setSpreadsheetTimeZone('Europe/Paris');
    const sheet = ss.getSheets()[0];
    if (!sheet) throw new Error('A new spreadsheet has no sheet');

    check('Feuille vide : getLastRow()', '0', String(sheet.getLastRow()), sheet.getLastRow() === 0);
    const a1 = sheet.getRange(1, 1, 1, 1).getA1Notation();
    check('Coordonnées à partir de 1 : getRange(1, 1)', 'A1', a1, a1 === 'A1');
    const wrongSize = attempt(() => sheet.getRange(1, 1, 1, 1).setValues([[1, 2]]));
    check(
      'setValues refuse un tableau de mauvaise taille',
      'error',
      wrongSize,
      wrongSize.startsWith('error'),
    );
    timed('Range.setValues (1 cellule)', 'write', () => sheet.getRange(1, 1, 1, 1).setValues([['=1+1']]));
    SpreadsheetApp.flush();
    const formula = String(sheet.getRange(1, 1, 1, 1).getValue());
    check('Un texte commençant par « = » devient une formule', 'pas « =1+1 »', formula, formula !== '=1+1');
    sheet.getRange(2, 1, 1, 1).setValues([[forceTextForSheets('=1+1')]]);
    const kept = String(sheet.getRange(2, 1, 1, 1).getValue());
    check('Une apostrophe initiale garde le texte tel quel', '=1+1', kept, kept === '=1+1');
    timed('Sheet.appendRow', 'write', () => sheet.appendRow([forceTextForSheets('ligne ajoutée')]));
    check(
      'appendRow écrit après la dernière ligne',
      '3',
      String(sheet.getLastRow()),
      sheet.getLastRow() === 3,
    );

    const me = Session.getEffectiveUser().getEmail();
    const protection = sheet.getRange(1, 1, 1, 1).protect();
    protection.removeEditors(protection.getEditors().map((u) => u.getEmail()));
    const editors = protection.getEditors().map((u) => u.getEmail());
    check(
      'removeEditors garde le compte qui exécute le script',
      me,
      editors.join(', '),
      editors.includes(me),
    );
    const domain = attempt(() => (protection.canDomainEdit() ? 'domaine' : 'hors domaine'));
    check('canDomainEdit répond (Workspace ou non)', 'ok', domain, domain.startsWith('ok'));

    const lock = LockService.getScriptLock();
    const got = lock.tryLock(1000);
    check('Verrou de script disponible', 'true', String(got), got);
    if (got) lock.releaseLock();

    const properties = PropertiesService.getScriptProperties();
    const big = attempt(() => properties.setProperty('suivi-mes.smoke', 'x'.repeat(10 * 1024)));
    check('Une propriété de plus de 9 Ko est refusée', 'error', big, big.startsWith('error'));
    properties.deleteProperty('suivi-mes.smoke');
    timed('Properties.getProperty', 'properties-read', () => properties.getProperty('suivi-mes.smoke'));

    const quota = MailApp.getRemainingDailyQuota();
    check(
      "Quota d'e-mails restant lisible",
      'nombre ≥ 0',
      String(quota),
      Number.isInteger(quota) && quota >= 0,
    );

    form = timed('FormApp.create', 'form-create', () => FormApp.create(SCRATCH));
    trash.push(form.getId());
    const item = form
      .addTextItem()
      .setTitle('Compteur')
      .setValidation(
        FormApp.createTextValidation()
          .requireTextMatchesPattern('^\\s*\\d+\\s*$')
          .setHelpText('Entier')
          .build(),
      );
    timed('Form.setDestination', 'form-edit', () =>
      form?.setDestination(FormApp.DestinationType.SPREADSHEET, ss?.getId() ?? ''),
    );
    SpreadsheetApp.flush();
    const tabs = ss.getSheets();
    const tab = tabs[0];
    const url = tab?.getFormUrl() ?? '';
    const matches =
      url !== '' &&
      (url.includes(form.getId()) || url.split('?')[0] === form.getPublishedUrl().split('?')[0]);
    check(
      "L'onglet d'un formulaire lié est inséré en premier",
      'getFormUrl() du 1er onglet = le formulaire',
      url,
      matches,
    );
    const header = tab ? (tab.getRange(1, 1, 1, 2).getDisplayValues()[0] ?? []) : [];
    check(
      "En-tête de l'onglet des réponses",
      'Horodateur | Compteur',
      header.join(' | '),
      header[1] === 'Compteur',
    );
    const prefilled = form.createResponse().withItemResponse(item.createResponse('12')).toPrefilledUrl();
    check(
      'Lien prérempli',
      'contient usp=pp_url et entry.',
      prefilled,
      /usp=pp_url/.test(prefilled) && /entry\.\d+=12/.test(prefilled),
    );
    // Forms made by a script start unpublished since June 30, 2026 (forms.ts, ensurePublished).
    const publishedAtCreation = form.isPublished();
    form.setPublished(true);
    check(
      'Un formulaire créé par script est publié et ouvert après setPublished(true)',
      'avant : non publié ; après : publié, accepte les réponses',
      `avant : ${publishedAtCreation ? 'publié' : 'non publié'} ; après : ${form.isPublished() ? 'publié' : 'non publié'}, ${form.isAcceptingResponses() ? 'accepte' : "n'accepte pas"} les réponses`,
      !publishedAtCreation && form.isPublished() && form.isAcceptingResponses(),
    );
    form.createResponse().withItemResponse(item.createResponse('12')).submit();
    Utilities.sleep(3000);
    SpreadsheetApp.flush();
    const row = tab && tab.getLastRow() >= 2 ? (tab.getRange(2, 1, 1, 2).getDisplayValues()[0] ?? []) : [];
    check(
      'Une réponse envoyée arrive dans son onglet',
      '1 ligne, réponse « 12 »',
      row.join(' | '),
      row[1] === '12',
    );
    const stamp = parseTimestamp(row[0] ?? '');
    check(
      'Horodatage lisible (jj/mm/aaaa hh:mm:ss, heure de Paris)',
      'à moins de 10 min de maintenant',
      row[0] ?? '',
      stamp !== undefined && Math.abs(stamp.getTime() - rt.clock.now().getTime()) < 10 * 60 * 1000,
    );
    const folderId = rt.settings.get(KEYS.folderId);
    if (folderId) {
      const copy = timed('File.makeCopy (formulaire)', 'drive-copy', () =>
        DriveApp.getFileById(form?.getId() ?? '').makeCopy(
          `${SCRATCH} (copie)`,
          DriveApp.getFolderById(folderId),
        ),
      );
      trash.push(copy.getId());
      const copied = FormApp.openById(copy.getId()).getItems().length;
      check("La copie d'un formulaire garde ses questions", '1', String(copied), copied === 1);
    }

    // RETEX: what the Google Docs filler relies on (retex-doc-fill.ts) and the emulator assumes.
    const doc = timed('DocumentApp.create', 'create-file', () => DocumentApp.create(SCRATCH));
    trash.push(doc.getId());
    const body = doc.getBody();
    const paragraph = body.getChild(0).asParagraph();
    paragraph.setText('a {x} b {y}');
    timed('Paragraph.replaceText', 'document', () =>
      paragraph.replaceText(re2Literal('{x}'), literalReplacement('$1 \\ $& {{y}}')),
    );
    check(
      'replaceText garde tel quel un texte échappé ($, \\, accolades)',
      'a $1 \\ $& {{y}} b {y}',
      paragraph.getText(),
      paragraph.getText() === 'a $1 \\ $& {{y}} b {y}',
    );
    const bare = attempt(() => paragraph.replaceText(re2Literal('{y}'), 'coût $&'));
    check(
      'replaceText refuse « $& » non échappé (groupes à la RE2J)',
      'error',
      bare,
      bare.startsWith('error'),
    );
    body.appendTable([['cellule']]);
    const last = body.getChild(body.getNumChildren() - 1);
    check(
      'Un tableau ajouté en dernier est suivi d’un paragraphe',
      String(DocumentApp.ElementType.PARAGRAPH),
      String(last.getType()),
      String(last.getType()) === String(DocumentApp.ElementType.PARAGRAPH),
    );
    const lastRemoval = attempt(() => last.removeFromParent());
    check(
      'Le dernier paragraphe d’un document ne peut pas être supprimé',
      'error',
      lastRemoval,
      lastRemoval.startsWith('error'),
    );
    const chart = attempt(() =>
      timed('Chart.getAs (graphique RETEX)', 'chart', () =>
        Charts.newLineChart()
          .setDataTable(
            Charts.newDataTable()
              .addColumn(Charts.ColumnType.STRING, 'Semaine')
              .addColumn(Charts.ColumnType.NUMBER, 'Cumul')
              .addRow(['S19', 1])
              .addRow(['S20', 3])
              .build(),
          )
          .build()
          .getAs('image/png'),
      ),
    );
    check('Le service Charts rend un graphique en PNG', 'ok', chart, chart.startsWith('ok'));
    doc.saveAndClose();

    const triggers = ScriptApp.getProjectTriggers();
    const ours = triggers.filter((t) =>
      Object.values(HANDLERS).includes(t.getHandlerFunction() as never),
    ).length;
    check(
      'Déclencheurs du projet (limite Google : 20)',
      '≤ 20, dont 3 permanents après installation',
      `${triggers.length} (${ours} du suivi)`,
      triggers.length <= 20,
    );
  } catch (error) {
    check(
      'Vérification menée jusqu’au bout',
      'sans erreur',
      error instanceof Error ? error.message : String(error),
      false,
    );
  } finally {
    for (const id of trash) attempt(() => DriveApp.getFileById(id).setTrashed(true));
  }

  const passed = checks.filter((c) => c.ok === true).length;
  const failed = checks.filter((c) => c.ok === false).length;
  let report = rt.master.getSheetByName(frAppsScript.smokeSheet);
  if (!report) report = rt.master.insertSheet(frAppsScript.smokeSheet, rt.master.getSheets().length);
  report.clear();
  const rows = [
    frAppsScript.smokeHeader,
    ...checks.map((c) => [c.name, c.expected, c.observed, c.ok === null ? '—' : c.ok ? 'oui' : 'NON']),
  ].map((r) => r.map(forceTextForSheets));
  report.getRange(1, 1, rows.length, 4).setValues(rows);
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'install',
      actor: Session.getEffectiveUser().getEmail(),
      role: 'system',
      summary: frAppsScript.smokeDone(passed, passed + failed),
      details: checks
        .filter((c) => c.ok === false)
        .map((c) => `${c.name}: ${c.observed}`)
        .join('; '),
    }),
  );
  rt.notify(frAppsScript.smokeDone(passed, passed + failed));
  return { checks, passed, failed };
}
