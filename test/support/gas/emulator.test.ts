// The emulator's documented Google behaviours, one rule per test: if one of these changes, every Apps Script test
// built on it changes meaning.
import { createGasEnvironment, ProtectedCellError, type GasEnvironment } from './environment';
import { SEARCH_DELAY_MS } from './drive-app';
import { FormClosedError } from './form-app';
import { LOCK_TIMEOUT_MESSAGE } from './lock-service';
import { MAX_TRIGGERS } from './script-app';
import { CELL_LIMIT_MESSAGE, SPREADSHEET_MAX_CELLS } from './sheet-data';
import type { GasSpreadsheet } from '../../../src/apps-script/gas-api';

function setup(): { env: GasEnvironment; ss: GasSpreadsheet } {
  const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
  env.createContainer('Test');
  const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('no container');
  return { env, ss };
}

describe('SpreadsheetApp fake', () => {
  it('counts rows and columns from 1, and refuses a range outside the sheet', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0]!;
    expect(sheet.getRange(1, 1, 1, 1).getA1Notation()).toBe('A1');
    expect(sheet.getRange(2, 3, 2, 2).getA1Notation()).toBe('C2:D3');
    expect(() => sheet.getRange(0, 1, 1, 1)).toThrow('must be at least 1');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('outside the dimensions of the sheet');
  });

  it('refuses setValues whose array does not have the range’s size', () => {
    const { ss } = setup();
    const range = ss.getSheets()[0]!.getRange(1, 1, 2, 2);
    expect(() => range.setValues([[1, 2]])).toThrow('The data has 1 but the range has 2');
    expect(() => range.setValues([[1, 2], [3]])).toThrow('number of columns');
  });

  it('turns a string starting with = into a formula, and keeps text behind a leading apostrophe', () => {
    const { env, ss } = setup();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange(1, 1, 1, 3).setValues([['=IMPORTXML("http://x")', "'=1+1", '12']]);
    const data = env.container.sheets[0]!;
    expect(data.cell(1, 1)?.formula).toBe('=IMPORTXML("http://x")');
    expect(sheet.getRange(1, 2, 1, 2).getValues()).toEqual([['=1+1', 12]]);
  });

  it('reports 0 as the last row of an empty sheet and appends rows after the last one, growing the sheet', () => {
    const { ss } = setup();
    const sheet = ss.insertSheet('Long', 1);
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange(1000, 1, 1, 1).setValue('bas');
    sheet.appendRow(['après']);
    expect(sheet.getLastRow()).toBe(1001);
    expect(sheet.getMaxRows()).toBe(1001);
  });

  it('keeps the owner and the current user in a protection whatever removeEditors is given', () => {
    const { env, ss } = setup();
    ss.addEditors(['ars@ars.fr', 'ans@ans.fr']);
    const p = ss.getSheets()[0]!.getRange(1, 1, 1, 1).protect();
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['admin@ars-idf.fr', 'ans@ans.fr', 'ars@ars.fr']);
    p.removeEditors(p.getEditors().map((u) => u.getEmail()));
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([env.owner]);
    expect(() => p.setDomainEdit(false)).toThrow('Google Workspace');
  });

  it('lets a person edit only cells every covering protection allows them', () => {
    const { env, ss } = setup();
    ss.addEditors(['ans@ans.fr']);
    const sheet = ss.getSheets()[0]!;
    const p = sheet.getRange(1, 1, 5, 1).protect();
    p.removeEditors(['ans@ans.fr']);
    expect(() => env.edit('ans@ans.fr', env.container.id, 'Sheet1', 'A2', 'x')).toThrow(ProtectedCellError);
    env.edit('ans@ans.fr', env.container.id, 'Sheet1', 'B2', 'x');
    expect(() => env.edit('intrus@x.fr', env.container.id, 'Sheet1', 'B2', 'x')).toThrow(ProtectedCellError);
  });

  it('hands onEdit the value as Sheets stored it: a date as its serial number, « 01 » as 1 unless formatted as text', () => {
    const { env, ss } = setup();
    ss.setSpreadsheetTimeZone('Europe/Paris');
    env.globals.ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();
    const events: Array<{ value?: string }> = [];
    env.setDispatcher((_handler, event) => events.push(event as { value?: string }));
    const sheet = ss.getSheets()[0]!;
    sheet.getRange('C1').setNumberFormat('@');
    env.edit(env.owner, env.container.id, 'Sheet1', 'A1', '20/05/2022');
    env.edit(env.owner, env.container.id, 'Sheet1', 'B1', '01');
    env.edit(env.owner, env.container.id, 'Sheet1', 'C1', '01');
    expect(events.map((e) => e.value)).toEqual(['44701', '1', '01']);
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['20/05/2022', '1', '01']]);
  });

  it('finds a whole cell with a text finder and returns null when nothing matches', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange(1, 1, 3, 1).setValues([['form:1:2'], ['form:1:22'], ['x']]);
    const finder = sheet.getRange('A1:A').createTextFinder('form:1:2').matchEntireCell(true);
    expect(finder.findNext()?.getRow()).toBe(1);
    expect(finder.findNext()).toBeNull();
  });
});

