// The Synthèse tab, computed by the core from the rows' ledgers (never from Historique). When its layout is the
// one last drawn — same rows, styles and chart — a refresh is ONE setValues; otherwise (a new week, a new
// establishment) it is redrawn whole. Completeness colours are conditional-format rules keyed on the status
// text, so a values-only refresh keeps them right.
import { COMPLETENESS_LABELS, type Completeness } from '../domain/calendar';
import { COMPLETENESS_COLORS, synthesisSheet } from '../domain/workbook/synthesis-sheet';
import { synthesisFromLedgers } from '../domain/workbook/workbook';
import type { SheetModel } from '../domain/workbook/sheet-model';
import type { Runtime } from './runtime';
import { drawSheet } from './sheet-renderer';
import { sendSheetsBatch } from './sheets-batch';
import { SYNTHESIS } from './workbook-geometry';

export function synthesisModel(rt: Runtime): SheetModel {
  const now = rt.clock.now();
  const { summary, grid } = synthesisFromLedgers(
    rt.project.tracking,
    rt.calendar,
    rt.store.listEstablishments(),
    rt.store.ledgers(),
    now,
  );
  return synthesisSheet({ tracking: rt.project.tracking, summary, grid, now });
}

const STATUS_FILLS = new Set(Object.values(COMPLETENESS_COLORS));

/**
 * What a values-only refresh cannot change: size, styles, merges, charts. Status cells (whose fill is one of the
 * completeness colours) only count by number: their colour follows their text through the conditional rules.
 */
export function layoutFingerprint(model: SheetModel): string {
  const isStatus = (fill: string | undefined) => fill !== undefined && STATUS_FILLS.has(fill);
  const styles = model.styles.filter(({ style }) => !isStatus(style.fill));
  const statusCells = model.styles.length - styles.length;
  const text = JSON.stringify([
    model.rows.length,
    model.columns.length,
    statusCells,
    styles,
    model.merges,
    model.charts,
    model.frozen,
  ]);
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return `${h.toString(36)}.${text.length.toString(36)}`;
}

/** Refreshes Synthèse; `full` forces a redraw. Returns what it did. */
export function refreshSynthesis(rt: Runtime, full = false): 'values' | 'redrawn' {
  const model = synthesisModel(rt);
  const layout = layoutFingerprint(model);
  const sheet = rt.store.sheet(SYNTHESIS);
  if (!full && rt.store.meta().synthesisLayout === layout && model.rows.length > 0) {
    // Through the store: inside an ingestion's transaction, in the same write as the report.
    rt.store.writeCells(SYNTHESIS, 1, 1, model.rows);
    return 'values';
  }
  rt.store.noteDirectWrites();
  sheet.clear();
  sendSheetsBatch(rt.services, rt.master.getId(), drawSheet(sheet, model));
  const whole = sheet.getRange(1, 1, Math.max(model.rows.length, 1), model.columns.length);
  sheet.setConditionalFormatRules(
    (Object.keys(COMPLETENESS_LABELS) as Completeness[]).map((status) =>
      rt.services.SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo(COMPLETENESS_LABELS[status])
        .setBackground(COMPLETENESS_COLORS[status])
        .setRanges([whole])
        .build(),
    ),
  );
  rt.store.setSynthesisLayout(layout);
  return 'redrawn';
}
