// The RETEX menu entries on the default bundle (dist/apps-script/Code.js), right after install: the Google Doc
// templates written from the same descriptions as the .docx ones, documents with the ARS prompts, a run Google
// stops in the middle of a document, a Docs batch Google refuses, a script pushed without the advanced Docs service,
// a template the ARS broke then mended, one the ARS restyled.
import { retexFr } from '../../../src/domain/messages';
import { retexLayout } from '../../../src/domain/retex/layout';
import { arsSections } from '../../../src/domain/retex/template';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { loadBundle, type GasBundle } from '../../support/gas/bundle';
import type { ParagraphNode } from '../../support/gas/document-app';
import { createGasEnvironment, type GasEnvironment } from '../../support/gas/environment';
import { defaultProject } from '../../support/project';
import { paris } from '../../support/apps-script/season';
import { frGoogleShared } from '../../../src/google/messages';
import { frAppsScript } from '../../../src/apps-script/messages';
import type { GasUrlFetchApp } from '../../../src/apps-script/gas-api';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const TEMPLATE_NAMES = [
  frGoogleShared.retexTemplateName(templates.useCase.title),
  frGoogleShared.retexTemplateName(templates.crossCutting.title),
];

function installed(): { env: GasEnvironment; bundle: GasBundle } {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('install', [], { ui: true });
  env.runtime.setNow(paris('2022-07-04', 10));
  return { env, bundle };
}

/** Clicks the menu entry, then lets Google fire the continuations. */
function build(env: GasEnvironment, bundle: GasBundle, entry = 'buildRetexV1'): void {
  bundle.run(entry, [], { ui: true });
  while (env.triggers.triggers.some((t) => t.handler === 'resumeRetex')) {
    env.runtime.advance(61_000);
    env.runDueClockTriggers();
  }
}

const templateDoc = (env: GasEnvironment, name: string) =>
  env.documents.get(env.drive.list('document').find((d) => d.name === name)!.id);

const retexDocs = (env: GasEnvironment) =>
  env.drive.list('document').filter((d) => d.name.startsWith('RETEX-'));

/** The blank copies a run made ahead and noted for a later run (Script Properties `retex.copies`). */
const notedCopyIds = (env: GasEnvironment): string[] =>
  (JSON.parse(env.properties.script.get('retex.copies') ?? '[]') as Array<{ id: string }>).map((c) => c.id);

describe('install', () => {
  it('writes the Google Doc templates from the RETEX descriptions, in the pilot’s folder, ids kept', () => {
    const { env } = installed();
    const folder = env.drive.list('folder')[0]!;
    for (const [description, name] of [
      [templates.useCase, TEMPLATE_NAMES[0]!],
      [templates.crossCutting, TEMPLATE_NAMES[1]!],
    ] as const) {
      const doc = templateDoc(env, name);
      const layout = retexLayout(description, project.tracking);
      // The same content as the .docx template: every paragraph and table of the shared layout, in order.
      expect(doc.paragraphs().map((p) => p.text)).toEqual(
        layout.body.flatMap((e) => (e.type === 'paragraph' ? [e.text] : [])),
      );
      expect(doc.tables()).toEqual(layout.body.flatMap((e) => (e.type === 'table' ? [e.rows] : [])));
      expect(doc.footer?.children.map((c) => (c.type === 'TABLE' ? '' : c.text))).toEqual([layout.footer]);
      expect(doc.paragraphs()[0]?.heading).toBe('TITLE');
      expect(
        doc.paragraphs().find((p) => p.text === '1. Identification' || p.text === '1. Périmètre')?.heading,
      ).toBe('HEADING1');
      // The styles the .docx template gives: grey italic notes, tables with grey borders, their labels in bold.
      const texts = layout.body.flatMap((e) => (e.type === 'paragraph' ? [e] : []));
      const note = texts.find((e) => e.style === 'note' && e.text !== '')!;
      expect(doc.paragraphs().find((p) => p.text === note.text)?.attrs).toMatchObject({
        ITALIC: true,
        FONT_SIZE: 9,
        FOREGROUND_COLOR: '#555555',
      });
      const tables = doc.body.children.flatMap((c) => (c.type === 'TABLE' ? [c] : []));
      expect(tables.map((t) => t.attrs.BORDER_COLOR)).toEqual(tables.map(() => '#8C8C8C'));
      const firstTable = layout.body.find((e) => e.type === 'table')!;
      const boldCell = firstTable.header ? tables[0]!.rows[0]!.cells[1]! : tables[0]!.rows[1]!.cells[0]!;
      expect(boldCell.attrs.BOLD).toBe(true);
      expect(env.drive.get(doc.id).parentId).toBe(folder.id);
      expect(env.properties.script.get(`retex.template.${description.id}`)).toBe(doc.id);
    }
  });
});

