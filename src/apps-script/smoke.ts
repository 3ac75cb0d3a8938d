// smokeGoogle: checks, on a real account, the Google behaviours the offline emulator assumes and this runtime
// relies on — on throwaway files (a spreadsheet, a form, a document, a property) created and trashed here, never
// on the pilot's data — and measures call latencies against the model's (latency-model.ts). Every row of
// docs/google-assumptions.md that a single account can verify has a check here. A check « conforms » when Google is
// no kinder than the emulator (the emulator may be stricter: it must never be more lenient), « differs » otherwise,
// with what was expected and what was observed; a « measured » row informs without judging. The report goes to a
// « Vérification Google » tab and the Journal, and is returned to `npm run smoke:google` (clasp run-function --json).
// The same checks run on the emulator in the tests, where they must all conform.
import { forceTextForSheets } from '../domain/workbook/cell-text';
import { columnRequests, sheetPropertiesRequest } from '../google/workbook-requests';
import { appendCellsRequest, updateCellsRequests } from '../google/cell-requests';
import type { GasForm, GasSheet, GasSheetsAdvanced, GasSpreadsheet } from './gas-api';
import { batchUnits, latencyOf, LATENCY_TABLE, type CallClass } from './latency-model';
import { parseTimestamp } from './responses';
import { docsDocument, literalReplacement, re2Literal } from './retex/retex-docs';
import { retexDocFill } from '../google/retex-doc-fill';
import { retexTemplateRequests } from '../google/retex-template-requests';
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import { copyAllAtOnce } from './drive-copies';
import { googleDocUrl } from '../google/drive-requests';
import { CELL_BUDGET, SPREADSHEET_CELL_LIMIT } from './cell-budget';
import { identityChecks } from './smoke-identity';
import { fetchAllJson, type FetchAnswer } from './url-fetch-json';
import {
  createItemRequest,
  formInfoRequest,
  formsBatchUpdateRequest,
  publishFormRequest,
} from '../google/form-http-requests';
import { HANDLERS, WEEKLY_TRIGGER_KEY } from './triggers';
import { frAppsScript } from './messages';
import { type SmokeCheck, type SmokeReport } from '../google/smoke-report';
import { CELL_CHARACTER_LIMIT } from '../google/json-cells';

/**
 * Publishing a form. Google's guide « API changes to Google Forms »
 * (https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms): forms created by API after
 * 30 June 2026 start unpublished and take no response until published; its Apps Script sample calls
 * `form.setPublished(true)` then checks `isPublished()` / `isAcceptingResponses()`. @types/google-apps-script does
 * not have the first two yet; gas-api.ts gains them with the install's publishing (issue 10 item 1). Looked up at
 * run time here, so a missing method is reported as a difference instead of stopping the check.
 */
interface FormPublishing {
  setPublished(enabled: boolean): unknown;
  isPublished(): boolean;
  isAcceptingResponses(): boolean;
}
const NO_PUBLISHING = 'méthodes setPublished / isPublished / isAcceptingResponses absentes';

function publishingOf(form: GasForm): (GasForm & FormPublishing) | null {
  const f = form as GasForm & Partial<FormPublishing>;
  return typeof f.setPublished === 'function' &&
    typeof f.isPublished === 'function' &&
    typeof f.isAcceptingResponses === 'function'
    ? (f as GasForm & FormPublishing)
    : null;
}

/**
 * The size the emulator gives a tab Google inserts when a form is linked (test/support/gas/sheet-data.ts,
 * DEFAULT_ROWS × DEFAULT_COLUMNS, widened to the header): Google documents none, so the smoke measures it.
 */
export const ASSUMED_LINKED_TAB = { rows: 1000, columns: 26 } as const;
// « a single cell … up to 50,000 characters »: one constant for the smoke, the emulator check and the JSON splitting.
export { CELL_CHARACTER_LIMIT };
/**
 * A measured latency conforms when it is at most this multiple of the model: the bench checks that every long
 * job still finishes by continuation with every latency doubled, so up to ×2 the budgets hold.
 */
export const LATENCY_TOLERANCE = 2;
const LATENCY_SAMPLES = 3;
/** How long the smoke waits for a linked tab to appear (Google's visibility is eventual). */
const LINKED_TAB_TRIES = 10;
const LINKED_TAB_WAIT_MS = 1000;
const CONSUMER_DOMAINS = ['gmail.com', 'googlemail.com'];

const SCRATCH = 'suivi-mes — vérification (fichier jetable)';
const fmt = (n: number) => Math.round(n).toLocaleString('fr-FR');

/** The text of a Docs API structural element that is a paragraph ('' for anything else). */
function textOf(element: GoogleAppsScript.Docs.Schema.StructuralElement): string {
  return (element.paragraph?.elements ?? []).map((e) => e.textRun?.content ?? '').join('');
}

