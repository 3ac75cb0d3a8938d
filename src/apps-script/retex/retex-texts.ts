// The « Textes RETEX » tab: where the ARS / SESAN writes its own text for each section of each RETEX document
// (one row per document × section, its prompt beside it). A text typed in column D is saved through the core's
// saveRetexSectionText (refused when too long or when it looks like patient data: the cell is then put back and
// column E says why), kept with its history in the RETEX store, and used by every later build, V1 and VF alike.
// The tab is rewritten from the documents and the saved texts at install and before each build, after saving any
// text that differs from the one saved (an edit whose trigger did not run) the same way.
import { saveRetexSectionText } from '../../app/build-retex';
import { frSheetEdits, retexFr } from '../../domain/messages';
import { formatParisDateTime } from '../../domain/paris-time';
import { CROSS_CUTTING_KEY, groupUseCases } from '../../domain/retex/groups';
import type { RetexSectionText } from '../../domain/retex/document';
import { arsSections, type RetexTemplates } from '../../domain/retex/template';
import { forceTextForSheets } from '../../domain/workbook/cell-text';
import { textOf } from '../cells';
import type { GasEditEvent, GasSheet } from '../gas-api';
import type { SheetRetexStore } from './retex-store';
import type { Runtime } from '../runtime';
import { frAppsScript } from '../messages';

export const RETEX_TEXTS_SHEET = frAppsScript.retexTextsSheet;
export const RETEX_TEXTS_WIDTH = frAppsScript.retexTextsHeader.length;
/** 1-based columns of the tab. */
export const TEXT_COLUMNS = { document: 1, section: 2, prompt: 3, text: 4, status: 5, key: 6, sectionId: 7 };

interface TextRow {
  row: number;
  documentKey: string;
  sectionId: string;
  text: string;
}

const keyOf = (documentKey: string, sectionId: string) => `${documentKey}\u0000${sectionId}`;

function readRows(sheet: GasSheet): TextRow[] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet
    .getRange(2, 1, last - 1, RETEX_TEXTS_WIDTH)
    .getValues()
    .map((cells, i) => ({
      row: i + 2,
      documentKey: textOf(cells[TEXT_COLUMNS.key - 1]),
      sectionId: textOf(cells[TEXT_COLUMNS.sectionId - 1]),
      text: textOf(cells[TEXT_COLUMNS.text - 1]),
    }))
    .filter((r) => r.documentKey !== '');
}

/** The text in force for each document and section (the latest saved). */
function latestTexts(retex: SheetRetexStore): Map<string, RetexSectionText> {
  const out = new Map<string, RetexSectionText>();
  for (const t of retex.listSectionTexts()) {
    const key = keyOf(t.documentKey, t.sectionId);
    const seen = out.get(key);
    if (!seen || t.at >= seen.at) out.set(key, t);
  }
  return out;
}

function savedStatus(text: RetexSectionText): string {
  return frAppsScript.retexTextSaved(formatParisDateTime(new Date(text.at)), text.author);
}

/**
 * Rewrites the tab: one row per document × section of the current documents, with the text in force; then the
 * texts of documents that no longer exist (a pathway confirmed since), kept and marked. Texts typed but not yet
 * saved are saved first (reconcileRetexTexts), so nothing typed is lost. Returns the number of rows.
 */
export function syncRetexTexts(rt: Runtime, templates: RetexTemplates, retex: SheetRetexStore): number {
  reconcileRetexTexts(rt, templates, retex);
  const sheet = rt.store.sheet(RETEX_TEXTS_SHEET);
  const latest = latestTexts(retex);
  const documents = [
    ...groupUseCases(rt.store.listEstablishments()).map((g) => ({
      key: g.key,
      title: g.title,
      description: templates.useCase,
    })),
    { key: CROSS_CUTTING_KEY, title: retexFr.crossCuttingTitle, description: templates.crossCutting },
  ];
  const listed = new Set<string>();
  const rows = documents.flatMap((d) =>
    arsSections(d.description).map((s) => {
      listed.add(keyOf(d.key, s.id));
      const saved = latest.get(keyOf(d.key, s.id));
      return [d.title, s.title, s.prompt, saved?.text ?? '', saved ? savedStatus(saved) : '', d.key, s.id];
    }),
  );
  const sections = [...arsSections(templates.useCase), ...arsSections(templates.crossCutting)];
  for (const [key, saved] of latest)
    if (!listed.has(key) && saved.text !== '')
      rows.push([
        saved.documentKey,
        sections.find((s) => s.id === saved.sectionId)?.title ?? saved.sectionId,
        '',
        saved.text,
        frAppsScript.retexTextOrphan,
        saved.documentKey,
        saved.sectionId,
      ]);
  const before = sheet.getLastRow();
  const needed = rows.length + 1;
  const max = sheet.getMaxRows();
  if (needed > max) sheet.insertRowsAfter(max, needed - max);
  if (rows.length > 0)
    sheet
      .getRange(2, 1, rows.length, RETEX_TEXTS_WIDTH)
      .setValues(rows.map((r) => r.map(forceTextForSheets)));
  if (before > needed) sheet.getRange(needed + 1, 1, before - needed, RETEX_TEXTS_WIDTH).clearContent();
  return rows.length;
}

