// No lost update, as properties: whatever the interleaving of users who open a form (the basis is taken), others
// who write meanwhile, and users who save what they opened, an accepted write always replaces the very value its
// user saw; every other write is refused as stale and changes nothing. Then the same for the import of an old file.
import fc from 'fast-check';
import { correctionBasis, correctReport } from '../../src/app/correct-report';
import { cellBasis, editCell } from '../../src/app/edit-cell';
import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { applyImport, previewImport } from '../../src/app/import-workbook';
import { MemoryStore } from '../../src/app/memory-store';
import type { AppContext } from '../../src/app/context';
import { columnIndex, reportColumns } from '../../src/domain/columns';
import { dateInWeek } from '../../src/domain/iso-week';
import { rowKey } from '../../src/domain/model';
import { readTrackingGrid, type GridCell } from '../../src/domain/workbook/tracking-grid';
import { sameValue, type FieldValue, type Values } from '../../src/domain/values';
import type { Role } from '../../src/schema/tracking-file';
import { appContext, weeklyAnswers } from '../support/project';
import { pilotSeason, workbookOf } from '../support/app/pilot-season';

const ROWS = [rowKey('gh-cochin', 'uc1'), rowKey('gh-bichat', 'uc1')];
/** Each slot is a cell one role owns: the ARS's actions and the ANS's remarks. */
const SLOTS: Array<{ columnId: string; role: Role }> = [
  { columnId: 'actions', role: 'ars' },
  { columnId: 'remarks', role: 'ans' },
];

type CellCommand =
  | { kind: 'open'; user: number; row: number; slot: number }
  | { kind: 'save'; user: number; text: string }
  | { kind: 'online'; row: number; slot: number; text: string };

const text = fc.constantFrom('Relancer la DSI', 'Point le 20/06', 'RAS', '', 'Voir avec le GRADeS');
const cellCommand: fc.Arbitrary<CellCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('open' as const),
    user: fc.nat(2),
    row: fc.nat(ROWS.length - 1),
    slot: fc.nat(SLOTS.length - 1),
  }),
  fc.record({ kind: fc.constant('save' as const), user: fc.nat(2), text }),
  fc.record({
    kind: fc.constant('online' as const),
    row: fc.nat(ROWS.length - 1),
    slot: fc.nat(SLOTS.length - 1),
    text,
  }),
);