function attempt(fn: () => unknown): string {
  try {
    return `ok: ${String(fn())}`;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function cellsOf(ss: GasSpreadsheet): { cells: number; tabs: number } {
  const sheets = ss.getSheets();
  return { cells: sheets.reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0), tabs: sheets.length };
}

/**
 * The REST runtime's value write, spreadsheets.values.batchUpdate in RAW (docs/google-assumptions.md S17), sent
 * through the advanced Sheets service to the scratch spreadsheet: a string stays text and a number a number (what
 * the REST runtime relies on); and — measured, the REST fake being stricter — a null, which Google's reference says
 * it skips (« REST Resource: spreadsheets.values », ValueRange.values, https://developers.google.com/workspace/
 * sheets/api/reference/rest/v4/spreadsheets.values) and the fake refuses, and data wider than the range it names,
 * which API users report refused and the reference does not mention.
 */
function valuesChecks(
  sheet: GasSheet,
  spreadsheetId: string,
  values: NonNullable<GasSheetsAdvanced['Spreadsheets']>['Values'],
  check: (name: string, expected: string, observed: string, ok: boolean) => void,
  measure: (name: string, expected: string, observed: string) => void,
): void {
  if (!values) {
    check('Valeurs (API REST) : service avancé Sheets.Spreadsheets.Values', 'présent', 'absent', false);
    return;
  }
  const range = (a1: string) => `'${sheet.getName().replace(/'/g, "''")}'!${a1}`;
  const write = (a1: string, row: Array<string | number | null>) =>
    attempt(() =>
      values.batchUpdate(
        { valueInputOption: 'RAW', data: [{ range: range(a1), majorDimension: 'ROWS', values: [row] }] },
        spreadsheetId,
      ),
    );
  const cell = (row: number, col: number) => sheet.getRange(row, col, 1, 1).getValue();
  // Google's reason, without Apps Script's « API call to … failed with error: ».
  const reason = (outcome: string) =>
    outcome
      .replace(/^error: (?:Error: )?/, '')
      .replace(/^API call to \S+ failed with error: /, '')
      .slice(0, 160);
  const raw = write('A1:B1', ['=1+1', 7]);
  const written = [cell(1, 1), cell(1, 2)];
  check(
    'Valeurs (API REST) : RAW écrit le texte en texte, le nombre en nombre',
    '« =1+1 » (texte) ; 7 (nombre)',
    `${raw.slice(0, 40)} ; « ${String(written[0])} » (${typeof written[0]}) ; ${String(written[1])} (${typeof written[1]})`,
    raw.startsWith('ok') && written[0] === '=1+1' && written[1] === 7,
  );
  const skipped = write('A1:B1', ['nul', null]);
  measure(
    'Valeurs (API REST) : une valeur null',
    'refusée (émulateur)',
    skipped.startsWith('error')
      ? `refusée : ${reason(skipped)}`
      : `acceptée ; A1 « ${String(cell(1, 1))} », B1 « ${String(cell(1, 2))} »`,
  );
  const wider = write('A2:B2', ['a', 'b', 'c']);
  measure(
    'Valeurs (API REST) : des données plus larges que la plage',
    'refusées (émulateur)',
    wider.startsWith('error')
      ? `refusées : ${reason(wider)}`
      : `acceptées ; A2:C2 « ${[cell(2, 1), cell(2, 2), cell(2, 3)].map(String).join(' | ')} »`,
  );
}

/**
 * The advanced Sheets service as the store uses it (sheet-store.ts; docs/google-assumptions.md S14, S15): appendCells
 * writes after the last row, a batch with an invalid request applies nothing, and — measured, since Google does not
 * document it — whether a SpreadsheetApp write held back before a batch lands before or after it.
 */
function batchChecks(
  rt: Runtime,
  ss: GasSpreadsheet,
  sheet: GasSheet,
  check: (name: string, expected: string, observed: string, ok: boolean) => void,
  measure: (name: string, expected: string, observed: string) => void,
): void {
  const api = rt.services.Sheets?.Spreadsheets;
  if (!api) {
    check('Service avancé Sheets activé (manifeste)', 'activé', 'absent', false);
    return;
  }
  // What SpreadsheetApp still holds (the cells cleared above) goes first, as the store does (S15).
  rt.services.SpreadsheetApp.flush();
  const id = sheet.getSheetId();
  const last = sheet.getLastRow();
  const appended = attempt(() =>
    api.batchUpdate({ requests: [appendCellsRequest(id, [[{ t: 's', v: 'lot' }]])] }, ss.getId()),
  );
  const row = sheet.getLastRow();
  check(
    'Lot Sheets : appendCells écrit après la dernière ligne',
    `ligne ${last + 1} : lot`,
    `${appended.slice(0, 40)} ; ligne ${row} : ${String(sheet.getRange(row, 1, 1, 1).getValue())}`,
    appended.startsWith('ok') && row === last + 1 && sheet.getRange(row, 1, 1, 1).getValue() === 'lot',
  );
  const refused = attempt(() =>
    api.batchUpdate(
      {
        requests: [
          appendCellsRequest(id, [[{ t: 's', v: 'ne doit pas rester' }]]),
          ...updateCellsRequests(id, sheet.getMaxRows() + 1, 1, [[{ t: 's', v: 'hors grille' }]]),
        ],
      },
      ss.getId(),
    ),
  );
  check(
    'Lot Sheets : une requête invalide et rien n’est appliqué',
    `error ; dernière ligne ${row}`,
    `${refused.slice(0, 60)} ; dernière ligne ${sheet.getLastRow()}`,
    refused.startsWith('error') && sheet.getLastRow() === row,
  );
  sheet.getRange(row + 1, 1, 1, 1).setValue(forceTextForSheets('SpreadsheetApp'));
  api.batchUpdate(
    { requests: updateCellsRequests(id, row + 1, 1, [[{ t: 's', v: 'service avancé' }]]) },
    ss.getId(),
  );
  rt.services.SpreadsheetApp.flush();
  measure(
    'Écriture SpreadsheetApp non envoyée puis lot : valeur qui reste',
    'inconnue (le magasin fait un flush avant son lot après une écriture SpreadsheetApp)',
    String(sheet.getRange(row + 1, 1, 1, 1).getValue()),
  );
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
    checks.push({ name, expected, observed, verdict: ok ? 'conforms' : 'differs' });
  const measure = (name: string, expected: string, observed: string) =>
    checks.push({ name, expected, observed, verdict: 'measured' });
  const elapsed = (fn: () => unknown): number => {
    const start = rt.clock.now().getTime();
    fn();
    return rt.clock.now().getTime() - start;
  };
  const timed = <T>(name: string, kind: CallClass, fn: () => T): T => {
    let value: T | undefined;
    const ms = elapsed(() => (value = fn()));
    measure(`Durée : ${name}`, `${LATENCY_TABLE[kind].ms} ms (modèle)`, `${ms} ms`);
    return value as T;
  };
  /** Times `fn` a few times and judges the median against the model (× LATENCY_TOLERANCE). */
  const latency = (name: string, kind: CallClass, cells: number, fn: () => unknown) => {
    const samples = Array.from({ length: LATENCY_SAMPLES }, () => elapsed(fn));
    const median = [...samples].sort((a, b) => a - b)[Math.floor(LATENCY_SAMPLES / 2)] ?? 0;
    const model = latencyOf(kind, cells);
    check(
      `Durée : ${name}`,
      `≤ ${fmt(model * LATENCY_TOLERANCE)} ms (modèle ${fmt(model)} ms × ${LATENCY_TOLERANCE})`,
      `${median} ms (médiane de ${samples.join(', ')} ms)`,
      median <= model * LATENCY_TOLERANCE,
    );
  };
  /**
   * The published state of a form before and after setPublished(true). Before: the emulator assumes unpublished;
   * Google publishing it already is kinder, so it conforms too (the install publishes every form anyway).
   */
  const publishing = (label: string, gasForm: GasForm) => {
    const form = publishingOf(gasForm);
    const before = form ? attempt(() => form.isPublished()) : NO_PUBLISHING;
    check(
      `${label} : état avant setPublished`,
      'non publié (hypothèse de l’émulateur) ou publié',
      before,
      before === 'ok: false' || before === 'ok: true',
    );
    const after = form
      ? attempt(() => {
          form.setPublished(true);
          return `publié ${form.isPublished()}, accepte les réponses ${form.isAcceptingResponses()}`;
        })
      : NO_PUBLISHING;
    check(
      `${label} : état après setPublished(true)`,
      'publié true, accepte les réponses true',
      after,
      after === 'ok: publié true, accepte les réponses true',
    );
  };
  const trash: string[] = [];
  try {
    const ss = timed('SpreadsheetApp.create', 'create-file', () => SpreadsheetApp.create(SCRATCH));
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
    // The advanced Sheets service (latency class 'batch'): one batch of the REST runtime's requests, timed, and a
    // batch with one invalid request, which Google applies not at all.
    const api = rt.services.Sheets?.Spreadsheets;
    if (!api) check('Service avancé « Google Sheets API » activé', 'oui', 'non', false);
    else {
      const columns = sheet.getMaxColumns();
      const widths = columnRequests(
        sheet.getSheetId(),
        Array.from({ length: columns }, (_, i) => ({ width: 100 + (i % 3), hidden: false })),
      );
      const id = ss.getId();
      const ms = elapsed(() => api.batchUpdate({ requests: widths }, id));
      measure(
        `Durée : Sheets.Spreadsheets.batchUpdate (${columns} requêtes)`,
        `${fmt(latencyOf('batch', columns))} ms (modèle)`,
        `${ms} ms`,
      );
      const other = ss.insertSheet('lot atomique', 1);
      const refused = attempt(() =>
        api.batchUpdate(
          {
            requests: [
              sheetPropertiesRequest(other.getSheetId(), { hidden: true }),
              sheetPropertiesRequest(-1, { frozenRows: 1 }),
            ],
          },
          id,
        ),
      );
      // A block of rows in ONE updateCells request, as an ingestion writes Synthèse's values (one row per
      // establishment): the model charges its cells at setValues' rate on top of the round trip (`batchUnits`).
      const block = Array.from({ length: 500 }, (_, i) =>
        Array.from({ length: 10 }, (_, j) => ({ t: 's' as const, v: `ligne ${i + 1}, colonne ${j + 1}` })),
      );
      const blockMs = elapsed(() =>
        api.batchUpdate({ requests: updateCellsRequests(other.getSheetId(), 1, 1, block) }, id),
      );
      measure(
        'Durée : Sheets.Spreadsheets.batchUpdate (une requête updateCells de 500 lignes × 10 cellules)',
        `${fmt(latencyOf('batch', batchUnits(1, 5000)))} ms (modèle)`,
        `${blockMs} ms`,
      );
      const observed = `${refused.startsWith('error') ? 'refusé' : 'accepté'}, onglet ${other.isSheetHidden() ? 'masqué' : 'visible'}`;
      check(
        'Un lot Sheets API dont une requête est invalide n’applique rien',
        'refusé, onglet visible',
        observed,
        observed === 'refusé, onglet visible',
      );
      // Install renames the response tabs in one batch (updateSheetProperties, field `title`); the emulator refuses a
      // name another tab bears even in another case (stricter than Google's silent reference).
      const renamed = attempt(() =>
        api.batchUpdate(
          { requests: [sheetPropertiesRequest(other.getSheetId(), { title: 'Lot renommé' })] },
          id,
        ),
      );
      check(
        'Lot Sheets : updateSheetProperties (title) renomme l’onglet',
        'Lot renommé',
        `${renamed.slice(0, 40)} ; ${other.getName()}`,
        renamed.startsWith('ok') && other.getName() === 'Lot renommé',
      );
      const third = ss.insertSheet('casse', 2);
      const sameName = attempt(() =>
        api.batchUpdate(
          { requests: [sheetPropertiesRequest(third.getSheetId(), { title: 'LOT RENOMMÉ' })] },
          id,
        ),
      );
      measure(
        'Lot Sheets : nom d’onglet qui ne diffère d’un autre que par la casse',
        'refusé (émulateur)',
        sameName.startsWith('error') ? 'refusé' : 'accepté',
      );
      valuesChecks(third, id, api.Values, check, measure);
    }
    // Flushed inside each attempt: Google may hold a write back and only fail when it is sent.
    const writeFlushed = (row: number, text: string) =>
      attempt(() => {
        sheet.getRange(row, 1, 1, 1).setValues([[text]]);
        SpreadsheetApp.flush();
      });
    const full = writeFlushed(4, 'x'.repeat(CELL_CHARACTER_LIMIT));
    const over = writeFlushed(5, 'x'.repeat(CELL_CHARACTER_LIMIT + 1));
    check(
      `Une cellule prend ${fmt(CELL_CHARACTER_LIMIT)} caractères, pas un de plus`,
      `${fmt(CELL_CHARACTER_LIMIT)} : ok ; ${fmt(CELL_CHARACTER_LIMIT + 1)} : error`,
      `${full.slice(0, 2)} ; ${over.slice(0, 80)}`,
      full.startsWith('ok') && over.startsWith('error'),
    );
    sheet.getRange(4, 1, 2, 1).clearContent();
    batchChecks(rt, ss, sheet, check, measure);

    const me = Session.getEffectiveUser().getEmail();
    const active = Session.getActiveUser().getEmail();
    check(
      'Adresse de la personne qui lance la vérification (Session.getActiveUser)',
      `la même que getEffectiveUser (${me})`,
      active === '' ? '(vide)' : active,
      active !== '' && active === me,
    );
    const domain = me.split('@')[1] ?? '';
    measure(
      'Type de compte (adresses des autres personnes)',
      'Workspace : transmises dans le même domaine ; grand public : jamais',
      CONSUMER_DOMAINS.includes(domain) ? `compte grand public (${domain})` : `domaine ${domain}`,
    );
    const protection = sheet.getRange(1, 1, 1, 1).protect();
    protection.removeEditors(protection.getEditors().map((u) => u.getEmail()));
    const editors = protection.getEditors().map((u) => u.getEmail());
    check(
      'removeEditors garde le compte qui exécute le script',
      me,
      editors.join(', '),
      editors.includes(me),
    );
    const domainEdit = attempt(() => (protection.canDomainEdit() ? 'domaine' : 'hors domaine'));
    check('canDomainEdit répond (Workspace ou non)', 'ok', domainEdit, domainEdit.startsWith('ok'));

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

    const created = timed('FormApp.create', 'form-create', () => FormApp.create(SCRATCH));
    trash.push(created.getId());
    publishing('Nouveau formulaire', created);
    const item = created
      .addTextItem()
      .setTitle('Compteur')
      .setValidation(
        FormApp.createTextValidation()
          .requireTextMatchesPattern('^\\s*\\d+\\s*$')
          .setHelpText('Entier')
          .build(),
      );
    timed('Form.setDestination', 'form-edit', () =>
      created.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId()),
    );
    const formId = created.getId();
    const publishedUrl = created.getPublishedUrl().split('?')[0] ?? '';
    const isLinked = (url: string) =>
      url !== '' && (url.includes(formId) || url.split('?')[0] === publishedUrl);
    let tries = 0;
    let tab: GasSheet | undefined;
    while (!tab && tries < LINKED_TAB_TRIES) {
      if (tries > 0) Utilities.sleep(LINKED_TAB_WAIT_MS);
      tries += 1;
      SpreadsheetApp.flush();
      tab = ss.getSheets().find((s) => isLinked(s.getFormUrl() ?? ''));
    }
    measure(
      "Onglet d'un formulaire lié visible après flush (visibilité différée)",
      `au plus ${LINKED_TAB_TRIES} essais espacés de ${LINKED_TAB_WAIT_MS / 1000} s`,
      tab ? `${tries} essai(s)` : `absent après ${tries} essais`,
    );
    if (!tab) throw new Error(`The linked tab did not appear after ${tries} flushes`);
    const first = ss.getSheets()[0];
    check(
      "L'onglet d'un formulaire lié est inséré en premier",
      'getFormUrl() du 1er onglet = le formulaire',
      first?.getFormUrl() ?? '',
      isLinked(first?.getFormUrl() ?? ''),
    );
    const rows = tab.getMaxRows();
    const columns = tab.getMaxColumns();
    check(
      'Taille d’un onglet de réponses juste après setDestination (lignes × colonnes)',
      `≤ ${ASSUMED_LINKED_TAB.rows} × ${ASSUMED_LINKED_TAB.columns} (hypothèse de l’émulateur)`,
      `${rows} × ${columns}`,
      rows <= ASSUMED_LINKED_TAB.rows && columns <= ASSUMED_LINKED_TAB.columns,
    );
    const scratchCells = cellsOf(ss);
    const assumedCells = scratchCells.tabs * ASSUMED_LINKED_TAB.rows * ASSUMED_LINKED_TAB.columns;
    check(
      'Cellules comptées d’un classeur de réponses (vides comprises)',
      `≤ ${fmt(assumedCells)} (${scratchCells.tabs} onglets de ${ASSUMED_LINKED_TAB.rows} × ${ASSUMED_LINKED_TAB.columns}, hypothèse de l’émulateur)`,
      fmt(scratchCells.cells),
      scratchCells.cells <= assumedCells,
    );
    const header = tab.getRange(1, 1, 1, 2).getDisplayValues()[0] ?? [];
    check(
      "En-tête de l'onglet des réponses",
      'Horodateur | Compteur',
      header.join(' | '),
      header[1] === 'Compteur',
    );
    const prefilledResponse = created.createResponse().withItemResponse(item.createResponse('12'));
    const prefilled = prefilledResponse.toPrefilledUrl();
    check(
      'Lien prérempli',
      'contient usp=pp_url et entry.',
      prefilled,
      /usp=pp_url/.test(prefilled) && /entry\.\d+=12/.test(prefilled),
    );
    created.createResponse().withItemResponse(item.createResponse('12')).submit();
    Utilities.sleep(3000);
    SpreadsheetApp.flush();
    const row = tab.getLastRow() >= 2 ? (tab.getRange(2, 1, 1, 2).getDisplayValues()[0] ?? []) : [];
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

    // The calls the install, the weekly refresh and the reminders repeat per establishment, against the model.
    const linkedTab = tab;
    latency('FormApp.openById', 'open', 0, () => FormApp.openById(formId));
    const reopened = FormApp.openById(formId);
    latency('Form.getItems', 'form-edit', 0, () => reopened.getItems());
    const list = created.addListItem().setTitle('Semaine');
    latency('ListItem.setChoiceValues', 'form-edit', 0, () =>
      list.setChoiceValues(['Semaine 1', 'Semaine 2', 'Semaine 3']),
    );
    latency('FormResponse.toPrefilledUrl', 'form-edit', 0, () => prefilledResponse.toPrefilledUrl());
    const responseRange = linkedTab.getRange(1, 1, 2, 2);
    latency('Range.getDisplayValues (onglet de réponses, 2 × 2)', 'read', 4, () =>
      responseRange.getDisplayValues(),
    );

    const folderId = rt.settings.get(KEYS.folderId);
    if (folderId) {
      const copy = timed('File.makeCopy (formulaire)', 'drive-copy', () =>
        DriveApp.getFileById(formId).makeCopy(`${SCRATCH} (copie)`, DriveApp.getFolderById(folderId)),
      );
      trash.push(copy.getId());
      const seen = DriveApp.getFolderById(folderId).getFilesByName(`${SCRATCH} (copie)`).hasNext();
      measure(
        'Recherche Drive par nom juste après une copie (visibilité différée)',
        'peut ne pas la voir tout de suite (hypothèse stricte)',
        seen ? 'vue tout de suite' : 'pas encore vue',
      );
      const copied = FormApp.openById(copy.getId());
      const questions = copied.getItems().length;
      check("La copie d'un formulaire garde ses questions", '2', String(questions), questions === 2);
      publishing("Copie d'un formulaire publié", copied);
    } else {
      measure(
        "Copie d'un formulaire (questions, état publié)",
        'vérifiée une fois le suivi installé (dossier du pilote)',
        'suivi pas encore installé',
      );
    }

    // The Forms API through UrlFetchApp.fetchAll (forms-api.ts: install's templates and copies): a batch applied
    // to the form FormApp reads, a batch with an invalid location applying nothing, a publishing; one wave timed
    // against the model ('batch', docs/google-assumptions.md F12).
    const apiForm = FormApp.create(`${SCRATCH} (API Forms)`);
    trash.push(apiForm.getId());
    const apiItems = [
      { kind: 'text', title: 'Nombre', help: 'Un entier', required: true },
      { kind: 'list', title: 'Semaine', help: '', required: true, choices: ['S1', 'S2'] },
    ] as const;
    let apiAnswers: FetchAnswer[] = [];
    const apiMs = elapsed(
      () =>
        (apiAnswers = fetchAllJson(rt.services, [
          formsBatchUpdateRequest(apiForm.getId(), [
            formInfoRequest(`${SCRATCH} (API Forms)`, 'description'),
            ...apiItems.map((item, i) => createItemRequest(item, i)),
          ]),
          formsBatchUpdateRequest(apiForm.getId(), [
            formInfoRequest('ne doit pas rester'),
            createItemRequest(apiItems[0], 99),
          ]),
          publishFormRequest(apiForm.getId()),
        ])),
    );
    measure(
      'Durée : UrlFetchApp.fetchAll de requêtes API Forms (une vague)',
      `${fmt(latencyOf('batch', 3))} ms (modèle)`,
      `${apiMs} ms`,
    );
    const codes = apiAnswers.map((a) => a.code).join(', ');
    check(
      'API Forms par fetchAll : réponses (lot, lot invalide, publication)',
      '200, 400, 200',
      codes,
      codes === '200, 400, 200',
    );
    const reread = FormApp.openById(apiForm.getId());
    const apiShape = `${reread.getItems().length} question(s), titre ${reread.getTitle() === `${SCRATCH} (API Forms)` ? 'du premier lot' : 'autre'}`;
    check(
      "API Forms : le lot s'applique au formulaire lu par FormApp, le lot invalide à rien",
      '2 question(s), titre du premier lot',
      apiShape,
      apiShape === '2 question(s), titre du premier lot',
    );
    const apiState = `${reread.isPublished()}/${reread.isAcceptingResponses()}`;
    check(
      'API Forms : setPublishSettings publie et ouvre (publié/accepte)',
      'true/true',
      apiState,
      apiState === 'true/true',
    );

    // The pilot's own spreadsheets (read only): Google counts every cell, blank ones included, against its limit.
    const responsesId = rt.settings.get(KEYS.responsesId);
    for (const [label, book] of [
      ['Classeur maître', rt.master],
      ['Classeur des réponses', responsesId ? SpreadsheetApp.openById(responsesId) : undefined],
    ] as const) {
      if (!book) continue;
      const { cells, tabs } = cellsOf(book);
      check(
        `${label} du pilote : cellules (vides comprises)`,
        `≤ ${fmt(CELL_BUDGET)} (budget ; limite Google ${fmt(SPREADSHEET_CELL_LIMIT)})`,
        `${fmt(cells)} (${tabs} onglets)`,
        cells <= CELL_BUDGET,
      );
    }

    // RETEX: what DocumentApp's text search relies on (the chart's marker, retex-docs.ts) and the emulator assumes.
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
    // The RETEX sizes each chart panel with one setAttributes (WIDTH, HEIGHT) rather than two setters.
    const sized = attempt(() => {
      const png = Charts.newLineChart()
        .setDataTable(
          Charts.newDataTable()
            .addColumn(Charts.ColumnType.STRING, 'Semaine')
            .addColumn(Charts.ColumnType.NUMBER, 'Cumul')
            .addRow(['S19', 1])
            .build(),
        )
        .build()
        .getAs('image/png');
      return body
        .appendParagraph('')
        .appendInlineImage(png)
        .setAttributes({
          [String(DocumentApp.Attribute.WIDTH)]: 145,
          [String(DocumentApp.Attribute.HEIGHT)]: 110,
        })
        .getWidth();
    });
    check('Une image prend sa largeur de setAttributes (WIDTH)', 'ok: 145', sized, sized === 'ok: 145');
    body.appendTable([['a', 'b']]);
    doc.saveAndClose();

    // RETEX fill through the advanced Docs service (retex-docs.ts): one read and one batch of many requests,
    // timed against the model (docs-read, docs-batch), and a batch with one invalid request changing nothing.
    const docsApi = rt.services.Docs?.Documents;
    if (!docsApi) check('Service avancé Google Docs (manifeste)', 'activé', 'absent', false);
    else {
      const docId = doc.getId();
      // Measured, not judged: no RETEX step repeats them per establishment.
      timed('Docs.Documents.get (document court)', 'docs-read', () => docsApi.get(docId));
      const SIZE = 200;
      const many = Array.from({ length: SIZE }, () => ({
        insertText: { location: { index: 1 }, text: 'x' },
      }));
      const batchMs = elapsed(() => docsApi.batchUpdate({ requests: many }, docId));
      measure(
        `Durée : Docs.Documents.batchUpdate (${SIZE} requêtes)`,
        `${fmt(latencyOf('docs-batch', SIZE))} ms (modèle)`,
        `${batchMs} ms`,
      );
      // Google documents no cap on requests per batch; the emulator refuses more than 500 (a cap reported in practice):
      // a batch of 600 tells whether Google is kinder.
      const big = attempt(() =>
        docsApi.batchUpdate(
          {
            requests: Array.from({ length: 600 }, () => ({
              insertText: { location: { index: 1 }, text: 'z' },
            })),
          },
          docId,
        ),
      );
      measure(
        'Docs batchUpdate de 600 requêtes (émulateur : refusé au-delà de 500)',
        'refusé (hypothèse stricte)',
        big,
      );
      const invalid = attempt(() =>
        docsApi.batchUpdate(
          {
            requests: [
              { insertText: { location: { index: 1 }, text: 'y' } },
              { deleteContentRange: { range: { startIndex: 1, endIndex: 10_000_000 } } },
            ],
          },
          docId,
        ),
      );
      const first = docsApi.get(docId).body?.content?.[1]?.paragraph?.elements?.[0]?.textRun?.content ?? '';
      check(
        'Docs batchUpdate : une requête invalide, rien n’est appliqué',
        'error, texte inchangé',
        `${invalid}, « ${first.slice(0, 3)}… »`,
        invalid.startsWith('error') && !first.startsWith('y'),
      );
      // The fill styles the rows a table loop adds with one range over all their cells (retex-doc-fill.ts):
      // Google documents no rule for a style range that spans table cells.
      type Cells = Array<{
        content?: Array<{ startIndex?: number | null; endIndex?: number | null }> | null;
      }>;
      const cellsOf = () =>
        (docsApi.get(docId).body?.content ?? [])
          .map((e) => (e.table?.tableRows?.[0]?.tableCells ?? []) as Cells)
          .find((cells) => cells.length === 2);
      const spanned = attempt(() => {
        const cells = cellsOf();
        const start = cells?.[0]?.content?.[0]?.startIndex ?? 0;
        const end = cells?.[1]?.content?.[0]?.endIndex ?? 0;
        docsApi.batchUpdate(
          {
            requests: [
              {
                updateParagraphStyle: {
                  range: { startIndex: start, endIndex: end },
                  paragraphStyle: { alignment: 'CENTER' },
                  fields: 'alignment',
                },
              },
              {
                updateTextStyle: {
                  range: { startIndex: start, endIndex: end - 1 },
                  textStyle: { bold: true },
                  fields: 'bold',
                },
              },
            ],
          },
          docId,
        );
        const after = (docsApi.get(docId).body?.content ?? [])
          .flatMap((e) => e.table?.tableRows?.[0]?.tableCells ?? [])
          .filter((c) => c.content?.[0]?.paragraph?.elements?.[0]?.textRun?.content?.trim() === 'b');
        const p = after[0]?.content?.[0]?.paragraph;
        return `${p?.paragraphStyle?.alignment ?? '?'} ${p?.elements?.[0]?.textRun?.textStyle?.bold === true}`;
      });
      check(
        'Docs : un style sur une plage qui couvre deux cellules s’applique aux deux',
        'ok: CENTER true',
        spanned,
        spanned === 'ok: CENTER true',
      );
      // The RETEX templates are written in one batch whose indexes assume a new table's cells each hold one empty
      // paragraph (retex-template-requests.ts): Google documents the newline before the table, not the cells.
      const layoutDoc = DocumentApp.create(SCRATCH);
      trash.push(layoutDoc.getId());
      layoutDoc.saveAndClose();
      const written = attempt(() => {
        docsApi.batchUpdate(
          {
            requests: retexTemplateRequests([
              { type: 'paragraph', text: 'Titre', style: 'title' },
              {
                type: 'table',
                rows: [
                  ['a', 'b'],
                  ['c', ''],
                ],
                header: true,
              },
              { type: 'paragraph', text: 'fin', style: 'note' },
            ]),
          },
          layoutDoc.getId(),
        );
        return (docsApi.get(layoutDoc.getId()).body?.content ?? [])
          .map((e) =>
            e.table
              ? (e.table.tableRows ?? [])
                  .map((r) =>
                    (r.tableCells ?? [])
                      .map((c) => (c.content ?? []).map(textOf).join('').replace(/\n$/, ''))
                      .join(','),
                  )
                  .join(';')
              : e.paragraph
                ? textOf(e).replace(/\n$/, '')
                : '',
          )
          .filter((t, i) => i > 0)
          .join('|');
      });
      check(
        'Docs : un modèle RETEX écrit en un lot (titre, tableau, note)',
        'ok: Titre|a,b;c,|fin',
        written,
        written === 'ok: Titre|a,b;c,|fin',
      );
      // A table between loop markers (the committee pack's « fields » per establishment) is a new table per item
      // (src/google/retex-doc-fill.ts), bordered with the cell style documents.get reported for the template's
      // table: Google does not say updateTableCellStyle takes that style back.
      const loopDoc = DocumentApp.create(SCRATCH);
      trash.push(loopDoc.getId());
      loopDoc.saveAndClose();
      const repeated = attempt(() => {
        const id = loopDoc.getId();
        docsApi.batchUpdate(
          {
            requests: retexTemplateRequests([
              { type: 'paragraph', text: '{#es}', style: 'plain' },
              { type: 'paragraph', text: '{name}', style: 'heading2' },
              { type: 'table', rows: [['Nom', '{name}']], header: false },
              { type: 'paragraph', text: '{/es}', style: 'plain' },
              { type: 'paragraph', text: 'fin', style: 'plain' },
            ]),
          },
          id,
        );
        const fill = retexDocFill(docsDocument(docsApi.get(id)), { es: [{ name: 'A' }, { name: 'B' }] }, 'm');
        docsApi.batchUpdate({ requests: fill.requests }, id);
        const content = docsApi.get(id).body?.content ?? [];
        const tables = content.filter((e) => e.table);
        const bordered = tables.every(
          (e) => e.table?.tableRows?.[0]?.tableCells?.[0]?.tableCellStyle?.borderTop?.color?.color?.rgbColor,
        );
        const cells = tables
          .map((e) =>
            (e.table?.tableRows?.[0]?.tableCells ?? [])
              .map((c) => (c.content ?? []).map(textOf).join('').replace(/\n$/, ''))
              .join(','),
          )
          .join('|');
        return `${cells} ${bordered ? 'bordé' : 'sans bordure'}`;
      });
      check(
        'Docs : un tableau entre {#boucle} et {/boucle} répété par élément, bordé comme le modèle',
        'ok: Nom,A|Nom,B bordé',
        repeated,
        repeated === 'ok: Nom,A|Nom,B bordé',
      );
    }

    // RETEX copies (retex.ts): the templates copied in one UrlFetchApp.fetchAll of Drive files.copy, each linked by
    // the address its id gives (docs/google-assumptions.md, F11).
    const retexFolderId = rt.settings.get(KEYS.folderId);
    if (retexFolderId) {
      const source = DocumentApp.openById(doc.getId()).getBody().getText();
      let ids: Array<string | undefined> = [];
      const fetchMs = elapsed(() => {
        ids = copyAllAtOnce(
          rt.services,
          [1, 2].map((n) => ({ template: doc.getId(), name: `${SCRATCH} (copie ${n})` })),
          retexFolderId,
        );
      });
      for (const id of ids) if (id) trash.push(id);
      measure(
        'Durée : UrlFetchApp.fetchAll de 2 copies de document (Drive files.copy)',
        `${fmt(latencyOf('drive-copy'))} ms (modèle : une vague)`,
        `${fetchMs} ms`,
      );
      const same = ids.map((id) =>
        id ? attempt(() => DocumentApp.openById(id).getBody().getText() === source) : 'refusée',
      );
      check(
        'Copie d’un document par fetchAll : même texte que le modèle',
        'ok: true, ok: true',
        same.join(', '),
        same.every((s) => s === 'ok: true'),
      );
      const first = ids[0];
      const url = first ? attempt(() => DriveApp.getFileById(first).getUrl()) : 'refusée';
      check(
        'Adresse d’un document déduite de son identifiant',
        first ? `ok: ${googleDocUrl(first)}…` : 'une copie',
        url,
        first !== undefined && url.startsWith(`ok: ${googleDocUrl(first)}`),
      );
    } else {
      measure(
        'Copie d’un document par fetchAll (texte, adresse)',
        'vérifiée une fois le suivi installé (dossier du pilote)',
        'suivi pas encore installé',
      );
    }

    checks.push(...identityChecks(rt));
    const triggers = ScriptApp.getProjectTriggers();
    const ours = triggers.filter((t) =>
      Object.values(HANDLERS).includes(t.getHandlerFunction() as never),
    ).length;
    check(
      'Déclencheurs du projet (limite Google : 20)',
      '≤ 20, dont 3 permanents après installation (un de plus par classeur de réponses ajouté)',
      `${triggers.length} (${ours} du suivi)`,
      triggers.length <= 20,
    );
    const weeklyId = rt.settings.get(WEEKLY_TRIGGER_KEY);
    if (weeklyId) {
      const listed = new Set(triggers.map((t) => t.getHandlerFunction()));
      const wanted = [HANDLERS.formSubmit, HANDLERS.edit, HANDLERS.weekly];
      const seen = wanted.filter((h) => listed.has(h));
      const weeklySeen = triggers.some((t) => t.getUniqueId() === weeklyId);
      check(
        'getProjectTriggers (propriétaire) liste les déclencheurs posés à l’installation',
        `${wanted.join(', ')} ; hebdomadaire d’identifiant enregistré`,
        `${seen.join(', ') || 'aucun'} ; hebdomadaire ${weeklySeen ? 'listé' : 'absent'}`,
        seen.length === wanted.length && weeklySeen,
      );
    } else {
      measure(
        'getProjectTriggers (propriétaire) liste les déclencheurs posés à l’installation',
        'vérifié une fois le suivi installé',
        'suivi pas encore installé',
      );
    }
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

  const passed = checks.filter((c) => c.verdict === 'conforms').length;
  const failed = checks.filter((c) => c.verdict === 'differs').length;
  let report = rt.master.getSheetByName(frAppsScript.smokeSheet);
  if (!report) report = rt.master.insertSheet(frAppsScript.smokeSheet, rt.master.getSheets().length);
  report.clear();
  const rows = [
    frAppsScript.smokeHeader,
    ...checks.map((c) => [
      c.name,
      c.expected,
      c.observed,
      c.verdict === 'measured' ? '—' : c.verdict === 'conforms' ? 'oui' : 'NON',
    ]),
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
        .filter((c) => c.verdict === 'differs')
        .map((c) => `${c.name}: ${c.observed}`)
        .join('; '),
    }),
  );
  rt.notify(frAppsScript.smokeDone(passed, passed + failed));
  return { checks, passed, failed };
}
