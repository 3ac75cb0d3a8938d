// The forms a workbook's Suivi records hold (`forms.weekly|initialisation` of each row's record, stored-json.ts), read
// from the fake as either runtime reads them: one per establishment and kind; and how to turn a workbook back into
// one an older version of the REST runtime wrote (forms, cursors and shares in « Données »).
import {
  choicesOf,
  parseMeta,
  parseRowRecord,
  serializeRowRecord,
  type FormKind,
  type FormMeta,
  type Share,
} from '../../../src/google/stored-json';
import { META_ROW, suiviHiddenColumns } from '../../../src/google/workbook-layout';
import { SUIVI_HEADER_ROWS } from '../../../src/domain/workbook/suivi-sheet';
import { defaultProject } from '../project';
import type { FakeWorkspace } from './fake-workspace';

export interface StoredForm {
  kind: FormKind;
  establishmentId: string;
  meta: FormMeta;
}

export function storedForms(fake: FakeWorkspace, spreadsheetId: string): StoredForm[] {
  const { recordCol } = suiviHiddenColumns(defaultProject().tracking);
  const out = new Map<string, StoredForm>();
  fake
    .values(spreadsheetId, 'Suivi')
    .slice(SUIVI_HEADER_ROWS)
    .forEach((row, i) => {
      const json = row[recordCol - 1];
      if (typeof json !== 'string' || json === '') return;
      const record = parseRowRecord(json, `Suivi row ${SUIVI_HEADER_ROWS + i + 1}`);
      for (const kind of ['weekly', 'initialisation'] as const) {
        const meta = record.forms?.[kind];
        const establishmentId = record.establishment.id;
        if (meta && !out.has(`${kind}:${establishmentId}`))
          out.set(`${kind}:${establishmentId}`, { kind, establishmentId, meta });
      }
    });
  return [...out.values()];
}

/** The stored form of an establishment, or a thrown error naming what is missing. */
export function storedForm(
  fake: FakeWorkspace,
  spreadsheetId: string,
  establishmentId: string,
  kind: FormKind = 'weekly',
): FormMeta {
  const found = storedForms(fake, spreadsheetId).find(
    (f) => f.kind === kind && f.establishmentId === establishmentId,
  );
  if (!found) throw new Error(`no ${kind} form for ${establishmentId}`);
  return found.meta;
}

/**
 * Turns a workbook installed by this version into one an older version of the REST runtime wrote: each form and its
 * cursor as rows of « Données » (kinds `form` and `cursor`, record fields named `name[i].field`), none in Suivi's
 * records. `keep` edits each legacy form record before it is written (e.g. to drop what even older versions lacked).
 */
export function toOlderFormLayout(
  fake: FakeWorkspace,
  spreadsheetId: string,
  keep: (record: Record<string, unknown>) => Record<string, unknown> = (r) => r,
): void {
  const forms = storedForms(fake, spreadsheetId);
  const { recordCol } = suiviHiddenColumns(defaultProject().tracking);
  const sheets = fake.spreadsheet(spreadsheetId).sheets;
  const suivi = sheets.find((s) => s.properties.title === 'Suivi')!;
  suivi.cells.forEach((row, i) => {
    const json = row[recordCol - 1];
    if (i < SUIVI_HEADER_ROWS || typeof json !== 'string' || json === '') return;
    const record = parseRowRecord(json, 'Suivi');
    delete record.forms;
    suivi.setCell(i, recordCol - 1, serializeRowRecord(record));
  });
  const data = sheets.find((s) => s.properties.title === 'Données')!;
  for (const { kind, establishmentId, meta } of forms) {
    const questions: Record<string, string> = {};
    const choices: Record<string, Record<string, string>> = {};
    const items: Record<string, { itemId: string; index: number; description: string }> = {};
    let weekItem: { itemId: string; index: number; questionId: string } | undefined;
    for (const [key, q] of Object.entries(meta.api?.questions ?? {})) {
      questions[q.questionId] = key.replace(/^(.+)#(\d+)\.([a-z][a-z0-9_]*)$/, '$1[$2].$3');
      const labels = choicesOf(q);
      if (labels) choices[q.questionId] = labels;
      if (q.itemId !== undefined && q.index !== undefined)
        items[q.questionId] = {
          itemId: q.itemId,
          index: q.index,
          description: fake.form(meta.id).items[q.index]?.description ?? '',
        };
      if (key === 'week' && q.itemId !== undefined && q.index !== undefined)
        weekItem = { itemId: q.itemId, index: q.index, questionId: q.questionId };
    }
    const record = keep({
      form: kind,
      establishmentId,
      formId: meta.id,
      responderUri: meta.url,
      questions,
      choices,
      ...(weekItem ? { weekItem } : {}),
      items,
    });
    data.appendRow(['form', `${kind}:${establishmentId}`, JSON.stringify(record)]);
    if (meta.api?.since)
      data.appendRow(['cursor', meta.id, JSON.stringify({ formId: meta.id, since: meta.api.since })]);
  }
}

/** Moves every form's read cursor back to the start, as if its last move had been lost: its responses come again. */
export function rewindCursors(fake: FakeWorkspace, spreadsheetId: string): void {
  const { recordCol } = suiviHiddenColumns(defaultProject().tracking);
  const suivi = fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === 'Suivi')!;
  suivi.cells.forEach((row, i) => {
    const json = row[recordCol - 1];
    if (i < SUIVI_HEADER_ROWS || typeof json !== 'string' || json === '') return;
    const record = parseRowRecord(json, 'Suivi');
    for (const meta of [record.forms?.weekly, record.forms?.initialisation]) delete meta?.api?.since;
    suivi.setCell(i, recordCol - 1, serializeRowRecord(record));
  });
}

/**
 * Moves the accesses suivi-mes granted from the meta cell back to « Données » (kind `share`), as an older version kept
 * them; `rows: false` drops them altogether (a workbook installed before suivi-mes kept them).
 */
export function toOlderShareLayout(fake: FakeWorkspace, spreadsheetId: string, rows = true): Share[] {
  const { recordCol } = suiviHiddenColumns(defaultProject().tracking);
  const sheets = fake.spreadsheet(spreadsheetId).sheets;
  const suivi = sheets.find((s) => s.properties.title === 'Suivi')!;
  const metaRow = suivi.cells[META_ROW - 1]!;
  const meta = parseMeta(String(metaRow[recordCol - 1] ?? ''), 'meta');
  const shares = meta.shares ?? [];
  delete meta.shares;
  suivi.setCell(META_ROW - 1, recordCol - 1, JSON.stringify(meta));
  const data = sheets.find((s) => s.properties.title === 'Données')!;
  if (rows)
    for (const share of shares)
      data.appendRow(['share', `${share.fileId}|${share.email}`, JSON.stringify(share)]);
  return shares;
}
