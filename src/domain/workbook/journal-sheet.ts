// Journal: every ingestion, refusal, change and action. Hidden. Pure: also runs inside Apps Script.
import { JOURNAL_KIND_LABELS, type JournalEntry } from '../model';
import { text, type Cell } from './cells';
import { HEADER_GREY, SHEET_NAMES, type SheetModel } from './sheet-model';

export const JOURNAL_COLUMNS = [
  { key: 'at', label: 'Horodatage', width: 140 },
  { key: 'kind', label: 'Type', width: 140 },
  { key: 'actor', label: 'Acteur', width: 200 },
  { key: 'role', label: 'Rôle', width: 60 },
  { key: 'target', label: 'Cible', width: 200 },
  { key: 'summary', label: 'Résumé', width: 500 },
  { key: 'details', label: 'Détails', width: 300 },
] as const;

export function journalRowCells(entry: JournalEntry): Cell[] {
  return [
    { t: 'dt', v: entry.at },
    text(JOURNAL_KIND_LABELS[entry.kind]),
    text(entry.actor),
    text(entry.role),
    text(entry.target ?? ''),
    text(entry.summary),
    text(entry.details ?? ''),
  ];
}

export function journalSheet(entries: readonly JournalEntry[]): SheetModel {
  return {
    name: SHEET_NAMES.journal,
    columns: JOURNAL_COLUMNS.map((c) => ({
      key: c.key,
      width: c.width,
      hidden: false,
      owner: null,
      format: c.key === 'at' ? ('datetime' as const) : ('text' as const),
    })),
    header: [JOURNAL_COLUMNS.map((c) => text(c.label))],
    rows: entries.map(journalRowCells),
    merges: [],
    styles: [
      {
        rect: { row: 0, col: 0, rows: 1, cols: JOURNAL_COLUMNS.length },
        style: { bold: true, fill: HEADER_GREY },
      },
    ],
    frozen: { rows: 1, columns: 0 },
    validations: [],
    hidden: true,
    charts: [],
    editableBy: {},
  };
}