describe('editCell with the basis its editor showed', () => {
  it('never overwrites a value its user did not see, under any interleaving', () => {
    fc.assert(
      fc.property(fc.array(cellCommand, { minLength: 1, maxLength: 40 }), (commands) => {
        const ctx = appContext();
        const current = (row: number, slot: number): FieldValue =>
          ctx.store.annotations(ROWS[row] ?? '')[SLOTS[slot]?.columnId ?? ''] ?? null;
        const opened = new Map<number, { row: number; slot: number; seen: FieldValue; basis: string }>();
        for (const c of commands) {
          if (c.kind === 'open') {
            const seen = current(c.row, c.slot);
            opened.set(c.user, {
              row: c.row,
              slot: c.slot,
              seen,
              basis: cellBasis(SLOTS[c.slot]?.columnId ?? '', seen),
            });
            continue;
          }
          const form = c.kind === 'save' ? opened.get(c.user) : undefined;
          if (c.kind === 'save' && !form) continue;
          const row = form ? form.row : c.kind === 'online' ? c.row : 0;
          const slot = form ? form.slot : c.kind === 'online' ? c.slot : 0;
          const before = current(row, slot);
          // An online edit is made on the value as it is now (its editor was just opened).
          const basis = form ? form.basis : cellBasis(SLOTS[slot]?.columnId ?? '', before);
          const outcome = editCell(ctx, {
            rowKey: ROWS[row] ?? '',
            columnId: SLOTS[slot]?.columnId ?? '',
            raw: c.text,
            role: SLOTS[slot]?.role ?? 'ars',
            author: form ? `user-${c.kind === 'save' ? c.user : ''}` : 'online',
            source: 'grid',
            basis,
          });
          if (form) opened.delete(c.kind === 'save' ? c.user : -1);
          if (outcome.status === 'saved') {
            expect(sameValue(before, form ? form.seen : before)).toBe(true);
            expect(current(row, slot)).toBe(c.text === '' ? null : c.text);
          } else {
            expect(outcome.status).toBe('stale');
            expect(form && sameValue(before, form.seen)).toBe(false);
            expect(current(row, slot)).toEqual(before);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

type ReportCommand = { kind: 'declare'; step: number } | { kind: 'open' } | { kind: 'correct'; text: string };

const reportCommand: fc.Arbitrary<ReportCommand> = fc.oneof(
  fc.record({ kind: fc.constant('declare' as const), step: fc.nat(3) }),
  fc.record({ kind: fc.constant('open' as const) }),
  fc.record({ kind: fc.constant('correct' as const), text }),
);

describe('correctReport with the basis its form showed', () => {
  const WEEK = '2022-W23';
  const KEY = rowKey('gh-cochin', 'uc1');

  it('never reverts a declaration the ES made after the ARS opened the form', () => {
    fc.assert(
      fc.property(fc.array(reportCommand, { minLength: 1, maxLength: 25 }), (commands) => {
        const ctx = appContext('2022-06-20T10:00:00+02:00');
        let dmpFed = 5;
        let n = 0;
        const declare = () =>
          ingestWeeklyReport(ctx, {
            submissionId: `es-${(n += 1)}`,
            source: 'form',
            author: 'referent@aphp.fr',
            submission: {
              establishmentId: 'gh-cochin',
              useCaseId: 'uc1',
              week: WEEK,
              values: weeklyAnswers({ dmp_fed: dmpFed }, { report_date: dateInWeek(WEEK, 5) }),
            },
          });
        expect(declare().status).toBe('accepted');
        let form: { seen: Values; basis: string } | undefined;
        const reportIds = reportColumns(ctx.project.tracking).map((c) => c.id);
        const sameReport = (a: Values, b: Values) => reportIds.every((id) => sameValue(a[id], b[id]));
        for (const c of commands) {
          const current = ctx.store.reportVersion(KEY, WEEK);
          if (!current) throw new Error('no report');
          if (c.kind === 'declare') {
            dmpFed += c.step;
            expect(declare().status).toBe('accepted');
          } else if (c.kind === 'open') {
            form = { seen: current.values, basis: correctionBasis(ctx, current) };
          } else if (form) {
            // The form posts every value it showed, the one text changed: the case that used to revert counters.
            const outcome = correctReport(ctx, {
              establishmentId: 'gh-cochin',
              useCaseId: 'uc1',
              role: 'ars',
              author: 'binome@ars.fr',
              submissionId: `ars-${(n += 1)}`,
              correction: {
                week: WEEK,
                values: { dmp_fed: String(form.seen.dmp_fed), vigilance_points: c.text },
                reason: 'Précision de la binôme',
              },
              basis: form.basis,
            });
            const after = ctx.store.reportVersion(KEY, WEEK);
            if (outcome.status === 'corrected') {
              // Accepted only on the very values the form showed: nothing it posted can undo a newer one.
              expect(sameReport(current.values, form.seen)).toBe(true);
              expect(after?.values.dmp_fed).toBe(current.values.dmp_fed);
            } else {
              expect(outcome.status).toBe('stale');
              expect(sameReport(current.values, form.seen)).toBe(false);
              expect(after).toEqual(current);
            }
            form = undefined;
          }
        }
        // The ES's last declaration is never undone: the current counter is the last one it declared.
        expect(ctx.store.reportVersion(KEY, WEEK)?.values.dmp_fed).toBe(dmpFed);
      }),
      { numRuns: 150 },
    );
  });
});

describe('import of an exported file, with online edits before and after the export', () => {
  let template: ReturnType<typeof pilotSeason>;
  beforeAll(() => {
    template = pilotSeason();
  });
  const ALL_ROWS = [
    rowKey('gh-cochin', 'uc1'),
    rowKey('gh-bichat', 'uc1'),
    rowKey('clinique-du-parc', 'uc1'),
  ];
  const edit = fc.record({ row: fc.nat(ALL_ROWS.length - 1), text: fc.constantFrom('A', 'B', 'C', 'D') });

  it('never applies a file value over a cell edited online after the export, unless chosen', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        (beforeExport, afterExport, inFile) => {
          const ctx: AppContext = {
            ...template,
            store: new MemoryStore(structuredClone((template.store as MemoryStore).state)),
          };
          const online = (e: { row: number; text: string }) =>
            editCell(ctx, {
              rowKey: ALL_ROWS[e.row] ?? '',
              columnId: 'actions',
              raw: `en ligne ${e.text}`,
              role: 'ars',
              author: 'collegue@ars.fr',
              source: 'grid',
            });
          beforeExport.forEach(online);
          const model = workbookOf(ctx);
          // Only an edit that changed the value is one the import could lose (typing the same value changes nothing).
          const editedAfter = new Map<string, string>();
          for (const e of afterExport) {
            const outcome = online(e);
            if (outcome.status === 'saved' && outcome.change) editedAfter.set(ALL_ROWS[e.row] ?? '', e.text);
          }
          const suivi = model.sheets.find((s) => s.name === 'Suivi');
          if (!suivi) throw new Error('no Suivi');
          const grid = {
            name: 'Suivi',
            rows: [...suivi.header, ...suivi.rows].map((r) =>
              r.map((c): GridCell =>
                c === null ? null : c.t === 'dt' ? { t: 'dt', v: c.v.slice(0, 16) } : c,
              ),
            ),
          };
          const actionsCol = columnIndex(ctx.project.tracking).get('actions') ?? -1;
          for (const e of inFile) {
            const row = grid.rows.find((r) => r.some((c) => c?.t === 's' && c.v === ALL_ROWS[e.row]));
            if (row) row[actionsCol] = { t: 's', v: `hors ligne ${e.text}` };
          }
          const read = readTrackingGrid(ctx.project.tracking, [grid]);
          if (!read.ok) throw new Error('unreadable');
          const onlineNow = new Map(ALL_ROWS.map((k) => [k, ctx.store.annotations(k).actions ?? null]));
          const preview = previewImport(ctx, 'ars', { ...read.file, exportBasis: model.exportBasis });
          applyImport(ctx, 'ars', 'binome@ars.fr', preview);
          for (const key of ALL_ROWS) {
            const value = ctx.store.annotations(key).actions ?? null;
            if (editedAfter.has(key)) expect(value).toBe(onlineNow.get(key));
            else {
              const last = [...inFile].reverse().find((e) => ALL_ROWS[e.row] === key);
              if (last) expect(value).toBe(`hors ligne ${last.text}`);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
