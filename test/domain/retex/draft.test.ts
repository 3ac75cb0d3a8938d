// The RETEX document models: grouping of use cases, data at the cut-off, verbatim quotes, ARS sections, figures.
import { editCell } from '../../../src/app/edit-cell';
import { ingestWeeklyReport } from '../../../src/app/ingest-weekly-report';
import { correctReport } from '../../../src/app/correct-report';
import { dateInWeek } from '../../../src/domain/iso-week';
import { retexFr } from '../../../src/domain/messages';
import { buildRetexDraft, type RetexInput } from '../../../src/domain/retex/draft';
import { CROSS_CUTTING_KEY, groupUseCases } from '../../../src/domain/retex/groups';
import { documentText, normaliseLabel } from '../../../src/domain/retex/text';
import type { RetexDocumentModel, RetexItem, RetexSectionText } from '../../../src/domain/retex/document';
import {
  arsSections,
  counterTableColumns,
  placeholdersIn,
  type RetexBlock,
} from '../../../src/domain/retex/template';
import type { Milestone } from '../../../src/domain/calendar';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { appContext, defaultProject, seededEstablishments, weeklyAnswers } from '../../support/project';
import { runRetexSeason, seasonCounters, TRICKY_TEXT } from '../../support/retex-season';
import type { AppContext } from '../../../src/app/context';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const APHP_KEY =
  'cas-usage:confirmation de rendez vous si faisable techniquement pec en maternite ou dans le cadre de la gestion de pre admission|';

function draftOf(ctx: AppContext, milestone: Milestone = 'V1', sectionTexts: RetexSectionText[] = []) {
  const input: RetexInput = {
    tracking: project.tracking,
    config: project.config,
    departments: project.departments,
    establishments: ctx.store.listEstablishments(),
    versions: ctx.store.listReportVersions(),
    changes: ctx.store.listCellChanges(),
    sectionTexts,
    templates,
    milestone,
    now: ctx.clock.now(),
  };
  return buildRetexDraft(input);
}

function doc(documents: RetexDocumentModel[], key: string): RetexDocumentModel {
  const found = documents.find((d) => d.key === key);
  if (!found) throw new Error(`no document ${key}: ${documents.map((d) => d.key).join(', ')}`);
  return found;
}

function items(value: unknown): RetexItem[] {
  return Array.isArray(value) ? (value as RetexItem[]) : [];
}

describe('groupUseCases', () => {
  const groups = groupUseCases(seededEstablishments());

  it('puts the 9 AP-HP sites, which share one pathway, in one use case', () => {
    const aphp = groups.find((g) => g.key === APHP_KEY);
    expect(aphp?.rows.map((r) => r.establishment.id)).toHaveLength(9);
    expect(new Set(aphp?.rows.map((r) => r.establishment.values.group))).toEqual(new Set(['AP-HP']));
  });

  it('never groups rows whose pathway is « à confirmer »: each gets its own document', () => {
    const unknown = groups.filter((g) => g.key.startsWith('cas-usage:ligne:'));
    expect(unknown.map((g) => g.rows.map((r) => r.rowKey))).toEqual([
      ['hopital-prive-val-d-yerres/uc1'],
      ['clinique-medicale-jardins-de-brunoy/uc1'],
    ]);
    expect(unknown[0]?.title).toBe("HÔPITAL PRIVÉ DU VAL D'YERRES — parcours à confirmer");
  });

  it('gives the 17 rows of the 16 pilots 9 use cases, CESSRIN’s two use cases apart', () => {
    expect(groups).toHaveLength(9);
    expect(groups.flatMap((g) => g.rows)).toHaveLength(17);
    const cessrin = groups.filter((g) =>
      g.rows.some((r) => r.establishment.id === 'cessrin-maisons-laffitte'),
    );
    expect(cessrin).toHaveLength(2);
  });

  it('compares pathways without accents, case, punctuation or extra spaces', () => {
    const [a, b] = seededEstablishments().filter((e) => e.id === 'gh-cochin' || e.id === 'clinique-remusat');
    if (!a || !b) throw new Error('fixture');
    a.useCases[0]!.values = { pathway: 'Pré-venue  et POST-VENUE.', use_case: 'à confirmer' };
    b.useCases[0]!.values = { pathway: 'pre venue et post venue', use_case: 'À confirmer' };
    const merged = groupUseCases([a, b]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.title).toBe('Pré-venue  et POST-VENUE.');
    expect(normaliseLabel('  Écho – Côlon ')).toBe('echo colon');
  });

  it('splits rows that share a pathway but declare different use cases', () => {
    const [a, b] = seededEstablishments().filter((e) => e.id === 'gh-cochin' || e.id === 'gh-bichat');
    if (!a || !b) throw new Error('fixture');
    a.useCases[0]!.values = { ...a.useCases[0]!.values, use_case: 'Convocations' };
    expect(groupUseCases([a, b]).map((g) => g.rows.length)).toEqual([1, 1]);
    expect(groupUseCases([a, b])[0]?.title).toMatch(/ — Convocations$/);
  });
});

