// What a person types in the accompaniment tabs, through the core's use cases (src/app/accompaniment.ts), as the
// ARS columns of Suivi are: only the ARS (or the owner) may write there — the protections stop everyone else, and
// an edit that gets past them anyway (a protection removed by hand, an editor the configuration gives another role)
// is put back and journaled. « Points de suivi »: a blank row is a point being written, recorded when « Enregistrer »
// is chosen (recordPoint validates it: a refusal leaves the row, clears the choice and says why in « État »); a
// recorded row cannot be changed (it is written back). « Actions de suivi »: the status (with the comment beside
// it) goes through changeActionStatus from the version the row shows; any other cell is written back.
// « Binômes »: a row is a binôme (saveBinome), its last column the establishments it follows (assignBinome).
import {
  assignBinome,
  changeActionStatus,
  recordPoint,
  saveBinome,
  saveCommitteeText,
} from '../app/accompaniment';
import {
  ACTION_OWNER_LABELS,
  ACTION_STATUS_LABELS,
  currentAssignments,
  type AccompanimentError,
  type ActionStatus,
  type RawAction,
} from '../domain/accompaniment';
import { frSheetEdits } from '../domain/messages';
import { establishmentName } from '../domain/model';
import type { GasEditEvent, GasSheet } from './gas-api';
import {
  accompanimentContext,
  ACTION_COLUMNS,
  ACTIONS_HEADER,
  ACTIONS_SHEET,
  BINOMES_HEADER,
  BINOMES_SHEET,
  COMMITTEE_COLUMNS,
  COMMITTEES_HEADER,
  COMMITTEES_SHEET,
  POINT_COLUMNS,
  POINTS_HEADER,
  POINTS_SHEET,
  RECORD_CHOICE,
  renderAccompanimentTabs,
  renderActions,
  renderBinomes,
  renderCommittees,
  syncPoints,
} from './accompaniment-tabs';
import type { SheetAccompanimentStore } from './accompaniment-store';
import type { Runtime } from './runtime';
import { syncBinomeFilterViews } from './binome-filter-views';
import { syncBinomeColumn } from './binome-column';

export const ACCOMPANIMENT_SHEETS: readonly string[] = [
  BINOMES_SHEET,
  POINTS_SHEET,
  ACTIONS_SHEET,
  COMMITTEES_SHEET,
];

/**
 * The role an editor of the accompaniment tabs acts in. Google gives no e-mail for someone outside the script
 * owner's Workspace domain: such an edit got past the protections, which let only the owner and the ARS through.
 */
export function accompanimentRole(rt: Runtime, email: string): 'ars' | 'ans' | 'other' {
  const roles = rt.project.config.roles;
  if (email === '' || roles.ars.includes(email)) return 'ars';
  if (email === rt.services.Session.getEffectiveUser().getEmail()) return 'ars';
  if (roles.ans.includes(email)) return 'ans';
  return 'other';
}

function journalPutBack(rt: Runtime, author: string, sheet: string, a1: string, why: string): void {
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'reconcile',
      actor: 'suivi-mes',
      role: 'system',
      target: `${sheet}!${a1}`,
      summary: `Modification de « ${sheet} » (${a1}) par ${author} annulée : ${why}`,
    }),
  );
}

/** The refusals of one edit of a row block, if any: journaled as put back, and shown to the editor. */
function reportRefusals(
  rt: Runtime,
  author: string,
  sheet: string,
  top: number,
  refusals: readonly string[],
): void {
  if (refusals.length === 0) return;
  journalPutBack(rt, author, sheet, `A${top}`, refusals.join(' '));
  rt.notify(`Modification annulée :\n${refusals.join('\n')}`);
}

const messages = (errors: readonly AccompanimentError[]) => errors.map((e) => e.message).join('\n');

/** « ES ; Former deux secrétaires ; 21/06/2022 », one per line. The owner is read by its label or its id. */
export function parseActionLines(text: string): RawAction[] {
  const owners = new Map<string, string>();
  for (const [id, label] of Object.entries(ACTION_OWNER_LABELS)) {
    owners.set(id, id);
    owners.set(label.toLowerCase(), id);
  }
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [owner = '', body = '', due = ''] = line.split(';').map((s) => s.trim());
      return { owner: owners.get(owner.toLowerCase()) ?? owner, text: body, dueDate: due };
    });
}

