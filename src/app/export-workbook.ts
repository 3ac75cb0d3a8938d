// The master workbook of a store's current data, for every renderer that exports it (the local .xlsx download and
// CLI, benchmarks): reads the store once and hands the pure workbook model everything it draws.
import { rowKey, type RowKey } from '../domain/model';
import { buildWorkbook } from '../domain/workbook/workbook';
import type { EstablishmentLinks } from '../domain/workbook/registry-sheet';
import type { WorkbookModel } from '../domain/workbook/sheet-model';
import type { Values } from '../domain/values';
import { calendarOf, type AppContext } from './context';

export function exportWorkbook(
  ctx: AppContext,
  links: ReadonlyMap<string, EstablishmentLinks> = new Map(),
): WorkbookModel {
  // Counted first: a change landing while the rest is read is then counted as after the export (set apart by the
  // import), never as in the file when it may not be.
  const exportBasis = { cellChanges: ctx.store.listCellChanges().length, at: ctx.clock.now().toISOString() };
  const establishments = ctx.store.listEstablishments();
  const annotations = new Map<RowKey, Values>();
  for (const e of establishments)
    for (const u of e.useCases)
      annotations.set(rowKey(e.id, u.id), ctx.store.annotations(rowKey(e.id, u.id)));
  const model = buildWorkbook({
    tracking: ctx.project.tracking,
    config: ctx.project.config,
    calendar: calendarOf(ctx),
    departmentCodes: ctx.project.departments.map((d) => d.code),
    establishments,
    versions: ctx.store.listReportVersions(),
    annotations,
    journal: ctx.store.listJournal(),
    links,
    now: ctx.clock.now(),
  });
  return { ...model, exportBasis };
}
