import { buildWorkbook, type WorkbookInput } from '../../../src/domain/workbook/workbook';
import { groupSegments, suiviSheet } from '../../../src/domain/workbook/suivi-sheet';
import type { SheetModel } from '../../../src/domain/workbook/sheet-model';
import { pilotCalendar } from '../../../src/domain/calendar';
import { weeklyFormPlan } from '../../../src/domain/form-plan';
import { protectionPlan } from '../../../src/domain/workbook/protection-plan';
import { seedDemoSeason } from '../../../src/app/demo-season';
import { MemoryStore } from '../../../src/app/memory-store';
import type { Project } from '../../../src/schema/project';
import {
  appContext,
  defaultProject,
  projectCopy,
  seededEstablishments,
  seededStore,
} from '../../support/project';

function input(
  project: Project,
  store = seededStore(new MemoryStore(), project),
  now = new Date('2022-06-20T12:00:00+02:00'),
): WorkbookInput {
  const annotations = new Map<string, Record<string, string>>();
  for (const c of store.listCellChanges())
    if (c.scope === 'annotation')
      annotations.set(c.target, { ...annotations.get(c.target), [c.columnId]: String(c.value) });
  return {
    tracking: project.tracking,
    config: project.config,
    calendar: pilotCalendar(project.config),
    departmentCodes: project.departments.map((d) => d.code),
    establishments: store.listEstablishments(),
    versions: store.listReportVersions(),
    annotations,
    journal: store.listJournal(),
    links: new Map(),
    now,
  };
}
const sheet = (sheets: SheetModel[], name: string) => sheets.find((s) => s.name === name)!;
const cellText = (c: SheetModel['rows'][number][number]) => (c === null ? '' : String(c.v));

describe('the workbook model', () => {
  const project = defaultProject();
  const workbook = buildWorkbook(input(project));
  const suivi = sheet(workbook.sheets, 'Suivi');

  it('has the tabs of the design, the Journal hidden', () => {
    expect(workbook.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Suivi', false],
      ['Légende', false],
      ['Historique', false],
      ['Synthèse', false],
      ['Établissements', false],
      ['Journal', true],
    ]);
  });

  it('draws the Suivi headers like the official file: merged groups, then verbatim labels', () => {
    expect(suivi.header[1]?.slice(0, 3).map(cellText)).toEqual(['Région', 'Département', 'Etablissement']);
    expect(suivi.header[1]?.map(cellText)).toEqual([
      ...project.tracking.columns.map((c) => c.label),
      'Clé (ne pas modifier)',
    ]);
    expect(groupSegments(project.tracking).map((s) => [s.label, s.cols])).toEqual([
      ['Informations générales', 14],
      ['', 2],
      ['Indicateurs quantitatifs expérimentation – Messagerie de santé', 2],
      ['Indicateurs quantitatifs expérimentation – DMP', 2],
      ['Indicateurs quantitatifs expérimentation – Venues', 2],
      ['Retours qualitatifs expérimentation', 3],
      ['Actions', 1],
      ['Remarques', 1],
    ]);
    expect(suivi.merges).toContainEqual({ row: 0, col: 0, rows: 1, cols: 14 });
    expect(suivi.frozen).toEqual({ rows: 2, columns: 3 });
  });

  it('has one row per establishment × use case, keyed in a hidden last column', () => {
    expect(suivi.rows).toHaveLength(17);
    expect(suivi.columns[suivi.columns.length - 1]).toMatchObject({ key: 'row_key', hidden: true });
    expect(suivi.rows.map((r) => cellText(r[r.length - 1] ?? null))).toContain(
      'cessrin-maisons-laffitte/uc2',
    );
  });

  it('colours each column by its owner and cadence', () => {
    const fillOf = (col: number) =>
      suivi.styles.find((s) => s.rect.row === 2 && s.rect.col === col)?.style.fill;
    const idx = (id: string) => project.tracking.columns.findIndex((c) => c.id === id);
    expect(fillOf(idx('region'))).toBe(project.tracking.owners.ars.colors.init);
    expect(fillOf(idx('dmp_fed'))).toBe(project.tracking.owners.es.colors.weekly);
    expect(fillOf(idx('remarks'))).toBe(project.tracking.owners.ans.colors.weekly);
  });

  it('lets each role edit only its own Suivi columns', () => {
    const labels = (role: 'es' | 'ars' | 'ans') =>
      (suivi.editableBy[role] ?? []).map((i) => project.tracking.columns[i]?.label);
    expect(labels('ans')).toEqual(['Remarques']);
    expect(labels('ars')).toContain('Actions en cours ou à mener');
    expect(labels('ars')).not.toContain('Cumul Nb de DMP alimentés');
  });

  it('plans one protection per role block, unbounded downwards, with the configured editors', () => {
    const config = { ...project.config, roles: { ars: ['ars@ars.sante.fr'], ans: ['ans@esante.gouv.fr'] } };
    const plan = protectionPlan(workbook, config).filter((p) => p.sheet === 'Suivi');
    expect(plan.find((p) => p.role === 'ans')).toMatchObject({
      rect: { row: 2, rows: null, cols: 1 },
      editors: ['ans@esante.gouv.fr'],
    });
    expect(plan.find((p) => p.description === 'suivi-mes:Suivi:header')).toMatchObject({
      rect: { row: 0, rows: 2 },
      editors: [],
    });
    const covered = plan
      .filter((p) => p.rect && p.rect.row === 2)
      .flatMap((p) => Array.from({ length: p.rect!.cols }, (_, i) => p.rect!.col + i));
    expect(covered.sort((a, b) => a - b)).toEqual(suivi.columns.map((_, i) => i));
    expect(protectionPlan(workbook, config).find((p) => p.sheet === 'Historique')).toMatchObject({
      rect: null,
      editors: [],
    });
  });
});