describe('the 10-million-cell limit of a spreadsheet (blank cells included)', () => {
  /** Fills the container with blank tabs up to `free` cells below the limit. */
  function nearlyFull(env: GasEnvironment, free: number): void {
    const book = env.container;
    const room = SPREADSHEET_MAX_CELLS - book.gridCells() - free;
    const columns = 100;
    book.addSheet('Gros', book.sheets.length, Math.floor(room / columns), columns);
    const rest = room - Math.floor(room / columns) * columns;
    if (rest > 0) book.addSheet('Reste', book.sheets.length, rest, 1);
    expect(book.gridCells()).toBe(SPREADSHEET_MAX_CELLS - free);
  }

  it('counts every tab’s rows × columns, empty or not', () => {
    const { env, ss } = setup();
    ss.insertSheet('Vide', 1);
    expect(env.container.gridCells()).toBe(2 * 1000 * 26);
  });

  it('refuses a new tab, inserted rows or columns and an appended row past the limit, with Google’s text', () => {
    const { env, ss } = setup();
    nearlyFull(env, 26_000 + 26);
    const tab = ss.insertSheet('Juste', 1);
    expect(() => ss.insertSheet('De trop', 2)).toThrow(CELL_LIMIT_MESSAGE);
    tab.insertRowsAfter(1000, 1);
    expect(() => tab.insertRowsAfter(1, 1)).toThrow(CELL_LIMIT_MESSAGE);
    expect(() => tab.insertColumnsAfter(26, 1)).toThrow(CELL_LIMIT_MESSAGE);
    tab.getRange(1001, 1, 1, 1).setValue('dernière ligne');
    expect(() => tab.appendRow(['une de plus'])).toThrow(CELL_LIMIT_MESSAGE);
    expect(tab.getLastRow()).toBe(1001);
    expect(env.container.gridCells()).toBe(SPREADSHEET_MAX_CELLS);
  });

  it('refuses to link a form whose new tab would pass the limit, and keeps a response it cannot write', () => {
    const { env, ss } = setup();
    const app = env.globals.FormApp;
    const form = app.create('Test');
    form.addTextItem().setTitle('Cumul');
    // A new form takes no response until published: the refusal below must come from the full spreadsheet.
    form.setPublished(true);
    nearlyFull(env, 25_999);
    expect(() => form.setDestination(app.DestinationType.SPREADSHEET, env.container.id)).toThrow(
      CELL_LIMIT_MESSAGE,
    );
    ss.deleteSheet(ss.getSheetByName('Reste') ?? ss.getSheetByName('Gros')!);
    form.setDestination(app.DestinationType.SPREADSHEET, env.container.id);
    const tab = env.container.sheets[0]!;
    expect([tab.maxRows, tab.maxColumns]).toEqual([1000, 26]);
    // Full again: the response stays in the form but reaches no row and fires no trigger.
    env.container.addSheet('Comble', 0, 1, SPREADSHEET_MAX_CELLS - env.container.gridCells());
    tab.setCell(1000, 1, { value: 'plein' });
    expect(() => env.submitForm(form.getId(), { Cumul: '12' })).toThrow('nothing was delivered');
    expect(env.forms.unwritten).toEqual([{ formId: form.getId(), error: `Error: ${CELL_LIMIT_MESSAGE}` }]);
    expect(env.forms.get(form.getId()).responses).toHaveLength(1);
  });

  it('gives back cells when rows and columns are deleted, moving what was below and to the right', () => {
    const { env, ss } = setup();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange(5, 3, 1, 1).setValue('gardée');
    sheet.deleteRows(2, 3);
    sheet.deleteColumns(1, 2);
    expect(sheet.getRange(2, 1, 1, 1).getValue()).toBe('gardée');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([997, 24]);
    expect(env.container.gridCells()).toBe(997 * 24);
    expect(() => sheet.deleteRows(1, 997)).toThrow("You can't delete all the rows on the sheet.");
    expect(() => sheet.deleteColumns(20, 10)).toThrow('Those columns are out of bounds.');
  });
});