/** Handles an edit of an accompaniment tab; false when the tab is not one of them. The caller holds the lock. */
export function handleAccompanimentEdit(rt: Runtime, event: GasEditEvent): boolean {
  const range = event.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (!ACCOMPANIMENT_SHEETS.includes(name)) return false;
  const email = event.user?.getEmail() ?? '';
  const author = email === '' ? frSheetEdits.unknownAuthor : email;
  const ctx = accompanimentContext(rt);
  const role = accompanimentRole(rt, email);
  const top = Math.max(range.getRow(), 2);
  const bottom = range.getRow() + range.getNumRows() - 1;
  if (role !== 'ars') {
    putBackRows(rt, ctx.accompaniment, sheet, top, bottom, range, event);
    journalPutBack(
      rt,
      author,
      name,
      range.getA1Notation(),
      'seuls l’ARS et le propriétaire écrivent dans cet onglet.',
    );
    rt.notify(`Modification annulée : seuls l’ARS et le propriétaire écrivent dans « ${name} ».`);
    return true;
  }
  if (bottom < top) return true;
  const edit: TabEdit = { rt, ctx, sheet, top, bottom, author };
  if (name === POINTS_SHEET) pointsEdit(edit);
  else if (name === ACTIONS_SHEET) actionsEdit(edit, range.getColumn());
  else if (name === COMMITTEES_SHEET) committeesEdit(edit);
  else binomesEdit(edit);
  return true;
}

/** Writes back what the store says; a row of a point still being written loses what was typed. */
function putBackRows(
  rt: Runtime,
  store: SheetAccompanimentStore,
  sheet: GasSheet,
  top: number,
  bottom: number,
  range: GasEditEvent['range'],
  event: GasEditEvent,
): void {
  if (sheet.getName() === POINTS_SHEET) {
    const ids = sheet.getRange(top, POINT_COLUMNS.id, bottom - top + 1, 1).getDisplayValues();
    const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
    if (ids.every((r) => (r[0] ?? '') === '')) {
      if (single) range.setValue(event.oldValue ?? '');
      else range.clearContent();
      return;
    }
    if (single && (ids[0]?.[0] ?? '') === '') range.setValue(event.oldValue ?? '');
    syncPoints(rt, store);
    return;
  }
  renderAccompanimentTabs(rt, store);
}

function pointsEdit({ rt, ctx, sheet, top, bottom, author }: TabEdit): void {
  const width = POINTS_HEADER.length;
  const rows = sheet.getRange(top, 1, bottom - top + 1, width).getDisplayValues();
  let recordedAny = false;
  rows.forEach((cells, i) => {
    const row = top + i;
    const cell = (col: number) => (cells[col - 1] ?? '').trim();
    if (cell(POINT_COLUMNS.id) !== '') {
      // A recorded point is not rewritten: the row is written back from the store.
      journalPutBack(rt, author, POINTS_SHEET, `A${row}`, 'un point enregistré ne se modifie pas.');
      recordedAny = true;
      return;
    }
    if (cell(POINT_COLUMNS.record) !== RECORD_CHOICE) return;
    const typed = cell(POINT_COLUMNS.establishment);
    const establishment = rt.store
      .listEstablishments()
      .find((e) => e.id === typed || establishmentName(e).toLowerCase() === typed.toLowerCase());
    const outcome = establishment
      ? ctx.accompaniment.batch(() =>
          recordPoint(ctx, {
            establishmentId: establishment.id,
            raw: {
              date: cell(POINT_COLUMNS.date),
              participants: cell(POINT_COLUMNS.participants),
              summary: cells[POINT_COLUMNS.summary - 1] ?? '',
              decisions: cells[POINT_COLUMNS.decisions - 1] ?? '',
              nextDate: cell(POINT_COLUMNS.nextDate),
              actions: parseActionLines(cells[POINT_COLUMNS.actions - 1] ?? ''),
            },
            author,
          }),
        )
      : ({
          status: 'refused',
          errors: [{ field: 'establishment', message: `Établissement inconnu : « ${typed} ».` }],
        } as const);
    if (outcome.status === 'saved') {
      sheet.getRange(row, POINT_COLUMNS.id, 1, 1).setValue(outcome.point.id);
      recordedAny = true;
      return;
    }
    const why = messages(outcome.errors);
    sheet.getRange(row, POINT_COLUMNS.record, 1, 2).setValues([['', `Non enregistré :\n${why}`]]);
    rt.store.transaction(() =>
      rt.store.appendJournal({
        at: rt.clock.now().toISOString(),
        kind: 'accompaniment',
        actor: author,
        role: 'ars',
        target: `${POINTS_SHEET}!A${row}`,
        summary: `Point de suivi refusé : ${why}`,
      }),
    );
    rt.notify(`Point de suivi non enregistré :\n${why}`);
  });
  if (recordedAny) {
    syncPoints(rt, ctx.accompaniment);
    renderActions(rt, ctx.accompaniment);
  }
}

/** One edit of an accompaniment tab by the ARS: the block of rows it covers, and who made it. */
interface TabEdit {
  rt: Runtime;
  ctx: ReturnType<typeof accompanimentContext>;
  sheet: GasSheet;
  top: number;
  bottom: number;
  author: string;
}

