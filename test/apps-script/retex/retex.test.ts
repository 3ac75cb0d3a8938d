// RETEX in Google Docs on the real bundle: a season of the 16 pilots up to week 27 (season.ts), the ARS writing its
// sections in « Textes RETEX », the RETEX V1 built from the menu before the week-26 reports (on Tuesday 28 June),
// then again on Monday 4 July once they are in (V1.1), then once more with nothing new. Each Google Doc is read
// back and compared with the frozen snapshot of its version and with the season's own book of what was reported.
import { compareWeeks, type IsoWeek } from '../../../src/domain/iso-week';
import { counterColumns } from '../../../src/domain/columns';
import { retexFr } from '../../../src/domain/messages';
import { JOURNAL_KIND_LABELS } from '../../../src/domain/model';
import type { RetexIssue } from '../../../src/domain/retex/issue';
import { arsSections, quotedColumns } from '../../../src/domain/retex/template';
import { draftRetex } from '../../../src/app/build-retex';
import { retexFingerprint } from '../../../src/domain/retex/issue';
import { openRuntime } from '../../../src/apps-script/runtime';
import { RETEX_DATA_SHEET, SheetRetexStore } from '../../../src/apps-script/retex/retex-store';
import { RETEX_TEXTS_SHEET, TEXT_COLUMNS } from '../../../src/apps-script/retex/retex-texts';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { retexTemplatesDir } from '../../../src/node/project-files';
import type { DocData } from '../../support/gas/document-app';
import { ProtectedCellError } from '../../support/gas/environment';
import { defaultProject } from '../../support/project';
import { TRICKY_TEXT } from '../../support/retex-season';
import { ADMIN, ANS, ARS, buildSeasonBundle, paris, Season } from '../../support/apps-script/season';
import { frAppsScript } from '../../../src/apps-script/messages';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const counters = counterColumns(project.tracking);

/** A very long ES text at the column's limit, with what regular expressions and templates treat specially. */
const LONG_VIGILANCE = 'Vigilance : coût 3 $ puis $1 et $& ; C:\\dossier\\n ; {{balise}} ; « éàçœ » — '
  .repeat(40)
  .slice(0, 2000);