describe('ScriptApp, LockService, PropertiesService, MailApp fakes', () => {
  it(`refuses a trigger beyond Google's ${MAX_TRIGGERS}`, () => {
    const { env } = setup();
    const app = env.globals.ScriptApp;
    for (let i = 0; i < MAX_TRIGGERS; i += 1) app.newTrigger('f').timeBased().after(1000).create();
    expect(() => app.newTrigger('f').timeBased().after(1000).create()).toThrow('too many triggers');
  });

  it('throws on waitLock and answers false on tryLock while another execution holds the lock, after waiting', () => {
    const { env } = setup();
    env.lock.holdElsewhere();
    const before = env.runtime.now();
    const lock = env.globals.LockService.getScriptLock();
    expect(() => lock.waitLock(30_000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(lock.tryLock(10_000)).toBe(false);
    expect(env.runtime.now() - before).toBeGreaterThanOrEqual(40_000);
    env.lock.releaseElsewhere();
    expect(lock.tryLock(10_000)).toBe(true);
  });

  it('refuses a property value over 9 KB and a store over 500 KB', () => {
    const { env } = setup();
    const props = env.globals.PropertiesService.getScriptProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large');
    for (let i = 0; i < 55; i += 1) props.setProperty(`k${i}`, 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('k55', 'x'.repeat(9 * 1024))).toThrow('property storage quota');
    expect(props.getProperty('k55')).toBeNull();
  });

  it('counts mail recipients against the daily quota and refuses more than 50 recipients in a message', () => {
    const env = createGasEnvironment({ mailQuota: 3 });
    const mail = env.globals.MailApp;
    mail.sendEmail({ to: 'a@x.fr,b@x.fr', subject: 's', body: 'b' });
    expect(mail.getRemainingDailyQuota()).toBe(1);
    expect(() => mail.sendEmail({ to: 'c@x.fr,d@x.fr', subject: 's', body: 'b' })).toThrow(
      'too many times for one day',
    );
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@x.fr`).join(',');
    expect(() =>
      createGasEnvironment().globals.MailApp.sendEmail({ to: many, subject: 's', body: 'b' }),
    ).toThrow('50');
    expect(env.mail.outbox).toHaveLength(1);
  });
});

describe('modelled clock and call log', () => {
  it('advances the clock on each call and stops an execution past 6 minutes', () => {
    const { env } = setup();
    const start = env.runtime.now();
    const props = env.globals.PropertiesService.getScriptProperties();
    props.getProperty('x');
    expect(env.runtime.now() - start).toBe(31); // handle (1 ms) + getProperty (30 ms)
    expect(() =>
      env.execute('long', () => {
        for (;;) env.globals.SpreadsheetApp.flush();
      }),
    ).toThrow('Exceeded maximum execution time');
  });

  it('tells calls that reach Google from handle navigation', () => {
    const { env, ss } = setup();
    const window = env.calls();
    ss.getSheetByName('Sheet1')?.getRange(1, 1, 1, 1).setValue(1);
    expect(window.total).toBe(3);
    expect(window.io).toBe(1);
    expect(window.summary()).toEqual({ 'Range.setValue': 1 });
  });

  it('makes the bundle’s `new Date()` the modelled time, as an ordinary Date', () => {
    const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
    const now = new env.globals.Date();
    expect(now).toBeInstanceOf(Date);
    expect(now.toISOString()).toBe('2022-06-10T08:00:00.000Z');
    expect(new env.globals.Date(0).getTime()).toBe(0);
  });
});

describe('FormApp and DriveApp fakes', () => {
  it('deletes an item once (a second delete throws), keeping its column and past answers in the responses tab', () => {
    const { env } = setup();
    const app = env.globals.FormApp;
    const form = app.create('Test');
    const box = form.addCheckboxItem().setTitle('Actions terminées').setChoiceValues(['A', 'B']);
    form.addTextItem().setTitle('Cumul');
    form.setDestination(app.DestinationType.SPREADSHEET, env.container.id);
    // A new form takes no response until published.
    form.setPublished(true);
    env.submitForm(form.getId(), { 'Actions terminées': ['A', 'B'], Cumul: '3' });
    const item = form.getItemById(box.getId())!;
    form.deleteItem(item);
    expect(() => form.deleteItem(item)).toThrow();
    expect(form.getItems().map((x) => x.getTitle())).toEqual(['Cumul']);
    expect(() => env.submitForm(form.getId(), { 'Actions terminées': ['A'] })).toThrow('No question');
    const tab = env.container.sheets[0]!;
    expect([tab.cell(1, 2)?.value, tab.cell(2, 2)?.value]).toEqual(['Actions terminées', 'A, B']);
  });
  it('refuses an answer its validation pattern rejects, as the form page does', () => {
    const { env } = setup();
    const app = env.globals.FormApp;
    const form = app.create('Test');
    form
      .addTextItem()
      .setTitle('Cumul')
      .setRequired(true)
      .setValidation(
        app.createTextValidation().requireTextMatchesPattern('^\\s*\\d+\\s*$').setHelpText('Entier').build(),
      );
    form.setDestination(app.DestinationType.SPREADSHEET, env.container.id);
    form.setPublished(true);
    expect(() => env.submitForm(form.getId(), { Cumul: '-3' })).toThrow('Entier');
    const { event } = env.submitForm(form.getId(), { Cumul: '12' });
    expect(event.row).toBe(2);
    expect(env.container.sheets[0]?.name).toBe('Form Responses 1');
  });

  it('creates a form unpublished and refuses a response until it is published, and again once it is closed', () => {
    const { env } = setup();
    const app = env.globals.FormApp;
    const form = app.create('Test');
    form.addTextItem().setTitle('Cumul');
    form.setDestination(app.DestinationType.SPREADSHEET, env.container.id);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([false, false]);
    expect(() => env.submitForm(form.getId(), { Cumul: '1' })).toThrow(FormClosedError);
    form.setPublished(true);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, true]);
    expect(env.submitForm(form.getId(), { Cumul: '2' }).event.row).toBe(2);
    form.setAcceptingResponses(false);
    expect(() => env.submitForm(form.getId(), { Cumul: '3' })).toThrow(FormClosedError);
    // Unpublishing closes it whatever the switch says.
    form.setAcceptingResponses(true).setPublished(false);
    expect(form.isAcceptingResponses()).toBe(false);
    const tab = env.container.sheets.find((s) => s.formUrl !== null)!;
    expect(tab.lastRow()).toBe(2);
  });

  it('round-trips a prefilled link to the answers it carries', () => {
    const { env } = setup();
    const form = env.globals.FormApp.create('Test');
    const list = form.addListItem().setTitle('Semaine').setChoiceValues(['S1', 'S2']);
    const url = form.createResponse().withItemResponse(list.createResponse('S2')).toPrefilledUrl();
    expect(url).toMatch(/usp=pp_url&entry\.\d+=S2$/);
    expect(env.forms.prefilledAnswers(url)).toEqual({ Semaine: 'S2' });
  });

  it('copies a form with its items and validations into a folder', () => {
    const { env } = setup();
    const app = env.globals.FormApp;
    const form = app.create('Modèle');
    form
      .addTextItem()
      .setTitle('A')
      .setValidation(app.createTextValidation().requireTextLengthLessThanOrEqualTo(5).build());
    const folder = env.globals.DriveApp.createFolder('Dossier');
    const copy = env.globals.DriveApp.getFileById(form.getId()).makeCopy('Copie', folder);
    const copied = env.forms.get(copy.getId());
    expect(copied.items.map((i) => [i.title, i.validation?.kind])).toEqual([['A', 'maxLength']]);
    expect(copied.items[0]?.id).not.toBe(env.forms.get(form.getId()).items[0]?.id);
    // Drive's name search sees a new file only after a while.
    expect(folder.getFilesByName('Copie').hasNext()).toBe(false);
    env.runtime.advance(SEARCH_DELAY_MS);
    expect(folder.getFilesByName('Copie').hasNext()).toBe(true);
  });

  it('shows a linked form’s response tab to scripts only after a flush', () => {
    const { env, ss } = setup();
    const form = env.globals.FormApp.create('Test');
    form.addTextItem().setTitle('Cumul');
    form.setDestination(env.globals.FormApp.DestinationType.SPREADSHEET, ss.getId());
    expect(ss.getSheets().map((s) => s.getFormUrl())).toEqual([null]);
    expect(ss.getSheetByName('Form Responses 1')).toBeNull();
    env.globals.SpreadsheetApp.flush();
    expect(ss.getSheets()[0]?.getFormUrl()).toBe(form.getPublishedUrl());
  });

  it('makes a copy of a published form unpublished', () => {
    const { env } = setup();
    const form = env.globals.FormApp.create('Modèle').setPublished(true);
    const folder = env.globals.DriveApp.createFolder('Dossier');
    const copy = env.globals.DriveApp.getFileById(form.getId()).makeCopy('Copie', folder);
    expect(env.globals.FormApp.openById(copy.getId()).isPublished()).toBe(false);
    expect(form.isPublished()).toBe(true);
  });
});

describe('DocumentApp fake', () => {
  function docWith(...paragraphs: string[]) {
    const { env } = setup();
    const doc = env.globals.DocumentApp.create('RETEX');
    const body = doc.getBody();
    body
      .getChild(0)
      .asParagraph()
      .setText(paragraphs[0] ?? '');
    for (const p of paragraphs.slice(1)) body.appendParagraph(p);
    return { env, doc, body, data: env.documents.get(doc.getId()) };
  }

  it('reads $n in a replacement as a group and \\ as an escape, as RE2J does: only an escaped value stays literal', () => {
    const { body, data } = docWith('a {x} b {y} d');
    const paragraph = body.getChild(0).asParagraph();
    paragraph.replaceText('\\{(x)\\}', 'groupe $1 et \\$1 et \\\\');
    expect(data.paragraphs()[0]?.text).toBe('a groupe x et $1 et \\ b {y} d');
    expect(() => paragraph.replaceText('\\{y\\}', 'coût $& ')).toThrow('illegal group reference');
    expect(() => paragraph.replaceText('\\{y\\}', 'fin \\')).toThrow('character to be escaped is missing');
    expect(() => paragraph.replaceText('\\{y\\}', '$2')).toThrow('no group 2');
    expect(data.paragraphs()[0]?.text).toBe('a groupe x et $1 et \\ b {y} d');
  });

  it('runs the pattern as a regular expression, refuses what RE2 lacks, and changes only its own paragraph', () => {
    const { body, data } = docWith('prix 1.5 et 1x5', 'autre 1.5');
    const paragraph = body.getChild(0).asParagraph();
    paragraph.replaceText('1.5', 'N');
    expect(() => paragraph.replaceText('(?<=prix) N', '')).toThrow('lookaround');
    expect(() => paragraph.replaceText('(N) \\1', '')).toThrow('backreferences');
    expect(data.paragraphs().map((p) => p.text)).toEqual(['prix N et N', 'autre 1.5']);
  });

  it('refuses to remove a section’s last paragraph, and keeps a paragraph after a table inserted last', () => {
    const { body, data } = docWith('seul');
    expect(() => body.getChild(0).removeFromParent()).toThrow("Can't remove the last paragraph");
    body.appendTable([['a']]);
    expect(data.body.children.map((n) => n.type)).toEqual(['PARAGRAPH', 'TABLE', 'PARAGRAPH']);
    body.getChild(0).removeFromParent();
    expect(data.body.children.map((n) => n.type)).toEqual(['TABLE', 'PARAGRAPH']);
  });

  it('puts a chart rendered by the Charts service into a paragraph as an image that says what it drew', () => {
    const { env, body, data } = docWith('{@chart}');
    const { Charts } = env.globals;
    const table = Charts.newDataTable()
      .addColumn(Charts.ColumnType.STRING, 'Semaine')
      .addColumn(Charts.ColumnType.NUMBER, 'Cumul')
      .addRow(['S19', 3])
      .build();
    const window = env.calls();
    const blob = Charts.newLineChart().setDataTable(table).setTitle('Cumul').build().getAs('image/png');
    body.getChild(0).asParagraph().appendInlineImage(blob).setAttributes({ WIDTH: 200, HEIGHT: 150 });
    expect(window.summary()['Chart.getAs']).toBe(1);
    expect(data.paragraphs()[0]?.images[0]).toMatchObject({
      contentType: 'image/png',
      width: 200,
      height: 150,
      chart: { title: 'Cumul', rows: [['S19', 3]] },
    });
  });
});