describe('buildRetexDraft on a season reported up to week 26', () => {
  const ctx = appContext('2022-05-09T09:00:00+02:00');
  runRetexSeason(ctx, { lastWeek: '2022-W26' });
  ctx.clock.set('2022-07-04T10:00:00+02:00');
  const draft = draftOf(ctx);

  it('makes one document per use case then the cross-cutting one', () => {
    expect(draft.documents).toHaveLength(10);
    expect(draft.documents.filter((d) => d.kind === 'use-case')).toHaveLength(9);
    expect(draft.documents[9]?.key).toBe(CROSS_CUTTING_KEY);
    expect(new Set(draft.documents.map((d) => d.slug)).size).toBe(10);
  });

  it('keeps V1 to what was received by the deadline of the milestone’s week: week 26, sent on Friday 1 July', () => {
    const aphp = doc(draft.documents, APHP_KEY);
    expect(aphp.dataBasis).toMatchObject({
      cutoffDate: '2022-06-30',
      cutoffWeek: '2022-W26',
      lastReportedWeek: '2022-W26',
      reportCount: 9 * 8,
      receivedUntil: '2022-07-01T16:00:00.000Z',
    });
    expect(aphp.values.data_basis).toBe(
      retexFr.dataBasis(72, '2022-W19 à 2022-W26', '01/07/2022 18:00', aphp.dataBasis.annotationCount),
    );
  });

  it('lists the AP-HP sites, their figures at the cut-off and the use case totals', () => {
    const aphp = doc(draft.documents, APHP_KEY);
    const es = items(aphp.values.es);
    expect(es.map((e) => e.establishment)).toContain('GH COCHIN');
    expect(es).toHaveLength(9);
    expect(aphp.values.establishment_count).toBe(9);
    // Row i of the season reports seasonCounters(i, k); AP-HP rows are rows 8 to 16, week 26 is k = 8.
    const expected = [8, 9, 10, 11, 12, 13, 14, 15, 16].reduce(
      (n, i) => n + seasonCounters(i, 8).dmp_fed!,
      0,
    );
    expect(aphp.values.total_dmp_fed).toBe(expected);
    expect(es.reduce((n, e) => n + Number(e.dmp_fed), 0)).toBe(expected);
    const counters = items(aphp.values.counters);
    expect(counters.find((c) => c.id === 'dmp_fed')).toMatchObject({
      label: 'Cumul Nb de DMP alimentés',
      total: expected,
    });
    expect(aphp.chart.weeks[0]).toBe('2022-W19');
    expect(aphp.chart.series.find((s) => s.id === 'dmp_fed')?.values.at(-1)).toBe(expected);
  });

  it('does not mix one use case’s establishments into another', () => {
    const parc = draft.documents[0]!;
    expect(items(parc.values.es).map((e) => e.establishment)).toEqual(['CLINIQUE DU PARC']);
    expect(parc.values.total_messages_sent).toBe(seasonCounters(0, 8).messages_sent);
    expect(items(parc.values.quotes).every((q) => q.establishment === 'CLINIQUE DU PARC')).toBe(true);
  });

  it('quotes free text verbatim with its week and establishment', () => {
    const parc = draft.documents[0]!;
    const messaging = items(parc.values.quotes_messaging_feedback);
    expect(messaging[0]).toMatchObject({
      week: '2022-W19',
      week_label: 'semaine 19',
      establishment: 'CLINIQUE DU PARC',
      label: "Suivi de l'expérimentation Messagerie",
      text: TRICKY_TEXT,
    });
  });

  it('merges a text repeated on consecutive weeks into one quote spanning them', () => {
    const vigilance = items(draft.documents[0]!.values.quotes_vigilance_points);
    expect(vigilance).toEqual([
      expect.objectContaining({
        week: '2022-W20',
        week_label: 'semaines 20 à 21',
        text: 'Délai de mise à jour du DPI chez clinique-du-parc',
      }),
    ]);
  });

  it('quotes ARS actions with the week they were written in', () => {
    const actions = items(draft.documents[0]!.values.quotes_actions);
    expect(actions.map((a) => a.week)).toEqual(['2022-W20', '2022-W22', '2022-W24', '2022-W26']);
    expect(actions[0]?.text).toBe("Point d'étape 2022-W20 avec CLINIQUE DU PARC");
  });

  it('shows an unwritten ARS section as a marked prompt and lists it as still to write', () => {
    const parc = draft.documents[0]!;
    const context = arsSections(templates.useCase).find((s) => s.id === 'context')!;
    expect(parc.values.section_context).toBe(retexFr.prompt(context.prompt));
    expect(String(parc.values.section_context)).toMatch(/^▶ À rédiger par l'ARS \/ SESAN : /);
    expect(parc.values.sections_to_write).toContain('2. Contexte et objectifs');
  });

  it('uses the latest ARS text saved for a section of that document only', () => {
    const parc = draft.documents[0]!;
    const texts: RetexSectionText[] = [
      {
        documentKey: parc.key,
        sectionId: 'context',
        text: 'Ancien texte',
        author: 'a',
        at: '2022-06-01T08:00:00Z',
      },
      {
        documentKey: parc.key,
        sectionId: 'context',
        text: 'Texte\r\nretenu',
        author: 'b',
        at: '2022-06-02T08:00:00Z',
      },
    ];
    const again = draftOf(ctx, 'V1', texts);
    expect(again.documents[0]?.values.section_context).toBe('Texte\nretenu');
    expect(again.documents[0]?.values.sections_to_write).not.toContain('Contexte');
    expect(again.documents[1]?.values.section_context).toMatch(/^▶/);
  });

  it('gives the cross-cutting document every row, every use case and the totals of all', () => {
    const cross = doc(draft.documents, CROSS_CUTTING_KEY);
    expect(items(cross.values.rows)).toHaveLength(17);
    expect(items(cross.values.es)).toHaveLength(16);
    expect(cross.values.use_case_count).toBe(9);
    const all = Array.from({ length: 17 }, (_, i) => seasonCounters(i, 8).visits!).reduce((a, b) => a + b, 0);
    expect(cross.values.total_visits).toBe(all);
    expect(cross.values.section_ins).toMatch(/^▶/);
  });

  it('knows every placeholder the default templates use', () => {
    const check = (blocks: readonly RetexBlock[], scope: RetexItem, path: string) => {
      for (const block of blocks) {
        const texts: string[] = [];
        if ('text' in block) texts.push(block.text);
        if (block.type === 'fields') texts.push(...block.rows.flat());
        if (block.type === 'table') {
          const loopItems = items(scope[block.loop]);
          expect(loopItems.length).toBeGreaterThan(0);
          const columns = [
            ...block.columns,
            ...(block.counters ? counterTableColumns(project.tracking) : []),
          ];
          for (const c of columns) {
            for (const name of placeholdersIn(c.header))
              expect([path, name, name in scope]).toEqual([path, name, true]);
            for (const name of placeholdersIn(c.cell))
              expect([path, name, name in loopItems[0]! || name in scope]).toEqual([path, name, true]);
          }
          continue;
        }
        if (block.type === 'arsSection') expect(`section_${block.id}` in scope).toBe(true);
        if (block.type === 'quotes') expect(Array.isArray(scope[`quotes_${block.column}`])).toBe(true);
        if (block.type === 'quoteList') expect(Array.isArray(scope[block.loop])).toBe(true);
        if (block.type === 'repeat') {
          const first = items(scope[block.loop])[0];
          expect(first).toBeDefined();
          check(block.blocks, { ...scope, ...first }, `${path}/${block.loop}`);
        }
        for (const t of texts)
          for (const name of placeholdersIn(t))
            expect([path, name, name in scope]).toEqual([path, name, true]);
      }
    };
    check(templates.useCase.blocks, draft.documents[0]!.values, 'fiche-cas-usage');
    check(templates.crossCutting.blocks, doc(draft.documents, CROSS_CUTTING_KEY).values, 'fiche-transverse');
  });
});

describe('buildRetexDraft at the cut-off edges', () => {
  function oneReport(
    ctx: ReturnType<typeof appContext>,
    week: string,
    at: string,
    counters: Record<string, number>,
    id: string,
  ) {
    ctx.clock.set(at);
    return ingestWeeklyReport(ctx, {
      submissionId: id,
      source: 'form',
      author: 'referent@parc.fr',
      submission: {
        establishmentId: 'clinique-du-parc',
        useCaseId: 'uc1',
        week,
        values: weeklyAnswers(counters, { report_date: dateInWeek(week, 5) }),
      },
    });
  }

  it('uses the highest version of a week received by the cut-off: a correction before it counts, after it not', () => {
    const ctx = appContext('2022-06-24T10:00:00+02:00');
    expect(oneReport(ctx, '2022-W25', '2022-06-24T10:00:00+02:00', { dmp_fed: 5 }, 'a').status).toBe(
      'accepted',
    );
    ctx.clock.set('2022-06-29T10:00:00+02:00');
    expect(
      correctReport(ctx, {
        establishmentId: 'clinique-du-parc',
        useCaseId: 'uc1',
        role: 'ars',
        author: 'binome@ars.fr',
        submissionId: 'corr-0',
        correction: { week: '2022-W25', values: { dmp_fed: '7' }, reason: 'Erreur de saisie' },
      }).status,
    ).toBe('corrected');
    ctx.clock.set('2022-07-02T10:00:00+02:00');
    expect(
      correctReport(ctx, {
        establishmentId: 'clinique-du-parc',
        useCaseId: 'uc1',
        role: 'ars',
        author: 'binome@ars.fr',
        submissionId: 'corr-1',
        correction: { week: '2022-W25', values: { dmp_fed: '9' }, reason: 'Seconde correction' },
      }).status,
    ).toBe('corrected');
    expect(draftOf(ctx, 'V1').documents[0]?.values.total_dmp_fed).toBe(7);
    expect(draftOf(ctx, 'VF').documents[0]?.values.total_dmp_fed).toBe(9);
  });

  it('before the milestone, says data arrived up to the latest report, so an idle rebuild is identical', () => {
    const ctx = appContext();
    oneReport(ctx, '2022-W23', '2022-06-10T10:00:00+02:00', { dmp_fed: 5 }, 'a');
    ctx.clock.set('2022-06-20T09:00:00+02:00');
    const first = draftOf(ctx).documents[0]!;
    ctx.clock.set('2022-06-21T09:00:00+02:00');
    const second = draftOf(ctx).documents[0]!;
    expect(first.values.data_received_until).toBe('10/06/2022 10:00');
    expect(second).toEqual(first);
    expect(first.values.data_weeks).toBe('2022-W19 à 2022-W25');
  });

  it('says so when a use case has no report yet', () => {
    const ctx = appContext('2022-05-20T10:00:00+02:00');
    const parc = draftOf(ctx).documents[0]!;
    expect(parc.values.data_last_week).toBe(retexFr.noData);
    expect(parc.values.total_messages_sent).toBe(0);
    expect(items(parc.values.quotes)).toEqual([]);
  });

  it('quotes an ARS action only once it was written, in the week it was written', () => {
    const ctx = appContext('2022-06-13T09:00:00+02:00');
    editCell(ctx, {
      rowKey: 'clinique-du-parc/uc1',
      columnId: 'actions',
      raw: 'Relancer l’éditeur',
      role: 'ars',
      author: 'binome@ars.fr',
      source: 'grid',
    });
    ctx.clock.set('2022-07-05T09:00:00+02:00');
    editCell(ctx, {
      rowKey: 'clinique-du-parc/uc1',
      columnId: 'actions',
      raw: 'Après le jalon',
      role: 'ars',
      author: 'binome@ars.fr',
      source: 'grid',
    });
    const actions = items(draftOf(ctx).documents[0]!.values.quotes_actions);
    expect(actions.map((a) => [a.week, a.text])).toEqual([['2022-W24', 'Relancer l’éditeur']]);
  });
});

describe('documentText', () => {
  it.each([
    ['keeps accents, symbols and braces', 'À l’été : 5 $ {{x}} \\ <&>', 'À l’été : 5 $ {{x}} \\ <&>'],
    ['turns Windows line ends into \\n', 'a\r\nb\rc', 'a\nb\nc'],
    ['shows characters XML cannot hold as �', 'a\u0001b\u000bc\uFFFEd', 'a�b�c�d'],
    ['shows a lone surrogate as � but keeps a pair', 'x\uD800y 😀', 'x�y 😀'],
  ])('%s', (_, input, expected) => {
    expect(documentText(input)).toBe(expected);
  });
});