/** A very long ARS action (the column's limit). */
const LONG_ACTION = `${'Relance DSI $2 \\ {#es} ; '.repeat(200).slice(0, 3999)}.`;
/** The ARS's own text for one section: long, with line breaks and the same specials. */
const ARS_TEXT = `${'Levier : le référent a formé 12 $ collègues, \\1 et $& et {{x}} ; '.repeat(280)}\nfin.`;
const PATIENT_TEXT = 'Mme Durand née le 12/03/1950 a témoigné';
const PARC_KEY = 'cas-usage:sortie de cancerologie ou de soins palliatifs|';
const CUTOFF = Date.parse(paris('2022-07-01', 18));
const TAG_LEFT = /\{[#/^@]?[a-z][a-z0-9_]*\}/;

const season = new Season(buildSeasonBundle());
const runs: number[] = [];
const notes: Record<string, unknown> = {};

/** Clicks a RETEX menu entry and lets Google fire the continuations until the documents are all written. */
function build(entry: 'buildRetexV1' | 'buildRetexVF'): void {
  let start = season.env.runtime.now();
  season.run(entry, ADMIN);
  runs.push(season.env.runtime.now() - start);
  while (season.env.triggers.triggers.some((t) => t.handler === 'resumeRetex')) {
    season.env.runtime.advance(61_000);
    start = season.env.runtime.now();
    season.env.runDueClockTriggers();
    runs.push(season.env.runtime.now() - start);
  }
}

function textsRow(documentKey: string, sectionId: string): number {
  const tab = season.env.container.sheet(RETEX_TEXTS_SHEET)!;
  for (let r = 2; r <= tab.lastRow(); r += 1)
    if (
      tab.cell(r, TEXT_COLUMNS.key)?.value === documentKey &&
      tab.cell(r, TEXT_COLUMNS.sectionId)?.value === sectionId
    )
      return r;
  throw new Error(`no Textes RETEX row for ${documentKey} ${sectionId}`);
}

function writeText(user: string, documentKey: string, sectionId: string, text: string): void {
  season.env.edit(
    user,
    season.env.container.id,
    RETEX_TEXTS_SHEET,
    `D${textsRow(documentKey, sectionId)}`,
    text,
  );
}

// The use cases stay « à confirmer », so the establishments of one pathway share a document (the 9 AP-HP sites).
season.useCaseAnswer = () => 'à confirmer';
season.extraAnswers = (row, i): Record<string, string> => {
  if (row.establishmentId === 'clinique-du-parc' && i === 0)
    return { "Suivi de l'expérimentation Messagerie": TRICKY_TEXT };
  if (row.establishmentId === 'gh-bichat' && i === 1) return { 'Points de vigilance': LONG_VIGILANCE };
  return {};
};

beforeAll(() => {
  season.play({
    weeks: 9,
    onMonday: (i) => {
      if (i === 7) {
        // Monday 27 June: the ARS writes in « Textes RETEX » and in Suivi; Tuesday it builds the V1.
        season.editSuivi(
          ARS,
          season.rows.find((r) => r.establishmentId === 'gh-cochin')!,
          'actions',
          LONG_ACTION,
        );
        writeText(ARS, PARC_KEY, 'levers', ARS_TEXT);
        writeText(ARS, 'transverse', 'ins', PATIENT_TEXT);
        notes.refused = {
          status: season.env.container
            .sheet(RETEX_TEXTS_SHEET)!
            .cell(textsRow('transverse', 'ins'), TEXT_COLUMNS.status)?.value,
          text:
            season.env.container
              .sheet(RETEX_TEXTS_SHEET)!
              .cell(textsRow('transverse', 'ins'), TEXT_COLUMNS.text)?.value ?? '',
          alert: season.env.sheets.alerts.at(-1),
        };
        try {
          writeText(ANS, PARC_KEY, 'context', 'Texte de l’ANS');
        } catch (error) {
          notes.ansBlocked = error instanceof ProtectedCellError;
        }
        season.at(paris('2022-06-28', 10));
        build('buildRetexV1');
        notes.v1Alert = season.env.sheets.alerts.at(-1);
        notes.v1Docs = season.env.drive
          .list('document')
          .map((d) => ({ id: d.id, text: season.env.documents.get(d.id).text() }));
      }
      if (i === 8) {
        // Monday 4 July: the week-26 reports are in; then nothing new.
        season.at(paris('2022-07-04', 10));
        build('buildRetexV1');
        notes.v11Alert = season.env.sheets.alerts.at(-1);
        const before = season.env.drive.list('document').length;
        build('buildRetexV1');
        notes.unchangedAlert = season.env.sheets.alerts.at(-1);
        notes.unchangedCreated = season.env.drive.list('document').length - before;
      }
    },
  });
});

/** The runtime's own modules opened on the workbook the bundle wrote (the TypeScript sources, not the bundle). */
function opened() {
  const env = season.env;
  const rt = openRuntime(env.globals, project, { now: () => new Date(env.runtime.now()) });
  return { rt, retex: new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET)) };
}

/** The versions the bundle recorded, read back with the runtime's own store. */
function issues(): RetexIssue[] {
  return opened().retex.listIssues('V1');
}

function folderUrl(): string {
  return season.env.drive.url(season.env.drive.list('folder')[0]!);
}

/** The summaries of the Journal's RETEX lines, oldest first. */
function journalSummaries(): string[] {
  const journal = season.env.container.sheet('Journal')!;
  const lines: string[] = [];
  for (let r = 2; r <= journal.lastRow(); r += 1)
    if (journal.cell(r, 2)?.value === JOURNAL_KIND_LABELS.retex)
      lines.push(String(journal.cell(r, 6)?.value));
  return lines;
}