/** Whether an editor may write ARS texts: a configured ARS officer, the script's owner, or a hidden e-mail. */
function mayWrite(rt: Runtime, email: string): boolean {
  return (
    email === '' ||
    rt.project.config.roles.ars.includes(email) ||
    email === rt.services.Session.getEffectiveUser().getEmail()
  );
}

/** Saves one row's text; on refusal puts the saved text back. Writes the row's status; returns it. */
function saveRow(
  rt: Runtime,
  sheet: GasSheet,
  templates: RetexTemplates,
  retex: SheetRetexStore,
  row: TextRow,
  email: string,
  author: string,
): { saved: boolean; status: string } {
  const previous = latestTexts(retex).get(keyOf(row.documentKey, row.sectionId))?.text ?? '';
  const revert = () =>
    sheet.getRange(row.row, TEXT_COLUMNS.text, 1, 1).setValue(forceTextForSheets(previous));
  let result: { saved: boolean; status: string };
  if (!mayWrite(rt, email)) {
    revert();
    result = { saved: false, status: frAppsScript.retexTextRoleRefused(author) };
  } else {
    const outcome = saveRetexSectionText(rt, retex, templates, {
      documentKey: row.documentKey,
      sectionId: row.sectionId,
      text: row.text,
      author,
    });
    if (outcome.status === 'saved') result = { saved: true, status: savedStatus(outcome.text) };
    else {
      revert();
      result = {
        saved: false,
        status: frAppsScript.retexTextRefused(outcome.errors.map((e) => e.message).join(' ')),
      };
    }
  }
  if (!result.saved)
    rt.store.transaction(() =>
      rt.store.appendJournal({
        at: rt.clock.now().toISOString(),
        kind: 'retex',
        actor: author,
        role: 'ars',
        target: `${row.documentKey} ${row.sectionId}`,
        summary: result.status,
      }),
    );
  sheet.getRange(row.row, TEXT_COLUMNS.status, 1, 1).setValue(forceTextForSheets(result.status));
  return result;
}

/** handleEdit on the « Textes RETEX » tab. The caller holds the script lock. */
export function handleRetexTextsEdit(
  rt: Runtime,
  event: GasEditEvent,
  templates: RetexTemplates,
  retex: SheetRetexStore,
): void {
  const range = event.range;
  const left = range.getColumn();
  if (left > TEXT_COLUMNS.text || left + range.getNumColumns() - 1 < TEXT_COLUMNS.text) return;
  const sheet = range.getSheet();
  const email = event.user?.getEmail() ?? '';
  const author = email === '' ? frSheetEdits.unknownAuthor : email;
  const top = Math.max(range.getRow(), 2);
  const bottom = range.getRow() + range.getNumRows() - 1;
  if (bottom < top) return;
  const values = sheet.getRange(top, 1, bottom - top + 1, RETEX_TEXTS_WIDTH).getValues();
  values.forEach((cells, i) => {
    const documentKey = textOf(cells[TEXT_COLUMNS.key - 1]);
    if (documentKey === '') return;
    // The cell as stored, not e.value (documented only as « the new cell value »; see edits.ts).
    const typed = textOf(cells[TEXT_COLUMNS.text - 1]);
    const row: TextRow = {
      row: top + i,
      documentKey,
      sectionId: textOf(cells[TEXT_COLUMNS.sectionId - 1]),
      text: typed,
    };
    const { saved, status } = saveRow(rt, sheet, templates, retex, row, email, author);
    if (!saved) rt.notify(status);
  });
}

/** Saves the texts of the tab that differ from the ones saved (edits whose trigger did not run). */
export function reconcileRetexTexts(rt: Runtime, templates: RetexTemplates, retex: SheetRetexStore): number {
  const sheet = rt.store.sheet(RETEX_TEXTS_SHEET);
  const latest = latestTexts(retex);
  let saved = 0;
  for (const row of readRows(sheet)) {
    const text = row.text.replace(/\r\n?/g, '\n');
    if (text === (latest.get(keyOf(row.documentKey, row.sectionId))?.text ?? '')) continue;
    if (saveRow(rt, sheet, templates, retex, row, '', frAppsScript.retexReconciliationAuthor).saved)
      saved += 1;
  }
  return saved;
}