/**
 * The shape the « Actions », « Binômes » and « Comités » edits share: each row of the block read once and passed
 * through the core (`eachRow` says why a row was refused, if it was), then the tab drawn again from the store — a
 * refused row goes back to what was saved — and the refusals journaled and shown.
 */
function editRows(
  edit: TabEdit,
  tab: { name: string; width: number },
  eachRow: (cells: string[], refuse: (why: string) => void) => void,
  redraw: () => void,
): void {
  const rows = edit.sheet.getRange(edit.top, 1, edit.bottom - edit.top + 1, tab.width).getDisplayValues();
  const refusals: string[] = [];
  rows.forEach((cells) => eachRow(cells, (why) => refusals.push(why)));
  redraw();
  reportRefusals(edit.rt, edit.author, tab.name, edit.top, refusals);
}

function actionsEdit(edit: TabEdit, left: number): void {
  const { rt, ctx, author } = edit;
  // A comment alone waits for the status it explains; any other column is drawn from the store.
  if (left === ACTION_COLUMNS.comment && edit.bottom === edit.top) return;
  const statusOf = new Map(
    Object.entries(ACTION_STATUS_LABELS).map(([id, label]) => [label, id as ActionStatus]),
  );
  editRows(
    edit,
    { name: ACTIONS_SHEET, width: ACTIONS_HEADER.length },
    (cells, refuse) => {
      const id = cells[ACTION_COLUMNS.id - 1] ?? '';
      const status = statusOf.get((cells[ACTION_COLUMNS.status - 1] ?? '').trim());
      const action = ctx.accompaniment.listActions().find((a) => a.id === id);
      if (!action || !status || status === action.status) return;
      const outcome = changeActionStatus(ctx, {
        actionId: id,
        status,
        comment: cells[ACTION_COLUMNS.comment - 1] ?? '',
        role: 'ars',
        author,
        baseVersion: Number(cells[ACTION_COLUMNS.version - 1]),
      });
      if (outcome.status === 'refused') refuse(`« ${action.text} » : ${messages(outcome.errors)}`);
    },
    () => {
      renderActions(rt, ctx.accompaniment);
      syncPoints(rt, ctx.accompaniment);
    },
  );
}

function binomesEdit(edit: TabEdit): void {
  const { rt, ctx, author } = edit;
  editRows(
    edit,
    { name: BINOMES_SHEET, width: BINOMES_HEADER.length },
    (cells, refuse) => {
      const [
        id = '',
        label = '',
        arsName = '',
        arsEmail = '',
        sesanName = '',
        sesanEmail = '',
        followed = '',
        arsPhone = '',
        sesanPhone = '',
      ] = cells.map((c) => c.trim());
      if (cells.every((c) => c.trim() === '')) return;
      const saved = saveBinome(ctx, {
        form: { id, label, arsName, arsEmail, sesanName, sesanEmail, arsPhone, sesanPhone },
        author,
      });
      if (saved.status === 'refused') {
        refuse(messages(saved.errors));
        return;
      }
      const wanted = new Set(
        followed
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      );
      const current = currentAssignments(ctx.accompaniment.listAssignments());
      for (const e of wanted) {
        const outcome = assignBinome(ctx, { establishmentId: e, binomeId: saved.binome.id, author });
        if (outcome.status === 'refused') refuse(`« ${e} » : ${messages(outcome.errors)}`);
      }
      for (const [e, b] of current)
        if (b === saved.binome.id && !wanted.has(e))
          assignBinome(ctx, { establishmentId: e, binomeId: null, author });
    },
    () => {
      renderBinomes(rt, ctx.accompaniment);
      syncBinomeFilterViews(rt, ctx.accompaniment);
      syncBinomeColumn(rt, ctx.accompaniment);
    },
  );
}

/** « Comités »: the « décisions à prendre » of a month, saved through the core; a refusal is put back. */
function committeesEdit(edit: TabEdit): void {
  const { rt, ctx, author } = edit;
  const latest = new Map(ctx.accompaniment.listCommitteeTexts().map((t) => [t.month, t.text]));
  editRows(
    edit,
    { name: COMMITTEES_SHEET, width: COMMITTEES_HEADER.length },
    (cells, refuse) => {
      const month = (cells[COMMITTEE_COLUMNS.month - 1] ?? '').trim();
      const text = (cells[COMMITTEE_COLUMNS.text - 1] ?? '').replace(/\r\n?/g, '\n').trim();
      if (month === '' || text === (latest.get(month) ?? '')) return;
      const outcome = saveCommitteeText(ctx, { month, text, author });
      if (outcome.status === 'refused') refuse(`${month} : ${messages(outcome.errors)}`);
    },
    () => renderCommittees(rt, ctx.accompaniment),
  );
}