function docOf(name: string): DocData {
  const entry = season.env.drive.list('document').find((d) => d.name === name);
  if (!entry) throw new Error(`no document ${name}`);
  return season.env.documents.get(entry.id);
}

function table(doc: DocData, first: string, second: string): string[][] {
  const found = doc.tables().find((t) => t[0]?.[0] === first && t[0]?.[1] === second);
  if (!found) throw new Error(`no table ${first} | ${second}`);
  return found;
}

/** The doc's text less the user texts that hold braces on purpose. */
function withoutUserText(text: string): string {
  return [TRICKY_TEXT, LONG_VIGILANCE, LONG_ACTION, ARS_TEXT].reduce((t, u) => t.split(u).join(''), text);
}

describe('buildRetexV1 on the season', () => {
  it('issues V1 on 28 June, then V1.1 once the week-26 reports are in, then nothing new', () => {
    expect(issues().map((i) => i.label)).toEqual(['V1', 'V1.1']);
    // The person who clicked is told the version is written, all in one run.
    expect(notes.v11Alert).toMatch(/^Nouvelle version V1\.1/);
    expect(journalSummaries().filter((l) => l.startsWith('Nouvelle version V1.1'))).toEqual([
      `Nouvelle version V1.1 (remplace V1, conservée). ${frAppsScript.retexDone('V1.1', 10, folderUrl())}`,
    ]);
    expect(notes.unchangedAlert).toBe(
      frAppsScript.retexUpToDate(
        retexFr.issueUnchanged('V1.1'),
        season.env.drive.list('folder')[0]!.id
          ? season.env.drive.url(season.env.drive.list('folder')[0]!)
          : '',
      ),
    );
    expect(notes.unchangedCreated).toBe(0);
  });

  it('issued exactly the documents the RETEX model draws from the workbook’s data (fingerprints equal)', () => {
    const { rt, retex } = opened();
    const draft = draftRetex(rt, retex, 'V1', templates);
    const v11 = issues()[1]!;
    expect(retexFingerprint(draft)).toBe(v11.fingerprint);
    expect(draft.documents.map((d) => d.key)).toEqual(v11.documents.map((d) => d.key));
  });

  it('writes one Google Doc per document of each version in the pilot’s folder, named like the .docx files', () => {
    const folder = season.env.drive.list('folder')[0]!;
    for (const issue of issues()) {
      expect(issue.documents).toHaveLength(10);
      for (const d of issue.documents) {
        const entry = season.env.drive.list('document').find((f) => f.name === d.fileBase);
        expect(entry?.parentId).toBe(folder.id);
        expect(season.env.documents.get(entry!.id).saved).toBe(true);
      }
    }
    const names = season.env.drive.list('document').map((d) => d.name);
    expect(names.filter((n) => n.startsWith('RETEX-V1.1-'))).toHaveLength(10);
    expect(names).toContain('RETEX-V1.1-transverse-2022-07-04');
    expect(names).toContain('RETEX-V1-transverse-2022-06-28');
    expect(names.filter((n) => n.startsWith('Modèle RETEX'))).toHaveLength(2);
  });

  it('keeps the V1 documents as they were: built on the data up to week 25', () => {
    const v1 = issues()[0]!;
    const cross = docOf(v1.documents.at(-1)!.fileBase);
    expect(cross.text()).toContain(String(v1.documents.at(-1)!.model.values.data_basis));
    expect(String(v1.documents.at(-1)!.model.values.data_basis_short)).toContain("données jusqu'à 2022-W25");
    for (const d of notes.v1Docs as Array<{ id: string; text: string }>) {
      expect(season.env.drive.get(d.id).trashed).toBe(false);
      expect(season.env.documents.get(d.id).text()).toBe(d.text);
    }
  });

  it('fills every section, table and footer of each V1.1 document from its snapshot, no tag left', () => {
    const v11 = issues()[1]!;
    for (const d of v11.documents) {
      const doc = docOf(d.fileBase);
      const paragraphs = doc.paragraphs().map((p) => p.text);
      const description = d.model.kind === 'use-case' ? templates.useCase : templates.crossCutting;
      for (const s of arsSections(description)) {
        expect(paragraphs).toContain(s.title);
        expect(paragraphs).toContain(String(d.model.values[`section_${s.id}`]));
      }
      expect(paragraphs).toContain(String(d.model.values.data_basis));
      for (const column of quotedColumns(description))
        for (const q of d.model.values[`quotes_${column}`] as Array<Record<string, string>>)
          expect(paragraphs).toContain(`${q.week_label} — ${q.establishment} : « ${q.text} »`);
      for (const e of d.model.values.es as Array<Record<string, string>>)
        if (d.model.kind === 'use-case')
          expect(paragraphs).toContain(`Cumuls à la semaine ${e.last_week} : ${e.counters_text}.`);
      expect(withoutUserText(doc.text())).not.toMatch(TAG_LEFT);
      expect(doc.footer?.children[0]).toMatchObject({
        text: `RETEX V1.1 — ${d.model.kind === 'use-case' ? d.model.values.use_case_title : 'enseignements transverses'} — ${d.model.values.data_basis_short}`,
      });
      const es = d.model.values.es as Array<Record<string, string>>;
      const rows = d.model.values.rows as Array<Record<string, string>>;
      const perEs = table(
        doc,
        'Etablissement',
        d.model.kind === 'use-case' ? 'Dernière semaine déclarée' : 'Équipement MSSanté (opérateur)',
      );
      expect(perEs.slice(1).map((r) => r[0])).toEqual(es.map((e) => e.establishment));
      if (d.model.kind === 'cross-cutting')
        expect(
          table(doc, 'Etablissement', 'Dernière semaine déclarée')
            .slice(1)
            .map((r) => r[0]),
        ).toEqual(rows.map((r) => r.row_title));
      const counterTable = table(doc, 'Indicateur', 'Cumul');
      const items = d.model.values.counters as Array<Record<string, string | number>>;
      expect(counterTable.slice(1)).toEqual(
        items.map((c) => [c.label, String(c.total), String(c.increase_4_weeks)]),
      );
    }
  });

  it('gives the AP-HP document its 9 sites with the figures each had reported by the cut-off', () => {
    const v11 = issues()[1]!;
    const aphp = v11.documents.find((d) => d.model.values.all_group === 'AP-HP')!;
    const perEs = table(docOf(aphp.fileBase), 'Etablissement', 'Dernière semaine déclarée');
    const sites = project.establishments.filter((e) => e.group === 'AP-HP');
    expect(perEs.slice(1).map((r) => r[0])).toEqual(sites.map((e) => e.name));
    for (const site of sites) {
      const row = season.rows.find((r) => r.establishmentId === site.id)!;
      const weeks = [...(season.expected.get(row.key) ?? new Map()).entries()]
        .filter(
          ([week, e]) => compareWeeks(week as IsoWeek, '2022-W26') <= 0 && Date.parse(e.firstAt) <= CUTOFF,
        )
        .sort((a, b) => compareWeeks(a[0] as IsoWeek, b[0] as IsoWeek));
      const [week, expected] = weeks.at(-1)!;
      expect(perEs.find((r) => r[0] === site.name)).toEqual([
        site.name,
        week,
        ...counters.map((c) => String(expected.counters[c.id])),
      ]);
    }
  });

  it('quotes ES texts and ARS actions verbatim with week and establishment, special and very long texts intact', () => {
    const v11 = issues()[1]!;
    const parc = docOf(v11.documents.find((d) => d.key === PARC_KEY)!.fileBase);
    const paragraphs = parc.paragraphs().map((p) => p.text);
    expect(paragraphs).toContain(`semaine 19 — CLINIQUE DU PARC : « ${TRICKY_TEXT} »`);
    expect(paragraphs).toContain(`semaine 19 — Suivi de l'expérimentation Messagerie : « ${TRICKY_TEXT} »`);
    expect(paragraphs).toContain(ARS_TEXT);
    const aphp = docOf(v11.documents.find((d) => d.model.values.all_group === 'AP-HP')!.fileBase);
    const texts = aphp.paragraphs().map((p) => p.text);
    expect(texts).toContain(`semaine 20 — GH BICHAT : « ${LONG_VIGILANCE} »`);
    expect(texts).toContain(`semaine 26 — GH COCHIN : « ${LONG_ACTION} »`);
  });

  it('draws one chart per counter from the snapshot’s weekly series, as images', () => {
    const v11 = issues()[1]!;
    const d = v11.documents[0]!;
    const images = docOf(d.fileBase)
      .paragraphs()
      .flatMap((p) => p.images);
    expect(images.map((i) => i.chart?.title)).toEqual(counters.map((c) => c.label));
    expect(images.map((i) => i.chart?.rows.map((r) => r[1]))).toEqual(
      d.model.chart.series.map((s) => s.values),
    );
    expect(images.every((i) => i.contentType === 'image/png' && i.alt?.includes(d.title))).toBe(true);
  });

  it('writes each document’s link to the Journal', () => {
    const lines = journalSummaries();
    for (const issue of issues())
      for (const d of issue.documents) {
        const entry = season.env.drive.list('document').find((f) => f.name === d.fileBase)!;
        expect(lines).toContain(
          frAppsScript.retexDocumentCreated(issue.label, d.title, season.env.drive.url(entry)),
        );
      }
    expect(lines).toContain(retexFr.journalIssued('V1.1', 10));
  });

  it('writes each version in the one execution the click starts (Docs batches), no continuation left', () => {
    expect(Math.max(...runs)).toBeLessThan(5 * 60 * 1000);
    // Three clicks (V1, V1.1, nothing new), three executions: no resumeRetex was needed.
    expect(runs).toHaveLength(3);
    expect(season.env.triggers.triggers.filter((t) => t.handler === 'resumeRetex')).toEqual([]);
    // Three permanent (one onFormSubmit per responses spreadsheet: 16 establishments fit in one), plus a continuation
    // and its next-day backup, and a catch-up.
    expect(season.maxTriggers).toBeLessThanOrEqual(6);
    expect(season.env.properties.script.get('retex.cursor')).toBeUndefined();
  });
});

