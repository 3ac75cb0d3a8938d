// `suivi-mes retex --version V1 --out DIR` on a season driven through the use cases: one .docx per use case plus
// the cross-cutting one, read back; versions and frozen files; ARS texts kept; PDF through LibreOffice; and the real
// program on a local data folder holding the demo season (archive under the folder, copies in --out).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveRetexSectionText } from '../../src/app/build-retex';
import { MemoryRetexStore } from '../../src/app/retex-memory-store';
import { buildRetexCommand, parseMilestone, type RetexCommandOptions } from '../../src/commands/build-retex';
import type { CommandContext } from '../../src/commands/options';
import { retexFr } from '../../src/domain/messages';
import { arsSections } from '../../src/domain/retex/template';
import { findSoffice } from '../../src/local/retex/retex-pdf';
import { readRetexDescriptions } from '../../src/node/retex-files';
import { DEFAULT_CONFIG, retexTemplatesDir } from '../../src/node/project-files';
import { appContext, defaultProject } from '../support/project';
import { readDocx, tableStartingWith, type DocxContent } from '../support/retex-docx-reader';
import { runRetexSeason, seasonCounters, TRICKY_TEXT } from '../support/retex-season';
import { seedDemoSeason } from '../../src/app/demo-season';
import { counterColumns } from '../../src/domain/columns';
import { compareWeeks, parseIsoWeek } from '../../src/domain/iso-week';
import type { ReportVersion } from '../../src/domain/model';
import { runMainInProcess } from '../support/main-in-process';
import { demoMoment, seedDemo } from '../../src/local/demo';
import { openLocalData, type LocalData } from '../../src/local/local-data';
import { RetexSqliteStore } from '../../src/local/db/retex-sqlite-store';
import { serverOnData } from '../support/local/server';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const APHP = 'ap-hp-confirmation-de-rendez-vous-si-faisable-techniquement-pec-en';
const LONG_TEXT = `${'Très long texte de l’ARS avec $& et \\1 et {{x}} et <b> & « » ; '.repeat(300)}\nfin.`;

function commandContext(json = false): CommandContext {
  return { options: { data: os.tmpdir(), config: DEFAULT_CONFIG, json }, project };
}

function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  return fn().then(
    (result) => {
      spy.mockRestore();
      return { result, out };
    },
    (error: unknown) => {
      spy.mockRestore();
      throw error;
    },
  );
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'retex-out-'));
}

function docxIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.docx'))
    .sort();
}

function open(dir: string, fileStart: string): DocxContent {
  const file = docxIn(dir).find((f) => f.startsWith(fileStart));
  if (!file) throw new Error(`no ${fileStart}* in ${docxIn(dir).join(', ')}`);
  return readDocx(fs.readFileSync(path.join(dir, file)));
}