describe('with a season of data', () => {
  const project = defaultProject();
  const store = seededStore(new MemoryStore(), project);
  seedDemoSeason(appContext('2022-10-15T12:00:00+02:00', store), { untilWeek: '2022-W26' });
  const workbook = buildWorkbook(input(project, store, new Date('2022-07-04T12:00:00+02:00')));

  it('writes Suivi from each row’s current state and annotations', () => {
    const suivi = sheet(workbook.sheets, 'Suivi');
    const versions = store.listReportVersions().filter((v) => v.rowKey === 'gh-cochin/uc1');
    const latest = versions.reduce((a, b) =>
      b.week > a.week || (b.week === a.week && b.version > a.version) ? b : a,
    );
    const row = suivi.rows.find((r) => cellText(r[r.length - 1] ?? null) === 'gh-cochin/uc1')!;
    const col = project.tracking.columns.findIndex((c) => c.id === 'visits');
    expect(row[col]).toEqual({ t: 'n', v: latest.values.visits });
  });

  it('keeps one Historique row per version, numbers as numbers', () => {
    const history = sheet(workbook.sheets, 'Historique');
    expect(history.rows).toHaveLength(store.listReportVersions().length);
    expect(history.header[0]).toContainEqual({ t: 's', v: 'Cumul Nb de venues' });
  });

  it('sums the latest counters in the Synthèse and charts the weekly series', () => {
    const synthese = sheet(workbook.sheets, 'Synthèse');
    const totalRow = synthese.rows.find((r) => cellText(r[0] ?? null) === 'Cumul Nb de venues');
    expect(totalRow?.[1]?.t).toBe('n');
    expect(synthese.charts).toHaveLength(1);
    expect(synthese.rows.some((r) => r.some((c) => c?.t === 's' && c.v === 'manquant'))).toBe(true);
  });
});

describe('driven by the data files only', () => {
  it('follows a label and an owner edited in tracking-file.json, in the sheet and the form', () => {
    const project = projectCopy();
    const column = project.tracking.columns.find((c) => c.id === 'vigilance_points')!;
    column.label = 'Points de vigilance (renommé)';
    const dmpFed = project.tracking.columns.find((c) => c.id === 'dmp_fed')!;
    const messagesSent = project.tracking.columns.find((c) => c.id === 'messages_sent')!;
    messagesSent.owner = 'ars';
    const establishments = seededEstablishments(project);
    const model = suiviSheet(
      project.tracking,
      establishments.map((e) => ({ key: `${e.id}/uc1`, values: e.values })),
      [],
    );
    expect(model.header[1]).toContainEqual({ t: 's', v: 'Points de vigilance (renommé)' });
    const index = project.tracking.columns.indexOf(messagesSent);
    expect(model.editableBy.ars).toContain(index);
    expect(model.editableBy.es).not.toContain(index);
    expect(model.editableBy.es).toContain(project.tracking.columns.indexOf(dmpFed));

    const plan = weeklyFormPlan(
      {
        tracking: project.tracking,
        calendar: pilotCalendar(project.config),
        departments: project.departments,
        forms: project.forms,
        now: new Date('2022-06-10T10:00:00+02:00'),
      },
      establishments[0]!,
      new Map(),
    );
    const titles = plan.sections.flatMap((s) => s.questions.map((q) => q.title));
    expect(titles).toContain('Points de vigilance (renommé)');
  });
});