describe('buildRetexV1 before any report', () => {
  it('writes one document per use case and the cross-cutting one, every ARS section a prompt', () => {
    const { env, bundle } = installed();
    build(env, bundle);
    const docs = retexDocs(env);
    expect(docs).toHaveLength(10);
    const cross = env.documents.get(docs.find((d) => d.name === 'RETEX-V1-transverse-2022-07-04')!.id);
    const paragraphs = cross.paragraphs().map((p) => p.text);
    for (const section of arsSections(templates.crossCutting))
      expect(paragraphs).toContain(retexFr.prompt(section.prompt));
    expect(env.drive.list('document').filter((d) => TEMPLATE_NAMES.includes(d.name))).toHaveLength(2);
  });
});

describe('a run Google stops in the middle of a document', () => {
  it('leaves a half-written copy that the next run trashes, and fills the blank copies made ahead', () => {
    // Where, in a build, the first document starts being filled.
    const probe = installed();
    const window = probe.env.calls();
    const start = probe.env.runtime.now();
    probe.bundle.run('buildRetexV1', [], { ui: true });
    const firstFill = window.records.find((r) => r.name === 'DocumentApp.openById')!.at - start;

    const { env, bundle } = installed();
    env.runtime.executionLimitMs = firstFill + 3000;
    expect(() => bundle.run('buildRetexV1', [], { ui: true })).toThrow('Exceeded maximum execution time');
    // Every copy was made in one fetchAll and noted; the one being filled had left the list.
    const made = retexDocs(env);
    expect(made).toHaveLength(10);
    const blank = notedCopyIds(env);
    expect(blank).toHaveLength(9);
    const halfWritten = made.filter((d) => !blank.includes(d.id));
    expect(halfWritten).toHaveLength(1);
    env.runtime.executionLimitMs = 6 * 60 * 1000;
    env.runtime.advance(60_000);
    build(env, bundle);
    const live = retexDocs(env);
    expect(live).toHaveLength(10);
    expect(new Set(live.map((d) => d.name)).size).toBe(10);
    expect(env.drive.get(halfWritten[0]!.id).trashed).toBe(true);
    expect(live.map((d) => d.name)).toContain(halfWritten[0]!.name);
    // The blank copies are the documents now, filled: none was copied again.
    expect(live.map((d) => d.id)).toEqual(expect.arrayContaining(blank));
    for (const id of blank) expect(env.documents.get(id).text()).not.toMatch(/\{[a-z_]+\}/);
    expect(env.properties.script.get('retex.cursor')).toBeUndefined();
    expect(env.properties.script.get('retex.copies')).toBeUndefined();
  });
});

describe('the copies made ahead in one UrlFetchApp.fetchAll', () => {
  it('copies every template in one fetchAll and makes alone, with makeCopy, a copy Google refused', () => {
    const { env, bundle } = installed();
    const urlFetch = env.globals.UrlFetchApp as GasUrlFetchApp;
    const fetchAll = urlFetch.fetchAll.bind(urlFetch);
    let refused = '';
    urlFetch.fetchAll = (requests) => {
      // Google answers the last request with an error and copies nothing for it.
      const last = requests.at(-1)!;
      refused = (JSON.parse(last.payload ?? '{}') as { name: string }).name;
      return [
        ...fetchAll(requests.slice(0, -1)),
        { getResponseCode: () => 503, getContentText: () => '{"error":{"code":503}}' },
      ];
    };
    const window = env.calls();
    build(env, bundle);
    const calls = window.summary();
    expect(calls['UrlFetchApp.fetchAll']).toBe(1);
    expect(calls['File.makeCopy']).toBe(1);
    const live = retexDocs(env);
    expect(live).toHaveLength(10);
    expect(new Set(live.map((d) => d.name)).size).toBe(10);
    expect(live.map((d) => d.name)).toContain(refused);
    for (const d of live) expect(env.documents.get(d.id).text()).not.toMatch(/\{[a-z_]+\}/);
    expect(env.properties.script.get('retex.copies')).toBeUndefined();
  });

  it('writes every document on the watchdog’s run after Google failed the fetchAll, none twice', () => {
    const { env, bundle } = installed();
    env.runtime.failNext('UrlFetchApp.fetchAll', 'Address unavailable: https://www.googleapis.com');
    expect(() => bundle.run('buildRetexV1', [], { ui: true })).toThrow('Address unavailable');
    expect(retexDocs(env)).toEqual([]);
    for (let i = 0; i < 5 && env.triggers.triggers.some((t) => t.handler === 'resumeRetex'); i += 1) {
      env.runtime.advance(8 * 60_000);
      env.runDueClockTriggers();
    }
    const live = retexDocs(env);
    expect(live).toHaveLength(10);
    expect(new Set(live.map((d) => d.name)).size).toBe(10);
    expect(env.properties.script.get('retex.cursor')).toBeUndefined();
  });
});