const TAG_LEFT = /\{[#/^@]?[a-z][a-z0-9_]*\}/;
/** The document's text less the user texts that contain braces on purpose. */
function withoutUserText(text: string): string {
  return text.split(TRICKY_TEXT).join('').split(LONG_TEXT).join('');
}

describe('retex --version V1 on a season reported up to week 26, built on 4 July', () => {
  const ctx = appContext('2022-05-09T09:00:00+02:00');
  runRetexSeason(ctx, { lastWeek: '2022-W26' });
  ctx.clock.set('2022-07-04T10:00:00+02:00');
  const retex = new MemoryRetexStore();
  const out = tempDir();
  const opts: RetexCommandOptions = { version: 'V1', out, author: 'binome@ars.fr', pdf: false };
  let printed = '';

  beforeAll(async () => {
    const parc = 'cas-usage:sortie de cancerologie ou de soins palliatifs|';
    expect(
      saveRetexSectionText(ctx, retex, templates, {
        documentKey: parc,
        sectionId: 'levers',
        text: LONG_TEXT,
        author: 'binome@ars.fr',
      }).status,
    ).toBe('saved');
    printed = (await quietly(() => buildRetexCommand(commandContext(), { app: ctx, retex }, opts))).out;
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes one .docx per use case and one cross-cutting, named with version, use case and date', () => {
    const files = docxIn(out);
    expect(files).toHaveLength(10);
    expect(files).toContain('RETEX-V1-transverse-2022-07-04.docx');
    expect(files).toContain(`RETEX-V1-cas-usage-${APHP}-2022-07-04.docx`);
    expect(files).toContain(
      'RETEX-V1-cas-usage-clinique-du-parc-sortie-de-cancerologie-ou-de-soins-palliatifs-2022-07-04.docx',
    );
    expect(files.every((f) => /^RETEX-V1-(cas-usage-[a-z0-9-]+|transverse)-2022-07-04\.docx$/.test(f))).toBe(
      true,
    );
    expect(printed).toContain('Version V1 émise.');
    expect(printed).toContain('136 déclaration(s)');
  });

  it('fills every section of the use-case sheet and leaves no placeholder behind', () => {
    for (const file of docxIn(out).filter((f) => f.includes('cas-usage'))) {
      const content = readDocx(fs.readFileSync(path.join(out, file)));
      for (const s of arsSections(templates.useCase)) expect(content.paragraphs).toContain(s.title);
      for (const heading of ['1. Identification', '7. Indicateurs', 'Progression hebdomadaire'])
        expect(content.paragraphs).toContain(heading);
      expect(withoutUserText(content.text)).not.toMatch(TAG_LEFT);
      expect(content.media).toEqual(['word/media/retex-chart.png']);
      expect(content.footer.join(' ')).toMatch(
        /^RETEX V1 — .+ — données jusqu'à 2022-W26, reçues au 01\/07\/2022 18:00 — page/,
      );
    }
  });

  it('gives the AP-HP sheet its 9 sites with their own figures at the cut-off', () => {
    const aphp = open(out, `RETEX-V1-cas-usage-${APHP}`);
    const identification = aphp.tables.find((t) => t[0]?.[0] === 'Région');
    expect(identification?.find((r) => r[0] === 'Établissement(s)')?.[1]?.split(' ; ')).toHaveLength(9);
    expect(identification?.find((r) => r[0] === 'Groupe')?.[1]).toBe('AP-HP');
    const perEs = tableStartingWith(aphp, 'Etablissement', 'Dernière semaine déclarée');
    expect(perEs?.slice(1).map((r) => r[0])).toEqual([
      'GH COCHIN',
      'GH BICHAT',
      'GH HENRI MONDOR',
      'GH PAUL DOUMER',
      'HOPITAL MARIN DE HENDAYE',
      'HOPITAL SAN SALVADOUR',
      'GH LE KREMLIN BICETRE',
      'GH AVICENNE',
      'GH LA PITIE-SALEPETRIERE',
    ]);
    // GH COCHIN is the season's 9th row (index 8); week 26 is its 8th week.
    const cochin = seasonCounters(8, 8);
    expect(perEs?.[0]).toEqual([
      'Etablissement',
      'Dernière semaine déclarée',
      ...project.tracking.columns
        .filter((c) => c.type.kind === 'integer' && c.type.cumulative)
        .map((c) => c.label),
    ]);
    expect(perEs?.[1]).toEqual(['GH COCHIN', '2022-W26', ...Object.values(cochin).map(String)]);
    const totals = tableStartingWith(aphp, 'Indicateur', 'Cumul');
    const dmpFed = [8, 9, 10, 11, 12, 13, 14, 15, 16].reduce((n, i) => n + seasonCounters(i, 8).dmp_fed!, 0);
    expect(totals?.find((r) => r[0] === 'Cumul Nb de DMP alimentés')?.[1]).toBe(String(dmpFed));
    expect(aphp.text).not.toContain('CLINIQUE DU PARC');
    expect(aphp.paragraphs).toContain('GH AVICENNE');
    const weeks = tableStartingWith(aphp, 'Semaine', 'Établissements ayant déclaré');
    expect(weeks?.slice(1).map((r) => r[1])).toEqual(['9', '9', '9', '9', '9', '9', '9', '9']);
  });

  it('quotes the ES texts and ARS actions verbatim, with week and establishment, special characters intact', () => {
    const parc = open(out, 'RETEX-V1-cas-usage-clinique-du-parc');
    expect(parc.paragraphs).toContain(`semaine 19 — CLINIQUE DU PARC : « ${TRICKY_TEXT} »`);
    expect(parc.paragraphs).toContain(
      'semaines 20 à 21 — CLINIQUE DU PARC : « Délai de mise à jour du DPI chez clinique-du-parc »',
    );
    expect(parc.paragraphs).toContain(
      "semaine 20 — CLINIQUE DU PARC : « Point d'étape 2022-W20 avec CLINIQUE DU PARC »",
    );
    expect(parc.paragraphs).toContain(
      "semaine 19 — Suivi de l'expérimentation Messagerie : « " + TRICKY_TEXT + ' »',
    );
  });

  it('keeps a very long ARS text with $, \\, {{ }}, < and & intact, line breaks included', () => {
    const parc = open(out, 'RETEX-V1-cas-usage-clinique-du-parc');
    expect(parc.paragraphs).toContain(LONG_TEXT);
    const levers = arsSections(templates.useCase).find((s) => s.id === 'levers')!;
    expect(parc.paragraphs).not.toContain(retexFr.prompt(levers.prompt));
    const context = arsSections(templates.useCase).find((s) => s.id === 'context')!;
    expect(parc.paragraphs).toContain(retexFr.prompt(context.prompt));
  });

  it('fills the cross-cutting sheet with every row, every use case and every maturity line', () => {
    const cross = open(out, 'RETEX-V1-transverse');
    for (const s of arsSections(templates.crossCutting)) expect(cross.paragraphs).toContain(s.title);
    expect(cross.paragraphs).toContain(
      "16 établissements pilotes, 9 cas d'usage, 17 lignes de suivi (établissement × cas d'usage).",
    );
    expect(tableStartingWith(cross, "Cas d'usage", 'Établissements')?.slice(1)).toHaveLength(9);
    const rows = tableStartingWith(cross, 'Etablissement', 'Dernière semaine déclarée');
    expect(rows?.slice(1)).toHaveLength(17);
    expect(rows?.slice(1).map((r) => r[0])).toContain(
      'MGEN – CESSRIN DE MAISONS LAFFITTE — Prise en charge des patients en HDJ SSR « Autonomie »',
    );
    expect(
      tableStartingWith(cross, 'Etablissement', 'Équipement MSSanté (opérateur)')?.slice(1),
    ).toHaveLength(16);
    expect(withoutUserText(cross.text)).not.toMatch(TAG_LEFT);
  });
});

describe('retex --version V1 on the demo season (src/app/demo-season.ts)', () => {
  const ctx = appContext('2022-05-09T09:00:00+02:00');
  const summary = seedDemoSeason(ctx, { untilWeek: '2022-W27' });
  ctx.clock.set('2022-07-04T10:00:00+02:00');
  const out = tempDir();
  const UNTIL = Date.parse('2022-07-01T16:00:00.000Z');
  // The oracle, written independently of the model: per row, the highest version of the latest week received
  // by the deadline of the milestone's week (Friday 1 July, 18:00).
  const known = ctx.store
    .listReportVersions()
    .filter((v) => Date.parse(v.receivedAt) <= UNTIL && compareWeeks(v.week, '2022-W26') <= 0);
  function current(key: string): ReportVersion | undefined {
    return known
      .filter((v) => v.rowKey === key)
      .sort((a, b) => compareWeeks(a.week, b.week) || a.version - b.version)
      .at(-1);
  }

  beforeAll(async () => {
    expect(summary.accepted).toBeGreaterThan(100);
    await quietly(() =>
      buildRetexCommand(
        commandContext(),
        { app: ctx, retex: new MemoryRetexStore() },
        {
          version: 'V1',
          out,
          author: 'binome@ars.fr',
          pdf: false,
        },
      ),
    );
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes the 9 use-case sheets and the cross-cutting one', () => {
    const files = docxIn(out);
    expect(files.filter((f) => f.startsWith('RETEX-V1-cas-usage-'))).toHaveLength(9);
    expect(files.filter((f) => f.startsWith('RETEX-V1-transverse-'))).toHaveLength(1);
  });

  it('gives each AP-HP site the figures of its latest report received by 30 June', () => {
    const aphp = open(out, `RETEX-V1-cas-usage-${APHP}`);
    const perEs = tableStartingWith(aphp, 'Etablissement', 'Dernière semaine déclarée')!;
    const ids = ctx.store.listEstablishments().filter((e) => e.values.group === 'AP-HP');
    expect(perEs.slice(1)).toHaveLength(ids.length);
    for (const e of ids) {
      const row = perEs.find((r) => r[0] === e.values.establishment);
      const v = current(`${e.id}/uc1`);
      const expected = counterColumns(project.tracking).map((c) => String(v?.values[c.id] ?? 0));
      expect([e.id, row?.slice(1)]).toEqual([e.id, [v?.week ?? '—', ...expected]]);
    }
  });

  it('quotes only points de vigilance the site declared that week, and every site that declared one', () => {
    const aphp = open(out, `RETEX-V1-cas-usage-${APHP}`);
    const start = aphp.paragraphs.indexOf('Points de vigilance');
    const quotes = aphp.paragraphs.slice(start + 1).filter((p) => /^semaines? \d+/.test(p));
    const names = new Map(ctx.store.listEstablishments().map((e) => [String(e.values.establishment), e.id]));
    const sitesQuoted = new Set<string>();
    for (const q of quotes) {
      const m = /^semaines? (\d+)(?: à \d+)? — (.+?) : « ([\s\S]*) »$/.exec(q);
      expect(m).not.toBeNull();
      const id = names.get(m![2]!);
      if (!id) continue; // the establishment annex that follows quotes by column label
      sitesQuoted.add(id);
      const declared = known.some(
        (v) =>
          v.rowKey === `${id}/uc1` &&
          parseIsoWeek(v.week)?.week === Number(m![1]) &&
          v.values.vigilance_points === m![3],
      );
      expect([q, declared]).toEqual([q, true]);
    }
    const aphpIds = ctx.store
      .listEstablishments()
      .filter((e) => e.values.group === 'AP-HP')
      .map((e) => e.id);
    const declaring = aphpIds.filter((id) =>
      known.some((v) => v.rowKey === `${id}/uc1` && v.values.vigilance_points),
    );
    expect([...sitesQuoted].sort()).toEqual(declaring.sort());
  });

  it('states which data it was built from', () => {
    const cross = open(out, 'RETEX-V1-transverse');
    const reports = new Set(known.map((v) => `${v.rowKey}/${v.week}`)).size;
    expect(cross.paragraphs).toContain(
      `Établi à partir de ${reports} déclaration(s) hebdomadaire(s) des semaines 2022-W19 à 2022-W26 et de ${
        ctx.store.listCellChanges().filter((c) => c.scope === 'annotation' && Date.parse(c.at) <= UNTIL)
          .length
      } saisie(s) de l'ARS / SESAN, reçues jusqu'au 01/07/2022 18:00.`,
    );
  });
});

describe('retex versions: frozen files, new numbered versions, ARS texts kept', () => {
  const out = tempDir();
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('issues V1, keeps it when nothing changed, then V1.1 and V1.2 after new data and text, keeping the files', async () => {
    const ctx = appContext('2022-05-09T09:00:00+02:00');
    const retex = new MemoryRetexStore();
    const opts: RetexCommandOptions = { version: 'V1', out, author: 'binome@ars.fr', pdf: false };
    const build = async () =>
      (await quietly(() => buildRetexCommand(commandContext(), { app: ctx, retex }, opts))).result;

    runRetexSeason(ctx, { lastWeek: '2022-W23' });
    ctx.clock.set('2022-06-13T09:00:00+02:00');
    const v1 = await build();
    expect(v1.plan.issue.label).toBe('V1');
    const v1Files = docxIn(out);
    expect(v1Files).toHaveLength(10);
    const v1Bytes = v1Files.map((f) => fs.readFileSync(path.join(out, f)));

    ctx.clock.set('2022-06-14T09:00:00+02:00');
    const same = await build();
    expect(same.plan.status).toBe('unchanged');
    expect(same.output.files.every((f) => f.status === 'kept')).toBe(true);
    expect(docxIn(out)).toEqual(v1Files);

    const key = v1.plan.issue.documents[0]!.key;
    saveRetexSectionText(ctx, retex, templates, {
      documentKey: key,
      sectionId: 'context',
      text: 'Contexte rédigé.',
      author: 'a',
    });
    runRetexSeason(ctx, { firstWeek: '2022-W24', lastWeek: '2022-W24', idPrefix: 'w24' });
    ctx.clock.set('2022-06-20T09:00:00+02:00');
    const v11 = await build();
    expect(v11.plan).toMatchObject({ status: 'new', issue: { label: 'V1.1' }, previous: { label: 'V1' } });
    expect(docxIn(out)).toHaveLength(20);
    v1Files.forEach((f, i) => expect(fs.readFileSync(path.join(out, f)).equals(v1Bytes[i]!)).toBe(true));
    const parcV1 = open(out, 'RETEX-V1-cas-usage-clinique-du-parc');
    const parcV11 = open(out, 'RETEX-V1.1-cas-usage-clinique-du-parc');
    expect(parcV1.paragraphs).not.toContain('Contexte rédigé.');
    expect(parcV11.paragraphs).toContain('Contexte rédigé.');
    expect(parcV1.paragraphs.join('\n')).toContain('2022-W23');
    expect(parcV11.footer.join('')).toContain("données jusqu'à 2022-W24");

    runRetexSeason(ctx, { firstWeek: '2022-W25', lastWeek: '2022-W25', idPrefix: 'w25' });
    ctx.clock.set('2022-06-27T09:00:00+02:00');
    const v12 = await build();
    expect(v12.plan.issue.label).toBe('V1.2');
    expect(open(out, 'RETEX-V1.2-cas-usage-clinique-du-parc').paragraphs).toContain('Contexte rédigé.');
    expect(retex.listIssues('V1').map((i) => i.label)).toEqual(['V1', 'V1.1', 'V1.2']);
    expect(
      ctx.store
        .listJournal()
        .filter((j) => j.kind === 'retex')
        .map((j) => j.target),
    ).toEqual(['V1', 'V1.1', 'V1.2']);
  });

  it('rewrites a missing file of the version in force from its frozen snapshot, not from newer data', async () => {
    const dir = tempDir();
    try {
      const ctx = appContext('2022-05-09T09:00:00+02:00');
      const retex = new MemoryRetexStore();
      runRetexSeason(ctx, { lastWeek: '2022-W21' });
      ctx.clock.set('2022-05-30T09:00:00+02:00');
      const opts: RetexCommandOptions = { version: 'V1', out: dir, author: 'a', pdf: false };
      await quietly(() => buildRetexCommand(commandContext(), { app: ctx, retex }, opts));
      const other = tempDir();
      const again = await quietly(() =>
        buildRetexCommand(commandContext(true), { app: ctx, retex }, { ...opts, out: other }),
      );
      const json = JSON.parse(again.out) as {
        status: string;
        version: string;
        files: Array<{ status: string }>;
      };
      expect(json).toMatchObject({ status: 'unchanged', version: 'V1' });
      expect(json.files.every((f) => f.status === 'written')).toBe(true);
      expect(docxIn(other)).toEqual(docxIn(dir));
      fs.rmSync(other, { recursive: true, force: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retex PDF', () => {
  it('writes a PDF next to each .docx when LibreOffice is installed (npm test installs it)', async () => {
    expect(findSoffice()).toBeDefined();
    const dir = tempDir();
    try {
      const ctx = appContext('2022-05-09T09:00:00+02:00');
      runRetexSeason(ctx, { lastWeek: '2022-W20' });
      ctx.clock.set('2022-05-23T09:00:00+02:00');
      const { result } = await quietly(() =>
        buildRetexCommand(
          commandContext(),
          { app: ctx, retex: new MemoryRetexStore() },
          { version: 'V1', out: dir, author: 'a', pdf: true },
        ),
      );
      expect(result.output.pdf).toBe('converted');
      expect(result.output.files.every((f) => f.pdf !== undefined)).toBe(true);
      const pdfs = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'));
      expect(pdfs).toHaveLength(10);
      for (const pdf of pdfs)
        expect(fs.readFileSync(path.join(dir, pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('parseMilestone', () => {
  it.each([
    ['V1', 'V1'],
    ['vf', 'VF'],
    [' V1 ', 'V1'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseMilestone(raw)).toBe(expected);
  });

  it('refuses anything else in French, naming the option', () => {
    expect(() => parseMilestone('V2')).toThrow(
      "« --version » : « V2 » n'est pas un jalon ; V1 ou VF attendu.",
    );
  });
});

describe('suivi-mes retex through the real program, on a data folder holding the demo season', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'retex-data-'));
  const dir = path.join(root, 'data');
  const out = path.join(root, 'sortie');
  const UNTIL = Date.parse('2022-07-01T16:00:00.000Z');
  let first: { code: number; out: string; err: string };

  const run = runMainInProcess;
  /** Opens the data folder the way every local command does, runs `fn`, closes it. */
  function withData<T>(fn: (data: LocalData) => T): T {
    const { data } = openLocalData(dir, project);
    try {
      return fn(data);
    } finally {
      data.close();
    }
  }

  beforeAll(async () => {
    // What `npm start -- --demo` does: a new folder, its clock set to the demo's simulated date, the season seeded.
    const { data } = openLocalData(dir, project, { demoNow: demoMoment(project.config).now });
    seedDemo(data, project);
    data.close();
    first = await run(['--data', dir, 'retex', '--version', 'V1', '--out', out, '--author', 'binome@ars.fr']);
  }, 240_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('issues V1 from the folder’s data: one .docx per use case plus the cross-cutting one, with their PDFs', () => {
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Version V1 émise.');
    expect(first.out).toContain(
      `Versions émises conservées dans ${path.join(dir, 'retex')} ; copie dans ${out} :`,
    );
    const files = docxIn(out);
    expect(files.filter((f) => f.startsWith('RETEX-V1-cas-usage-'))).toHaveLength(9);
    expect(files.filter((f) => /^RETEX-V1-transverse-2022-07-2\d\.docx$/.test(f))).toHaveLength(1);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(10);
  });

  it('keeps the issued files under the data folder, and --out holds identical copies', () => {
    const archived = fs.readdirSync(path.join(dir, 'retex')).sort();
    expect(archived).toEqual(fs.readdirSync(out).sort());
    for (const f of archived)
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(dir, 'retex', f)))).toBe(
        true,
      );
  });

  it('records the version in the folder’s database and its Journal, with its author', () => {
    withData((data) => {
      expect(new RetexSqliteStore(data.db).listIssues().map((i) => [i.label, i.author])).toEqual([
        ['V1', 'binome@ars.fr'],
      ]);
      expect(data.store.listJournal().filter((j) => j.kind === 'retex')).toMatchObject([
        { actor: 'binome@ars.fr', target: 'V1', summary: 'RETEX V1 émis : 10 document(s).' },
      ]);
    });
  });

  it('states the data it was built from: the reports received by the cut-off in the folder', () => {
    const { reports, annotations, aphp } = withData((data) => {
      const known = data.store
        .listReportVersions()
        .filter((v) => Date.parse(v.receivedAt) <= UNTIL && compareWeeks(v.week, '2022-W26') <= 0);
      return {
        reports: new Set(known.map((v) => `${v.rowKey}/${v.week}`)).size,
        annotations: data.store
          .listCellChanges()
          .filter((c) => c.scope === 'annotation' && Date.parse(c.at) <= UNTIL).length,
        aphp: data.store
          .listEstablishments()
          .filter((e) => e.values.group === 'AP-HP')
          .map((e) => {
            const latest = known
              .filter((v) => v.rowKey === `${e.id}/uc1`)
              .sort((a, b) => compareWeeks(a.week, b.week) || a.version - b.version)
              .at(-1);
            return [
              String(e.values.establishment),
              latest?.week ?? '—',
              ...counterColumns(project.tracking).map((c) => String(latest?.values[c.id] ?? 0)),
            ];
          }),
      };
    });
    expect(reports).toBeGreaterThan(80);
    const sentence = `Établi à partir de ${reports} déclaration(s) hebdomadaire(s) des semaines 2022-W19 à 2022-W26 et de ${annotations} saisie(s) de l'ARS / SESAN, reçues jusqu'au 01/07/2022 18:00.`;
    expect(first.out).toContain(sentence);
    expect(open(out, 'RETEX-V1-transverse').paragraphs).toContain(sentence);
    const perEs = tableStartingWith(
      open(out, `RETEX-V1-cas-usage-${APHP}`),
      'Etablissement',
      'Dernière semaine déclarée',
    );
    expect(perEs?.slice(1)).toEqual(aphp);
  });

  it('keeps V1 in force on a second run, and copies its frozen files to another folder without regenerating', async () => {
    const other = path.join(root, 'autre');
    const again = await run([
      '--data',
      dir,
      '--json',
      'retex',
      '--version',
      'V1',
      '--out',
      other,
      '--no-pdf',
    ]);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.out) as {
      status: string;
      version: string;
      files: Array<{ status: string }>;
    };
    expect(json).toMatchObject({ status: 'unchanged', version: 'V1' });
    expect(json.files.every((f) => f.status === 'written')).toBe(true);
    for (const f of docxIn(other))
      expect(fs.readFileSync(path.join(other, f)).equals(fs.readFileSync(path.join(dir, 'retex', f)))).toBe(
        true,
      );
    withData((data) => expect(new RetexSqliteStore(data.db).listIssues()).toHaveLength(1));
  });

  it('shows the version issued by the command on the ARS page of the same folder, downloadable', async () => {
    const { data } = openLocalData(dir, project);
    const app = await serverOnData(data, project, dir, true);
    try {
      const ars = data.links.active().find((l) => l.role === 'ars')!;
      const page = await app.inject({ method: 'GET', url: `${data.links.path(ars)}/retex` });
      expect(page.body).toContain('Émise le ');
      expect(page.body).toContain(' par binome@ars.fr.');
      const transverse = docxIn(out).find((f) => f.includes('transverse'))!;
      const file = await app.inject({
        method: 'GET',
        url: `${data.links.path(ars)}/retex/fichiers/${transverse}`,
      });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(fs.readFileSync(path.join(out, transverse)))).toBe(true);
    } finally {
      await app.close();
      data.close();
    }
  });

  it('issues VF with its .docx when LibreOffice fails, and says on stderr why there is no PDF', async () => {
    const bin = fs.mkdtempSync(path.join(root, 'bin-'));
    fs.writeFileSync(path.join(bin, 'soffice'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const path0 = process.env.PATH;
    process.env.PATH = bin;
    const vf = path.join(root, 'vf');
    try {
      const res = await run(['--data', dir, 'retex', '--version', 'VF', '--out', vf]);
      expect(res.code).toBe(0);
      expect(res.out).toContain('Version VF émise.');
      expect(res.err).toMatch(
        /^PDF non produits : la conversion par LibreOffice a échoué \(Command failed: /,
      );
      expect(docxIn(vf)).toHaveLength(10);
      expect(fs.readdirSync(vf).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    } finally {
      process.env.PATH = path0;
    }
  });

  it('refuses an unknown milestone in French without creating a data folder', async () => {
    const fresh = path.join(root, 'jamais');
    const res = await run(['--data', fresh, 'retex', '--version', 'V2', '--out', out]);
    expect(res.code).toBe(1);
    expect(res.err).toContain("« --version » : « V2 » n'est pas un jalon ; V1 ou VF attendu.");
    expect(fs.existsSync(fresh)).toBe(false);
  });
});