describe('« Textes RETEX »', () => {
  it('lists every document × ARS section with its prompt, from install on', () => {
    const tab = season.env.container.sheet(RETEX_TEXTS_SHEET)!;
    const sections = 9 * arsSections(templates.useCase).length + arsSections(templates.crossCutting).length;
    expect(tab.lastRow() - 1).toBe(sections);
    const row = textsRow(PARC_KEY, 'levers');
    expect(tab.cell(row, TEXT_COLUMNS.prompt)?.value).toBe(
      arsSections(templates.useCase).find((s) => s.id === 'levers')!.prompt,
    );
  });

  it('saves an ARS text through the core and says so; puts back a text that looks like patient data, saying why', () => {
    const tab = season.env.container.sheet(RETEX_TEXTS_SHEET)!;
    const saved = textsRow(PARC_KEY, 'levers');
    expect(tab.cell(saved, TEXT_COLUMNS.status)?.value).toMatch(
      /^Enregistré le 27\/06\/2022 09:\d\d par binome\.ars@/,
    );
    const refused = notes.refused as { status: string; text: string };
    expect(refused.text).toBe('');
    expect(refused.status).toMatch(/^Refusé : .*date de naissance.* Le texte précédent a été remis\.$/);
    expect(journalSummaries()).toContain(refused.status);
    const cross = docOf(issues()[1]!.documents.at(-1)!.fileBase);
    expect(cross.text()).not.toContain(PATIENT_TEXT);
  });

  it('lets the ARS only write there: the ANS is stopped by the protection', () => {
    expect(notes.ansBlocked).toBe(true);
  });
});