describe('templates the ARS edited in Google Docs', () => {
  it('trashes the copy whose Docs batch Google refused, and writes it again on the watchdog’s run', () => {
    const { env, bundle } = installed();
    env.runtime.failNext(
      'Docs.Documents.batchUpdate',
      'API call to docs.documents.batchUpdate failed with error: Internal error',
    );
    expect(() => bundle.run('buildRetexV1', [], { ui: true })).toThrow(/Internal error/);
    // The copy being filled is in the trash: nothing of the refused batch was applied, nothing half-filled is kept;
    // the other copies, made ahead, are blank and noted for the next run.
    const trashed = [...env.drive.entries.values()].filter((e) => e.name.startsWith('RETEX-') && e.trashed);
    expect(trashed).toHaveLength(1);
    expect(env.documents.byId.get(trashed[0]!.id)!.text()).toMatch(/\{[a-z_]+\}/);
    const blank = notedCopyIds(env);
    expect(blank).toHaveLength(9);
    build(env, bundle);
    const live = retexDocs(env);
    expect(live).toHaveLength(10);
    expect(live.map((d) => d.name)).toContain(trashed[0]!.name);
    expect(live.map((d) => d.id)).toEqual(expect.arrayContaining(blank));
    expect(env.properties.script.get('retex.cursor')).toBeUndefined();
  });

  it('refuses in French, writing nothing, when the script was pushed without the advanced Docs service', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.createContainer('Suivi MES');
    delete (env.globals as { Docs?: unknown }).Docs;
    const bundle = loadBundle(env);
    bundle.run('install', [], { ui: true });
    // The install ends, without templates, and says why in the Journal.
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect(env.drive.list('document')).toEqual([]);
    const journal = env.container.sheet('Journal')!;
    const lines = Array.from({ length: journal.lastRow() }, (_, i) =>
      Array.from({ length: journal.lastColumn() }, (_, j) => String(journal.cell(i + 1, j + 1)?.value ?? '')),
    );
    expect(lines.some((l) => l.includes(frAppsScript.docsServiceMissing))).toBe(true);
    env.runtime.setNow(paris('2022-07-04', 10));
    bundle.run('buildRetexV1', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.docsServiceMissing);
    expect(retexDocs(env).filter((d) => !d.trashed)).toEqual([]);
    expect(env.properties.script.get('retex.cursor')).toBeUndefined();
  });

  it('refuses, in French, a template whose loop lost its end, leaves no document, and fills it once mended', () => {
    const { env, bundle } = installed();
    const template = templateDoc(env, TEMPLATE_NAMES[0]!);
    const end = template.body.children.findIndex((n) => n.type !== 'TABLE' && n.text === '{/quotes_actions}');
    const [removed] = template.body.children.splice(end, 1);
    bundle.run('buildRetexV1', [], { ui: true });
    const alert = env.sheets.alerts.at(-1)!;
    expect(alert).toMatch(
      /^Le modèle RETEX Modèle RETEX — Fiche RETEX par cas d'usage ne peut pas être rempli : /,
    );
    expect(alert).toContain(retexFr.loopNotClosed('quotes_actions'));
    expect(retexDocs(env)).toEqual([]);
    const journal = env.container.sheet('Journal')!;
    expect(journal.cell(journal.lastRow(), 6)?.value).toBe(alert);

    template.body.children.splice(end, 0, removed!);
    build(env, bundle);
    expect(retexDocs(env)).toHaveLength(10);
  });

  it('fills each document in one Docs batch; a repeated paragraph takes its template’s first formatting throughout', () => {
    const { env, bundle } = installed();
    const template = templateDoc(env, TEMPLATE_NAMES[0]!);
    const line = template.body.children.find(
      (n): n is ParagraphNode => n.type !== 'TABLE' && n.text.startsWith('{department_name} — '),
    )!;
    line.runs = [0, 17];
    const window = env.calls();
    build(env, bundle);
    const aphp = env.documents.get(retexDocs(env).find((d) => d.name.includes('ap-hp'))!.id);
    const lines = aphp.paragraphs().filter((p) => p.text.startsWith('75 – Paris — public — AP-HP.'));
    expect(lines).toHaveLength(3);
    // The Docs fill gives a repeated paragraph one text style (its template's first run): a word the ARS put in
    // bold there is not kept. A known limit, shared with `suivi-mes google retex`.
    expect(lines.every((p) => p.runs === undefined)).toBe(true);
    expect(window.summary()['Docs.Documents.batchUpdate']).toBe(retexDocs(env).length);
    expect(window.summary()['Paragraph.replaceText']).toBeUndefined();
  });
});
